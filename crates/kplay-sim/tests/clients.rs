//! The simulated clients behave as the real ones do: offset resets, standalone consumers and
//! seeks, static membership, cooperative rebalances, max.poll.interval.ms, idempotent retries
//! through a lossy network; and the world's limits stop a run instead of hanging.

use kplay_core::{GenerationId, Offset, TopicPartition};
use kplay_sim::Settings;
use kplay_sim::action::{
    Action, CommitMode, ConsumerSpec, KeyDistribution, Membership, OffsetReset, ProducerSpec,
    SeekTo,
};
use kplay_sim::client::ClientEvent;
use kplay_sim::consumer::Position;
use kplay_sim::network::{LinkSpec, Node};
use kplay_sim::presets::standalone;
use kplay_sim::trace::TraceKind;
use kplay_sim::world::{RunOptions, SimError, World};

fn world() -> World {
    let settings = Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() };
    let mut world =
        World::new(11, settings, RunOptions { track_records: true, ..RunOptions::default() });
    for id in 1..=3 {
        world.apply(Action::AddBroker { id, rack: None }).unwrap();
    }
    world
        .apply(Action::CreateTopic {
            name: "t".into(),
            partitions: 3,
            replication_factor: 3,
            configs: Vec::new(),
        })
        .unwrap();
    world
}

fn produce(world: &mut World, n: usize) {
    if world.producer(1).is_none() {
        world.apply(Action::AddProducer { id: 1, spec: ProducerSpec::new("p", "t") }).unwrap();
    }
    for i in 0..n {
        let action = Action::Produce {
            producer: 1,
            topic: "t".into(),
            key: Some(format!("k{i}")),
            value: Some(format!("v{i}")),
            headers: vec![("trace".into(), format!("{i}"))],
            partition: None,
        };
        world.apply(action).unwrap();
    }
    world.run_for(1_000).unwrap();
}

fn group_consumer(id: u32, reset: OffsetReset, f: impl FnOnce(&mut ConsumerSpec)) -> Action {
    let mut spec = ConsumerSpec::group(&format!("c{id}"), "g", &["t"]);
    spec.auto_offset_reset = reset;
    f(&mut spec);
    Action::AddConsumer { id, spec }
}

fn processed(world: &World, id: u32) -> usize {
    world.consumer(id).map_or(0, |c| c.processed().len())
}

#[test]
fn auto_offset_reset_earliest_latest_and_none() {
    let mut w = world();
    produce(&mut w, 30);
    w.apply(group_consumer(2, OffsetReset::Earliest, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    assert_eq!(processed(&w, 2), 30, "earliest reads what was there");
    let mut w = world();
    produce(&mut w, 30);
    w.apply(group_consumer(2, OffsetReset::Latest, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    assert_eq!(processed(&w, 2), 0, "latest skips it");
    produce(&mut w, 10);
    w.run_for(2_000).unwrap();
    assert_eq!(processed(&w, 2), 10, "and reads what comes after");
    let mut w = world();
    w.apply(group_consumer(2, OffsetReset::None, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    let c = w.consumer(2).unwrap();
    assert!(c.positions().values().all(|p| *p == Position::NoOffset), "{:?}", c.positions());
}

#[test]
fn a_consumer_remembers_the_newest_records_it_handed_over_without_tracking() {
    let settings = Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() };
    let mut w = World::new(11, settings, RunOptions::default());
    for id in 1..=3 {
        w.apply(Action::AddBroker { id, rack: None }).unwrap();
    }
    let topic = Action::CreateTopic {
        name: "t".into(),
        partitions: 3,
        replication_factor: 3,
        configs: Vec::new(),
    };
    w.apply(topic).unwrap();
    produce(&mut w, 12);
    w.apply(group_consumer(2, OffsetReset::Earliest, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    let c = w.consumer(2).unwrap();
    assert!(c.processed().is_empty(), "records are not tracked in this world");
    assert_eq!(c.handed_over(), 12);
    let recent = c.recent_records();
    assert_eq!(recent.len(), 12);
    let mut keys: Vec<String> = recent
        .iter()
        .map(|r| String::from_utf8(r.key.clone().unwrap().to_vec()).unwrap())
        .collect();
    keys.sort_by_key(|k| k[1..].parse::<u32>().unwrap());
    let expected: Vec<String> = (0..12).map(|i| format!("k{i}")).collect();
    assert_eq!(keys, expected, "each produced record, once");
    for r in recent {
        let key = String::from_utf8(r.key.clone().unwrap().to_vec()).unwrap();
        let value = String::from_utf8(r.value.clone().unwrap().to_vec()).unwrap();
        assert_eq!(value, format!("v{}", &key[1..]), "its own value");
        let end = w.engine().partition(&r.partition).unwrap().high_watermark().unwrap();
        assert!(r.offset < end);
    }
    produce(&mut w, 3);
    let c = w.consumer(2).unwrap();
    assert_eq!(c.handed_over(), 15, "and counts on");
    assert_eq!(c.recent_records().len(), 15);
}

#[test]
fn a_consumer_keeps_only_the_newest_records_it_handed_over_and_counts_them_all() {
    use kplay_sim::consumer::RECENT_RECORDS;
    let mut w = world();
    let extra = 37;
    produce(&mut w, RECENT_RECORDS + extra);
    w.apply(group_consumer(2, OffsetReset::Earliest, |_| {})).unwrap();
    w.run_for(5_000).unwrap();
    let c = w.consumer(2).unwrap();
    assert_eq!(c.handed_over(), (RECENT_RECORDS + extra) as u64);
    let recent = c.recent_records();
    assert_eq!(recent.len(), RECENT_RECORDS);
    let handed: Vec<(TopicPartition, Offset)> =
        c.processed().iter().map(|r| (r.partition.clone(), r.offset)).collect();
    let kept: Vec<(TopicPartition, Offset)> =
        recent.iter().map(|r| (r.partition.clone(), r.offset)).collect();
    assert_eq!(kept, handed[extra..], "the newest, in the order they were handed over");
}

#[test]
fn standalone_consumers_read_assigned_partitions_and_seek() {
    let mut w = world();
    produce(&mut w, 60);
    let mut spec = standalone("s", &[("t", 0)]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.membership = Membership::Standalone {
        group_id: Some("audit".into()),
        partitions: vec![("t".into(), 0)],
    };
    spec.commit = CommitMode::SyncAfterProcessing;
    w.apply(Action::AddConsumer { id: 2, spec }).unwrap();
    w.run_for(3_000).unwrap();
    let tp = TopicPartition::new("t", 0);
    let end = w.engine().partition(&tp).unwrap().high_watermark().unwrap();
    let c = w.consumer(2).unwrap();
    assert!(end.0 > 0);
    assert_eq!(c.consumed().get(&tp), Some(&end));
    assert_eq!(c.committed().get(&tp), Some(&end), "a standalone consumer commits to its group id");
    assert!(c.processed().iter().all(|r| r.partition == tp), "only its own partition");
    w.apply(Action::Seek { id: 2, topic: "t".into(), partition: 0, to: SeekTo::Offset(0) })
        .unwrap();
    let before = processed(&w, 2);
    w.run_for(2_000).unwrap();
    assert_eq!(processed(&w, 2) - before, end.0 as usize, "seeking back re-reads the partition");
    assert!(
        w.apply(Action::Seek { id: 2, topic: "t".into(), partition: 1, to: SeekTo::Earliest })
            .is_err()
    );
}

#[test]
fn a_static_member_that_restarts_within_its_session_keeps_the_generation() {
    let mut w = world();
    for id in 2..=3 {
        w.apply(group_consumer(id, OffsetReset::Earliest, |s| {
            s.session_timeout_ms = 10_000;
            if let Membership::Group { group_instance_id, .. } = &mut s.membership {
                *group_instance_id = Some(format!("instance-{id}"));
            }
        }))
        .unwrap();
    }
    w.run_for(3_000).unwrap();
    let generation = w.engine().groups().group(&"g".into()).unwrap().generation();
    let owned = w.consumer(2).unwrap().assigned().clone();
    w.apply(Action::RemoveClient { id: 2, crash: false }).unwrap();
    w.run_for(2_000).unwrap();
    w.apply(group_consumer(2, OffsetReset::Earliest, |s| {
        s.session_timeout_ms = 10_000;
        if let Membership::Group { group_instance_id, .. } = &mut s.membership {
            *group_instance_id = Some("instance-2".into());
        }
    }))
    .unwrap();
    w.run_for(3_000).unwrap();
    let group = w.engine().groups().group(&"g".into()).unwrap();
    assert_eq!(group.generation(), generation, "no rebalance: the static member came back in time");
    assert_eq!(w.consumer(2).unwrap().assigned(), &owned, "with its old partitions");
}

#[test]
fn a_cooperative_rebalance_moves_only_what_moves_in_two_rounds() {
    let mut w = world();
    let cooperative = |s: &mut ConsumerSpec| {
        if let Membership::Group { assignors, .. } = &mut s.membership {
            *assignors = vec!["cooperative-sticky".into()];
        }
    };
    w.apply(group_consumer(2, OffsetReset::Earliest, cooperative)).unwrap();
    w.run_for(2_000).unwrap();
    assert_eq!(w.consumer(2).unwrap().assigned().len(), 3);
    let generation = w.engine().groups().group(&"g".into()).unwrap().generation();
    w.apply(group_consumer(3, OffsetReset::Earliest, cooperative)).unwrap();
    // The second round waits for consumer 3's next heartbeat (heartbeat.interval.ms = 3 s).
    w.run_for(7_000).unwrap();
    let (two, three) =
        (w.consumer(2).unwrap().assigned().len(), w.consumer(3).unwrap().assigned().len());
    assert_eq!((two + three, three >= 1), (3, true));
    let after = w.engine().groups().group(&"g".into()).unwrap().generation();
    assert_eq!(after, GenerationId(generation.0 + 2), "two rounds: revoke, then assign");
    // Consumer 2 never gave up everything: it kept at least one partition throughout.
    let revoked_all = w.trace().entries().iter().any(|e| {
        matches!(&e.kind, TraceKind::Client { client: 2, event: ClientEvent::AssignmentChanged { owned, revoked, .. } } if owned.is_empty() && !revoked.is_empty())
    });
    assert!(!revoked_all, "cooperative members keep what stays theirs");
}

#[test]
fn an_eager_rebalance_revokes_everything_first() {
    let mut w = world();
    w.apply(group_consumer(2, OffsetReset::Earliest, |_| {})).unwrap();
    w.run_for(2_000).unwrap();
    w.apply(group_consumer(3, OffsetReset::Earliest, |_| {})).unwrap();
    w.run_for(3_000).unwrap();
    let revoked_all = w.trace().entries().iter().any(|e| {
        matches!(&e.kind, TraceKind::Client { client: 2, event: ClientEvent::AssignmentChanged { owned, revoked, .. } } if owned.is_empty() && revoked.len() == 3)
    });
    assert!(revoked_all, "range (eager) gives up all three partitions before rejoining");
}

#[test]
fn a_consumer_that_stops_polling_leaves_after_max_poll_interval() {
    let mut w = world();
    for id in 2..=3 {
        w.apply(group_consumer(id, OffsetReset::Earliest, |s| s.max_poll_interval_ms = 5_000))
            .unwrap();
    }
    w.run_for(3_000).unwrap();
    w.apply(Action::PauseConsumer { id: 2, paused: true }).unwrap();
    w.run_for(4_000).unwrap();
    assert!(!w.consumer(2).unwrap().assigned().is_empty(), "still a member within the interval");
    w.run_for(3_000).unwrap();
    assert!(w.consumer(2).unwrap().assigned().is_empty(), "left the group");
    assert_eq!(w.consumer(3).unwrap().assigned().len(), 3, "the other took over");
    w.apply(Action::PauseConsumer { id: 2, paused: false }).unwrap();
    w.run_for(3_000).unwrap();
    assert!(!w.consumer(2).unwrap().assigned().is_empty(), "and rejoins once it polls again");
}

#[test]
fn idempotent_retries_across_loss_and_partitions_write_each_record_once() {
    let mut w = world();
    for b in 1..=3 {
        let link = LinkSpec { latency_ms: 2, jitter_ms: 2, loss_per_million: 150_000 };
        w.apply(Action::SetLink { a: Node::Client(1), b: Node::Broker(b), link }).unwrap();
    }
    let spec = ProducerSpec {
        rate_per_sec: 200,
        request_timeout_ms: 1_000,
        keys: KeyDistribution::Uniform { keys: 50 },
        ..ProducerSpec::new("p", "t")
    };
    w.apply(Action::AddProducer { id: 1, spec }).unwrap();
    for _ in 0..3 {
        w.run_for(2_000).unwrap();
        // The producer loses the cluster for 1.5 s: its connections break and time out.
        w.apply(Action::Isolate { nodes: vec![Node::Client(1)] }).unwrap();
        w.run_for(1_500).unwrap();
        w.apply(Action::Heal).unwrap();
    }
    w.run_for(5_000).unwrap();
    w.apply(Action::RemoveClient { id: 1, crash: false }).unwrap();
    let count =
        |f: &dyn Fn(&TraceKind) -> bool| w.trace().entries().iter().filter(|e| f(&e.kind)).count();
    let retried =
        count(&|k| matches!(k, TraceKind::Client { event: ClientEvent::BatchRetried { .. }, .. }));
    let retransmitted = count(&|k| matches!(k, TraceKind::Retransmitted { .. }));
    assert!(
        retried > 10 && retransmitted > 100,
        "retries {retried}, retransmissions {retransmitted}"
    );
    let mut values = kplay_core::vec_map::VecMap::new();
    for p in 0..3 {
        let tp = TopicPartition::new("t", p);
        let view = w.engine().partition(&tp).unwrap();
        for batch in view.leader_replica().unwrap().log.batches() {
            for (offset, record) in batch.records_with_offsets() {
                let previous = values.insert(record.value.clone(), (tp.clone(), offset));
                assert!(previous.is_none(), "{:?} written twice", record.value);
            }
        }
    }
    assert!(values.len() > 2_000, "about 2,900 records, each written once: {}", values.len());
    assert_eq!(kplay_sim::invariants::acknowledged_records_kept(&w), []);
}

#[test]
fn runs_stop_at_their_limits() {
    let settings = Settings::default();
    let mut w =
        World::new(1, settings.clone(), RunOptions { max_steps: 10, ..RunOptions::default() });
    assert_eq!(w.run_for(10_000), Err(SimError::StepLimit(10)));
    let mut w = World::new(1, settings, RunOptions { max_time_ms: 5_000, ..RunOptions::default() });
    assert_eq!(w.run_for(6_000), Err(SimError::TimeLimit(5_000)));
    assert!(w.run_for(4_000).is_ok());
}

#[test]
fn produced_records_carry_their_headers() {
    let mut w = world();
    produce(&mut w, 3);
    let found =
        (0..3).any(|p| {
            let tp = TopicPartition::new("t", p);
            let view = w.engine().partition(&tp).unwrap();
            view.leader_replica().unwrap().log.batches().iter().any(|b| {
                b.records.iter().any(|r| r.headers.first().is_some_and(|h| h.key == "trace"))
            })
        });
    assert!(found);
    let _ = Offset(0);
}

#[test]
fn metrics_show_throughput_and_under_replicated_partitions() {
    let mut w = world();
    let spec = ProducerSpec { rate_per_sec: 400, ..ProducerSpec::new("p", "t") };
    w.apply(Action::AddProducer { id: 1, spec }).unwrap();
    w.run_for(5_000).unwrap();
    let rate = w.metrics().throughput_per_sec();
    assert!((300..=500).contains(&rate), "about 400 records/s acknowledged: {rate}");
    assert_eq!(w.metrics().latest().unwrap().under_replicated(), 0);
    w.apply(Action::StopBroker { id: 2, crash: false }).unwrap();
    w.run_for(1_000).unwrap();
    let latest = w.metrics().latest().unwrap();
    assert_eq!(latest.under_replicated(), 3, "every partition lost a replica");
    assert!(latest.partitions.iter().all(|p| p.high_watermark <= p.log_end_offset));
}
