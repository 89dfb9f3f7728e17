//! The leader's side of replication: checking a follower's fetch (leadership, epochs, divergence),
//! learning the follower's log end offset from it, and answering with batches — or holding the
//! fetch for `replica.fetch.wait.max.ms` until there are some.

use crate::error::ErrorCode;
use crate::ids::{BrokerId, Offset, TopicPartition};
use crate::replication::{
    BrokerMessage, Envelope, ReplicaFetchPartition, ReplicaFetchRequest, ReplicaFetchResponse,
    ReplicaFetchedPartition,
};

use super::{Engine, Output, Timer};
use crate::broker::ParkedReplicaFetch;

impl Engine {
    /// A follower's fetch arrived at `leader`.
    pub(crate) fn on_replica_fetch(
        &mut self,
        leader: BrokerId,
        follower: BrokerId,
        request: ReplicaFetchRequest,
    ) {
        for part in &request.partitions {
            if self.check_follower_fetch(leader, follower, part).is_ok() {
                self.record_follower_fetch(leader, follower, part);
            }
        }
        let response = self.serve_replica_fetch(leader, follower, &request);
        if has_news(&response) {
            self.send_replica_response(leader, follower, response);
            return;
        }
        let id = self.next_id();
        let at = self.now.plus_ms(self.config.replica_fetch_wait_max_ms);
        let timer = self.timers.schedule(at, Timer::ReplicaFetchTimeout { broker: leader, id });
        if let Some(node) = self.brokers.get_mut(&leader) {
            node.parked_replica_fetches.push(ParkedReplicaFetch { id, follower, request, timer });
        }
    }

    /// Answers parked follower fetches at `leader` that include `tp`, if they now have news.
    pub(crate) fn wake_replica_fetches(&mut self, leader: BrokerId, tp: &TopicPartition) {
        let Some(node) = self.brokers.get(&leader) else { return };
        let ids: Vec<u64> = node
            .parked_replica_fetches
            .iter()
            .filter(|p| p.request.partitions.iter().any(|x| &x.partition == tp))
            .map(|p| p.id)
            .collect();
        for id in ids {
            self.answer_parked_replica_fetch(leader, id, false);
        }
    }

    /// A parked follower fetch waited `replica.fetch.wait.max.ms`: answer it as it stands.
    pub(crate) fn replica_fetch_timed_out(&mut self, leader: BrokerId, id: u64) {
        self.answer_parked_replica_fetch(leader, id, true);
    }

    fn answer_parked_replica_fetch(&mut self, leader: BrokerId, id: u64, timed_out: bool) {
        let Some(node) = self.brokers.get(&leader) else { return };
        let Some(parked) = node.parked_replica_fetches.iter().find(|p| p.id == id) else { return };
        let response = self.serve_replica_fetch(leader, parked.follower, &parked.request);
        if !timed_out && !has_news(&response) {
            return;
        }
        let node = self.brokers.get_mut(&leader).expect("looked up above");
        let pos = node.parked_replica_fetches.iter().position(|p| p.id == id).expect("found above");
        let parked = node.parked_replica_fetches.remove(pos);
        self.timers.cancel(parked.timer);
        self.send_replica_response(leader, parked.follower, response);
    }

    fn send_replica_response(
        &mut self,
        leader: BrokerId,
        follower: BrokerId,
        response: ReplicaFetchResponse,
    ) {
        let message = BrokerMessage::FetchResponse(response);
        self.send(Output::ToBroker(Envelope { from: leader, to: follower, message }));
    }

    /// The leader's checks, in Kafka's order: the partition exists and is led here in the
    /// follower's epoch, the follower is a replica, its log has not diverged, and its offset is
    /// in range.
    fn check_follower_fetch(
        &self,
        leader: BrokerId,
        follower: BrokerId,
        part: &ReplicaFetchPartition,
    ) -> Result<(), ReplicaFetchedPartition> {
        let tp = &part.partition;
        let fail = |error| Err(failed(tp, error));
        let Some(state) = self.partition_seen_by(leader, tp) else {
            return fail(ErrorCode::UnknownTopicOrPartition);
        };
        let replica = self.brokers.get(&leader).and_then(|n| n.replicas.get(tp));
        let Some(replica) = replica.filter(|r| r.leader.is_some() && state.leader == Some(leader))
        else {
            return fail(ErrorCode::NotLeaderOrFollower);
        };
        if part.current_leader_epoch < state.leader_epoch {
            return fail(ErrorCode::FencedLeaderEpoch);
        }
        if part.current_leader_epoch > state.leader_epoch {
            return fail(ErrorCode::UnknownLeaderEpoch);
        }
        if !state.replicas.contains(&follower) {
            return fail(ErrorCode::NotLeaderOrFollower);
        }
        let log = &replica.log;
        if let Some(last_epoch) = part.last_fetched_epoch {
            let diverging = match log.end_offset_for_epoch(last_epoch) {
                None => {
                    // Kafka: "Could not determine the end offset of the last fetched epoch".
                    let mut answer = failed(tp, ErrorCode::OffsetOutOfRange);
                    answer.high_watermark = replica.high_watermark;
                    answer.log_start_offset = log.log_start_offset();
                    answer.log_end_offset = log.log_end_offset();
                    return Err(answer);
                }
                Some((epoch, end)) if epoch < last_epoch || end < part.fetch_offset => {
                    Some((epoch, end))
                }
                Some(_) => None,
            };
            if let Some(diverging) = diverging {
                let mut answer = failed(tp, ErrorCode::UnknownServerError);
                answer.error = None;
                answer.diverging_epoch = Some(diverging);
                answer.high_watermark = replica.high_watermark;
                answer.log_start_offset = log.log_start_offset();
                answer.log_end_offset = log.log_end_offset();
                return Err(answer);
            }
        }
        if part.fetch_offset < log.log_start_offset() || part.fetch_offset > log.log_end_offset() {
            let mut answer = failed(tp, ErrorCode::OffsetOutOfRange);
            answer.high_watermark = replica.high_watermark;
            answer.log_start_offset = log.log_start_offset();
            answer.log_end_offset = log.log_end_offset();
            return Err(answer);
        }
        Ok(())
    }

    /// Learns the follower's log end offset from its fetch offset, as Kafka's
    /// `updateFollowerFetchState` does, and moves the ISR and high watermark accordingly.
    fn record_follower_fetch(
        &mut self,
        leader: BrokerId,
        follower: BrokerId,
        part: &ReplicaFetchPartition,
    ) {
        let now = self.now;
        let tp = &part.partition;
        let in_isr = self.partition_seen_by(leader, tp).is_some_and(|p| p.in_isr(follower));
        // Expanding the ISR goes through the controller too.
        let follower_live = self.image.is_live(follower) && !self.out_of_touch(leader);
        let Some(replica) = self.brokers.get_mut(&leader).and_then(|n| n.replicas.get_mut(tp))
        else {
            return;
        };
        let leader_end = replica.log.log_end_offset();
        let high_watermark = replica.high_watermark;
        let Some(state) = replica.leader.as_mut() else { return };
        let epoch_start = state.epoch_start_offset;
        let Some(f) = state.followers.get_mut(&follower) else { return };
        let offset = part.fetch_offset;
        if offset >= leader_end {
            f.last_caught_up = f.last_caught_up.max(now);
        } else if offset >= f.last_fetch_leader_log_end_offset {
            f.last_caught_up = f.last_caught_up.max(f.last_fetch_time);
        }
        f.log_end_offset = Some(offset);
        f.last_fetch_leader_log_end_offset = leader_end;
        f.last_fetch_time = now;
        if !in_isr && follower_live && offset >= high_watermark && offset >= epoch_start {
            self.expand_isr(tp, follower);
        }
        self.maybe_advance_high_watermark(leader, tp);
    }

    /// The answer to a follower's fetch as things stand: batches from each fetch offset up to the
    /// log end, `replica.fetch.max.bytes` per partition, or the partition's error.
    fn serve_replica_fetch(
        &self,
        leader: BrokerId,
        follower: BrokerId,
        request: &ReplicaFetchRequest,
    ) -> ReplicaFetchResponse {
        let max_bytes = usize::try_from(self.config.replica_fetch_max_bytes).unwrap_or(0);
        let partitions = request
            .partitions
            .iter()
            .map(|part| {
                if let Err(answer) = self.check_follower_fetch(leader, follower, part) {
                    return answer;
                }
                let replica = &self.brokers[&leader].replicas[&part.partition];
                let mut batches = Vec::new();
                let end = replica.log.log_end_offset();
                let _ = replica.log.read(part.fetch_offset, end, max_bytes, true, &mut batches);
                ReplicaFetchedPartition {
                    partition: part.partition.clone(),
                    error: None,
                    high_watermark: replica.high_watermark,
                    log_start_offset: replica.log.log_start_offset(),
                    log_end_offset: end,
                    diverging_epoch: None,
                    batches,
                }
            })
            .collect();
        ReplicaFetchResponse { session: request.session, partitions }
    }
}

fn failed(tp: &TopicPartition, error: ErrorCode) -> ReplicaFetchedPartition {
    ReplicaFetchedPartition {
        partition: tp.clone(),
        error: Some(error),
        high_watermark: Offset(-1),
        log_start_offset: Offset(-1),
        log_end_offset: Offset(-1),
        diverging_epoch: None,
        batches: Vec::new(),
    }
}

/// Whether an answer is worth sending before the wait is over: data, an error or a divergence.
fn has_news(response: &ReplicaFetchResponse) -> bool {
    response
        .partitions
        .iter()
        .any(|p| p.error.is_some() || p.diverging_epoch.is_some() || !p.batches.is_empty())
}
