//! The application's loop: poll hands over up to `max.poll.records` fetched records, the
//! application spends `processing_ms_per_record` on each, and then commits as configured. Auto
//! commit happens inside poll, as in Java, so an application that stops polling stops committing.

use kplay_core::api::{OffsetCommitPartition, OffsetCommitRequest, OffsetCommitTopic, Response};
use kplay_core::{ErrorCode, GenerationId, LeaderEpoch, MemberId, Offset, TopicPartition};

use crate::action::CommitMode;
use crate::client::{ClientEvent, Detail, Io, Reply};

use super::{ConsumedRecord, Consumer, Pending, ProcessedRecord, RECENT_RECORDS};

impl Consumer {
    /// The application calls poll: fetch what is missing, hand over buffered records.
    pub(super) fn poll(&mut self, io: &mut Io<'_>) {
        if !self.app_polling() {
            return;
        }
        self.last_poll = io.now;
        self.send_fetches(io);
        let mut taken = 0;
        let mut ranges = Vec::new();
        let partitions: Vec<TopicPartition> = self.buffer.keys().cloned().collect();
        for tp in partitions {
            let Some(fetched) = self.buffer.get_mut(&tp) else { continue };
            let mut range: Option<(Offset, Offset)> = None;
            let (keep, processed) = (self.keep_processed, &mut self.processed);
            let recent = &mut self.recent;
            taken += fetched.take(self.spec.max_poll_records - taken, |offset, record| {
                range = Some((range.map_or(offset, |r| r.0), offset.plus(1)));
                if keep {
                    let value = record.value.clone();
                    processed.push(ProcessedRecord { partition: tp.clone(), offset, value });
                }
                if recent.len() == RECENT_RECORDS {
                    recent.pop_front();
                }
                recent.push_back(ConsumedRecord {
                    partition: tp.clone(),
                    offset,
                    timestamp: record.timestamp,
                    key: record.key.clone(),
                    value: record.value.clone(),
                });
            });
            if let Some((from, to)) = range {
                ranges.push((tp, from, to));
            }
        }
        self.handed_over += taken as u64;
        self.buffer.retain(|_, q| !q.is_empty());
        if ranges.is_empty() {
            return;
        }
        let took_ms = self.spec.processing_ms_per_record.saturating_mul(taken as i64);
        self.busy = ranges;
        self.busy_until = Some(io.now.plus_ms(took_ms));
        if took_ms == 0 {
            self.finish_processing(io);
            self.send_fetches(io);
        }
    }

    /// The application finished its records: positions move on, and it commits as configured.
    pub(super) fn finish_processing(&mut self, io: &mut Io<'_>) {
        if self.busy_until.is_none_or(|t| t > io.now) {
            return;
        }
        self.busy_until = None;
        for (tp, from, to) in std::mem::take(&mut self.busy) {
            if !self.assigned.contains(&tp) {
                continue; // given up meanwhile
            }
            self.consumed.insert(tp.clone(), to);
            if io.detail == Detail::Records {
                io.event(ClientEvent::Processed { partition: tp, from, to });
            }
        }
        match self.spec.commit {
            CommitMode::SyncAfterProcessing => {
                self.commit(io, true);
            }
            CommitMode::AsyncAfterProcessing => {
                self.commit(io, false);
            }
            CommitMode::Auto { .. } | CommitMode::Manual => {}
        }
    }

    /// Auto commit, due every `auto.commit.interval.ms` while the application polls.
    pub(super) fn auto_commit_if_due(&mut self, io: &mut Io<'_>) {
        let CommitMode::Auto { interval_ms } = self.spec.commit else { return };
        if !self.app_polling() || self.next_auto_commit.is_some_and(|t| t > io.now) {
            return;
        }
        self.next_auto_commit = Some(io.now.plus_ms(interval_ms));
        self.commit(io, false);
    }

    /// Commits what the application has processed, if anything changed; `sync` makes the
    /// application wait for the answer. Returns whether a commit was sent.
    pub(super) fn commit(&mut self, io: &mut Io<'_>, sync: bool) -> bool {
        let Some(g) = self.group.as_ref() else { return false };
        let Some(coordinator) = g.coordinator else { return false };
        let offsets: Vec<(TopicPartition, Offset)> = self
            .consumed
            .iter()
            .filter(|(tp, o)| self.assigned.contains(*tp) && self.committed.get(*tp) != Some(*o))
            .map(|(tp, o)| (tp.clone(), *o))
            .collect();
        if offsets.is_empty() {
            return false;
        }
        // As Java: outside any generation (standalone, or not in the group now), commit with
        // Kafka's "no generation"; the coordinator takes that only for an empty group.
        let (generation_id, member_id) = if !self.is_group_member() || g.generation.0 < 0 {
            (GenerationId::NONE, MemberId::unknown())
        } else {
            (g.generation, g.member_id.clone())
        };
        let mut topics: Vec<OffsetCommitTopic> = Vec::new();
        for (tp, offset) in &offsets {
            let partition = OffsetCommitPartition {
                partition: tp.partition,
                committed_offset: *offset,
                committed_leader_epoch: LeaderEpoch::UNKNOWN,
                metadata: None,
            };
            match topics.iter_mut().find(|t| t.name == tp.topic) {
                Some(t) => t.partitions.push(partition),
                None => topics.push(OffsetCommitTopic {
                    name: tp.topic.clone(),
                    partitions: vec![partition],
                }),
            }
        }
        let request = OffsetCommitRequest {
            group_id: g.group_id.clone(),
            generation_id,
            member_id,
            group_instance_id: g.instance_id.clone(),
            topics,
        };
        self.commit_blocking |= sync;
        self.requests.send(
            io,
            coordinator,
            request.into(),
            Pending::OffsetCommit { offsets, sync },
        );
        true
    }

    fn is_group_member(&self) -> bool {
        matches!(self.spec.membership, crate::action::Membership::Group { .. })
    }

    pub(super) fn on_commit(
        &mut self,
        io: &mut Io<'_>,
        offsets: Vec<(TopicPartition, Offset)>,
        sync: bool,
        reply: Reply,
    ) {
        if sync {
            self.commit_blocking = false;
        }
        let error = match reply {
            Reply::Response(Response::OffsetCommit(r)) => {
                r.topics.iter().flat_map(|t| t.partitions.iter()).find_map(|p| p.error)
            }
            Reply::Response(_) | Reply::Disconnected => Some(ErrorCode::NetworkException),
        };
        match error {
            None => {
                for (tp, offset) in &offsets {
                    self.committed.insert(tp.clone(), *offset);
                }
                io.event(ClientEvent::Committed { offsets });
            }
            Some(error) => {
                io.event(ClientEvent::CommitFailed { error });
                match error {
                    ErrorCode::NotCoordinator
                    | ErrorCode::CoordinatorNotAvailable
                    | ErrorCode::NetworkException => self.coordinator_lost(),
                    ErrorCode::RebalanceInProgress
                    | ErrorCode::IllegalGeneration
                    | ErrorCode::UnknownMemberId => {
                        if let Some(g) =
                            self.group.as_mut().filter(|g| g.phase == super::GroupPhase::Stable)
                        {
                            g.rejoin_reason = format!("a commit failed with {}", error.name());
                            g.phase = super::GroupPhase::Unjoined;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(g) =
            self.group.as_mut().filter(|g| g.phase == super::GroupPhase::CommittingBeforeJoin)
        {
            g.phase = super::GroupPhase::Unjoined;
            self.revoke_all(io);
        }
    }
}
