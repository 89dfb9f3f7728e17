//! The rebalance log read from real simulated runs: eager and cooperative groups, a crash
//! noticed after the session timeout, a group emptied, a static member coming back.

use kplay_core::TopicPartition;
use kplay_core::group::GroupState;
use kplay_sim::action::{Action, ConsumerSpec, Membership, OffsetReset};
use kplay_sim::presets::preset;
use kplay_sim::trace::KeepTrace;
use kplay_sim::world::RunOptions;
use kplay_sim::{Settings, World};

use super::{NoteKind, Rebalance, RebalanceKind, RebalanceLog};

const GROUP: &str = "g";

/// The group of the `consumer-crash-rebalance` preset.
const CRASH_GROUP: &str = "billing";

fn options() -> RunOptions {
    RunOptions { keep_trace: KeepTrace::All, ..crate::model::playground::run_options() }
}

/// Three brokers and `orders` with `partitions` partitions; no initial rebalance delay.
fn world(seed: u64, partitions: i32) -> World {
    let settings = Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() };
    let mut w = World::new(seed, settings, options());
    for id in 1..=3 {
        w.apply(Action::AddBroker { id, rack: None }).unwrap();
    }
    w.apply(Action::CreateTopic {
        name: "orders".into(),
        partitions,
        replication_factor: 3,
        configs: Vec::new(),
    })
    .unwrap();
    w
}

fn consumer(id: u32, assignor: &str, static_id: Option<&str>) -> Action {
    let mut spec = ConsumerSpec::group(&format!("consumer-{id}"), GROUP, &["orders"]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.session_timeout_ms = 10_000;
    if let Membership::Group { assignors, group_instance_id, .. } = &mut spec.membership {
        *assignors = vec![assignor.to_owned()];
        *group_instance_id = static_id.map(str::to_owned);
    }
    Action::AddConsumer { id, spec }
}

fn log_of(world: &World) -> RebalanceLog {
    let mut log = RebalanceLog::default();
    for entry in world.trace().entries() {
        log.push(entry);
    }
    log
}

fn rebalances(log: &RebalanceLog) -> &[Rebalance] {
    &log.groups()[GROUP]
}

fn sorted(mut v: Vec<TopicPartition>) -> Vec<TopicPartition> {
    v.sort();
    v
}

fn all(partitions: i32) -> Vec<TopicPartition> {
    (0..partitions).map(|p| TopicPartition::new("orders", p)).collect()
}

/// Every rebalance that ended Stable handed each partition to exactly one member.
fn assert_one_owner_each(log: &RebalanceLog, partitions: i32) {
    for r in rebalances(log).iter().filter(|r| r.ended_in == Some(GroupState::Stable)) {
        let owned = sorted(r.members.iter().flat_map(|m| m.owned.clone()).collect());
        if !r.is_cooperative() || !r.members.iter().any(|m| !m.revoked.is_empty()) {
            assert_eq!(owned, all(partitions), "generation {:?}", r.generation);
        }
        assert!(r.members.iter().all(|m| m.synced), "everyone synced {:?}", r.generation);
    }
}

#[test]
fn a_cooperative_group_hands_partitions_over_in_two_rounds() {
    let mut w = world(1, 4);
    w.apply(consumer(2, "cooperative-sticky", None)).unwrap();
    w.apply(consumer(3, "cooperative-sticky", None)).unwrap();
    w.run_for(3_000).unwrap();
    w.apply(consumer(4, "cooperative-sticky", None)).unwrap();
    w.run_for(8_000).unwrap();
    let log = log_of(&w);
    let list = rebalances(&log);
    let first = list.iter().position(|r| r.reason == "consumer-4 joined").expect("the join");
    let (one, two) = (&list[first], &list[first + 1]);
    assert_eq!(one.kind, Some(RebalanceKind::Cooperative));
    assert!(!one.second_round && two.second_round, "the next rebalance is the second round");
    assert!(two.reason.contains("gave up partitions"), "{}", two.reason);

    // Round one: the old members keep most of what they own and give up only what moves; the
    // newcomer gets nothing yet.
    let newcomer = |r: &Rebalance| r.members.iter().find(|m| m.client == Some(4)).cloned();
    let moved = sorted(one.revoked());
    assert_eq!(moved.len(), 1, "4 partitions over 3 members: one moves: {moved:?}");
    for m in one.members.iter().filter(|m| m.client != Some(4)) {
        assert!(!m.kept().is_empty(), "{} kept partitions through the rebalance", m.name());
        assert!(m.added.is_empty());
    }
    assert!(newcomer(one).unwrap().new);
    assert!(newcomer(one).unwrap().owned.is_empty(), "the newcomer waits for round two");

    // Round two hands over what round one revoked, revoking nothing more.
    assert!(two.revoked().is_empty());
    assert_eq!(sorted(newcomer(two).unwrap().added), moved);
    assert!(!newcomer(two).unwrap().new, "a member of the first round already");
    assert_one_owner_each(&log, 4);
}

#[test]
fn an_eager_range_group_revokes_everything_before_rejoining() {
    let mut w = world(2, 4);
    w.apply(consumer(2, "range", None)).unwrap();
    w.apply(consumer(3, "range", None)).unwrap();
    w.run_for(3_000).unwrap();
    let owned_before = |log: &RebalanceLog, client: u32| {
        let r = rebalances(log).last().unwrap();
        sorted(r.members.iter().find(|m| m.client == Some(client)).unwrap().owned.clone())
    };
    let before = log_of(&w);
    let (two, three) = (owned_before(&before, 2), owned_before(&before, 3));
    assert_eq!(two.len() + three.len(), 4);
    w.apply(consumer(4, "range", None)).unwrap();
    w.run_for(6_000).unwrap();

    let log = log_of(&w);
    let r = rebalances(&log).last().unwrap();
    assert_eq!(r.reason, "consumer-4 joined");
    assert_eq!((r.kind, r.protocol.as_deref()), (Some(RebalanceKind::Eager), Some("range")));
    assert!(!r.second_round);
    let member = |c: u32| r.members.iter().find(|m| m.client == Some(c)).unwrap();
    assert_eq!(sorted(member(2).revoked.clone()), two, "consumer-2 gave up all it owned");
    assert_eq!(sorted(member(3).revoked.clone()), three, "consumer-3 gave up all it owned");
    for m in &r.members {
        assert_eq!(sorted(m.added.clone()), sorted(m.owned.clone()), "eager: all is new");
    }
    assert!(r.leader_name().is_some_and(|l| l.starts_with("consumer-")));
    assert!(r.sync_started_ms.unwrap() >= r.started_ms);
    assert!(r.ended_ms.unwrap() >= r.sync_started_ms.unwrap());
    assert_one_owner_each(&log, 4);
    // Every rebalance but the newest has ended, one way or another.
    assert!(rebalances(&log).iter().rev().skip(1).all(|r| r.ended_ms.is_some()));
}

#[test]
fn a_crash_is_noticed_after_the_session_timeout() {
    let p = preset("consumer-crash-rebalance").unwrap();
    let mut w = p.start(1, options()).unwrap();
    p.run(&mut w, 30_000).unwrap();
    let log = log_of(&w);
    let notes = &log.notes()[CRASH_GROUP];
    let crashed = notes.iter().find(|n| n.kind == NoteKind::Crashed).expect("the crash");
    assert_eq!((crashed.time_ms, crashed.client), (10_000, Some(2)));
    assert!(crashed.text.contains("session.timeout.ms = 10000 ms"), "{}", crashed.text);
    let removed = notes.iter().find(|n| n.kind == NoteKind::Removed).expect("the removal");
    let waited = removed.time_ms - crashed.time_ms;
    // The session runs from the last heartbeat, at most heartbeat.interval.ms before the crash
    // (plus the network's latency for a heartbeat still on its way).
    assert!((7_000..=10_100).contains(&waited), "noticed {waited} ms after the crash");

    let r = log.groups()[CRASH_GROUP].iter().find(|r| r.started_ms >= removed.time_ms).unwrap();
    assert_eq!(r.started_ms, removed.time_ms, "the removal starts the rebalance");
    assert!(r.reason.starts_with("consumer-2 left: no heartbeat within session.timeout.ms"));
    let lost = &r.left.iter().find(|d| d.client == Some(2)).expect("the departure").owned;
    assert!(!lost.is_empty(), "consumer-2 owned partitions when it crashed");
    let survivor = r.members.iter().find(|m| m.client == Some(3)).unwrap();
    assert!(lost.iter().all(|tp| survivor.owned.contains(tp)), "consumer-3 took them over");
}

#[test]
fn a_group_emptied_makes_a_generation_with_no_members() {
    let mut w = world(3, 2);
    w.apply(consumer(2, "range", None)).unwrap();
    w.apply(consumer(3, "range", None)).unwrap();
    w.run_for(3_000).unwrap();
    w.apply(Action::RemoveClient { id: 2, crash: false }).unwrap();
    w.apply(Action::RemoveClient { id: 3, crash: false }).unwrap();
    w.run_for(1_000).unwrap();
    let log = log_of(&w);
    let r = rebalances(&log).last().unwrap();
    let generation = w.engine().groups().groups().next().unwrap().generation().0;
    assert_eq!(r.generation, Some(generation), "the empty generation is recorded");
    assert_eq!(r.ended_in, Some(GroupState::Empty));
    assert!(r.members.is_empty() && r.kind.is_none());
    let mut left: Vec<Option<u32>> = r.left.iter().map(|d| d.client).collect();
    left.sort();
    assert_eq!(left, [Some(2), Some(3)]);
    let gave_up = sorted(r.left.iter().flat_map(|d| d.owned.clone()).collect());
    assert_eq!(gave_up, all(2), "leaving, they gave up everything");
    assert!(r.reason.contains("LeaveGroup"), "{}", r.reason);
}

#[test]
fn a_static_member_comes_back_without_a_rebalance() {
    let mut w = world(4, 4);
    w.apply(consumer(2, "cooperative-sticky", Some("a"))).unwrap();
    w.apply(consumer(3, "cooperative-sticky", Some("b"))).unwrap();
    w.run_for(5_000).unwrap();
    let generations = rebalances(&log_of(&w)).len();
    w.apply(Action::RemoveClient { id: 2, crash: false }).unwrap();
    w.run_for(2_000).unwrap();
    w.apply(consumer(5, "cooperative-sticky", Some("a"))).unwrap();
    w.run_for(3_000).unwrap();
    let log = log_of(&w);
    assert_eq!(rebalances(&log).len(), generations, "no rebalance");
    let statics: Vec<_> =
        rebalances(&log).last().unwrap().members.iter().map(|m| m.static_id.clone()).collect();
    assert_eq!(statics, [Some("a".to_owned()), Some("b".to_owned())]);
    let notes = &log.notes()[GROUP];
    let closed = notes.iter().find(|n| n.kind == NoteKind::Closed).unwrap();
    assert!(closed.text.contains("(static member a) closed"), "{}", closed.text);
    let replaced = notes.iter().find(|n| n.kind == NoteKind::Replaced).unwrap();
    assert_eq!(replaced.client, Some(5));
    assert!(replaced.text.contains("without a rebalance"), "{}", replaced.text);
}
