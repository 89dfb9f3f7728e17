//! The cluster, log and producer parts of snapshots, checked against the world underneath:
//! segments, records going away (retention and compaction ghosts), brokers' states, records in
//! flight, and what changes at scale.

use kplay_sim::action::{Action, KeyDistribution, ProducerSpec};
use kplay_sim::{Scenario, Settings, TimedAction};

use super::{BrokerStatus, Snapshot};
use crate::model::Playground;
use crate::model::prefs::ViewPrefs;
use crate::model::share::{Shared, VERSION};

/// A playground running `actions` (all taken at the start) with `settings`, drawing `topic`.
fn scenario(settings: Settings, actions: Vec<Action>, topic: &str) -> Playground {
    let scenario = Scenario {
        seed: 7,
        settings,
        actions: actions
            .into_iter()
            .map(|action| TimedAction { step: 0, time: 0, action })
            .collect(),
    };
    let view = ViewPrefs { topic: Some(topic.into()), ..ViewPrefs::default() };
    Playground::from_shared(Shared { v: VERSION, scenario, step: 0, view }).expect("it replays")
}

fn brokers(n: i32) -> Vec<Action> {
    (1..=n).map(|id| Action::AddBroker { id, rack: None }).collect()
}

/// Three brokers, a one-partition topic with `configs`, and a producer of `keys` keys.
fn one_topic(configs: &[(&str, &str)], keys: u32) -> Playground {
    let settings = Settings { log_retention_check_interval_ms: 1_000, ..Settings::default() };
    let mut actions = brokers(3);
    actions.push(Action::CreateTopic {
        name: "events".into(),
        partitions: 1,
        replication_factor: 3,
        configs: configs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    });
    let spec = ProducerSpec {
        rate_per_sec: 10,
        keys: KeyDistribution::Uniform { keys },
        linger_ms: 0,
        ..ProducerSpec::new("producer-1", "events")
    };
    actions.push(Action::AddProducer { id: 1, spec });
    scenario(settings, actions, "events")
}

/// Plays 100 ms frames until `found` holds of the snapshot (at most `seconds`).
fn play_until(p: &mut Playground, seconds: i64, found: impl Fn(&Snapshot) -> bool) -> Snapshot {
    for _ in 0..seconds * 10 {
        p.frame(100.0);
        let s = p.snapshot();
        if found(&s) {
            return s;
        }
    }
    panic!("not found within {seconds} s");
}

fn play(p: &mut Playground, seconds: f64) {
    for _ in 0..(seconds * 10.0) as usize {
        p.frame(100.0);
    }
}

#[test]
fn the_window_is_grouped_into_the_log_s_segments() {
    let mut p = one_topic(&[("segment.bytes", "400")], 4);
    play(&mut p, 8.0);
    let s = p.snapshot();
    let part = &s.topic("events").unwrap().partitions[0];
    let window = part.log.as_ref().unwrap();
    assert!(window.segments.len() >= 3, "small segments: {:?}", window.segments);
    assert!(window.segments.last().unwrap().active);
    assert_eq!(window.segments.iter().filter(|s| s.active).count(), 1);
    assert!(window.segments[0].base_offset <= window.from);
    for cell in &window.cells {
        let seg = window.segment_of(cell.offset).expect("every cell sits in a segment drawn");
        assert!(seg.base_offset <= cell.offset && cell.offset < seg.next_offset.max(part.log_end));
    }
    assert_eq!(window.segments.last().unwrap().next_offset, part.log_end);
}

#[test]
fn retention_leaves_fading_ghosts_then_the_log_start_has_moved() {
    let mut p = one_topic(&[("segment.bytes", "400"), ("retention.ms", "2000")], 4);
    let s = play_until(&mut p, 30, |s| {
        s.topic("events").unwrap().partitions[0].log.as_ref().is_some_and(|w| !w.deleted.is_empty())
    });
    let part = &s.topic("events").unwrap().partitions[0];
    let window = part.log.as_ref().unwrap();
    let ghost = window.deleted.last().unwrap();
    assert_eq!(ghost.config, "retention.ms");
    assert!(ghost.fade > 0 && ghost.fade <= 100);
    assert!(ghost.next_offset <= part.log_start, "deleted offsets lie before the log start");
    assert!(part.log_start > 0);
    let note = part.removals.iter().find(|n| n.rule == "retention").expect("a note");
    assert!(note.text.contains("retention.ms"), "{}", note.text);
    assert!(
        note.text.starts_with("brokers 1, 2, 3:"),
        "said once for every replica: {}",
        note.text
    );

    // Paused, nothing fades; running on, the ghosts go and the log start stays moved.
    p.set_playing(false);
    p.frame(1_000.0);
    assert_eq!(p.snapshot().topics, s.topics);
    p.set_playing(true);
    play(&mut p, 3.1);
    let later = p.snapshot();
    let part_later = &later.topic("events").unwrap().partitions[0];
    let window_later = part_later.log.as_ref().unwrap();
    assert!(window_later.deleted.iter().all(|d| d.base_offset != ghost.base_offset));
    assert!(part_later.log_start >= part.log_start);
}

#[test]
fn compaction_ghosts_sit_in_the_gaps_and_name_the_newer_record() {
    let configs = [
        ("cleanup.policy", "compact"),
        ("segment.bytes", "400"),
        ("min.cleanable.dirty.ratio", "0.01"),
    ];
    let mut p = one_topic(&configs, 3);
    let s = play_until(&mut p, 30, |s| {
        s.topic("events").unwrap().partitions[0]
            .log
            .as_ref()
            .is_some_and(|w| !w.compacted.is_empty())
    });
    let part = &s.topic("events").unwrap().partitions[0];
    let window = part.log.as_ref().unwrap();
    for ghost in &window.compacted {
        assert!(ghost.offset >= window.from);
        assert!(window.cells.iter().all(|c| c.offset != ghost.offset), "a ghost fills a gap");
        let newer = ghost.superseded_by.expect("no tombstones here");
        assert!(newer > ghost.offset);
        if let Some(cell) = window.cells.iter().find(|c| c.offset == newer) {
            assert_eq!(cell.key.as_deref(), Some(ghost.key.as_str()));
            assert_eq!(cell.colour, ghost.colour, "the same key, the same colour");
        }
        assert!(ghost.why().contains(&format!("offset {newer} holds a newer value")));
    }
    assert!(part.removals.iter().any(|n| n.rule == "compaction"));
    assert!(s.topic("events").unwrap().compacted());
}

#[test]
fn brokers_tell_a_clean_stop_an_unnoticed_crash_and_a_fenced_one_apart() {
    let mut p = Playground::opening(1);
    play(&mut p, 2.0);
    assert_eq!(p.snapshot().cluster.next_broker_id(), 4);
    assert_eq!(p.snapshot().cluster.add_broker_refusal(), None);
    p.apply(Action::StopBroker { id: 2, crash: true }).unwrap();
    p.apply(Action::StopBroker { id: 3, crash: false }).unwrap();
    play(&mut p, 1.0);
    let s = p.snapshot();
    match s.broker(2).unwrap().status {
        BrokerStatus::Unnoticed { session_timeout_ms: 9_000, fenced_in_ms: Some(left) } => {
            assert!((7_000..9_000).contains(&left), "{left} ms left");
        }
        other => panic!("crashed and unnoticed, not {other:?}"),
    }
    assert!(s.broker(2).unwrap().status.explanation().contains("broker.session.timeout.ms"));
    assert_eq!(s.broker(3).unwrap().status, BrokerStatus::StoppedCleanly);
    assert_eq!(s.broker(1).unwrap().status, BrokerStatus::Running);
    play(&mut p, 9.0);
    assert_eq!(p.snapshot().broker(2).unwrap().status, BrokerStatus::Fenced);
    p.apply(Action::StartBroker { id: 2 }).unwrap();
    assert_eq!(p.snapshot().broker(2).unwrap().status, BrokerStatus::Running);
}

#[test]
fn flights_are_the_newest_choices_and_a_link_opens_them_where_they_were() {
    let mut p = Playground::opening(1);
    let s = play_until(&mut p, 20, |s| !s.producers[0].flights.is_empty());
    let producer = &s.producers[0];
    assert_eq!(producer.partitions, 3);
    for flight in &producer.flights {
        assert!(flight.progress < 100);
        let choice = producer.choices.iter().find(|c| c.id == flight.id).expect("a choice");
        assert_eq!(
            (choice.key.as_ref(), choice.partition),
            (flight.key.as_ref(), flight.partition)
        );
        assert_eq!(choice.colour, super::key_colour(choice.key.as_deref().map(str::as_bytes)));
    }
    let ids: Vec<&str> = producer.choices.iter().map(|c| c.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");

    // The same step, reached by a link, has the same choices with the same ids.
    let q = Playground::from_shared(p.shared()).unwrap();
    let (a, b) = (&p.snapshot().producers[0], &q.snapshot().producers[0]);
    assert_eq!(a.choices, b.choices);
    // Paused, nothing moves.
    p.set_playing(false);
    p.frame(500.0);
    assert_eq!(p.snapshot().producers, s.producers);
}

#[test]
fn big_topics_and_big_clusters_are_summarised() {
    let mut actions = brokers(50);
    actions.push(Action::CreateTopic {
        name: "wide".into(),
        partitions: 1_000,
        replication_factor: 2,
        configs: vec![],
    });
    let mut p = scenario(Settings::default(), actions, "wide");
    play(&mut p, 0.5);
    let s = p.snapshot();
    let topic = s.topic("wide").unwrap();
    assert!(!topic.detailed);
    assert!(topic.partitions.iter().all(|p| p.log.is_none() && p.removals.is_empty()));
    assert!(topic.keys_in_view().is_empty());
    assert!(s.cluster.compact);
    assert!(s.cluster.brokers.iter().all(|b| b.replicas.is_empty()));
    let replicas: usize = s.cluster.brokers.iter().map(|b| b.replica_count).sum();
    assert_eq!(replicas, 2_000, "counts stay exact");
    assert_eq!(s.cluster.next_broker_id(), 51);
}

#[test]
fn a_returning_leader_s_cut_tail_shows_on_its_replica() {
    let mut actions = brokers(3);
    actions.push(Action::CreateTopic {
        name: "orders".into(),
        partitions: 1,
        replication_factor: 3,
        configs: vec![],
    });
    for b in 1..=3 {
        let node = kplay_sim::network::Node::Broker(b);
        actions.push(Action::SlowNode { node, extra_latency_ms: 300 });
    }
    let spec = ProducerSpec {
        acks: kplay_sim::action::AcksSpec::Leader,
        idempotence: false,
        rate_per_sec: 20,
        linger_ms: 0,
        ..ProducerSpec::new("producer-1", "orders")
    };
    actions.push(Action::AddProducer { id: 1, spec });
    let settings = Settings { broker_session_timeout_ms: 3_000, ..Settings::default() };
    let mut p = scenario(settings, actions, "orders");
    play(&mut p, 5.0);
    let old = p.snapshot().topic("orders").unwrap().partitions[0].leader.unwrap();
    p.apply(Action::StopBroker { id: old, crash: true }).unwrap();
    play(&mut p, 4.0);
    p.apply(Action::StartBroker { id: old }).unwrap();
    let s = play_until(&mut p, 10, |s| {
        s.topic("orders").unwrap().partitions[0].replica_ends.iter().any(|r| r.truncated.is_some())
    });
    let part = &s.topic("orders").unwrap().partitions[0];
    let end = part.replica_ends.iter().find(|r| r.truncated.is_some()).unwrap();
    assert_eq!(end.broker, old, "the old leader cuts what the new one never had");
    let (from, to, fade) = end.truncated.unwrap();
    assert!(from < to && fade > 0);
    let (low, high) = part.replica_span();
    assert!(low <= from && to <= high, "the bar's scale covers the cut tail");
    let note = part.removals.iter().find(|n| n.rule == "truncation").expect("a note");
    assert!(note.text.starts_with(&format!("broker {old}:")), "{}", note.text);
}
