//! The playground as the page drives it: frames of real time, actions, the timeline, share
//! links — checked against the world underneath.

use kplay_sim::Action;
use kplay_sim::action::ConsumerSpec;

use super::opening::{CONSUMERS, GROUP, TOPIC};
use super::prefs::Speed;
use super::{LinkError, Notice, Playground, Shared};

/// Plays `seconds` of real time in 60 fps frames.
fn play(p: &mut Playground, seconds: f64) {
    for _ in 0..(seconds * 60.0) as usize {
        p.frame(1000.0 / 60.0);
    }
}

fn leader_of(p: &Playground, partition: i32) -> Option<i32> {
    p.snapshot().topic(TOPIC)?.partitions[partition as usize].leader
}

#[test]
fn the_opening_scenario_runs_a_group_that_shares_the_topic() {
    let mut p = Playground::opening(1);
    play(&mut p, 10.0);
    let s = p.snapshot();
    assert!((9_900..=10_100).contains(&s.clock.time_ms), "1x: {} ms", s.clock.time_ms);
    assert_eq!(s.cluster.brokers.len(), 3);
    assert_eq!(s.cluster.brokers.iter().filter(|b| b.controller).count(), 1);
    let topic = s.topic(TOPIC).expect("the topic");
    assert!(topic.detailed);
    let written: i64 = topic.partitions.iter().map(|p| p.log_end).sum();
    assert!((30..=45).contains(&written), "about 4 records/s for 10 s: {written}");
    for part in &topic.partitions {
        let window = part.log.as_ref().expect("a detailed log");
        assert_eq!(window.cells.len() as i64, part.log_end - window.from);
        assert!(part.high_watermark <= part.log_end);
    }

    let group = s.group(GROUP).expect("the group");
    assert_eq!(group.state, "Stable");
    assert_eq!(group.members.len(), 2);
    let mut owned: Vec<i32> =
        group.members.iter().flat_map(|m| m.assigned.iter().map(|(_, p)| *p)).collect();
    owned.sort();
    assert_eq!(owned, [0, 1, 2], "each partition has exactly one owner");
    assert_eq!(group.rows.len(), 3);

    let rebalances = &s.rebalances[GROUP];
    let first = rebalances.iter().find(|r| r.generation.is_some()).expect("a generation");
    assert!(first.ended_ms.is_some());
    let gained: usize = first.members.iter().map(|m| m.added.len()).sum();
    assert_eq!(gained, 3, "the first generation hands out all three partitions");
    assert!(first.members.iter().all(|m| m.client.is_some_and(|c| CONSUMERS.contains(&c))));

    assert!(!s.events.is_empty());
    assert!(s.events.windows(2).all(|w| w[0].index > w[1].index), "newest first");
    assert!(s.producers[0].choices.iter().all(|c| c.reason.contains("murmur2")));
}

#[test]
fn stopping_a_leader_moves_leadership_and_says_so() {
    let mut p = Playground::opening(1);
    play(&mut p, 2.0);
    let old = leader_of(&p, 0).expect("a leader");
    p.apply(Action::StopBroker { id: old, crash: false }).unwrap();
    assert!(matches!(p.notice(), Some(Notice::Info(m)) if m.contains("stop broker")));
    play(&mut p, 1.0);
    let new = leader_of(&p, 0).expect("a new leader");
    assert_ne!(new, old);
    let s = p.snapshot();
    assert!(!s.broker(old).unwrap().running);
    assert!(s.events.iter().any(|e| e.text.contains(&format!("broker {new} leads orders-0"))));
}

#[test]
fn a_refused_action_changes_nothing_and_says_why() {
    let mut p = Playground::opening(1);
    play(&mut p, 1.0);
    let before = p.shared();
    let err = p.apply(Action::StartBroker { id: 42 }).unwrap_err();
    assert!(matches!(p.notice(), Some(Notice::Error(m)) if m.contains(&err)));
    assert_eq!(p.shared().scenario, before.scenario);
    let too_big = Action::CreateTopic {
        name: "huge".into(),
        partitions: 1_000_000,
        replication_factor: 1,
        configs: vec![],
    };
    assert!(p.apply(too_big).unwrap_err().contains("partitions must be between"));
}

#[test]
fn a_new_consumer_makes_a_new_generation() {
    let mut p = Playground::opening(1);
    // The first generation forms after group.initial.rebalance.delay.ms (3 s), extended once by
    // the second consumer's join.
    play(&mut p, 8.0);
    assert_eq!(p.snapshot().group(GROUP).unwrap().state, "Stable");
    let generation = p.snapshot().group(GROUP).unwrap().generation;
    let spec = ConsumerSpec::group("consumer-9", GROUP, &[TOPIC]);
    p.apply(Action::AddConsumer { id: 9, spec }).unwrap();
    play(&mut p, 6.0);
    let s = p.snapshot();
    let group = s.group(GROUP).unwrap();
    assert!(group.generation > generation, "{} > {generation}", group.generation);
    assert_eq!(group.members.len(), 3);
    let last = s.rebalances[GROUP].last().unwrap();
    assert_eq!(last.generation, Some(group.generation));
    assert_eq!(last.members.len(), 3);
    assert!(!last.is_cooperative(), "range first: an eager rebalance");
    let revoked: usize = last.members.iter().map(|m| m.revoked.len()).sum();
    assert!(revoked >= 2, "eager: the old members gave up what they owned");
}

#[test]
fn the_timeline_goes_back_and_forth_to_the_same_moments() {
    let mut p = Playground::opening(3);
    play(&mut p, 3.0);
    p.apply(Action::StopBroker { id: 2, crash: true }).unwrap();
    play(&mut p, 4.0);
    let end = p.snapshot();
    let crash_step = p.shared().scenario.actions.last().unwrap().step;
    let middle_step = crash_step - 1;
    p.seek(middle_step);
    let middle = p.snapshot();
    assert_eq!(middle.clock.step, middle_step);
    assert_eq!(middle.clock.horizon, end.clock.step);
    assert!(middle.broker(2).unwrap().running, "before the crash");
    p.seek(end.clock.step);
    let again = p.snapshot();
    assert_eq!(again.topics, end.topics);
    assert_eq!(again.groups, end.groups);
    assert_eq!(again.events, end.events);
    assert_eq!(p.world().trace().hash(), {
        let mut q = Playground::opening(3);
        play(&mut q, 3.0);
        q.apply(Action::StopBroker { id: 2, crash: true }).unwrap();
        play(&mut q, 4.0);
        q.world().trace().hash()
    });
}

#[test]
fn a_share_link_rebuilds_the_same_moment_and_view() {
    let mut p = Playground::opening(5);
    p.set_speed(Speed::new(200).unwrap());
    play(&mut p, 2.0);
    p.apply(Action::AddBroker { id: 4, rack: Some("r1".into()) }).unwrap();
    play(&mut p, 1.0);
    p.prefs.projector = true;
    let link = p.shared().fragment();
    let shared = Shared::from_fragment(&link).unwrap().unwrap();
    let q = Playground::from_shared(shared).unwrap();
    let (a, b) = (p.snapshot(), q.snapshot());
    assert_eq!(a.clock, b.clock);
    assert_eq!(a.cluster, b.cluster);
    assert_eq!(a.topics, b.topics);
    assert_eq!(a.events, b.events);
    assert_eq!(q.prefs, p.prefs);
    assert_eq!(q.world().trace().hash(), p.world().trace().hash());
}

#[test]
fn a_link_whose_actions_cannot_be_replayed_says_so() {
    let mut scenario = super::opening::scenario(1);
    scenario.actions.push(kplay_sim::TimedAction {
        step: 0,
        time: 0,
        action: Action::StartBroker { id: 77 },
    });
    let shared = Shared { v: super::share::VERSION, scenario, step: 10, view: Default::default() };
    let decoded = Shared::decode(&shared.encode()).expect("within the limits");
    let err = Playground::from_shared(decoded).unwrap_err();
    assert!(matches!(err, LinkError::Replay(_)), "{err}");
    assert!(err.to_string().contains("could not be replayed"));
}

#[test]
fn paused_frames_do_nothing_and_a_step_runs_one_event() {
    let mut p = Playground::opening(1);
    p.set_playing(false);
    assert!(!p.frame(100.0));
    let before = p.snapshot().clock.step;
    p.step();
    assert_eq!(p.snapshot().clock.step, before + 1);
    assert!(!p.snapshot().clock.playing);
}

#[test]
fn the_message_browser_reads_where_the_view_says_and_only_when_shown() {
    let mut p = Playground::opening(1);
    play(&mut p, 6.0);
    assert_eq!(p.snapshot().messages, None, "the topics tab reads no records");
    p.prefs.tab = super::Tab::Messages;
    let newest = p.snapshot().messages.expect("a page");
    assert_eq!(newest.at, super::prefs::BrowseAt::newest(TOPIC, 0), "the drawn topic, newest");
    assert_eq!(newest.records().last().map(|r| r.offset + 1), Some(newest.log_end));
    let at = super::prefs::BrowseAt::newest(TOPIC, 2).from(Some(1));
    p.prefs.browse = Some(at.clone());
    let page = p.snapshot().messages.expect("a page");
    assert_eq!(*page, super::messages::page(p.world(), &at));
    assert_eq!(page.records().next().map(|r| r.offset), Some(1));
    // The place survives a share link.
    let q =
        Playground::from_shared(Shared::from_fragment(&p.shared().fragment()).unwrap().unwrap())
            .unwrap();
    assert_eq!(q.snapshot().messages, p.snapshot().messages);
}
