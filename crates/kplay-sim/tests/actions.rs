//! Actions change the world as Kafka's tools would: partitions added and assigned, topic configs
//! applied, commits on request, seeks and offset resets to the latest offset, an offset or a
//! timestamp.

mod support;

use kplay_core::event::{Event, SegmentDeleteReason};
use kplay_core::{Offset, TopicPartition};
use kplay_sim::action::{Action, CommitMode, SeekTo};
use kplay_sim::world::World;
use support::*;

#[test]
fn added_partitions_get_records_and_are_assigned_to_the_groups_consumers() {
    let mut w = world_with(21, 2, &[]);
    produce(&mut w, 0);
    for id in 2..=3 {
        w.apply(consumer(id, |_| {})).unwrap();
    }
    w.run_for(3_000).unwrap();
    w.apply(Action::AddPartitions { topic: "t".into(), count: 4 }).unwrap();
    assert_eq!(w.engine().image().topics["t"].partitions.len(), 4);
    // Clients learn of new partitions when their metadata ages out (metadata.max.age.ms = 5 min);
    // the group's leader then rebalances.
    w.run_for(310_000).unwrap();
    let owned: Vec<TopicPartition> = (2..=3)
        .flat_map(|id| w.consumer(id).unwrap().assigned().iter().cloned().collect::<Vec<_>>())
        .collect();
    assert_eq!(owned.len(), 4, "each partition owned once: {owned:?}");
    for p in 2..=3 {
        assert!(owned.contains(&TopicPartition::new("t", p)));
        w.apply(send_to(1, p)).unwrap();
    }
    w.run_for(3_000).unwrap();
    for p in 2..=3 {
        assert_eq!(high_watermark(&w, p), Offset(1), "t-{p} got its record");
        let readers: Vec<u32> = (2..=3).filter(|id| processed_offsets(&w, *id, p) == [0]).collect();
        assert_eq!(readers.len(), 1, "one consumer processed t-{p}'s record");
    }
}

#[test]
fn a_lower_retention_ms_deletes_old_segments() {
    // One single-record batch per segment (a batch larger than segment.bytes is refused).
    let mut w = world_with(22, 1, &[("segment.bytes", "150")]);
    for round in 0..5 {
        produce(&mut w, 0);
        w.apply(send(1, &format!("r{round}"))).unwrap();
        w.run_for(1_000).unwrap();
    }
    let leader_log_start = |w: &World| {
        let tp = TopicPartition::new("t", 0);
        w.engine().partition(&tp).unwrap().leader_replica().unwrap().log.log_start_offset()
    };
    w.run_for(5_000).unwrap();
    assert_eq!(leader_log_start(&w), Offset(0), "the default retention keeps a week");
    w.apply(Action::SetTopicConfig {
        topic: "t".into(),
        name: "retention.ms".into(),
        value: Some("3000".into()),
    })
    .unwrap();
    w.run_for(2_000).unwrap();
    // Every segment was older than retention.ms: the active one is rolled so it can go too.
    assert_eq!(leader_log_start(&w), Offset(5), "every record was older than 3 s");
    let tp = TopicPartition::new("t", 0);
    let leader = w.engine().partition(&tp).unwrap().leader_replica().unwrap().log.log_end_offset();
    assert_eq!(leader, Offset(5), "offsets go on: deleting is not truncating");
    let deleted: Vec<_> = engine_events(&w)
        .filter_map(|(_, e)| match e {
            Event::SegmentDeleted { broker, reason: SegmentDeleteReason::RetentionMs, .. } => {
                Some(*broker)
            }
            _ => None,
        })
        .collect();
    let leader_id = w.engine().image().partition(&tp).unwrap().leader.unwrap();
    assert_eq!(deleted.iter().filter(|b| **b == leader_id).count(), 5, "{deleted:?}");
}

#[test]
fn the_commit_action_commits_what_was_consumed_and_nothing_before() {
    let mut w = world_with(23, 1, &[]);
    produce(&mut w, 8);
    w.apply(consumer(2, |s| s.commit = CommitMode::Manual)).unwrap();
    w.run_for(20_000).unwrap();
    assert_eq!(processed_offsets(&w, 2, 0).len(), 8);
    assert_eq!(committed(&w), [], "a manual consumer commits only when told");
    w.apply(Action::Commit { id: 2 }).unwrap();
    w.run_for(500).unwrap();
    assert_eq!(committed(&w), [(TopicPartition::new("t", 0), Offset(8))]);
}

#[test]
fn seeking_to_the_latest_offset_skips_what_was_not_read() {
    let mut w = world_with(24, 1, &[]);
    produce(&mut w, 3);
    w.apply(consumer(2, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    assert_eq!(processed_offsets(&w, 2, 0), [0, 1, 2]);
    w.apply(Action::PauseConsumer { id: 2, paused: true }).unwrap();
    produce(&mut w, 4);
    w.run_for(1_000).unwrap();
    w.apply(Action::Seek { id: 2, topic: "t".into(), partition: 0, to: SeekTo::Latest }).unwrap();
    w.apply(Action::PauseConsumer { id: 2, paused: false }).unwrap();
    w.run_for(1_000).unwrap();
    produce(&mut w, 2);
    w.run_for(1_000).unwrap();
    assert_eq!(processed_offsets(&w, 2, 0), [0, 1, 2, 7, 8], "offsets 3..7 were skipped");
}

#[test]
fn seeking_to_a_timestamp_rereads_from_the_first_record_at_or_after_it() {
    let mut w = world_with(25, 1, &[]);
    produce(&mut w, 4);
    w.run_for(1_000).unwrap();
    let second_round = w.now().0;
    produce(&mut w, 3);
    w.apply(consumer(2, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    assert_eq!(processed_offsets(&w, 2, 0), (0..7).collect::<Vec<_>>());
    let to = SeekTo::Timestamp(second_round - 1);
    w.apply(Action::Seek { id: 2, topic: "t".into(), partition: 0, to }).unwrap();
    w.run_for(1_000).unwrap();
    let after: Vec<i64> = processed_offsets(&w, 2, 0)[7..].to_vec();
    assert_eq!(after, [4, 5, 6], "the second round's records, read again");
}

#[test]
fn resetting_offsets_to_latest_an_offset_and_a_timestamp() {
    let mut w = world_with(26, 1, &[]);
    produce(&mut w, 5);
    w.run_for(1_000).unwrap();
    let second_round = w.now().0;
    produce(&mut w, 5);
    w.apply(consumer(2, |s| s.commit = CommitMode::SyncAfterProcessing)).unwrap();
    w.run_for(3_000).unwrap();
    let tp = TopicPartition::new("t", 0);
    assert_eq!(committed(&w), [(tp.clone(), Offset(10))]);
    let reset = |w: &mut World, to| {
        w.apply(Action::ResetOffsets { group: "g".into(), topic: "t".into(), to })
    };
    assert!(reset(&mut w, SeekTo::Earliest).is_err(), "not while the group has members");
    w.apply(Action::RemoveClient { id: 2, crash: false }).unwrap();
    w.run_for(1_000).unwrap();
    reset(&mut w, SeekTo::Offset(3)).unwrap();
    assert_eq!(committed(&w), [(tp.clone(), Offset(3))]);
    reset(&mut w, SeekTo::Offset(99)).unwrap();
    assert_eq!(committed(&w), [(tp.clone(), Offset(10))], "clamped to the latest offset");
    reset(&mut w, SeekTo::Timestamp(second_round - 1)).unwrap();
    assert_eq!(committed(&w), [(tp.clone(), Offset(5))], "the second round's first record");
    produce(&mut w, 2);
    w.run_for(1_000).unwrap();
    reset(&mut w, SeekTo::Latest).unwrap();
    assert_eq!(committed(&w), [(tp.clone(), Offset(12))]);
    reset(&mut w, SeekTo::Offset(6)).unwrap();
    w.apply(consumer(3, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    assert_eq!(processed_offsets(&w, 3, 0), [6, 7, 8, 9, 10, 11], "a new member starts there");
}
