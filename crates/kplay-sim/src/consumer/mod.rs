//! A simulated consumer that behaves like the Java client: it joins its group through the
//! coordinator (JoinGroup, SyncGroup, heartbeats), computes the assignment with the real assignors
//! when it leads, revokes eagerly or cooperatively, finds its starting offsets (committed, or
//! `auto.offset.reset`), fetches from partition leaders, lets its application process records at
//! a configured pace, and commits as configured. Crashing sends nothing; closing commits and
//! leaves.

mod fetcher;
mod group;
mod poll;

use std::collections::VecDeque;
use std::sync::Arc;

use bytes::Bytes;
use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{GroupId, Offset, Record, RecordBatch, Timestamp, TopicPartition};

use crate::action::{CommitMode, ConsumerSpec, Membership, SeekTo};
use crate::client::{InFlight, Io, MetadataCache, Reply, earliest};

pub(crate) use group::GroupMember;
pub use group::GroupPhase;

/// What a request in flight was for.
#[derive(Clone, Debug)]
pub(crate) enum Pending {
    Metadata,
    FindCoordinator,
    JoinGroup,
    SyncGroup,
    Heartbeat,
    LeaveGroup,
    OffsetCommit { offsets: Vec<(TopicPartition, Offset)>, sync: bool },
    OffsetFetch(Vec<TopicPartition>),
    ListOffsets(TopicPartition, SeekTo),
    Fetch(Vec<TopicPartition>),
}

/// Where a partition's position stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Waiting for the committed offset.
    LookingUpCommitted,
    /// Waiting for ListOffsets (a reset or a seek).
    LookingUp(SeekTo),
    /// Fetching from this offset.
    At(Offset),
    /// No committed offset and `auto.offset.reset=none`: not consumed.
    NoOffset,
}

/// Fetched records not yet handed to the application: whole batches, shared with the broker's
/// log (no record is copied), each with the index of its next record.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fetched {
    batches: VecDeque<(Arc<RecordBatch>, usize)>,
}

impl Fetched {
    /// Adds a fetched batch, skipping its records before `from`.
    fn push(&mut self, batch: Arc<RecordBatch>, from: Offset) {
        let start = batch
            .records
            .iter()
            .position(|r| batch.base_offset.plus(i64::from(r.offset_delta)) >= from);
        if let Some(start) = start {
            self.batches.push_back((batch, start));
        }
    }

    fn is_empty(&self) -> bool {
        self.batches.is_empty()
    }

    /// Hands up to `max` records to `f`, in order; returns how many.
    fn take(&mut self, max: usize, mut f: impl FnMut(Offset, &Record)) -> usize {
        let mut taken = 0;
        while taken < max {
            let Some((batch, next)) = self.batches.front_mut() else { break };
            let Some(record) = batch.records.get(*next) else {
                self.batches.pop_front();
                continue;
            };
            f(batch.base_offset.plus(i64::from(record.offset_delta)), record);
            *next += 1;
            taken += 1;
        }
        while self.batches.front().is_some_and(|(b, next)| *next >= b.records.len()) {
            self.batches.pop_front();
        }
        taken
    }
}

/// A record the application processed, kept for the invariant checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessedRecord {
    /// Where it was.
    pub partition: TopicPartition,
    /// Its offset.
    pub offset: Offset,
    /// Its value.
    pub value: Option<Bytes>,
}

/// A record the application was handed by poll, as a console consumer prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumedRecord {
    /// Where it was.
    pub partition: TopicPartition,
    /// Its offset.
    pub offset: Offset,
    /// Its timestamp.
    pub timestamp: Timestamp,
    /// Its key.
    pub key: Option<Bytes>,
    /// Its value.
    pub value: Option<Bytes>,
}

/// How many of the newest records handed to the application a consumer remembers (records
/// share the fetched batches' bytes, so this costs little); a reader that falls further behind
/// learns how many it missed from [`Consumer::handed_over`].
pub const RECENT_RECORDS: usize = 1_000;

/// A simulated consumer.
#[derive(Debug)]
pub struct Consumer {
    spec: ConsumerSpec,
    meta: MetadataCache,
    requests: InFlight<Pending>,
    group: Option<GroupMember>,
    /// The partitions it owns now.
    assigned: VecSet<TopicPartition>,
    positions: VecMap<TopicPartition, Position>,
    /// Fetched, not yet handed to the application.
    buffer: VecMap<TopicPartition, Fetched>,
    /// The offset after the last record the application finished, per partition.
    consumed: VecMap<TopicPartition, Offset>,
    /// What it knows it has committed.
    committed: VecMap<TopicPartition, Offset>,
    /// The application is busy with these records until `busy_until`.
    busy: Vec<(TopicPartition, Offset, Offset)>,
    busy_until: Option<Timestamp>,
    /// The application's last call to poll.
    last_poll: Timestamp,
    paused: bool,
    next_auto_commit: Option<Timestamp>,
    /// A commitSync is in flight: the application waits.
    commit_blocking: bool,
    /// Records processed, if the world keeps them for invariant checks.
    pub(crate) processed: Vec<ProcessedRecord>,
    keep_processed: bool,
    /// The newest records handed to the application, at most [`RECENT_RECORDS`].
    recent: VecDeque<ConsumedRecord>,
    /// How many records poll has handed to the application in all.
    handed_over: u64,
    retry_at: Option<Timestamp>,
}

impl Consumer {
    /// A consumer with this configuration.
    pub(crate) fn new(spec: ConsumerSpec, keep_processed: bool, now: Timestamp) -> Self {
        let (group, assigned) = match &spec.membership {
            Membership::Group { group_id, group_instance_id, .. } => (
                Some(GroupMember::new(group_id.as_str().into(), group_instance_id.clone())),
                VecSet::new(),
            ),
            Membership::Standalone { partitions, .. } => (
                None,
                partitions.iter().map(|(t, p)| TopicPartition::new(t.as_str(), *p)).collect(),
            ),
        };
        let positions =
            assigned.iter().map(|tp| (tp.clone(), Position::LookingUpCommitted)).collect();
        let next_auto_commit = match spec.commit {
            CommitMode::Auto { interval_ms } => Some(now.plus_ms(interval_ms)),
            _ => None,
        };
        Consumer {
            spec,
            meta: MetadataCache::default(),
            requests: InFlight::default(),
            group,
            assigned,
            positions,
            buffer: VecMap::new(),
            consumed: VecMap::new(),
            committed: VecMap::new(),
            busy: Vec::new(),
            busy_until: None,
            last_poll: now,
            paused: false,
            next_auto_commit,
            commit_blocking: false,
            processed: Vec::new(),
            keep_processed,
            recent: VecDeque::new(),
            handed_over: 0,
            retry_at: None,
        }
    }

    /// Its configuration.
    pub fn spec(&self) -> &ConsumerSpec {
        &self.spec
    }

    /// The group it commits to, if any.
    pub fn group_id(&self) -> Option<GroupId> {
        match &self.spec.membership {
            Membership::Group { group_id, .. } => Some(group_id.as_str().into()),
            Membership::Standalone { group_id, .. } => group_id.as_deref().map(GroupId::from),
        }
    }

    /// Its group membership, if it subscribes.
    pub fn member(&self) -> Option<&GroupMember> {
        self.group.as_ref()
    }

    /// The partitions it owns.
    pub fn assigned(&self) -> &VecSet<TopicPartition> {
        &self.assigned
    }

    /// Each owned partition's position.
    pub fn positions(&self) -> &VecMap<TopicPartition, Position> {
        &self.positions
    }

    /// The offset after the last record processed, per partition.
    pub fn consumed(&self) -> &VecMap<TopicPartition, Offset> {
        &self.consumed
    }

    /// What it has committed.
    pub fn committed(&self) -> &VecMap<TopicPartition, Offset> {
        &self.committed
    }

    /// The records its application processed, in order (kept only when the world tracks
    /// records).
    pub fn processed(&self) -> &[ProcessedRecord] {
        &self.processed
    }

    /// How many records poll has handed to its application since it started.
    pub fn handed_over(&self) -> u64 {
        self.handed_over
    }

    /// The newest records handed to its application, oldest first: the last of them is record
    /// number `handed_over()` (counting from 1); at most [`RECENT_RECORDS`] are kept.
    pub fn recent_records(&self) -> &VecDeque<ConsumedRecord> {
        &self.recent
    }

    /// Whether its application is paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Pauses or resumes the application (it stops or starts calling poll).
    pub(crate) fn set_paused(&mut self, io: &mut Io<'_>, paused: bool) {
        self.paused = paused;
        if !paused {
            self.last_poll = io.now;
        }
        self.wake(io);
    }

    /// Moves the position on one partition it owns.
    pub(crate) fn seek(&mut self, io: &mut Io<'_>, tp: TopicPartition, to: SeekTo) {
        if !self.assigned.contains(&tp) {
            return;
        }
        self.buffer.remove(&tp);
        let position = match to {
            SeekTo::Offset(o) => {
                self.consumed.insert(tp.clone(), Offset(o));
                Position::At(Offset(o))
            }
            other => Position::LookingUp(other),
        };
        io.event(crate::client::ClientEvent::PositionSet {
            partition: tp.clone(),
            offset: match position {
                Position::At(o) => o,
                _ => Offset(-1),
            },
            reason: format!("seek to {to:?}"),
        });
        self.positions.insert(tp, position);
        self.wake(io);
    }

    /// Does everything due at `io.now`.
    pub(crate) fn wake(&mut self, io: &mut Io<'_>) {
        self.expire_requests(io);
        self.refresh_metadata_if_needed(io);
        self.check_poll_interval(io);
        self.run_group(io);
        self.finish_processing(io);
        self.auto_commit_if_due(io);
        self.lookup_positions(io);
        self.poll(io);
    }

    /// An answer (or a disconnection) for request `correlation`.
    pub(crate) fn on_reply(&mut self, io: &mut Io<'_>, correlation: u64, reply: Reply) {
        if let Some((broker, pending)) = self.requests.take(correlation) {
            let failed = reply == Reply::Disconnected;
            self.handle(io, broker, pending, reply);
            if failed {
                for (broker, pending) in self.requests.disconnect(broker) {
                    self.handle(io, broker, pending, Reply::Disconnected);
                }
            }
        }
        self.wake(io);
    }

    /// When it next has something to do, strictly after `now`.
    pub(crate) fn next_wake(&self, now: Timestamp) -> Option<Timestamp> {
        let group = self.group.as_ref().and_then(|g| g.next_wake(&self.spec));
        let poll_deadline = (self.paused || self.busy_until.is_some())
            .then(|| self.last_poll.plus_ms(i64::from(self.spec.max_poll_interval_ms) + 1));
        earliest(
            [
                self.busy_until,
                self.next_auto_commit,
                self.requests.next_timeout(self.spec.request_timeout_ms),
                self.meta.next_refresh(),
                group,
                poll_deadline,
                self.retry_at,
            ]
            .map(|t| t.filter(|t| *t > now)),
        )
    }

    /// Closes cleanly: commits (with auto commit) and leaves the group (unless static).
    pub(crate) fn close(&mut self, io: &mut Io<'_>) {
        if matches!(self.spec.commit, CommitMode::Auto { .. }) {
            self.commit(io, false);
        }
        self.leave_group(io, "the consumer closed");
        self.requests.clear();
    }

    /// Sends an OffsetCommit for everything processed (the `Commit` action).
    pub(crate) fn commit_now(&mut self, io: &mut Io<'_>) {
        self.commit(io, false);
    }
}
