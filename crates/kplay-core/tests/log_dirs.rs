//! DescribeLogDirs (35): each broker lists the replicas it holds, with their sizes.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::*;

fn log_dir(
    c: &mut Cluster,
    broker: i32,
    topics: Option<Vec<DescribeLogDirsTopic>>,
) -> Vec<(String, i32, u64)> {
    let Response::DescribeLogDirs(r) = c.call(broker, DescribeLogDirsRequest { topics }) else {
        panic!("not DescribeLogDirs")
    };
    r.topics
        .iter()
        .flat_map(|t| {
            t.partitions.iter().map(|p| (t.name.to_string(), p.partition.0, p.size_bytes))
        })
        .collect()
}

#[test]
fn each_broker_lists_the_replicas_it_holds_with_their_sizes() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 3, 2));
    for p in 0..3 {
        for _ in 0..=p {
            c.produce("t", p, batch(&[("k", "v")]), Acks::All);
        }
    }
    c.advance(1_000);
    for broker in 1..=3 {
        let mut expected: Vec<(String, i32, u64)> = Vec::new();
        for p in 0..3 {
            let Some(replica) = c.engine.replica(BrokerId(broker), &tp("t", p)) else { continue };
            expected.push(("t".into(), p, replica.log.size_bytes() as u64));
        }
        assert_eq!(expected.len(), 2, "broker {broker} holds two of three replicas");
        let listed: Vec<_> =
            log_dir(&mut c, broker, None).into_iter().filter(|(topic, ..)| topic == "t").collect();
        assert_eq!(listed, expected, "broker {broker}");
    }
    let sizes: Vec<u64> = (0..3)
        .map(|p| {
            c.engine.replica(c.leader("t", p).unwrap(), &tp("t", p)).unwrap().log.size_bytes()
                as u64
        })
        .collect();
    assert!(sizes[0] < sizes[1] && sizes[1] < sizes[2], "one, two and three batches: {sizes:?}");

    let leader = c.leader("t", 2).unwrap().0;
    let only =
        Some(vec![DescribeLogDirsTopic { name: "t".into(), partitions: vec![PartitionIndex(2)] }]);
    assert_eq!(log_dir(&mut c, leader, only), [("t".into(), 2, sizes[2])]);
}
