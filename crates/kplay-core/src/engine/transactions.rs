//! Transactions at the coordinator (Kafka's `TransactionCoordinator` and its marker channel).
//!
//! The coordinator of a transactional id is the leader of its `__transaction_state` partition
//! (`abs(hashCode) % transaction.state.log.num.partitions`, as for groups). It checks each
//! request's producer id and epoch, moves the transaction through its states
//! ([`crate::txn::TxnState`]), and, when the transaction ends, writes a COMMIT or ABORT marker
//! to every partition it covered through that partition's leader. The transaction stays
//! `Prepare*` (producers hear CONCURRENT_TRANSACTIONS) until every partition's high watermark has
//! passed its marker, as Kafka's markers are written with acks=all: a partition without a leader
//! gets its marker when it has one again, and a marker whose leader changed before its followers
//! had it is written again through the new leader unless that one already has it.
//!
//! As in Kafka, a transaction open longer than its timeout is aborted with the producer's epoch
//! bumped, which fences the producer; so does InitProducerId from a new instance.

use crate::error::{ErrorCode, KafkaError};
use crate::event::Event;
use crate::ids::{BrokerId, GroupId, ProducerEpoch, ProducerId, Timestamp, TopicPartition};
use crate::record::{RecordBatch, TxnMarker};
use crate::txn::{
    TRANSACTION_STATE_TOPIC, TxnEndReason, TxnEvent, TxnMetadata, TxnState, WrittenMarker,
};
use crate::vec_map::{VecMap, VecSet};

use super::{Engine, Timer};

/// How soon markers for partitions without a leader are tried again.
const MARKER_RETRY_MS: i64 = 500;

/// A producer id and epoch as a request states them.
pub(crate) type ProducerIdAndEpoch = (ProducerId, ProducerEpoch);

/// What writing one marker came to.
enum MarkerWrite {
    /// Appended by the leader.
    Written(WrittenMarker),
    /// The partition has no leader now.
    NoLeader,
    /// The partition's topic is gone: nothing to mark.
    NotNeeded,
}

impl Engine {
    /// The transaction coordinator's state.
    pub fn transactions(&self) -> &crate::txn::TxnCoordinator {
        &self.txns
    }

    /// Creates `__transaction_state` if it does not exist yet, as Kafka does on the first
    /// FindCoordinator for a transactional id.
    pub(crate) fn ensure_transaction_state_topic(&mut self) -> Result<(), KafkaError> {
        let partitions = self.config.transaction_state_log_num_partitions;
        let rf = self.config.transaction_state_log_replication_factor;
        let topic = crate::api::NewTopic::new(TRANSACTION_STATE_TOPIC, partitions, rf)
            .config("min.insync.replicas", "2");
        self.ensure_internal_topic(topic)
    }

    /// The broker coordinating `transactional_id`, and its coordinator epoch (the leader epoch
    /// of the `__transaction_state` partition).
    pub(crate) fn txn_coordinator_for(
        &self,
        transactional_id: &str,
    ) -> Result<(BrokerId, i32), ErrorCode> {
        let partition = self.coordinator_partition(TRANSACTION_STATE_TOPIC, transactional_id)?;
        let leader = partition.leader.ok_or(ErrorCode::CoordinatorNotAvailable)?;
        Ok((leader, partition.leader_epoch.0))
    }

    /// NOT_COORDINATOR unless `broker` coordinates `transactional_id`.
    pub(crate) fn check_txn_coordinator(
        &self,
        broker: BrokerId,
        transactional_id: &str,
    ) -> Result<(), ErrorCode> {
        match self.txn_coordinator_for(transactional_id) {
            Ok((coordinator, _)) if coordinator == broker => Ok(()),
            _ => Err(ErrorCode::NotCoordinator),
        }
    }

    /// Checks that `broker` coordinates the id and that the request's producer is its current
    /// one: another producer id is INVALID_PRODUCER_ID_MAPPING, another epoch PRODUCER_FENCED.
    fn check_txn_producer(
        &self,
        broker: BrokerId,
        transactional_id: &str,
        (producer_id, producer_epoch): ProducerIdAndEpoch,
    ) -> Result<(), ErrorCode> {
        self.check_txn_coordinator(broker, transactional_id)?;
        let meta = self.txns.get(transactional_id).ok_or(ErrorCode::InvalidProducerIdMapping)?;
        if meta.producer_id != producer_id {
            return Err(ErrorCode::InvalidProducerIdMapping);
        }
        if meta.producer_epoch != producer_epoch {
            return Err(ErrorCode::ProducerFenced);
        }
        Ok(())
    }

    /// InitProducerId with a transactional id: the id's producer with its epoch bumped (a new
    /// producer id the first time). A transaction still open is aborted first, fencing the
    /// instance that opened it.
    pub(crate) fn init_transactional_producer(
        &mut self,
        broker: BrokerId,
        transactional_id: &str,
        timeout_ms: i32,
        requested: ProducerIdAndEpoch,
    ) -> Result<ProducerIdAndEpoch, ErrorCode> {
        if timeout_ms <= 0 || timeout_ms > self.config.transaction_max_timeout_ms {
            return Err(ErrorCode::InvalidTransactionTimeout);
        }
        self.check_txn_coordinator(broker, transactional_id)?;
        if let Some(meta) = self.txns.get(transactional_id) {
            // KIP-360: a producer that says who it was must be the current one, or retrying the
            // InitProducerId that made the current epoch.
            let current = (meta.producer_id, meta.producer_epoch);
            if requested.0.0 >= 0 && requested != current {
                let settled = matches!(
                    meta.state,
                    TxnState::Empty | TxnState::CompleteCommit | TxnState::CompleteAbort
                );
                if settled && Some(requested) == meta.last_producer_epoch.map(|e| (current.0, e)) {
                    return Ok(current);
                }
                return Err(ErrorCode::ProducerFenced);
            }
            match meta.state {
                TxnState::PrepareCommit | TxnState::PrepareAbort => {
                    return Err(ErrorCode::ConcurrentTransactions);
                }
                TxnState::Ongoing => {
                    self.fence_epoch(transactional_id);
                    self.end_transaction(transactional_id, TxnMarker::Abort, TxnEndReason::Fenced);
                    if self
                        .txns
                        .get(transactional_id)
                        .is_some_and(|m| m.state == TxnState::PrepareAbort)
                    {
                        return Err(ErrorCode::ConcurrentTransactions);
                    }
                }
                _ => {}
            }
            self.bump_epoch(transactional_id);
        } else {
            let producer_id = ProducerId(self.next_producer_id);
            self.next_producer_id += 1;
            let meta = TxnMetadata {
                producer_id,
                producer_epoch: ProducerEpoch(0),
                last_producer_epoch: None,
                timeout_ms,
                state: TxnState::Empty,
                partitions: VecSet::new(),
                markers: VecMap::new(),
                groups: VecSet::new(),
                started: self.now,
            };
            self.txns.insert(transactional_id.to_owned(), meta);
        }
        let meta = self.txns.get_mut(transactional_id).expect("known or just added");
        meta.timeout_ms = timeout_ms;
        meta.state = TxnState::Empty;
        let (producer_id, producer_epoch) = (meta.producer_id, meta.producer_epoch);
        let transactional_id = transactional_id.to_owned();
        self.emit(Event::Transaction(TxnEvent::ProducerInitialized {
            transactional_id,
            producer_id,
            producer_epoch,
        }));
        Ok((producer_id, producer_epoch))
    }

    /// The next epoch for fencing an open transaction: the producer id stays, so that the abort
    /// markers end what it wrote (Kafka's `prepareFenceProducerEpoch`, up to `i16::MAX`).
    fn fence_epoch(&mut self, transactional_id: &str) {
        if let Some(meta) = self.txns.get_mut(transactional_id) {
            meta.producer_epoch = ProducerEpoch(meta.producer_epoch.0.saturating_add(1));
            meta.last_producer_epoch = None;
        }
    }

    /// The next epoch, or a new producer id once the epoch is used up.
    fn bump_epoch(&mut self, transactional_id: &str) {
        let next_id = ProducerId(self.next_producer_id);
        let Some(meta) = self.txns.get_mut(transactional_id) else { return };
        if meta.producer_epoch.0 >= i16::MAX - 1 {
            meta.producer_id = next_id;
            meta.producer_epoch = ProducerEpoch(0);
            meta.last_producer_epoch = None;
            self.next_producer_id += 1;
        } else {
            meta.last_producer_epoch = Some(meta.producer_epoch);
            meta.producer_epoch = ProducerEpoch(meta.producer_epoch.0 + 1);
        }
    }

    /// AddPartitionsToTxn and AddOffsetsToTxn: the transaction covers `partitions` and `group`
    /// too, and begins if none was open.
    pub(crate) fn add_to_transaction(
        &mut self,
        broker: BrokerId,
        transactional_id: &str,
        producer: ProducerIdAndEpoch,
        partitions: &[TopicPartition],
        group: Option<GroupId>,
    ) -> Result<(), ErrorCode> {
        self.check_txn_producer(broker, transactional_id, producer)?;
        let now = self.now;
        let meta = self.txns.get_mut(transactional_id).expect("checked above");
        if matches!(meta.state, TxnState::PrepareCommit | TxnState::PrepareAbort) {
            return Err(ErrorCode::ConcurrentTransactions);
        }
        let began = meta.state != TxnState::Ongoing;
        if began {
            meta.state = TxnState::Ongoing;
            meta.started = now;
            meta.partitions.clear();
            meta.groups.clear();
        }
        let mut added: Vec<String> = partitions
            .iter()
            .filter(|tp| meta.partitions.insert((*tp).clone()))
            .map(ToString::to_string)
            .collect();
        if let Some(group) = group
            && meta.groups.insert(group.clone())
        {
            added.push(format!("group {group}"));
        }
        let timeout = now.plus_ms(i64::from(meta.timeout_ms));
        if began {
            let key = transactional_id.to_owned();
            self.timers
                .schedule(timeout, Timer::TxnTimeout { transactional_id: key, started: now });
        }
        if began || !added.is_empty() {
            let transactional_id = transactional_id.to_owned();
            self.emit(Event::Transaction(TxnEvent::Extended { transactional_id, added, began }));
        }
        Ok(())
    }

    /// EndTxn: commits or aborts the open transaction. A retry of an EndTxn that already
    /// completed succeeds again; one whose markers are still being written is told
    /// CONCURRENT_TRANSACTIONS.
    pub(crate) fn end_txn(
        &mut self,
        broker: BrokerId,
        transactional_id: &str,
        producer: ProducerIdAndEpoch,
        commit: bool,
    ) -> Result<(), ErrorCode> {
        self.check_txn_producer(broker, transactional_id, producer)?;
        let marker = if commit { TxnMarker::Commit } else { TxnMarker::Abort };
        let state = self.txns.get(transactional_id).map(|m| m.state);
        match state {
            Some(TxnState::Ongoing) => {
                self.end_transaction(transactional_id, marker, TxnEndReason::Requested);
                Ok(())
            }
            Some(s) if s == TxnState::completed(marker) => Ok(()),
            Some(s) if s == TxnState::preparing(marker) => Err(ErrorCode::ConcurrentTransactions),
            _ => Err(ErrorCode::InvalidTxnState),
        }
    }

    /// Decides the open transaction's fate and writes its markers.
    fn end_transaction(&mut self, transactional_id: &str, marker: TxnMarker, reason: TxnEndReason) {
        let Some(meta) = self.txns.get_mut(transactional_id) else { return };
        meta.state = TxnState::preparing(marker);
        let producer_id = meta.producer_id;
        let transactional_id = transactional_id.to_owned();
        self.emit(Event::Transaction(TxnEvent::Ending {
            transactional_id: transactional_id.clone(),
            producer_id,
            marker,
            reason,
        }));
        self.write_pending_markers(&transactional_id);
    }

    /// The marker the transaction is ending with, if it is preparing.
    fn ending_marker(&self, transactional_id: &str) -> Option<TxnMarker> {
        match self.txns.get(transactional_id)?.state {
            TxnState::PrepareCommit => Some(TxnMarker::Commit),
            TxnState::PrepareAbort => Some(TxnMarker::Abort),
            _ => None,
        }
    }

    /// Writes the markers still due, then completes the transaction if every one is replicated;
    /// if not, tries again in a while.
    fn write_pending_markers(&mut self, transactional_id: &str) {
        let Some(marker) = self.ending_marker(transactional_id) else { return };
        let meta = self.txns.get(transactional_id).expect("preparing");
        let (producer_id, epoch) = (meta.producer_id, meta.producer_epoch);
        let partitions: Vec<TopicPartition> = meta.partitions.iter().cloned().collect();
        let groups: Vec<GroupId> = meta.groups.iter().cloned().collect();
        let coordinator_epoch = self.txn_coordinator_for(transactional_id).map_or(0, |(_, e)| e);
        let mut left = VecSet::new();
        let mut written = Vec::new();
        for tp in partitions {
            match self.write_marker(&tp, (producer_id, epoch), marker, coordinator_epoch) {
                MarkerWrite::Written(w) => written.push((tp, w)),
                MarkerWrite::NoLeader => {
                    left.insert(tp);
                }
                MarkerWrite::NotNeeded => {}
            }
        }
        for group in &groups {
            let commit = marker == TxnMarker::Commit;
            self.groups.complete_txn_offsets(self.now, group, producer_id, commit);
        }
        let meta = self.txns.get_mut(transactional_id).expect("looked up above");
        meta.partitions = left;
        meta.groups.clear();
        for (tp, w) in written {
            meta.markers.insert(tp, w);
        }
        if !self.finish_if_replicated(transactional_id) {
            let at = self.now.plus_ms(MARKER_RETRY_MS);
            let transactional_id = transactional_id.to_owned();
            self.timers.schedule(at, Timer::TxnMarkerRetry { transactional_id });
        }
    }

    /// Drops the markers their high watermark has passed; a marker whose leader changed first is
    /// written again unless the new leader has it. Completes the transaction, and returns true,
    /// once nothing is left.
    fn finish_if_replicated(&mut self, transactional_id: &str) -> bool {
        let Some(marker) = self.ending_marker(transactional_id) else { return true };
        let meta = self.txns.get(transactional_id).expect("preparing");
        let producer_id = meta.producer_id;
        let mut settled = Vec::new();
        let mut lost = Vec::new();
        for (tp, w) in meta.markers.iter() {
            let current = self.image.partition(tp).map(|p| (p.leader, p.leader_epoch));
            match current {
                None => settled.push(tp.clone()),
                Some((Some(leader), epoch)) if leader == w.broker && epoch == w.leader_epoch => {
                    if self.replica(w.broker, tp).is_some_and(|r| r.high_watermark > w.offset) {
                        settled.push(tp.clone());
                    }
                }
                Some((leader, _)) => {
                    // A new leader: its copy either has the marker (nothing is open for the
                    // producer there) or needs it again.
                    let copy = leader.and_then(|l| self.replica(l, tp));
                    if copy.is_some_and(|r| r.log.transactions().ongoing(producer_id).is_some()) {
                        lost.push(tp.clone());
                    } else {
                        settled.push(tp.clone());
                    }
                }
            }
        }
        let meta = self.txns.get_mut(transactional_id).expect("looked up above");
        for tp in &settled {
            meta.markers.remove(tp);
        }
        for tp in lost {
            meta.markers.remove(&tp);
            meta.partitions.insert(tp);
        }
        if !meta.partitions.is_empty() || !meta.markers.is_empty() {
            return false;
        }
        meta.state = TxnState::completed(marker);
        let transactional_id = transactional_id.to_owned();
        self.emit(Event::Transaction(TxnEvent::Completed { transactional_id, marker }));
        true
    }

    /// `tp`'s high watermark moved: transactions waiting for their marker there may be done.
    pub(crate) fn txn_markers_replicated(&mut self, tp: &TopicPartition) {
        let waiting: Vec<String> = self
            .txns
            .iter()
            .filter(|(_, m)| m.markers.contains_key(tp))
            .map(|(id, _)| id.clone())
            .collect();
        for transactional_id in waiting {
            self.finish_if_replicated(&transactional_id);
        }
    }

    /// Writes one marker through the partition's leader.
    fn write_marker(
        &mut self,
        tp: &TopicPartition,
        (producer_id, producer_epoch): ProducerIdAndEpoch,
        marker: TxnMarker,
        coordinator_epoch: i32,
    ) -> MarkerWrite {
        let Some(topic) = self.image.topics.get(&tp.topic) else { return MarkerWrite::NotNeeded };
        let Some(leader) = topic.partition(tp.partition).map(|p| p.leader) else {
            return MarkerWrite::NotNeeded;
        };
        let Some(leader) = leader else { return MarkerWrite::NoLeader };
        let config = topic.config.clone();
        let Some(state) = self.partition_seen_by(leader, tp) else { return MarkerWrite::NoLeader };
        if state.leader != Some(leader) {
            return MarkerWrite::NoLeader;
        }
        let epoch = state.leader_epoch;
        let now = self.now;
        let node = self.brokers.get_mut(&leader).filter(|n| n.running);
        let Some(replica) =
            node.and_then(|n| n.replicas.get_mut(tp)).filter(|r| r.leader.is_some())
        else {
            return MarkerWrite::NoLeader;
        };
        let batch =
            RecordBatch::marker(producer_id, producer_epoch, marker, coordinator_epoch, now);
        let (appended, _) = replica.log.append_marker_as_leader(batch, epoch, now, &config);
        let offset = appended.batch.base_offset;
        if let Some(reason) = appended.rolled {
            self.emit(Event::rolled(tp, leader, offset, reason));
        }
        self.emit(Event::Transaction(TxnEvent::MarkerWritten {
            partition: tp.clone(),
            broker: leader,
            producer_id,
            marker,
            offset,
        }));
        self.wake_replica_fetches(leader, tp);
        self.maybe_advance_high_watermark(leader, tp);
        self.wake_fetches(leader, tp);
        MarkerWrite::Written(WrittenMarker { broker: leader, leader_epoch: epoch, offset })
    }

    /// A transaction's timeout: if the transaction `started` then is still open, it is aborted
    /// and its producer fenced.
    pub(crate) fn txn_timed_out(&mut self, transactional_id: &str, started: Timestamp) {
        let Some(meta) = self.txns.get(transactional_id) else { return };
        if meta.state != TxnState::Ongoing || meta.started != started {
            return;
        }
        let timeout_ms = meta.timeout_ms;
        self.fence_epoch(transactional_id);
        let reason = TxnEndReason::TimedOut { timeout_ms };
        self.end_transaction(transactional_id, TxnMarker::Abort, reason);
    }

    /// Markers that could not be written are tried again.
    pub(crate) fn retry_txn_markers(&mut self, transactional_id: &str) {
        self.write_pending_markers(transactional_id);
    }
}
