//! Invariants a Kafka cluster and its clients must keep, checked against a world (run with
//! `RunOptions::track_records`):
//!
//! 1. No record acknowledged with acks=all is lost unless an unclean election happened.
//! 2. Within one group generation, no partition is owned by two consumers.
//! 3. A group's committed offset for a partition never goes back, except after a seek or an
//!    offset reset.
//! 4. A group that commits only after processing (auto commit off) has processed every record
//!    of its partitions at least once, once it has caught up.

use kplay_core::event::{ElectionReason, Event};
use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{GenerationId, GroupId, Offset, TopicPartition};

use crate::action::{Action, CommitMode, Membership};
use crate::client::ClientEvent;
use crate::trace::{TraceEntry, TraceKind};
use crate::world::{SimClient, World};

/// A broken invariant, said plainly.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Violation {
    /// An acknowledged acks=all record is not where it was acknowledged.
    #[error("record acknowledged at {partition} offset {offset} is gone")]
    LostRecord {
        /// The partition.
        partition: TopicPartition,
        /// The offset.
        offset: Offset,
    },
    /// Two consumers owned one partition in one generation.
    #[error(
        "{partition} was owned by clients {first} and {second} in group {group} generation {generation}"
    )]
    DoubleOwnership {
        /// The group.
        group: GroupId,
        /// The generation.
        generation: GenerationId,
        /// The partition.
        partition: TopicPartition,
        /// One owner.
        first: u32,
        /// The other.
        second: u32,
    },
    /// A committed offset went back without a seek or reset.
    #[error("group {group} committed {partition} back from {from} to {to}")]
    CommitWentBack {
        /// The group.
        group: GroupId,
        /// The partition.
        partition: TopicPartition,
        /// The earlier commit.
        from: Offset,
        /// The later, lower one.
        to: Offset,
    },
    /// A record was never processed by a group committing after processing.
    #[error("group {group} never processed {partition} offset {offset}")]
    NotConsumed {
        /// The group.
        group: GroupId,
        /// The partition.
        partition: TopicPartition,
        /// The offset.
        offset: Offset,
    },
}

/// Checks every invariant; returns every violation found.
pub fn check(world: &World) -> Vec<Violation> {
    let mut violations = Vec::new();
    violations.extend(acknowledged_records_kept(world));
    violations.extend(single_owner_per_generation(world));
    violations.extend(commits_never_go_back(world));
    violations
}

fn unclean_election_happened(world: &World) -> bool {
    world.trace().entries().iter().any(|e| {
        matches!(
            &e.kind,
            TraceKind::Engine(Event::LeaderElected { reason: ElectionReason::Unclean { .. }, .. })
        )
    })
}

/// Invariant 1 (needs kept trace entries and tracked records).
pub fn acknowledged_records_kept(world: &World) -> Vec<Violation> {
    if unclean_election_happened(world) {
        return Vec::new();
    }
    let mut violations = Vec::new();
    for (_, client) in world.all_clients() {
        let SimClient::Producer(p) = client else { continue };
        for batch in p.acked.iter().filter(|b| b.acks_all) {
            let Some(view) = world.engine().partition(&batch.partition) else { continue };
            // With no running leader the records may be fine on disk; check the most advanced
            // replica rather than none.
            let logs: Vec<_> = view.replicas.iter().filter_map(|(_, r)| *r).collect();
            let Some(log) = logs.iter().map(|r| &r.log).max_by_key(|l| l.log_end_offset()) else {
                continue;
            };
            let records: VecMap<Offset, Option<bytes::Bytes>> = log
                .batches()
                .iter()
                .flat_map(|b| {
                    b.records_with_offsets().map(|(o, r)| (o, r.value.clone())).collect::<Vec<_>>()
                })
                .collect();
            for (i, value) in batch.values.iter().enumerate() {
                let offset = batch.base_offset.plus(i as i64);
                if offset < log.log_start_offset() {
                    continue; // deleted by retention, as configured
                }
                if records.get(&offset) != Some(value) {
                    violations
                        .push(Violation::LostRecord { partition: batch.partition.clone(), offset });
                }
            }
        }
    }
    violations
}

/// Invariant 2, from the consumers' reported joins and assignments.
pub fn single_owner_per_generation(world: &World) -> Vec<Violation> {
    single_owner_in(world.trace().entries())
}

/// Invariant 2 over trace entries.
pub fn single_owner_in(entries: &[TraceEntry]) -> Vec<Violation> {
    let mut groups: VecMap<u32, GroupId> = VecMap::new();
    let mut owners: VecMap<(GroupId, GenerationId, TopicPartition), u32> = VecMap::new();
    let mut violations = Vec::new();
    for entry in entries {
        let TraceKind::Client { client, event } = &entry.kind else { continue };
        match event {
            ClientEvent::Joined { group, .. } => {
                groups.insert(*client, group.clone());
            }
            ClientEvent::AssignmentChanged { generation, owned, .. } => {
                let Some(group) = groups.get(client) else { continue };
                for tp in owned {
                    let key = (group.clone(), *generation, tp.clone());
                    match owners.get(&key) {
                        Some(first) if first != client => {
                            violations.push(Violation::DoubleOwnership {
                                group: group.clone(),
                                generation: *generation,
                                partition: tp.clone(),
                                first: *first,
                                second: *client,
                            })
                        }
                        _ => {
                            owners.insert(key, *client);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    violations
}

/// Invariant 3, from the engine's commit events and the actions taken.
pub fn commits_never_go_back(world: &World) -> Vec<Violation> {
    commits_never_go_back_in(world.trace().entries())
}

/// Invariant 3 over trace entries. An offset reset excuses the group's next commit of each of
/// the topic's partitions (the reset's own); a consumer's seek excuses its group's next commit
/// of that partition that goes back (the commit after the seek, which the coordinator stores
/// before the consumer hears of it).
pub fn commits_never_go_back_in(entries: &[TraceEntry]) -> Vec<Violation> {
    let mut last: VecMap<(GroupId, TopicPartition), Offset> = VecMap::new();
    let mut reset: VecSet<(GroupId, TopicPartition)> = VecSet::new();
    let mut sought: VecSet<(GroupId, TopicPartition)> = VecSet::new();
    let mut group_of: VecMap<u32, GroupId> = VecMap::new();
    let mut violations = Vec::new();
    for entry in entries {
        match &entry.kind {
            TraceKind::Action(Action::AddConsumer { id, spec }) => {
                let group = match &spec.membership {
                    Membership::Group { group_id, .. } => Some(group_id),
                    Membership::Standalone { group_id, .. } => group_id.as_ref(),
                };
                match group {
                    Some(g) => group_of.insert(*id, GroupId::from(g.as_str())),
                    None => group_of.remove(id),
                };
            }
            TraceKind::Action(Action::ResetOffsets { group, topic, .. }) => {
                for (g, tp) in last.keys() {
                    if g.as_str() == group && tp.topic.as_str() == topic {
                        reset.insert((g.clone(), tp.clone()));
                    }
                }
            }
            TraceKind::Action(Action::Seek { id, topic, partition, .. }) => {
                if let Some(group) = group_of.get(id) {
                    sought.insert((group.clone(), TopicPartition::new(topic.as_str(), *partition)));
                }
            }
            TraceKind::Engine(Event::OffsetCommitted { group, partition, offset, .. }) => {
                let key = (group.clone(), partition.clone());
                if let Some(previous) = last.get(&key).copied()
                    && *offset < previous
                    && !reset.remove(&key)
                    && !sought.remove(&key)
                {
                    violations.push(Violation::CommitWentBack {
                        group: group.clone(),
                        partition: partition.clone(),
                        from: previous,
                        to: *offset,
                    });
                }
                reset.remove(&key);
                last.insert(key, *offset);
            }
            _ => {}
        }
    }
    violations
}

/// Invariant 4 for `group`: every record below each partition's high watermark (and above its
/// log start) was processed by one of the group's consumers. Meaningful once the group has
/// caught up and only for groups that commit after processing.
pub fn every_record_consumed(world: &World, group: &GroupId) -> Vec<Violation> {
    let mut processed: Vec<(TopicPartition, Offset)> = Vec::new();
    let mut topics = VecSet::new();
    for (_, client) in world.all_clients() {
        let SimClient::Consumer(c) = client else { continue };
        if c.group_id().as_ref() != Some(group)
            || matches!(c.spec().commit, CommitMode::Auto { .. })
        {
            continue;
        }
        if let Membership::Group { topics: t, .. } = &c.spec().membership {
            topics.extend(t.iter().cloned());
        }
        processed.extend(c.processed.iter().map(|r| (r.partition.clone(), r.offset)));
    }
    // Sorted once: records from many partitions, interleaved.
    let processed: VecSet<(TopicPartition, Offset)> = processed.into_iter().collect();
    let mut violations = Vec::new();
    for (tp, _) in world.engine().image().partitions() {
        if !topics.contains(tp.topic.as_str()) {
            continue;
        }
        let Some(view) = world.engine().partition(&tp) else { continue };
        let Some(leader) = view.leader_replica() else { continue };
        for batch in leader.log.batches() {
            for (offset, _) in batch.records_with_offsets() {
                if offset >= leader.high_watermark || offset < leader.log.log_start_offset() {
                    continue;
                }
                if !processed.contains(&(tp.clone(), offset)) {
                    violations.push(Violation::NotConsumed {
                        group: group.clone(),
                        partition: tp.clone(),
                        offset,
                    });
                }
            }
        }
    }
    violations
}
