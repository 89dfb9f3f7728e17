//! Metadata through the engine: every partition's leader, replicas, ISR and leader epoch, as
//! they are at creation, after a failover and after the cluster grows.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Shutdown;
use kplay_core::*;

fn metadata(c: &mut Cluster, broker: i32) -> MetadataResponse {
    let request = MetadataRequest { topics: None, allow_auto_topic_creation: false };
    let Response::Metadata(m) = c.call(broker, request) else { panic!() };
    m
}

fn partition(m: &MetadataResponse, topic: &str, p: usize) -> PartitionMetadata {
    let t = m.topics.iter().find(|t| t.name.as_str() == topic).expect("topic listed");
    t.partitions[p].clone()
}

fn ids(brokers: &[BrokerId]) -> Vec<i32> {
    let mut ids: Vec<i32> = brokers.iter().map(|b| b.0).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn metadata_names_each_partitions_leader_replicas_isr_and_epoch() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 3, 2));
    let m = metadata(&mut c, 1);
    assert_eq!(ids(&m.brokers.iter().map(|b| b.node_id).collect::<Vec<_>>()), [1, 2, 3]);
    let mut leaders = Vec::new();
    for i in 0..3 {
        let p = partition(&m, "t", i);
        assert_eq!(p.partition, PartitionIndex(i as i32));
        assert_eq!(p.error, None);
        assert_eq!(p.replicas.len(), 2);
        assert_eq!(p.leader, p.replicas[0], "the preferred replica leads a new partition");
        assert_eq!(ids(&p.isr), ids(&p.replicas), "every replica starts in sync");
        assert_eq!(p.leader_epoch, LeaderEpoch(0), "a new partition's first leader epoch");
        assert!(p.offline_replicas.is_empty());
        let image = c.engine.image().partition(&tp("t", i as i32)).unwrap().clone();
        assert_eq!((Some(p.leader), &p.replicas), (image.leader, &image.replicas));
        leaders.push(p.leader.0);
    }
    leaders.sort_unstable();
    assert_eq!(leaders, [1, 2, 3], "leadership is spread");
}

#[test]
fn after_a_failover_metadata_shows_the_new_leader_a_higher_epoch_and_a_smaller_isr() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let before = partition(&metadata(&mut c, 1), "t", 0);
    let old = before.leader;
    c.engine.stop_broker(Timestamp(c.now), old, Shutdown::Crash).unwrap();
    c.advance(10_000);
    let survivor = (1..=3).find(|b| *b != old.0).unwrap();
    let after = partition(&metadata(&mut c, survivor), "t", 0);
    assert_ne!(after.leader, old);
    assert!(before.isr.contains(&after.leader), "the new leader was in sync");
    assert_eq!(after.leader_epoch, LeaderEpoch(before.leader_epoch.0 + 1));
    assert_eq!(after.replicas, before.replicas, "replicas do not move");
    assert_eq!(
        ids(&after.isr),
        ids(&before.isr.iter().copied().filter(|b| *b != old).collect::<Vec<_>>())
    );
    assert_eq!(after.offline_replicas, [old]);
    assert_eq!(after.error, None);
}

#[test]
fn a_broker_added_to_a_running_cluster_gets_replicas_of_new_topics() {
    let mut c = Cluster::new(2, fast_config());
    c.create_topic(NewTopic::new("before", 4, 2));
    c.engine.add_broker(Timestamp(c.now), BrokerId(3), None).unwrap();
    c.pump();
    let m = metadata(&mut c, 3);
    assert!(m.brokers.iter().any(|b| b.node_id == BrokerId(3)), "the new broker is listed");
    for i in 0..4 {
        let p = partition(&m, "before", i);
        assert!(!p.replicas.contains(&BrokerId(3)), "existing partitions are not moved");
    }
    let created = c.create_topic(NewTopic::new("after", 3, 3));
    assert_eq!(created.error, None, "replication factor 3 needs the new broker");
    c.create_topic(NewTopic::new("spread", 3, 1));
    let m = metadata(&mut c, 3);
    for i in 0..3 {
        let p = partition(&m, "after", i);
        assert_eq!(ids(&p.replicas), [1, 2, 3]);
        assert_eq!(ids(&p.isr), [1, 2, 3]);
    }
    let on_new: Vec<usize> =
        (0..3).filter(|i| partition(&m, "spread", *i).leader == BrokerId(3)).collect();
    assert_eq!(on_new.len(), 1, "one of three single-replica partitions lands on broker 3");
    let r = c.produce("spread", on_new[0] as i32, batch(&[("k", "v")]), Acks::All);
    assert_eq!((r.error, r.base_offset), (None, Offset(0)));
    assert_eq!(c.log_end(3, "spread", on_new[0] as i32), Offset(1));
}
