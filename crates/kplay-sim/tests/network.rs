//! Network partitions as Kafka lives them: one cut link leaves every other link alone; a broker
//! cut off from the controller is fenced after `broker.session.timeout.ms` and rejoins when it
//! reaches it again; a controller cut off from the majority is replaced; and an isolated old
//! leader's acks=1 writes are lost when it returns, while its acks=all writes are never
//! acknowledged.

use kplay_core::vec_map::VecMap;
use kplay_core::{BrokerId, Event, Offset, TopicPartition};
use kplay_sim::action::{AcksSpec, Action, KeyDistribution, ProducerSpec};
use kplay_sim::client::ClientEvent;
use kplay_sim::invariants;
use kplay_sim::network::Node;
use kplay_sim::trace::TraceKind;
use kplay_sim::world::{SimClient, World};

mod support;

/// Three brokers and topic `t` (replication factor 3, `min.insync.replicas=2`), settled.
fn world(partitions: i32) -> World {
    let mut world = support::world_with(5, partitions, &[("min.insync.replicas", "2")]);
    world.run_for(500).unwrap();
    world
}

fn leader(world: &World, partition: i32) -> BrokerId {
    let tp = TopicPartition::new("t", partition);
    world.engine().image().partition(&tp).and_then(|p| p.leader).expect("a leader")
}

fn isr(world: &World, partition: i32) -> Vec<BrokerId> {
    let tp = TopicPartition::new("t", partition);
    world.engine().image().partition(&tp).map(|p| p.isr.clone()).unwrap_or_default()
}

fn engine_events(world: &World) -> impl Iterator<Item = &Event> {
    world.trace().entries().iter().filter_map(|e| match &e.kind {
        TraceKind::Engine(event) => Some(event),
        _ => None,
    })
}

/// Records producer `id` had acknowledged, per partition.
fn acked(world: &World, id: u32) -> VecMap<i32, usize> {
    let mut counts = VecMap::new();
    for batch in world.producer(id).unwrap().acknowledged() {
        *counts.entry(batch.partition.partition.0).or_default() += batch.values.len();
    }
    counts
}

fn producer(acks: AcksSpec, rate_per_sec: u32) -> ProducerSpec {
    ProducerSpec {
        rate_per_sec,
        acks,
        idempotence: acks == AcksSpec::All,
        keys: KeyDistribution::Uniform { keys: 30 },
        ..ProducerSpec::new("p", "t")
    }
}

#[test]
fn a_client_cut_from_one_broker_still_reaches_the_others() {
    let mut w = world(3);
    w.apply(Action::AddProducer { id: 1, spec: producer(AcksSpec::All, 100) }).unwrap();
    w.run_for(2_000).unwrap();
    let cut = leader(&w, 0);
    let cut_partitions: Vec<i32> = (0..3).filter(|p| leader(&w, *p) == cut).collect();
    assert!(cut_partitions.len() < 3, "the leaders are spread");
    w.apply(Action::CutLink { a: Node::Client(1), b: Node::broker(cut) }).unwrap();
    assert!(!w.network().connected(Node::broker(cut), Node::Client(1)));
    w.run_for(200).unwrap();
    let before = acked(&w, 1);
    w.run_for(5_000).unwrap();
    let during = acked(&w, 1);
    for p in 0..3 {
        let (b, d) = (before.get(&p).copied().unwrap_or(0), during.get(&p).copied().unwrap_or(0));
        if cut_partitions.contains(&p) {
            assert_eq!(d, b, "t-{p}'s leader is out of the producer's reach");
        } else {
            assert!(d > b, "t-{p}'s leader still takes the producer's records");
        }
    }
    let cuts: Vec<(Node, Node)> = w
        .trace()
        .entries()
        .iter()
        .filter_map(|e| match e.kind {
            TraceKind::Cut { from, to } => Some((from, to)),
            _ => None,
        })
        .collect();
    assert!(!cuts.is_empty());
    for (from, to) in cuts {
        let pair = [from, to];
        assert!(pair.contains(&Node::Client(1)) && pair.contains(&Node::broker(cut)), "{pair:?}");
    }
    assert!(
        !engine_events(&w).any(|e| matches!(e, Event::BrokerLostController { .. })),
        "a client's link does not matter to the controller"
    );
    w.apply(Action::RestoreLink { a: Node::broker(cut), b: Node::Client(1) }).unwrap();
    w.run_for(35_000).unwrap();
    let after = acked(&w, 1);
    for p in &cut_partitions {
        assert!(after.get(p) > during.get(p), "t-{p} takes the producer's records again");
    }
}

#[test]
fn a_leader_cut_from_the_controller_is_fenced_and_returns_to_the_isr() {
    let mut w = world(3);
    let controller = w.engine().image().controller.unwrap();
    let p = (0..3).find(|p| leader(&w, *p) != controller).expect("leaders are spread");
    let old = leader(&w, p);
    let isr_before = isr(&w, p);
    w.apply(Action::CutLink { a: Node::broker(old), b: Node::broker(controller) }).unwrap();
    w.run_for(8_500).unwrap();
    assert_eq!(leader(&w, p), old, "not before broker.session.timeout.ms");
    w.run_for(1_000).unwrap();
    assert!(engine_events(&w).any(|e| matches!(
        e,
        Event::BrokerFencedUnreachable { broker, .. } if *broker == old
    )));
    let new = leader(&w, p);
    assert_ne!(new, old);
    assert!(isr_before.contains(&new), "the new leader comes from the ISR");
    assert!(!isr(&w, p).contains(&old));
    w.apply(Action::Heal).unwrap();
    w.run_for(35_000).unwrap();
    assert!(engine_events(&w).any(|e| matches!(
        e,
        Event::BrokerReachedController { broker, was_fenced: true, .. } if *broker == old
    )));
    assert!(isr(&w, p).contains(&old), "caught up and back in the ISR");
}

#[test]
fn a_controller_cut_off_from_the_majority_is_replaced() {
    let mut w = world(1);
    assert_eq!(w.engine().image().controller, Some(BrokerId(1)));
    w.apply(Action::CutLink { a: Node::Broker(1), b: Node::Broker(2) }).unwrap();
    assert_eq!(w.engine().image().controller, Some(BrokerId(1)), "1 and 3 are a majority");
    w.apply(Action::CutLink { a: Node::Broker(3), b: Node::Broker(1) }).unwrap();
    assert_eq!(w.engine().image().controller, Some(BrokerId(2)));
    assert!(engine_events(&w).any(|e| matches!(
        e,
        Event::ControllerLostQuorum { broker: BrokerId(1), successor: Some(BrokerId(2)), .. }
    )));
    w.run_for(10_000).unwrap();
    assert_ne!(leader(&w, 0), BrokerId(1), "broker 1 was fenced and leads nothing");
}

#[test]
fn acks_1_writes_to_an_isolated_old_leader_are_lost_on_heal_and_acks_all_ones_never_acknowledged() {
    let mut w = world(1);
    w.apply(Action::AddProducer { id: 1, spec: producer(AcksSpec::Leader, 50) }).unwrap();
    let all = ProducerSpec { request_timeout_ms: 5_000, ..producer(AcksSpec::All, 50) };
    w.apply(Action::AddProducer { id: 2, spec: all }).unwrap();
    w.run_for(2_000).unwrap();
    let old = leader(&w, 0);
    for other in (1..=3).filter(|b| *b != old.0) {
        w.apply(Action::CutLink { a: Node::broker(old), b: Node::Broker(other) }).unwrap();
    }
    let acks_all_before = acked(&w, 2).get(&0).copied().unwrap_or(0);
    w.run_for(4_000).unwrap();
    assert_eq!(
        acked(&w, 2).get(&0).copied().unwrap_or(0),
        acks_all_before,
        "the old leader acknowledges no acks=all write: its followers are cut off and it cannot shrink the ISR"
    );
    w.run_for(12_000).unwrap();
    assert_ne!(leader(&w, 0), old, "fenced and replaced");
    w.apply(Action::Heal).unwrap();
    w.run_for(35_000).unwrap();
    let removed: u64 = engine_events(&w)
        .filter_map(|e| match e {
            Event::LogTruncated { broker, removed, .. } if *broker == old => Some(*removed),
            _ => None,
        })
        .sum();
    assert!(removed > 0, "the old leader truncated what only it had, and said so");
    // acks=1 records it acknowledged are not in the partition any more.
    let tp = TopicPartition::new("t", 0);
    let view = w.engine().partition(&tp).unwrap();
    let log = &view.leader_replica().unwrap().log;
    let values: VecMap<Offset, _> = log
        .batches()
        .iter()
        .flat_map(|b| {
            b.records_with_offsets().map(|(o, r)| (o, r.value.clone())).collect::<Vec<_>>()
        })
        .collect();
    let SimClient::Producer(p1) = &w.clients()[&1] else { panic!() };
    let lost = p1
        .acknowledged()
        .iter()
        .flat_map(|b| {
            (0..b.values.len()).map(move |i| (b.base_offset.plus(i as i64), &b.values[i]))
        })
        .filter(|(offset, value)| values.get(offset) != Some(*value))
        .count();
    assert!(lost > 0, "acknowledged acks=1 records were lost");
    assert!(invariants::acknowledged_records_kept(&w).is_empty(), "no acks=all record lost");
    let retried = w.trace().entries().iter().any(|e| {
        matches!(&e.kind, TraceKind::Client { client: 2, event: ClientEvent::BatchRetried { .. } })
    });
    assert!(retried, "the acks=all producer retried what the old leader never acknowledged");
    assert!(
        acked(&w, 2).get(&0).copied().unwrap_or(0) > acks_all_before,
        "and the new leader took it"
    );
}
