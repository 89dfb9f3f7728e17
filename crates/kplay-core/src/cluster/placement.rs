//! Replica placement, as Kafka's `AdminUtils.assignReplicasToBrokers` does it.
//!
//! Without racks, partition `p`'s first replica is broker `(p + start) % n` and the others follow
//! at a shift that grows every `n` partitions, so leaders and followers spread evenly. With racks
//! on every broker, brokers are first arranged alternating between racks and each partition's
//! replicas land on as many different racks as possible (KIP-36). `start` and the initial shift
//! are random in Kafka; here they come from the engine's seeded generator.

use crate::error::{ErrorCode, KafkaError};
use crate::ids::BrokerId;
use crate::rng::SplitMix64;
use crate::vec_map::{VecMap, VecSet};

/// Assigns replicas for partitions `first_partition..first_partition + partitions` over
/// `brokers` (sorted by id, each with an optional rack).
pub fn assign_replicas(
    brokers: &[(BrokerId, Option<String>)],
    partitions: i32,
    replication_factor: i16,
    first_partition: i32,
    rng: &mut SplitMix64,
) -> Result<Vec<Vec<BrokerId>>, KafkaError> {
    let rf = usize::try_from(replication_factor).unwrap_or(0);
    if partitions <= 0 {
        return Err(KafkaError::new(
            ErrorCode::InvalidPartitions,
            "Number of partitions must be larger than 0.",
        ));
    }
    if rf == 0 {
        return Err(KafkaError::new(
            ErrorCode::InvalidReplicationFactor,
            "Replication factor must be larger than 0.",
        ));
    }
    if rf > brokers.len() {
        return Err(KafkaError::new(
            ErrorCode::InvalidReplicationFactor,
            format!(
                "Unable to replicate the partition {rf} time(s): The target replication factor of {rf} cannot be reached because only {} broker(s) are registered.",
                brokers.len()
            ),
        ));
    }
    let n = brokers.len();
    let start = rng.below(n as u64) as usize;
    let shift = rng.below(n as u64) as usize;
    let all_racked = brokers.iter().all(|(_, rack)| rack.is_some());
    let out = if all_racked {
        rack_aware(brokers, partitions, rf, first_partition, start, shift)
    } else {
        let ids: Vec<BrokerId> = brokers.iter().map(|(id, _)| *id).collect();
        rack_unaware(&ids, partitions, rf, first_partition, start, shift)
    };
    Ok(out)
}

fn replica_index(first: usize, shift: usize, j: usize, n: usize) -> usize {
    let shift = 1 + (shift + j) % (n - 1).max(1);
    (first + shift) % n
}

fn rack_unaware(
    brokers: &[BrokerId],
    partitions: i32,
    rf: usize,
    first_partition: i32,
    start: usize,
    mut shift: usize,
) -> Vec<Vec<BrokerId>> {
    let n = brokers.len();
    let first_partition = first_partition.max(0) as usize;
    let mut out = Vec::new();
    for current in first_partition..first_partition + partitions as usize {
        if current > 0 && current.is_multiple_of(n) {
            shift += 1;
        }
        let first = (current + start) % n;
        let mut replicas = vec![brokers[first]];
        for j in 0..rf - 1 {
            replicas.push(brokers[replica_index(first, shift, j, n)]);
        }
        out.push(replicas);
    }
    out
}

/// Brokers ordered rack by rack in turn (racks and brokers sorted), Kafka's
/// `getRackAlternatedBrokerList`.
fn rack_alternated(brokers: &[(BrokerId, Option<String>)]) -> Vec<(BrokerId, String)> {
    let mut by_rack: VecMap<String, Vec<BrokerId>> = VecMap::new();
    for (id, rack) in brokers {
        by_rack.entry(rack.clone().unwrap_or_default()).or_default().push(*id);
    }
    let mut iters: Vec<(String, std::vec::IntoIter<BrokerId>)> = by_rack
        .into_iter()
        .map(|(rack, mut ids)| {
            crate::sort::sort(&mut ids);
            (rack, ids.into_iter())
        })
        .collect();
    let mut out = Vec::with_capacity(brokers.len());
    let mut i = 0;
    while out.len() < brokers.len() {
        let len = iters.len();
        let (rack, it) = &mut iters[i % len];
        if let Some(id) = it.next() {
            out.push((id, rack.clone()));
        }
        i += 1;
    }
    out
}

fn rack_aware(
    brokers: &[(BrokerId, Option<String>)],
    partitions: i32,
    rf: usize,
    first_partition: i32,
    start: usize,
    mut shift: usize,
) -> Vec<Vec<BrokerId>> {
    let arranged = rack_alternated(brokers);
    let n = arranged.len();
    let num_racks = arranged.iter().map(|(_, r)| r).collect::<VecSet<_>>().len();
    let first_partition = first_partition.max(0) as usize;
    let mut out = Vec::new();
    for current in first_partition..first_partition + partitions as usize {
        if current > 0 && current.is_multiple_of(n) {
            shift += 1;
        }
        let first = (current + start) % n;
        let (leader, leader_rack) = &arranged[first];
        let mut replicas = vec![*leader];
        let mut racks: VecSet<&String> = VecSet::from([leader_rack]);
        let mut used: VecSet<BrokerId> = VecSet::from([*leader]);
        let mut k = 0;
        for _ in 0..rf - 1 {
            loop {
                let (broker, rack) = &arranged[replica_index(first, shift * num_racks, k, n)];
                k += 1;
                let rack_ok = !racks.contains(rack) || racks.len() == num_racks;
                let broker_ok = !used.contains(broker) || used.len() == n;
                if rack_ok && broker_ok {
                    replicas.push(*broker);
                    racks.insert(rack);
                    used.insert(*broker);
                    break;
                }
            }
        }
        out.push(replicas);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[i32]) -> Vec<BrokerId> {
        v.iter().map(|&i| BrokerId(i)).collect()
    }

    #[test]
    fn matches_kafkas_unaware_example() {
        // Kafka's AdminUtils doc: 5 brokers, 10 partitions, rf 3, start index 0, shift 0.
        let brokers = ids(&[0, 1, 2, 3, 4]);
        let got = rack_unaware(&brokers, 10, 3, 0, 0, 0);
        let want: Vec<Vec<BrokerId>> = [
            [0, 1, 2],
            [1, 2, 3],
            [2, 3, 4],
            [3, 4, 0],
            [4, 0, 1],
            [0, 2, 3],
            [1, 3, 4],
            [2, 4, 0],
            [3, 0, 1],
            [4, 1, 2],
        ]
        .iter()
        .map(|r| ids(r))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn rack_aware_spreads_replicas_over_racks() {
        // Kafka's doc example: rack alternated list of brokers 0..5 over racks a,b,c.
        let brokers: Vec<(BrokerId, Option<String>)> =
            [(0, "a"), (1, "b"), (2, "b"), (3, "a"), (4, "c"), (5, "c")]
                .iter()
                .map(|&(id, r)| (BrokerId(id), Some(r.to_owned())))
                .collect();
        assert_eq!(
            rack_alternated(&brokers).iter().map(|(b, _)| b.0).collect::<Vec<_>>(),
            [0, 1, 4, 3, 2, 5]
        );
        let got = rack_aware(&brokers, 6, 3, 0, 0, 0);
        let rack =
            |b: BrokerId| brokers.iter().find(|(id, _)| *id == b).and_then(|(_, r)| r.clone());
        for replicas in &got {
            let racks: VecSet<_> = replicas.iter().map(|b| rack(*b)).collect();
            assert_eq!(racks.len(), 3, "{replicas:?} spans every rack");
        }
        assert_eq!(got[0], ids(&[0, 1, 4]));
    }

    #[test]
    fn errors_name_the_problem() {
        let brokers: Vec<(BrokerId, Option<String>)> =
            vec![(BrokerId(1), None), (BrokerId(2), None)];
        let mut rng = SplitMix64::new(0);
        let err = assign_replicas(&brokers, 3, 3, 0, &mut rng).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidReplicationFactor);
        assert!(err.message.contains("only 2 broker(s)"), "{}", err.message);
        assert_eq!(
            assign_replicas(&brokers, 0, 1, 0, &mut rng).unwrap_err().code,
            ErrorCode::InvalidPartitions
        );
        let ok = assign_replicas(&brokers, 4, 2, 0, &mut rng).unwrap();
        assert!(ok.iter().all(|r| r.len() == 2 && r[0] != r[1]));
    }
}
