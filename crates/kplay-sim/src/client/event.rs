//! The decisions and observations of simulated clients, for the trace: which partition a record
//! went to and why, batches sent and acknowledged, rebalances, assignments, commits.

use std::fmt;

use kplay_core::{
    BrokerId, ErrorCode, GenerationId, GroupId, MemberId, Offset, Offsets, TopicPartition,
};

use crate::partitioner::ChoiceReason;

/// A client's decision or observation.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientEvent {
    /// A producer chose a record's partition.
    PartitionChosen {
        /// The record's key, as text.
        key: Option<String>,
        /// The partition.
        partition: TopicPartition,
        /// Why that partition.
        reason: ChoiceReason,
    },
    /// A producer sent batches to a broker.
    BatchesSent {
        /// The broker (the partitions' leader).
        broker: BrokerId,
        /// (partition, records) per batch.
        batches: Vec<(TopicPartition, usize)>,
    },
    /// A batch was acknowledged.
    BatchAcknowledged {
        /// The partition.
        partition: TopicPartition,
        /// Its first offset (-1 with acks=0).
        base_offset: Offset,
        /// Its records.
        records: usize,
        /// Whether all in-sync replicas had it (acks=all).
        acks_all: bool,
    },
    /// A batch will be retried.
    BatchRetried {
        /// The partition.
        partition: TopicPartition,
        /// Why (`None`: no answer in time).
        error: Option<ErrorCode>,
        /// Which attempt comes next.
        attempt: u32,
    },
    /// A batch failed for good.
    BatchFailed {
        /// The partition.
        partition: TopicPartition,
        /// Why (`None`: no answer in time, retries exhausted).
        error: Option<ErrorCode>,
        /// Its records.
        records: usize,
    },
    /// An idempotent producer got its id.
    ProducerIdReceived {
        /// The id.
        producer_id: i64,
        /// Its epoch.
        epoch: i16,
    },
    /// A consumer found its group's coordinator.
    CoordinatorFound {
        /// The group.
        group: GroupId,
        /// The coordinator.
        broker: BrokerId,
    },
    /// A consumer (re)joins its group.
    Joining {
        /// The group.
        group: GroupId,
        /// Why.
        reason: String,
    },
    /// A consumer's join completed.
    Joined {
        /// The group.
        group: GroupId,
        /// The generation.
        generation: GenerationId,
        /// Its member id.
        member: MemberId,
        /// Whether it leads (and so computes the assignment).
        leader: bool,
        /// The chosen assignor.
        protocol: String,
    },
    /// The leader computed the group's assignment.
    AssignmentComputed {
        /// The group.
        group: GroupId,
        /// The generation.
        generation: GenerationId,
        /// The assignor.
        assignor: String,
        /// Each member's partitions.
        assignment: Vec<(MemberId, Vec<TopicPartition>)>,
    },
    /// A consumer's partitions changed.
    AssignmentChanged {
        /// The generation.
        generation: GenerationId,
        /// Partitions it now owns.
        owned: Vec<TopicPartition>,
        /// Partitions it gained.
        added: Vec<TopicPartition>,
        /// Partitions it gave up.
        revoked: Vec<TopicPartition>,
    },
    /// A consumer's position on a partition was set.
    PositionSet {
        /// The partition.
        partition: TopicPartition,
        /// The offset.
        offset: Offset,
        /// Why there: "committed offset", "auto.offset.reset=earliest", a seek…
        reason: String,
    },
    /// A consumer has no offset and `auto.offset.reset=none`.
    NoOffset {
        /// The partition.
        partition: TopicPartition,
    },
    /// A consumer's application processed records.
    Processed {
        /// The partition.
        partition: TopicPartition,
        /// The first offset processed.
        from: Offset,
        /// The offset after the last.
        to: Offset,
    },
    /// A consumer committed offsets.
    Committed {
        /// The offsets (the next record to read).
        offsets: Vec<(TopicPartition, Offset)>,
    },
    /// A commit failed.
    CommitFailed {
        /// Why.
        error: ErrorCode,
    },
    /// A consumer left its group.
    LeftGroup {
        /// The group.
        group: GroupId,
        /// Why.
        reason: String,
    },
    /// A request failed or got no answer.
    RequestFailed {
        /// The broker.
        broker: BrokerId,
        /// What it was.
        what: String,
        /// The error (`None`: no answer).
        error: Option<ErrorCode>,
    },
}

fn list(partitions: &[TopicPartition]) -> String {
    let names: Vec<String> = partitions.iter().map(ToString::to_string).collect();
    format!("[{}]", names.join(", "))
}

impl fmt::Display for ClientEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientEvent::PartitionChosen { key, partition, reason } => match key {
                Some(k) => write!(f, "key {k:?} -> {partition}: {reason}"),
                None => write!(f, "keyless record -> {partition}: {reason}"),
            },
            ClientEvent::BatchesSent { broker, batches } => {
                let n: usize = batches.iter().map(|(_, r)| r).sum();
                write!(f, "sent {} batch(es), {n} record(s), to broker {broker}", batches.len())
            }
            ClientEvent::BatchAcknowledged { partition, base_offset, records, acks_all } => {
                let by = if *acks_all { "every in-sync replica" } else { "the leader" };
                write!(
                    f,
                    "{records} record(s) at {partition} offset {base_offset} acknowledged by {by}"
                )
            }
            ClientEvent::BatchRetried { partition, error, attempt } => match error {
                Some(e) => {
                    write!(f, "retrying a batch for {partition} (attempt {attempt}): {}", e.name())
                }
                None => write!(
                    f,
                    "retrying a batch for {partition} (attempt {attempt}): no answer in time"
                ),
            },
            ClientEvent::BatchFailed { partition, error, records } => match error {
                Some(e) => write!(f, "{records} record(s) for {partition} failed: {}", e.name()),
                None => write!(
                    f,
                    "{records} record(s) for {partition} failed: no answer, retries exhausted"
                ),
            },
            ClientEvent::ProducerIdReceived { producer_id, epoch } => {
                write!(f, "idempotent producer id {producer_id}, epoch {epoch}")
            }
            ClientEvent::CoordinatorFound { group, broker } => {
                write!(f, "broker {broker} coordinates group {group}")
            }
            ClientEvent::Joining { group, reason } => write!(f, "joining group {group}: {reason}"),
            ClientEvent::Joined { group, generation, member, leader, protocol } => {
                let role = if *leader { "leader" } else { "follower" };
                write!(f, "joined {group} generation {generation} as {member} ({role}, {protocol})")
            }
            ClientEvent::AssignmentComputed { group, generation, assignor, assignment } => {
                write!(f, "{assignor} assignment for {group} generation {generation}:")?;
                for (member, partitions) in assignment {
                    write!(f, " {member} -> {}", list(partitions))?;
                }
                Ok(())
            }
            ClientEvent::AssignmentChanged { generation, owned, added, revoked } => write!(
                f,
                "generation {generation}: owns {}, gained {}, gave up {}",
                list(owned),
                list(added),
                list(revoked)
            ),
            ClientEvent::PositionSet { partition, offset, reason } => {
                write!(f, "position on {partition} set to {offset} ({reason})")
            }
            ClientEvent::NoOffset { partition } => write!(
                f,
                "no committed offset for {partition} and auto.offset.reset=none: a real consumer's poll() throws NoOffsetForPartitionException; this one leaves the partition unread"
            ),
            ClientEvent::Processed { partition, from, to } => {
                write!(f, "processed {partition} {}", Offsets { from: *from, to: *to })
            }
            ClientEvent::Committed { offsets } => {
                write!(f, "committed")?;
                for (tp, offset) in offsets {
                    write!(f, " {tp}@{offset}")?;
                }
                Ok(())
            }
            ClientEvent::CommitFailed { error } => write!(f, "commit failed: {}", error.name()),
            ClientEvent::LeftGroup { group, reason } => write!(f, "left group {group}: {reason}"),
            ClientEvent::RequestFailed { broker, what, error } => match error {
                Some(e) => write!(f, "{what} to broker {broker} failed: {}", e.name()),
                None => write!(f, "{what} to broker {broker}: the connection failed (no answer)"),
            },
        }
    }
}
