//! ElectLeaders (43): preferred and unclean elections asked for by a client, with Kafka's
//! refusals.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Shutdown;
use kplay_core::event::{ElectionReason, Event};
use kplay_core::*;

fn elect(
    c: &mut Cluster,
    election_type: ElectionType,
    partitions: Option<&[i32]>,
) -> Vec<(String, i32, Option<ErrorCode>)> {
    let topics = partitions.map(|ps| {
        vec![ElectLeadersTopic {
            name: "t".into(),
            partitions: ps.iter().copied().map(PartitionIndex).collect(),
        }]
    });
    // Any running broker takes it, as KRaft brokers forward it to the controller.
    let broker = c.engine.brokers().find(|b| b.running).expect("a running broker").id;
    let Response::ElectLeaders(r) = c.call(broker.0, ElectLeadersRequest { election_type, topics })
    else {
        panic!("not ElectLeaders")
    };
    r.topics
        .iter()
        .flat_map(|t| {
            t.partitions
                .iter()
                .map(|p| (t.name.to_string(), p.partition.0, p.error.as_ref().map(|e| e.code)))
        })
        .collect()
}

fn preferred(c: &Cluster, partition: i32) -> BrokerId {
    c.engine.image().partition(&tp("t", partition)).unwrap().replicas[0]
}

#[test]
fn a_preferred_election_moves_leadership_back_to_the_first_replica() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 3, 3));
    assert_eq!(
        elect(&mut c, ElectionType::Preferred, Some(&[0])),
        [("t".into(), 0, Some(ErrorCode::ElectionNotNeeded))]
    );
    assert!(elect(&mut c, ElectionType::Preferred, None).is_empty(), "none needed: none listed");

    // Broker 1 restarts: the partitions it preferred are led elsewhere until asked back.
    let first = preferred(&c, 0);
    c.engine.stop_broker(Timestamp(c.now), first, Shutdown::Clean).unwrap();
    c.pump();
    assert_ne!(c.leader("t", 0), Some(first));
    assert_eq!(
        elect(&mut c, ElectionType::Preferred, Some(&[0])),
        [("t".into(), 0, Some(ErrorCode::PreferredLeaderNotAvailable))],
        "stopped"
    );
    c.engine.start_broker(Timestamp(c.now), first).unwrap();
    c.advance(2_000);
    assert!(c.isr("t", 0).contains(&first.0), "caught up");
    let moved: Vec<i32> = (0..3).filter(|p| preferred(&c, *p) == first).collect();
    let results = elect(&mut c, ElectionType::Preferred, None);
    assert_eq!(results, moved.iter().map(|p| ("t".into(), *p, None)).collect::<Vec<_>>());
    for p in moved {
        assert_eq!(c.leader("t", p), Some(first));
    }
    let asked = c.events_matching(|e| {
        matches!(e, Event::LeaderElected { reason: ElectionReason::PreferredRequested, .. })
    });
    assert!(!asked.is_empty());
    assert!(asked[0].to_string().contains("as a client asked (ElectLeaders)"), "{}", asked[0]);
    assert_eq!(
        elect(&mut c, ElectionType::Preferred, Some(&[7])),
        [("t".into(), 7, Some(ErrorCode::UnknownTopicOrPartition))]
    );
}

#[test]
fn an_unclean_election_revives_an_offline_partition_and_says_what_is_lost() {
    // Two replicas on three brokers: the third takes the requests when both replicas are down.
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 2));
    let leader = c.leader("t", 0).unwrap();
    let replicas = c.engine.image().partition(&tp("t", 0)).unwrap().replicas.clone();
    let follower = *replicas.iter().find(|b| **b != leader).unwrap();
    c.produce("t", 0, batch(&[("a", "1")]), Acks::All);
    assert_eq!(
        elect(&mut c, ElectionType::Unclean, Some(&[0])),
        [("t".into(), 0, Some(ErrorCode::ElectionNotNeeded))]
    );
    // The follower falls out of the ISR; the leader acknowledges alone, then crashes. With
    // unclean.leader.election.enable=false (the default), the partition waits offline.
    c.cut = vec![(leader, follower)];
    c.advance(31_000);
    c.produce("t", 0, batch(&[("b", "2")]), Acks::All);
    c.engine.stop_broker(Timestamp(c.now), leader, Shutdown::Crash).unwrap();
    c.cut.clear();
    c.advance(10_000);
    assert_eq!(c.leader("t", 0), None);

    assert_eq!(elect(&mut c, ElectionType::Unclean, Some(&[0])), [("t".into(), 0, None)]);
    assert_eq!(c.leader("t", 0), Some(follower));
    let unclean = c.events_matching(|e| {
        matches!(
            e,
            Event::LeaderElected { reason: ElectionReason::Unclean { requested: true, .. }, .. }
        )
    });
    assert_eq!(unclean.len(), 1);
    let text = unclean[0].to_string();
    assert!(
        text.contains("a client's unclean ElectLeaders") && text.contains("offset 1 are lost"),
        "{text}"
    );
    assert_eq!(c.consumed_offsets("t", 0, 0), [0]);

    c.engine.stop_broker(Timestamp(c.now), follower, Shutdown::Crash).unwrap();
    c.advance(10_000);
    assert_eq!(
        elect(&mut c, ElectionType::Unclean, Some(&[0])),
        [("t".into(), 0, Some(ErrorCode::EligibleLeadersNotAvailable))]
    );
}
