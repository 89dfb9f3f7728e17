//! Group snapshots of real simulated runs, checked against the engine and the consumers.

use kplay_core::TopicPartition;
use kplay_sim::Action;
use kplay_sim::presets::preset;
use kplay_sim::trace::KeepTrace;
use kplay_sim::world::RunOptions;
use kplay_sim::{Settings, World};

use super::{CHART_POINTS, GroupSnap, MemberStatus, build, chart};
use crate::model::Playground;
use crate::model::chronicle::Chronicle;
use crate::model::opening::GROUP;

fn options() -> RunOptions {
    RunOptions { keep_trace: KeepTrace::All, ..crate::model::playground::run_options() }
}

/// A preset run to `ms`.
fn preset_at(name: &str, ms: i64) -> World {
    let p = preset(name).unwrap();
    let mut w = p.start(1, options()).unwrap();
    p.run(&mut w, ms).unwrap();
    w
}

fn group(world: &World, id: &str) -> GroupSnap {
    let mut chronicle = Chronicle::default();
    chronicle.read(world);
    build(world, &chronicle).into_iter().find(|g| g.id == id).expect("the group")
}

fn play(p: &mut Playground, seconds: f64) {
    for _ in 0..(seconds * 60.0) as usize {
        p.frame(1000.0 / 60.0);
    }
}

#[test]
fn the_lag_rows_are_what_the_coordinator_and_the_logs_say() {
    let w = preset_at("slow-consumer-lag", 8_000);
    let g = group(&w, "billing");
    let engine = w.engine();
    let offsets = engine.groups().groups().find(|x| x.group_id().as_str() == "billing").unwrap();
    assert_eq!(g.rows.len(), 1);
    let row = &g.rows[0];
    let tp = TopicPartition::new("orders", 0);
    let hw = engine.partition(&tp).unwrap().high_watermark().unwrap().0;
    let committed = offsets.offsets()[&tp].offset.0;
    assert_eq!((row.committed, row.log_end, row.lag), (Some(committed), hw, Some(hw - committed)));
    assert!(row.lag.unwrap() > 50, "the slow consumer lags: {:?}", row.lag);
    let member = &g.members[0];
    assert_eq!(row.consumer_id.as_deref(), Some(member.member_id.as_str()));
    assert_eq!((row.owner, row.host()), (Some(2), Some("client-2".to_owned())));
    assert_eq!(row.owner_client_id.as_deref(), Some("consumer-2"));
    // Each member's position is its consumer's, ahead of (or at) what the group committed.
    let position = member.positions[0].offset.unwrap();
    assert!(position >= committed && position <= hw, "{committed} <= {position} <= {hw}");
    assert!(member.positions[0].processed.unwrap() <= position);
}

#[test]
fn lag_over_time_grows_for_a_slow_consumer_in_records_and_in_time() {
    let w = preset_at("slow-consumer-lag", 70_000);
    let c = chart(&w);
    assert_eq!((c.from_ms, c.to_ms), (10_000, 70_000));
    let s = c.series.iter().find(|s| s.group == "billing").expect("a series");
    assert!(s.points.len() <= CHART_POINTS && s.points.len() > CHART_POINTS / 2);
    assert!(s.points.windows(2).all(|p| p[0].time_ms < p[1].time_ms), "oldest first");
    let (first, last) = (s.points[0], *s.last().unwrap());
    assert!(last.records > first.records, "{first:?} -> {last:?}");
    assert!(last.ms > first.ms && last.ms > 1_000, "older and older records wait: {last:?}");
    assert_eq!(c.max_lag, s.points.iter().map(|p| p.records).max().unwrap());
    assert_eq!(c.max_lag_ms, s.points.iter().map(|p| p.ms).max().unwrap());
    assert_eq!(group(&w, "billing").lag_ms, Some(w.metrics().latest().unwrap().lag[0].lag_ms));
}

#[test]
fn more_consumers_than_partitions_leaves_one_idle_and_says_why() {
    let w = preset_at("idle-consumers", 5_000);
    let g = group(&w, "billing");
    assert_eq!((g.state, g.members.len()), ("Stable", 4));
    let idle: Vec<&str> =
        g.members.iter().filter(|m| m.idle()).map(|m| m.client_id.as_str()).collect();
    assert_eq!(idle.len(), 1);
    let why = g.idle.expect("a reason");
    assert!(why.starts_with("4 members share 3 partitions"), "{why}");
    assert!(why.contains(&format!("1 member (here {}) has nothing", idle[0])), "{why}");
    assert!(g.state_meaning.is_none(), "Stable needs no explaining");
    assert_eq!(g.members.iter().filter(|m| m.leader).count(), 1);
    assert_eq!(
        g.leader.as_deref(),
        g.members.iter().find(|m| m.leader).map(|m| m.member_id.as_str())
    );
}

#[test]
fn a_crashed_member_stays_until_its_session_times_out() {
    // The preset crashes consumer 2 at 10 s; its session is 10 s.
    let before = group(&preset_at("consumer-crash-rebalance", 12_000), "billing");
    let gone = before.members.iter().find(|m| m.client.is_none()).expect("still a member");
    assert_eq!((gone.status, gone.client_id.as_str()), (MemberStatus::ClientGone, "consumer-2"));
    assert!(!gone.assigned.is_empty(), "the coordinator's assignment still names its partitions");
    let removed = gone.removed.expect("the page knows how its client left");
    assert_eq!((removed.client, removed.time_ms, removed.crashed), (2, 10_000, true));
    let expires = gone.session_expires_ms.expect("a session timer");
    assert!((12_000..=20_100).contains(&expires), "expires at {expires}");
    let row = before.rows.iter().find(|r| r.consumer_id.as_deref() == Some(&gone.member_id));
    assert!(row.is_some_and(|r| r.owner.is_none()), "its rows name the member, not a client");
    assert_eq!(before.state, "Stable");

    let after = group(&preset_at("consumer-crash-rebalance", 25_000), "billing");
    assert_eq!(after.members.len(), 1);
    assert!(after.generation > before.generation);
    assert_eq!(after.members[0].assigned.len(), 2, "consumer-3 reads both partitions");
}

#[test]
fn the_first_rebalance_waits_for_more_members_and_says_so() {
    let mut p = Playground::opening(1);
    play(&mut p, 1.0);
    let s = p.snapshot();
    let g = s.group(GROUP).unwrap();
    assert_eq!(g.state, "PreparingRebalance");
    let meaning = g.state_meaning.as_deref().unwrap();
    assert!(meaning.starts_with("waiting for members to (re)join"), "{meaning}");
    assert!(meaning.contains("group.initial.rebalance.delay.ms (3000 ms here)"), "{meaning}");
    assert!(
        meaning.contains("All 2 members have joined; the coordinator still waits out"),
        "{meaning}"
    );
    assert!(g.rebalancing_since_ms.is_some_and(|t| t <= s.clock.time_ms));
    assert_eq!(s.shown_group.as_deref(), Some(GROUP));
}

#[test]
fn pausing_a_consumer_makes_its_lag_grow() {
    // Long enough for a first auto commit (auto.commit.interval.ms = 5 s), so lag is known.
    let mut p = Playground::opening(1);
    play(&mut p, 12.0);
    let lag_of = |p: &Playground| {
        let s = p.snapshot();
        let g = s.group(GROUP).unwrap();
        let mine: Vec<(String, i32)> = g.member_of(2).unwrap().assigned.clone();
        let rows: Vec<_> =
            g.rows.iter().filter(|r| mine.contains(&(r.topic.clone(), r.partition))).collect();
        assert!(!rows.is_empty() && rows.iter().all(|r| r.lag.is_some()), "{rows:?}");
        rows.iter().filter_map(|r| r.lag).sum::<i64>()
    };
    p.apply(Action::PauseConsumer { id: 2, paused: true }).unwrap();
    let paused_at = lag_of(&p);
    play(&mut p, 10.0);
    let later = lag_of(&p);
    assert!(later > paused_at + 5, "{paused_at} -> {later}");
    assert!(p.snapshot().group(GROUP).unwrap().member_of(2).unwrap().paused);
}

#[test]
fn standalone_consumers_are_listed_with_the_group_they_commit_to() {
    let mut w = World::new(1, Settings::default(), options());
    for id in 1..=3 {
        w.apply(Action::AddBroker { id, rack: None }).unwrap();
    }
    w.apply(Action::CreateTopic {
        name: "orders".into(),
        partitions: 2,
        replication_factor: 3,
        configs: Vec::new(),
    })
    .unwrap();
    let mut spec = kplay_sim::presets::standalone("reader", &[("orders", 1)]);
    if let kplay_sim::action::Membership::Standalone { group_id, .. } = &mut spec.membership {
        *group_id = Some("audit".into());
    }
    spec.commit = kplay_sim::action::CommitMode::Auto { interval_ms: 1_000 };
    w.apply(Action::AddConsumer { id: 7, spec }).unwrap();
    w.run_for(4_000).unwrap();
    let g = group(&w, "audit");
    assert_eq!((g.state, g.standalone.as_slice()), ("Empty", &[7][..]));
    assert!(g.members.is_empty());
    assert_eq!(g.rows.len(), 1, "the partition it reads and commits");
    assert_eq!((g.rows[0].partition, g.rows[0].owner), (1, None), "no member owns it");
}
