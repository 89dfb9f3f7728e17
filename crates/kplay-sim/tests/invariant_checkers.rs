//! The invariant checkers report what breaks them: two owners of a partition in one generation,
//! and a committed offset going back without a seek or a reset; and they excuse a seek.

mod support;

use kplay_core::event::Event;
use kplay_core::{GenerationId, GroupId, MemberId, Offset, Timestamp, TopicPartition};
use kplay_sim::action::{Action, CommitMode, SeekTo};
use kplay_sim::client::ClientEvent;
use kplay_sim::invariants::{self, Violation};
use kplay_sim::trace::{TraceEntry, TraceKind};
use support::*;

fn entry(time: i64, kind: TraceKind) -> TraceEntry {
    TraceEntry { step: time as u64, time: Timestamp(time), kind }
}

fn client(client: u32, event: ClientEvent) -> TraceKind {
    TraceKind::Client { client, event }
}

fn joined(id: u32, generation: i32) -> TraceKind {
    client(
        id,
        ClientEvent::Joined {
            group: GroupId::from("g"),
            generation: GenerationId(generation),
            member: MemberId::from(format!("c{id}")),
            leader: id == 1,
            protocol: "range".into(),
        },
    )
}

fn owns(id: u32, generation: i32, partitions: &[i32]) -> TraceKind {
    let owned: Vec<TopicPartition> =
        partitions.iter().map(|p| TopicPartition::new("t", *p)).collect();
    client(
        id,
        ClientEvent::AssignmentChanged {
            generation: GenerationId(generation),
            owned: owned.clone(),
            added: owned,
            revoked: Vec::new(),
        },
    )
}

#[test]
fn two_owners_of_a_partition_in_one_generation_are_reported() {
    let fine = vec![
        entry(1, joined(1, 1)),
        entry(2, joined(2, 1)),
        entry(3, owns(1, 1, &[0, 1])),
        entry(4, owns(2, 1, &[2])),
        // A partition moving in a later generation is fine.
        entry(5, owns(1, 2, &[0])),
        entry(6, owns(2, 2, &[1, 2])),
    ];
    assert_eq!(invariants::single_owner_in(&fine), []);
    let mut broken = fine.clone();
    broken.push(entry(7, owns(1, 2, &[0, 2])));
    assert_eq!(
        invariants::single_owner_in(&broken),
        [Violation::DoubleOwnership {
            group: GroupId::from("g"),
            generation: GenerationId(2),
            partition: TopicPartition::new("t", 2),
            first: 2,
            second: 1,
        }]
    );
}

fn stored(time: i64, offset: i64) -> TraceEntry {
    entry(
        time,
        TraceKind::Engine(Event::OffsetCommitted {
            group: GroupId::from("g"),
            partition: TopicPartition::new("t", 0),
            offset: Offset(offset),
            member: None,
        }),
    )
}

#[test]
fn a_commit_going_back_without_a_seek_or_reset_is_reported() {
    let broken = vec![stored(1, 5), stored(2, 9), stored(3, 7), stored(4, 8)];
    assert_eq!(
        invariants::commits_never_go_back_in(&broken),
        [Violation::CommitWentBack {
            group: GroupId::from("g"),
            partition: TopicPartition::new("t", 0),
            from: Offset(9),
            to: Offset(7),
        }]
    );
    let mut reset = vec![stored(1, 5), stored(2, 9)];
    reset.push(entry(
        3,
        TraceKind::Action(Action::ResetOffsets {
            group: "g".into(),
            topic: "t".into(),
            to: SeekTo::Earliest,
        }),
    ));
    reset.push(stored(4, 0));
    assert_eq!(invariants::commits_never_go_back_in(&reset), [], "a reset may go back");
    reset.push(stored(5, 3));
    reset.push(stored(6, 1));
    assert_eq!(invariants::commits_never_go_back_in(&reset).len(), 1, "once only");
}

#[test]
fn a_consumer_that_seeks_back_and_commits_is_excused_and_one_that_does_not_is_not() {
    let mut w = world_with(61, 1, &[]);
    produce(&mut w, 6);
    w.apply(consumer(2, |s| s.commit = CommitMode::Manual)).unwrap();
    w.run_for(3_000).unwrap();
    w.apply(Action::Commit { id: 2 }).unwrap();
    w.run_for(500).unwrap();
    assert_eq!(committed(&w)[0].1, Offset(6));
    w.apply(Action::PauseConsumer { id: 2, paused: true }).unwrap();
    w.apply(Action::Seek { id: 2, topic: "t".into(), partition: 0, to: SeekTo::Offset(2) })
        .unwrap();
    w.apply(Action::Commit { id: 2 }).unwrap();
    w.run_for(500).unwrap();
    assert_eq!(committed(&w)[0].1, Offset(2), "the commit went back to the seek");
    assert_eq!(invariants::commits_never_go_back(&w), [], "the seek excuses it");
    // Without the seek in the trace, the same commits are a violation.
    let without_seek: Vec<TraceEntry> = w
        .trace()
        .entries()
        .iter()
        .filter(|e| !matches!(e.kind, TraceKind::Action(Action::Seek { .. })))
        .cloned()
        .collect();
    assert_eq!(invariants::commits_never_go_back_in(&without_seek).len(), 1);
}
