//! Positions and fetching: where each owned partition starts (the committed offset, else
//! `auto.offset.reset` via ListOffsets), fetches to each partition's leader, and what comes back
//! (records into the buffer, or a reset, or a metadata refresh after a leader change).

use kplay_core::api::{
    FetchPartition, FetchRequest, FetchTopic, IsolationLevel, ListOffsetsPartition,
    ListOffsetsRequest, ListOffsetsTopic, MetadataRequest, OffsetFetchGroup, OffsetFetchRequest,
    OffsetFetchTopic, OffsetSpec, Response,
};
use kplay_core::vec_map::VecMap;
use kplay_core::{BrokerId, ErrorCode, LeaderEpoch, Offset, Timestamp, TopicName, TopicPartition};

use crate::action::{Membership, OffsetReset, SeekTo};
use crate::client::{ClientEvent, Io, Reply};

use super::{Consumer, Pending, Position};

fn reset_target(policy: OffsetReset) -> Option<SeekTo> {
    match policy {
        OffsetReset::Earliest => Some(SeekTo::Earliest),
        OffsetReset::Latest => Some(SeekTo::Latest),
        OffsetReset::None => None,
    }
}

impl Consumer {
    pub(super) fn subscribed_topics(&self) -> Vec<TopicName> {
        match &self.spec.membership {
            Membership::Group { topics, .. } => topics.iter().map(|t| t.as_str().into()).collect(),
            Membership::Standalone { partitions, .. } => {
                let mut topics: Vec<TopicName> =
                    partitions.iter().map(|(t, _)| t.as_str().into()).collect();
                topics.dedup();
                topics
            }
        }
    }

    pub(super) fn refresh_metadata_if_needed(&mut self, io: &mut Io<'_>) {
        if !self.meta.needs_refresh(io.now) || self.requests.any(|p| matches!(p, Pending::Metadata))
        {
            return;
        }
        let Some(broker) = self.meta.pick_broker(io.bootstrap) else { return };
        self.meta.requested(io.now);
        let request = MetadataRequest {
            topics: Some(self.subscribed_topics()),
            allow_auto_topic_creation: false,
        };
        self.requests.send(io, broker, request.into(), Pending::Metadata);
    }

    pub(super) fn expire_requests(&mut self, io: &mut Io<'_>) {
        for (broker, pending) in self.requests.expired(io.now, self.spec.request_timeout_ms) {
            self.handle(io, broker, pending, Reply::Disconnected);
        }
    }

    /// Starts the lookups for partitions with no position yet.
    pub(super) fn lookup_positions(&mut self, io: &mut Io<'_>) {
        if self.retry_at.is_some_and(|t| t > io.now) {
            return;
        }
        let committed: Vec<TopicPartition> = self
            .positions
            .iter()
            .filter(|(_, p)| **p == Position::LookingUpCommitted)
            .map(|(tp, _)| tp.clone())
            .filter(|tp| {
                !self.requests.any(|p| matches!(p, Pending::OffsetFetch(ps) if ps.contains(tp)))
            })
            .collect();
        if !committed.is_empty() {
            match self.group.as_ref().and_then(|g| g.coordinator.map(|c| (c, g.group_id.clone()))) {
                Some((coordinator, group_id)) => {
                    let mut topics: VecMap<TopicName, Vec<kplay_core::PartitionIndex>> =
                        VecMap::new();
                    for tp in &committed {
                        topics.entry(tp.topic.clone()).or_default().push(tp.partition);
                    }
                    let topics = topics
                        .into_iter()
                        .map(|(name, partitions)| OffsetFetchTopic { name, partitions })
                        .collect();
                    let request = OffsetFetchRequest {
                        groups: vec![OffsetFetchGroup { group_id, topics: Some(topics) }],
                        require_stable: false,
                    };
                    self.requests.send(
                        io,
                        coordinator,
                        request.into(),
                        Pending::OffsetFetch(committed),
                    );
                }
                None if self.group_id().is_none() => {
                    for tp in committed {
                        self.no_committed_offset(io, tp);
                    }
                }
                None => {} // waiting for the coordinator
            }
        }
        let lookups: Vec<(TopicPartition, SeekTo)> = self
            .positions
            .iter()
            .filter_map(|(tp, p)| match p {
                Position::LookingUp(to) => Some((tp.clone(), *to)),
                _ => None,
            })
            .filter(|(tp, _)| {
                !self.requests.any(|p| matches!(p, Pending::ListOffsets(t, _) if t == tp))
            })
            .collect();
        for (tp, to) in lookups {
            let Some(leader) = self.meta.leader(&tp.topic, tp.partition.0) else {
                self.meta.stale = true;
                continue;
            };
            let spec = match to {
                SeekTo::Earliest => OffsetSpec::Earliest,
                SeekTo::Latest | SeekTo::Offset(_) => OffsetSpec::Latest,
                SeekTo::Timestamp(ts) => OffsetSpec::Timestamp(Timestamp(ts)),
            };
            let request = ListOffsetsRequest {
                isolation_level: IsolationLevel::ReadUncommitted,
                topics: vec![ListOffsetsTopic {
                    name: tp.topic.clone(),
                    partitions: vec![ListOffsetsPartition {
                        partition: tp.partition,
                        spec,
                        current_leader_epoch: LeaderEpoch::UNKNOWN,
                    }],
                }],
            };
            self.requests.send(io, leader, request.into(), Pending::ListOffsets(tp, to));
        }
    }

    fn no_committed_offset(&mut self, io: &mut Io<'_>, tp: TopicPartition) {
        match reset_target(self.spec.auto_offset_reset) {
            Some(to) => {
                self.positions.insert(tp, Position::LookingUp(to));
            }
            None => {
                io.event(ClientEvent::NoOffset { partition: tp.clone() });
                self.positions.insert(tp, Position::NoOffset);
            }
        }
    }

    fn set_position(
        &mut self,
        io: &mut Io<'_>,
        tp: TopicPartition,
        offset: Offset,
        reason: String,
    ) {
        if !self.positions.contains_key(&tp) {
            return;
        }
        self.positions.insert(tp.clone(), Position::At(offset));
        self.consumed.insert(tp.clone(), offset);
        self.buffer.remove(&tp);
        io.event(ClientEvent::PositionSet { partition: tp, offset, reason });
    }

    /// One fetch per leader, for owned partitions with a position and nothing buffered.
    pub(super) fn send_fetches(&mut self, io: &mut Io<'_>) {
        let mut by_leader: VecMap<BrokerId, Vec<(TopicPartition, Offset)>> = VecMap::new();
        for (tp, position) in &self.positions {
            let Position::At(offset) = position else { continue };
            if self.buffer.get(tp).is_some_and(|q| !q.is_empty())
                || self.busy.iter().any(|(t, _, _)| t == tp)
            {
                continue;
            }
            match self.meta.leader(&tp.topic, tp.partition.0) {
                Some(leader) => by_leader.entry(leader).or_default().push((tp.clone(), *offset)),
                None => self.meta.stale = true,
            }
        }
        for (leader, partitions) in by_leader {
            if self.requests.any_to(leader, |p| matches!(p, Pending::Fetch(_))) {
                continue;
            }
            let mut topics: Vec<FetchTopic> = Vec::new();
            for (tp, offset) in &partitions {
                let partition = FetchPartition {
                    partition: tp.partition,
                    fetch_offset: *offset,
                    partition_max_bytes: 1024 * 1024,
                    current_leader_epoch: LeaderEpoch::UNKNOWN,
                };
                match topics.iter_mut().find(|t| t.name == tp.topic) {
                    Some(t) => t.partitions.push(partition),
                    None => topics
                        .push(FetchTopic { name: tp.topic.clone(), partitions: vec![partition] }),
                }
            }
            let request = FetchRequest {
                max_wait_ms: self.spec.fetch_max_wait_ms,
                min_bytes: 1,
                max_bytes: 50 * 1024 * 1024,
                isolation_level: IsolationLevel::ReadUncommitted,
                topics,
            };
            let tps = partitions.into_iter().map(|(tp, _)| tp).collect();
            self.requests.send(io, leader, request.into(), Pending::Fetch(tps));
        }
    }

    /// Dispatches an answer to what it answers.
    pub(super) fn handle(
        &mut self,
        io: &mut Io<'_>,
        broker: BrokerId,
        pending: Pending,
        reply: Reply,
    ) {
        if reply == Reply::Disconnected {
            io.event(ClientEvent::RequestFailed {
                broker,
                what: pending_name(&pending).into(),
                error: None,
            });
        }
        match pending {
            Pending::Metadata => match reply {
                Reply::Response(Response::Metadata(m)) => {
                    self.meta.update(&m, io.now);
                    self.check_metadata_snapshot();
                }
                _ => {
                    self.meta.rotate();
                    self.meta.stale = true;
                }
            },
            Pending::FindCoordinator => self.on_find_coordinator(io, reply),
            Pending::JoinGroup => self.on_join(io, reply),
            Pending::SyncGroup => self.on_sync(io, reply),
            Pending::Heartbeat => self.on_heartbeat(reply),
            Pending::LeaveGroup => {}
            Pending::OffsetCommit { offsets, sync } => self.on_commit(io, offsets, sync, reply),
            Pending::OffsetFetch(partitions) => self.on_offset_fetch(io, partitions, reply),
            Pending::ListOffsets(tp, to) => self.on_list_offsets(io, tp, to, reply),
            Pending::Fetch(partitions) => self.on_fetch(io, partitions, reply),
        }
    }

    fn on_offset_fetch(&mut self, io: &mut Io<'_>, partitions: Vec<TopicPartition>, reply: Reply) {
        let Reply::Response(Response::OffsetFetch(r)) = reply else {
            self.coordinator_lost();
            return;
        };
        let Some(group) = r.groups.into_iter().next() else { return };
        if group.error.is_some() {
            self.coordinator_lost();
            self.retry_at = Some(io.now.plus_ms(100));
            return;
        }
        for tp in partitions {
            if self.positions.get(&tp) != Some(&Position::LookingUpCommitted) {
                continue;
            }
            let committed = group
                .topics
                .iter()
                .filter(|t| t.name == tp.topic)
                .flat_map(|t| t.partitions.iter())
                .find(|p| p.partition == tp.partition)
                .map_or(Offset(-1), |p| p.committed_offset);
            if committed.0 >= 0 {
                self.committed.insert(tp.clone(), committed);
                self.set_position(io, tp, committed, "the group's committed offset".into());
            } else {
                self.no_committed_offset(io, tp);
            }
        }
    }

    fn on_list_offsets(&mut self, io: &mut Io<'_>, tp: TopicPartition, to: SeekTo, reply: Reply) {
        if self.positions.get(&tp) != Some(&Position::LookingUp(to)) {
            return;
        }
        let found = match &reply {
            Reply::Response(Response::ListOffsets(r)) => {
                r.topics.first().and_then(|t| t.partitions.first()).map(|p| (p.error, p.offset))
            }
            _ => None,
        };
        match found {
            Some((None, offset)) if offset.0 >= 0 => {
                let reason = match to {
                    SeekTo::Earliest => "the log start (earliest)".to_owned(),
                    SeekTo::Latest => "the end of the log (latest)".to_owned(),
                    other => format!("{other:?}"),
                };
                self.set_position(io, tp, offset, reason);
            }
            Some((None, _)) => {
                // No record that recent: the end of the log, as Java does for offsetsForTimes.
                self.positions.insert(tp, Position::LookingUp(SeekTo::Latest));
            }
            _ => {
                self.meta.stale = true;
                self.retry_at = Some(io.now.plus_ms(100));
            }
        }
    }

    fn on_fetch(&mut self, io: &mut Io<'_>, partitions: Vec<TopicPartition>, reply: Reply) {
        let Reply::Response(Response::Fetch(r)) = reply else {
            self.meta.stale = true;
            return;
        };
        for topic in r.topics {
            for p in topic.partitions {
                let tp = TopicPartition { topic: topic.name.clone(), partition: p.partition };
                if !partitions.contains(&tp) {
                    continue;
                }
                let Some(Position::At(position)) = self.positions.get(&tp).copied() else {
                    continue;
                };
                match p.error {
                    None => {}
                    Some(ErrorCode::OffsetOutOfRange) => {
                        self.consumed.remove(&tp);
                        self.no_committed_offset(io, tp);
                        continue;
                    }
                    Some(_) => {
                        self.meta.stale = true;
                        continue;
                    }
                }
                let mut next = position;
                let fetched = self.buffer.entry(tp.clone()).or_default();
                for batch in p.batches {
                    let end = batch.next_offset();
                    fetched.push(batch, next);
                    next = next.max(end);
                }
                self.positions.insert(tp, Position::At(next));
            }
        }
        self.buffer.retain(|_, q| !q.is_empty());
    }
}

fn pending_name(pending: &Pending) -> &'static str {
    match pending {
        Pending::Metadata => "Metadata",
        Pending::FindCoordinator => "FindCoordinator",
        Pending::JoinGroup => "JoinGroup",
        Pending::SyncGroup => "SyncGroup",
        Pending::Heartbeat => "Heartbeat",
        Pending::LeaveGroup => "LeaveGroup",
        Pending::OffsetCommit { .. } => "OffsetCommit",
        Pending::OffsetFetch(_) => "OffsetFetch",
        Pending::ListOffsets(..) => "ListOffsets",
        Pending::Fetch(_) => "Fetch",
    }
}
