use kplay_sim::Action;
use kplay_sim::network::{LinkSpec, Node};

use super::{facts, only_error, opening, play, take};
use crate::model::forms::brokers::{AddBrokerForm, BrokerForm, BrokerOp, StopLeaderForm};
use crate::model::forms::network::{CutLinkForm, IsolateForm, LinkForm, SlowNodeForm};
use kplay_core::vec_map::VecSet;

#[test]
fn brokers_are_added_stopped_crashed_and_started() {
    let mut p = opening(1.0);
    let action =
        AddBrokerForm { id: String::new(), rack: " eu-1 ".into() }.action(&facts(&p)).unwrap();
    assert_eq!(action, Action::AddBroker { id: 4, rack: Some("eu-1".into()) }, "the next free id");
    take(&mut p, action);
    assert_eq!(p.snapshot().broker(4).unwrap().rack.as_deref(), Some("eu-1"));

    let pick = BrokerForm { broker: "2".into() };
    let action = pick.action(&facts(&p), BrokerOp::Crash).unwrap();
    assert_eq!(action, Action::StopBroker { id: 2, crash: true });
    take(&mut p, action);
    assert!(!p.snapshot().broker(2).unwrap().running);
    let action = pick.action(&facts(&p), BrokerOp::Start).unwrap();
    assert_eq!(action, Action::StartBroker { id: 2 });
    take(&mut p, action);
    play(&mut p, 0.5);
    let blank = BrokerForm::default();
    assert_eq!(
        blank.action(&facts(&p), BrokerOp::Stop).unwrap(),
        Action::StopBroker { id: 1, crash: false }
    );
}

#[test]
fn wrong_broker_fields_get_messages() {
    let mut p = opening(0.5);
    let f = facts(&p);
    let add = |id: &str| AddBrokerForm { id: id.into(), rack: String::new() };
    assert_eq!(
        only_error(add("2").action(&f), "node.id"),
        "broker 2 already exists (the next free id is 4)"
    );
    assert_eq!(
        only_error(add("-1").action(&f), "node.id"),
        "-1 is negative: type a whole number from 0 to 10000"
    );
    assert_eq!(
        only_error(add("10001").action(&f), "node.id"),
        "10001 is too large: type a whole number from 0 to 10000"
    );
    let mut full = f.clone();
    full.room.brokers = 0;
    assert_eq!(
        only_error(add("").action(&full), "node.id"),
        "the playground runs at most 100 brokers"
    );

    let pick = |b: &str| BrokerForm { broker: b.into() };
    assert_eq!(only_error(pick("9").action(&f, BrokerOp::Stop), "broker"), "there is no broker 9");
    assert_eq!(
        only_error(pick("1").action(&f, BrokerOp::Start), "broker"),
        "broker 1 is running already"
    );
    take(&mut p, Action::StopBroker { id: 3, crash: false });
    assert_eq!(
        only_error(pick("3").action(&facts(&p), BrokerOp::Crash), "broker"),
        "broker 3 is stopped already"
    );
    assert_eq!(
        only_error(pick("").action(&Default::default(), BrokerOp::Stop), "broker"),
        "there is no broker yet: add one first"
    );
}

#[test]
fn the_leader_of_a_partition_is_stopped() {
    let mut p = opening(1.0);
    let s = p.snapshot();
    let leader = s.topic("orders").unwrap().partitions[1].leader.unwrap();
    let form = StopLeaderForm { topic: "orders".into(), partition: "1".into() };
    let action = form.action(&facts(&p), true).unwrap();
    assert_eq!(action, Action::StopLeader { topic: "orders".into(), partition: 1, crash: true });
    take(&mut p, action);
    assert!(!p.snapshot().broker(leader).unwrap().running);

    let f = facts(&p);
    let bad = StopLeaderForm { topic: "orders".into(), partition: "3".into() };
    assert_eq!(
        only_error(bad.action(&f, false), "partition"),
        "3 is too large: type a whole number from 0 to 2"
    );
    let none = StopLeaderForm { topic: "gone".into(), partition: "0".into() };
    assert_eq!(only_error(none.action(&f, false), "topic"), "there is no topic “gone”");
}

#[test]
fn a_partition_without_a_leader_has_none_to_stop() {
    let mut p = opening(1.0);
    take(
        &mut p,
        Action::CreateTopic {
            name: "solo".into(),
            partitions: 1,
            replication_factor: 1,
            configs: vec![],
        },
    );
    play(&mut p, 0.2);
    let leader = p.snapshot().topic("solo").unwrap().partitions[0].leader.unwrap();
    take(&mut p, Action::StopBroker { id: leader, crash: false });
    play(&mut p, 0.5);
    let form = StopLeaderForm { topic: "solo".into(), partition: String::new() };
    assert_eq!(
        only_error(form.action(&facts(&p), false), "partition"),
        "solo-0 has no leader to stop"
    );
}

#[test]
fn nodes_are_cut_off_and_links_set() {
    let mut p = opening(1.0);
    let form = IsolateForm { nodes: VecSet::from([Node::Broker(1), Node::Client(2)]) };
    let action = form.action(&facts(&p)).unwrap();
    assert_eq!(action, Action::Isolate { nodes: vec![Node::Broker(1), Node::Client(2)] });
    take(&mut p, action);
    let s = p.snapshot();
    assert!(s.broker(1).unwrap().isolated);
    assert!(!s.broker(2).unwrap().isolated);

    let link = LinkForm {
        a: "broker-1".into(),
        b: "client-3".into(),
        latency_ms: "20".into(),
        jitter_ms: "".into(),
        loss_percent: "1.5%".into(),
    };
    let action = link.action(&facts(&p)).unwrap();
    let spec = LinkSpec { latency_ms: 20, jitter_ms: 0, loss_per_million: 15_000 };
    assert_eq!(action, Action::SetLink { a: Node::Broker(1), b: Node::Client(3), link: spec });
    take(&mut p, action);
    let blank = LinkForm::default().action(&facts(&p)).unwrap();
    let spec = LinkSpec::default();
    assert_eq!(blank, Action::SetLink { a: Node::Broker(1), b: Node::Broker(2), link: spec });

    let slow = SlowNodeForm { node: "broker-2".into(), extra_latency_ms: "300".into() };
    let action = slow.action(&facts(&p)).unwrap();
    assert_eq!(action, Action::SlowNode { node: Node::Broker(2), extra_latency_ms: 300 });
    take(&mut p, action);
    assert_eq!(p.snapshot().broker(2).unwrap().slow_ms, 300);
}

#[test]
fn a_cut_link_fences_a_broker_that_cannot_reach_the_controller_until_restored() {
    use crate::model::snapshot::BrokerStatus;
    let mut p = opening(1.0);
    let controller = p.snapshot().cluster.controller.expect("a controller");
    let other = if controller == 1 { 2 } else { 1 };
    let form = CutLinkForm { a: format!("broker-{other}"), b: format!("broker-{controller}") };
    let action = form.action(&facts(&p), true).unwrap();
    let (a, b) = (Node::Broker(other), Node::Broker(controller));
    assert_eq!(action, Action::CutLink { a, b });
    take(&mut p, action);
    let s = p.snapshot();
    let (lo, hi) = (a.min(b), a.max(b));
    assert_eq!(s.cluster.cut_links, vec![(lo.to_string(), hi.to_string())]);
    assert!(s.broker(other).unwrap().isolated && s.broker(controller).unwrap().isolated);
    assert_eq!(s.broker(other).unwrap().status, BrokerStatus::Running, "not fenced yet");
    play(&mut p, 10.0);
    let s = p.snapshot();
    assert_eq!(s.broker(other).unwrap().status, BrokerStatus::Unreachable);
    assert_eq!(
        s.broker(other).unwrap().status.label(),
        "running, fenced: cannot reach the controller"
    );
    assert_eq!(s.cluster.controller, Some(controller), "the controller keeps its majority");

    let restore = form.action(&facts(&p), false).unwrap();
    assert_eq!(restore, Action::RestoreLink { a, b });
    take(&mut p, restore);
    play(&mut p, 1.0);
    let s = p.snapshot();
    assert!(s.cluster.cut_links.is_empty());
    assert_eq!(s.broker(other).unwrap().status, BrokerStatus::Running);

    let same = CutLinkForm { a: "broker-1".into(), b: "broker-1".into() };
    assert_eq!(only_error(same.action(&facts(&p), true), "b"), "choose two different nodes");
}

#[test]
fn wrong_network_fields_get_messages() {
    let p = opening(0.5);
    let f = facts(&p);
    assert_eq!(
        only_error(IsolateForm::default().action(&f), "nodes"),
        "choose at least one broker or client to cut off"
    );
    let all: VecSet<Node> = f.nodes().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        only_error(IsolateForm { nodes: all }.action(&f), "nodes"),
        "cutting every node off separates nothing: leave some on the other side"
    );
    let gone = IsolateForm { nodes: VecSet::from([Node::Client(77)]) };
    assert_eq!(only_error(gone.action(&f), "nodes"), "there is no client 77 any more");

    let link = |a: &str, b: &str, loss: &str| LinkForm {
        a: a.into(),
        b: b.into(),
        loss_percent: loss.into(),
        ..LinkForm::default()
    };
    assert_eq!(
        only_error(link("broker-1", "broker-1", "").action(&f), "b"),
        "choose two different nodes"
    );
    assert_eq!(only_error(link("broker-9", "", "").action(&f), "a"), "there is no node “broker-9”");
    assert_eq!(
        only_error(link("", "", "100").action(&f), "loss"),
        "100 would lose every packet: type a percentage from 0 to 99.9999"
    );
    assert_eq!(
        only_error(link("", "", "-1").action(&f), "loss"),
        "-1 is negative: type a percentage from 0 to 99.9999"
    );
    assert_eq!(
        only_error(link("", "", "lots").action(&f), "loss"),
        "“lots” is not a number: type a percentage from 0 to 99.9999"
    );
    let late = LinkForm { latency_ms: "-5".into(), ..LinkForm::default() };
    assert_eq!(
        only_error(late.action(&f), "latency"),
        "-5 is negative: type a whole number from 0 to 3600000"
    );
    let slow = SlowNodeForm { node: "client-2".into(), extra_latency_ms: String::new() };
    assert_eq!(
        only_error(slow.action(&f), "extra"),
        "this is empty: type a whole number from 0 to 3600000"
    );
}
