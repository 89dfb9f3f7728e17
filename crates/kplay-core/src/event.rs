//! Events: every state change the engine makes, each naming the rule that caused it.
//!
//! The engine never changes state silently: appending a batch, advancing a high watermark,
//! shrinking an ISR, electing a leader, bumping a generation — each pushes an [`Event`]. The UI
//! animates them, the lessons explain them, and the simulator hashes them for determinism tests.
//! `Display` renders an event as one sentence a learner can read.

use std::fmt;

use bytes::Bytes;

use crate::error::ErrorCode;
use crate::group::GroupState;
use crate::ids::{
    BrokerId, GenerationId, GroupId, LeaderEpoch, MemberId, Offset, ProducerEpoch, ProducerId,
    Timestamp, TopicName, TopicPartition,
};

/// An event and the time it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    /// When.
    pub time: Timestamp,
    /// What.
    pub event: Event,
}

/// Why the controller role moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControllerReason {
    /// There was no controller: the cluster's first broker started, or a majority of the quorum
    /// is reachable again.
    NoneBefore,
    /// The controller's broker stopped.
    PreviousStopped(BrokerId),
    /// The controller could no longer reach a majority of the running brokers.
    PreviousLostQuorum(BrokerId),
}

/// Why a leader was elected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElectionReason {
    /// The partition was just created; the first live replica in the assignment leads.
    NewPartition,
    /// The previous leader stopped or was fenced; the next live ISR member leads.
    LeaderFailed,
    /// The previous leader is shutting down cleanly and handed leadership over.
    ControlledShutdown,
    /// Leadership moved back to the preferred (first) replica (`auto.leader.rebalance.enable`).
    PreferredReplica,
    /// The partition had no leader; a replica in the ISR came back.
    ReplicaReturned,
    /// The previous leader, still running, could not reach the controller for
    /// `broker.session.timeout.ms` and was fenced; the next live ISR member leads.
    LeaderUnreachable,
    /// A client asked for the preferred (first) replica to lead again (ElectLeaders).
    PreferredRequested,
    /// No ISR member was alive and `unclean.leader.election.enable`, or a client's unclean
    /// ElectLeaders, let an out-of-sync replica lead. Offsets from `lost_from` to `lost_to`
    /// (exclusive) that another replica had are gone.
    Unclean {
        /// A client asked for it (ElectLeaders), rather than the topic's config allowing it.
        requested: bool,
        /// The first offset the new leader does not have.
        lost_from: Offset,
        /// The end of what the most advanced replica had.
        lost_to: Offset,
        /// The old high watermark: records below it had been acknowledged.
        acknowledged_to: Offset,
    },
}

/// Why a follower left the ISR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IsrShrinkReason {
    /// It had not caught up with the leader's log end for `replica.lag.time.max.ms`.
    Lagging {
        /// How long since it was last caught up.
        lag_ms: i64,
        /// `replica.lag.time.max.ms`.
        max_lag_ms: i64,
    },
    /// Its broker stopped or was fenced.
    BrokerFailed,
    /// Its broker is shutting down cleanly.
    ControlledShutdown,
    /// Its broker, still running, could not reach the controller and was fenced.
    BrokerUnreachable,
}

/// Why a segment rolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollReason {
    /// The next batch would have made the active segment larger than `segment.bytes`.
    SegmentBytes,
    /// The active segment was older than `segment.ms` when a batch arrived.
    SegmentMs,
    /// Retention was about to delete every segment; Kafka keeps one by rolling first.
    Retention,
}

/// Why a segment was deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentDeleteReason {
    /// Its newest record was older than `retention.ms`.
    RetentionMs,
    /// The log was larger than `retention.bytes`.
    RetentionBytes,
}

/// One record a cleaning removed: superseded by a newer record with its key, or a tombstone
/// past its delete horizon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompactedRecord {
    /// Its offset (which stays a gap in the log).
    pub offset: Offset,
    /// Its key.
    pub key: Bytes,
    /// The newer record with the same key that replaced it (`None`: an expired tombstone).
    pub superseded_by: Option<Offset>,
}

/// Why a member left its group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberRemovedReason {
    /// It sent LeaveGroup.
    LeaveGroup,
    /// No heartbeat within `session.timeout.ms`.
    SessionTimeout,
    /// It did not rejoin within the rebalance timeout.
    RebalanceTimeout,
    /// It did not send SyncGroup within the rebalance timeout.
    SyncTimeout,
    /// A new member with the same `group.instance.id` replaced it.
    Replaced {
        /// The member that took over.
        by: MemberId,
    },
    /// A pending member (MEMBER_ID_REQUIRED) never came back with its id.
    PendingExpired,
    /// The group was over `group.max.size` and this member had not rejoined: the coordinator
    /// turned it away (GROUP_MAX_SIZE_REACHED).
    GroupMaxSizeReached,
}

/// Why a group started rebalancing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RebalanceReason {
    /// A new member joined.
    MemberJoined(MemberId),
    /// A member's subscription (protocol metadata) changed.
    MetadataChanged(MemberId),
    /// The leader rejoined, e.g. because the topics it watches changed.
    LeaderRejoined(MemberId),
    /// A member left or was removed.
    MemberRemoved(MemberId),
    /// The client said why (JoinGroup `reason`).
    Client(String),
}

/// Why a group moved from one state to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupStateReason {
    /// A rebalance started (to `PreparingRebalance`).
    Rebalance(RebalanceReason),
    /// Every member rejoined, so the join phase ended without waiting out its timer.
    AllMembersJoined,
    /// `group.initial.rebalance.delay.ms` passed for a group that started empty, with no new
    /// member arriving in the last delay.
    InitialDelayPassed {
        /// The delay, in milliseconds.
        delay_ms: i64,
    },
    /// The rebalance timeout (the members' largest `max.poll.interval.ms`) passed: members that
    /// had not rejoined were removed.
    RebalanceTimeout {
        /// The timeout, in milliseconds.
        timeout_ms: i64,
    },
    /// The join phase ended with no member left (to `Empty`).
    NoMembersLeft,
    /// The leader's SyncGroup brought the assignment (to `Stable`).
    AssignmentSynced,
    /// DeleteGroups deleted it (to `Dead`).
    Deleted,
}

/// A state change in the engine.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A broker joined the cluster for the first time.
    BrokerRegistered {
        /// The broker.
        broker: BrokerId,
        /// Its rack, if any.
        rack: Option<String>,
    },
    /// A stopped broker started again, with its logs as it left them.
    BrokerStarted {
        /// The broker.
        broker: BrokerId,
    },
    /// A broker stopped: cleanly (controlled shutdown) or by crashing.
    BrokerStopped {
        /// The broker.
        broker: BrokerId,
        /// Whether it shut down cleanly.
        clean: bool,
    },
    /// The controller noticed a crashed broker: it missed heartbeats for
    /// `broker.session.timeout.ms`.
    BrokerFenced {
        /// The broker.
        broker: BrokerId,
        /// `broker.session.timeout.ms`.
        session_timeout_ms: i64,
    },
    /// A broker became the controller (`None`: no broker is running).
    ControllerElected {
        /// The new controller.
        broker: Option<BrokerId>,
        /// Why the role moved.
        reason: ControllerReason,
    },
    /// The controller can no longer reach a majority of the running brokers, so the KRaft quorum
    /// moves on without it: the lowest-id broker that reaches a majority takes over, if any.
    ControllerLostQuorum {
        /// The controller that lost its majority.
        broker: BrokerId,
        /// How many running brokers it still reaches (itself included).
        reaches: usize,
        /// How many brokers are running.
        running: usize,
        /// The broker taking over (`None`: no broker reaches a majority).
        successor: Option<BrokerId>,
    },
    /// A running broker cannot reach the controller: its heartbeats stop, it hears of no leader or
    /// ISR change, and it cannot change an ISR itself (AlterPartition goes through the
    /// controller).
    BrokerLostController {
        /// The broker.
        broker: BrokerId,
        /// The controller it cannot reach (`None`: there is none).
        controller: Option<BrokerId>,
    },
    /// The controller fenced a running broker that could not reach it for
    /// `broker.session.timeout.ms`: its partitions get new leaders from the ISR.
    BrokerFencedUnreachable {
        /// The broker.
        broker: BrokerId,
        /// The controller.
        controller: BrokerId,
        /// `broker.session.timeout.ms`.
        session_timeout_ms: i64,
    },
    /// A running broker reaches the controller again: it learns the current leaders and ISRs,
    /// and, if it had been fenced, registers again and is unfenced.
    BrokerReachedController {
        /// The broker.
        broker: BrokerId,
        /// The controller.
        controller: BrokerId,
        /// Whether it had been fenced meanwhile.
        was_fenced: bool,
    },
    /// A topic was created.
    TopicCreated {
        /// The topic.
        topic: TopicName,
        /// Its partitions.
        partitions: i32,
        /// Its replication factor.
        replication_factor: i16,
        /// Whether Metadata or Produce created it (`auto.create.topics.enable`).
        auto_created: bool,
    },
    /// A topic was deleted, with its logs and committed offsets.
    TopicDeleted {
        /// The topic.
        topic: TopicName,
    },
    /// Partitions were added to a topic.
    PartitionsAdded {
        /// The topic.
        topic: TopicName,
        /// The old partition count.
        from: i32,
        /// The new partition count.
        to: i32,
    },
    /// A topic config was set (`Some`) or reset to the default (`None`).
    TopicConfigChanged {
        /// The topic.
        topic: TopicName,
        /// The config's name.
        name: String,
        /// Its new value.
        value: Option<String>,
    },
    /// A partition has a new leader.
    LeaderElected {
        /// The partition.
        partition: TopicPartition,
        /// The new leader.
        leader: BrokerId,
        /// The new leader epoch.
        leader_epoch: LeaderEpoch,
        /// The previous leader, if any.
        previous: Option<BrokerId>,
        /// Why.
        reason: ElectionReason,
    },
    /// A partition has no leader: no eligible replica is alive.
    PartitionOffline {
        /// The partition.
        partition: TopicPartition,
        /// The replicas it is waiting for (the last ISR).
        waiting_for: Vec<BrokerId>,
    },
    /// A follower left the ISR.
    IsrShrunk {
        /// The partition.
        partition: TopicPartition,
        /// The follower that left.
        broker: BrokerId,
        /// The ISR after.
        isr: Vec<BrokerId>,
        /// Why.
        reason: IsrShrinkReason,
    },
    /// A follower caught up with the leader and rejoined the ISR.
    IsrExpanded {
        /// The partition.
        partition: TopicPartition,
        /// The follower that rejoined.
        broker: BrokerId,
        /// The ISR after.
        isr: Vec<BrokerId>,
    },
    /// The leader appended a producer's batch.
    RecordsAppended {
        /// The partition.
        partition: TopicPartition,
        /// The leader.
        broker: BrokerId,
        /// The batch's first offset.
        base_offset: Offset,
        /// The batch's last offset.
        last_offset: Offset,
        /// The batch's size in bytes.
        bytes: usize,
        /// The producer's id, if idempotent.
        producer_id: Option<ProducerId>,
    },
    /// A follower copied records from its leader.
    RecordsReplicated {
        /// The partition.
        partition: TopicPartition,
        /// The follower.
        broker: BrokerId,
        /// The leader it fetched from.
        leader: BrokerId,
        /// The first offset copied.
        from: Offset,
        /// The follower's log end offset after.
        log_end_offset: Offset,
    },
    /// A replica's high watermark moved: on the leader, to the lowest log end offset in the ISR;
    /// on a follower, to what the leader told it.
    HighWatermarkAdvanced {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// The old high watermark.
        from: Offset,
        /// The new high watermark.
        to: Offset,
        /// On the leader: the ISR member whose log end offset set it.
        slowest: Option<BrokerId>,
    },
    /// A replica cut the end of its log to match its (new) leader's.
    LogTruncated {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// The new log end offset.
        to: Offset,
        /// How many offsets were removed.
        removed: u64,
        /// The leader epoch whose end the leader reported.
        diverging_epoch: LeaderEpoch,
    },
    /// The active segment was closed and a new one started.
    SegmentRolled {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// The new segment's base offset.
        base_offset: Offset,
        /// Why.
        reason: RollReason,
    },
    /// Retention deleted a whole segment.
    SegmentDeleted {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// The deleted segment's base offset.
        base_offset: Offset,
        /// The offset after its last batch.
        next_offset: Offset,
        /// Why.
        reason: SegmentDeleteReason,
    },
    /// The log start offset moved forward: a follower followed its leader's log start, after
    /// the leader's retention deleted segments or a client's DeleteRecords.
    LogStartOffsetAdvanced {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// The new log start offset.
        to: Offset,
    },
    /// A client's DeleteRecords moved the leader's log start offset forward: the records before
    /// it can no longer be read, and the segments wholly before it are gone.
    RecordsDeleted {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// The new log start offset.
        to: Offset,
    },
    /// Compaction removed records whose keys have newer values, and expired tombstones.
    LogCompacted {
        /// The partition.
        partition: TopicPartition,
        /// The replica's broker.
        broker: BrokerId,
        /// Records removed because a later record has the same key.
        superseded: u64,
        /// Tombstones removed after `delete.retention.ms`.
        tombstones: u64,
        /// Every record removed, by offset, so a viewer can show which ones went.
        removed: Vec<CompactedRecord>,
    },
    /// An idempotent producer's retry was recognised and answered with the original offset.
    DuplicateBatch {
        /// The partition.
        partition: TopicPartition,
        /// The producer.
        producer_id: ProducerId,
        /// The batch's first sequence number.
        base_sequence: i32,
        /// Where the batch was first written.
        base_offset: Offset,
    },
    /// A produce to a partition failed.
    ProduceFailed {
        /// The partition.
        partition: TopicPartition,
        /// The broker that answered.
        broker: BrokerId,
        /// Why.
        error: ErrorCode,
    },
    /// InitProducerId handed out a producer id.
    ProducerIdAllocated {
        /// The id.
        producer_id: ProducerId,
        /// Its epoch.
        producer_epoch: ProducerEpoch,
    },
    /// A group's coordinator changed, because the leader of its `__consumer_offsets` partition
    /// changed.
    CoordinatorMoved {
        /// The group.
        group: GroupId,
        /// The new coordinator, if any.
        coordinator: Option<BrokerId>,
    },
    /// A member joined (or, pending a member id, asked to join) a group.
    MemberJoined {
        /// The group.
        group: GroupId,
        /// The member.
        member: MemberId,
        /// The client's `client.id`.
        client_id: String,
        /// The member's `group.instance.id`, for static members.
        group_instance_id: Option<String>,
    },
    /// A member left its group.
    MemberRemoved {
        /// The group.
        group: GroupId,
        /// The member.
        member: MemberId,
        /// Why.
        reason: MemberRemovedReason,
    },
    /// A group started a rebalance.
    RebalanceStarted {
        /// The group.
        group: GroupId,
        /// Why.
        reason: RebalanceReason,
    },
    /// A group moved from one state to another.
    GroupStateChanged {
        /// The group.
        group: GroupId,
        /// The old state.
        from: GroupState,
        /// The new state.
        to: GroupState,
        /// Why.
        reason: GroupStateReason,
    },
    /// A rebalance completed its join phase: a new generation with a leader and members.
    GenerationStarted {
        /// The group.
        group: GroupId,
        /// The new generation.
        generation: GenerationId,
        /// The chosen protocol (assignor), if any members.
        protocol: Option<String>,
        /// The leader, who computes the assignment.
        leader: Option<MemberId>,
        /// The members, in join order.
        members: Vec<MemberId>,
    },
    /// A member received its assignment in SyncGroup.
    AssignmentReceived {
        /// The group.
        group: GroupId,
        /// The generation.
        generation: GenerationId,
        /// The member.
        member: MemberId,
        /// The assignment, as the leader encoded it (ConsumerProtocol bytes for consumers).
        assignment: Bytes,
    },
    /// A group committed an offset.
    OffsetCommitted {
        /// The group.
        group: GroupId,
        /// The partition.
        partition: TopicPartition,
        /// The committed offset (the next record to consume).
        offset: Offset,
        /// The member that committed, if any.
        member: Option<MemberId>,
    },
    /// A client deleted a group's committed offset for a partition (OffsetDelete).
    OffsetDeleted {
        /// The group.
        group: GroupId,
        /// The partition.
        partition: TopicPartition,
    },
    /// A group was deleted.
    GroupDeleted {
        /// The group.
        group: GroupId,
    },
    /// A transaction's step.
    #[cfg(feature = "transactions")]
    Transaction(crate::txn::TxnEvent),
}

impl Event {
    /// The event for a segment roll that started a segment at `base_offset`.
    pub(crate) fn rolled(
        partition: &TopicPartition,
        broker: BrokerId,
        base_offset: Offset,
        reason: RollReason,
    ) -> Event {
        Event::SegmentRolled { partition: partition.clone(), broker, base_offset, reason }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::event_text::describe(self, f)
    }
}
