//! The follower's side of replication: one fetch loop per leader, and what it does with the
//! answer — append the batches, take the leader's high watermark and log start offset, or
//! truncate where its log diverged from the leader's.

use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{BrokerId, LeaderEpoch};
use crate::replication::{
    BrokerMessage, Envelope, ReplicaFetchPartition, ReplicaFetchRequest, ReplicaFetchResponse,
    ReplicaFetchedPartition,
};

use super::{Engine, Output, Timer};

impl Engine {
    /// Sends a fetch to every leader `broker` follows that has none in flight.
    pub(crate) fn send_fetches(&mut self, broker: BrokerId) {
        let now = self.now;
        let Some(node) = self.brokers.get(&broker).filter(|n| n.running) else { return };
        let ready: Vec<BrokerId> = node
            .fetchers
            .iter()
            .filter(|(_, f)| f.in_flight.is_none() && f.backoff_until.is_none_or(|t| t <= now))
            .map(|(leader, _)| *leader)
            .collect();
        for leader in ready {
            let node = &self.brokers[&broker];
            let partitions: Vec<ReplicaFetchPartition> = node.fetchers[&leader]
                .partitions
                .iter()
                .filter_map(|tp| {
                    let replica = node.replicas.get(tp)?;
                    Some(ReplicaFetchPartition {
                        partition: tp.clone(),
                        current_leader_epoch: self.image.partition(tp)?.leader_epoch,
                        fetch_offset: replica.log.log_end_offset(),
                        last_fetched_epoch: replica.log.last_epoch(),
                    })
                })
                .collect();
            if partitions.is_empty() {
                continue;
            }
            let session = self.next_id();
            let fetcher = self.brokers.get_mut(&broker).and_then(|n| n.fetchers.get_mut(&leader));
            let Some(fetcher) = fetcher else { continue };
            fetcher.in_flight = Some(session);
            fetcher.backoff_until = None;
            let at = now.plus_ms(self.config.replica_socket_timeout_ms);
            let timer = Timer::FetcherTimeout { broker, leader, session };
            fetcher.timeout = Some(self.timers.schedule(at, timer));
            let request = ReplicaFetchRequest { session, partitions };
            let message = BrokerMessage::Fetch(request);
            self.send(Output::ToBroker(Envelope { from: broker, to: leader, message }));
        }
    }

    /// A fetch got no answer in `replica.socket.timeout.ms`: send another.
    pub(crate) fn fetcher_timed_out(&mut self, broker: BrokerId, leader: BrokerId, session: u64) {
        let fetcher = self.brokers.get_mut(&broker).and_then(|n| n.fetchers.get_mut(&leader));
        if let Some(fetcher) = fetcher.filter(|f| f.in_flight == Some(session)) {
            fetcher.in_flight = None;
            self.mark_fetcher_due(broker);
        }
    }

    /// The leader answered: apply each partition, then fetch again (after a back-off on errors).
    pub(crate) fn on_replica_fetch_response(
        &mut self,
        follower: BrokerId,
        leader: BrokerId,
        response: ReplicaFetchResponse,
    ) {
        let fetcher = self.brokers.get_mut(&follower).and_then(|n| n.fetchers.get_mut(&leader));
        let Some(fetcher) = fetcher.filter(|f| f.in_flight == Some(response.session)) else {
            return; // an answer to a fetch given up on, or to a leader no longer followed
        };
        fetcher.in_flight = None;
        if let Some(key) = fetcher.timeout.take() {
            self.timers.cancel(key);
        }
        let mut failed = false;
        for part in response.partitions {
            let follows = self.brokers[&follower]
                .fetchers
                .get(&leader)
                .is_some_and(|f| f.partitions.contains(&part.partition));
            if follows {
                failed |= self.apply_fetched(follower, leader, part);
            }
        }
        if failed {
            let until = self.now.plus_ms(self.config.replica_fetch_backoff_ms);
            if let Some(f) =
                self.brokers.get_mut(&follower).and_then(|n| n.fetchers.get_mut(&leader))
            {
                f.backoff_until = Some(until);
            }
            self.timers.schedule(until, Timer::FetcherBackoff { broker: follower, leader });
        } else {
            self.mark_fetcher_due(follower);
        }
    }

    /// Applies one partition of a leader's answer to the follower's replica. Returns whether it
    /// was an error worth backing off for.
    fn apply_fetched(
        &mut self,
        follower: BrokerId,
        leader: BrokerId,
        part: ReplicaFetchedPartition,
    ) -> bool {
        let now = self.now;
        let tp = part.partition;
        let Some(config) = self.image.topics.get(&tp.topic).map(|t| t.config.clone()) else {
            return true;
        };
        let Some(replica) = self.brokers.get_mut(&follower).and_then(|n| n.replicas.get_mut(&tp))
        else {
            return true;
        };
        let mut events = Vec::new();
        match part.error {
            None => {}
            Some(ErrorCode::OffsetOutOfRange) => {
                // Kafka's `fetchOffsetAndTruncate`: ahead of the leader's end, cut back to it;
                // behind its start, start over there; otherwise the epochs disagree in a way
                // the next fetch will not fix by itself, so back off.
                let end = replica.log.log_end_offset();
                let (to, removed) = if end > part.log_end_offset {
                    (part.log_end_offset, replica.log.truncate_to(part.log_end_offset))
                } else if end < part.log_start_offset {
                    let removed = end.records_since(replica.log.log_start_offset());
                    replica.log.truncate_fully_and_start_at(part.log_start_offset, now);
                    (part.log_start_offset, removed)
                } else {
                    return true;
                };
                replica.high_watermark = replica.high_watermark.min(replica.log.log_end_offset());
                let diverging_epoch = LeaderEpoch::UNKNOWN;
                events.push(Event::LogTruncated {
                    partition: tp,
                    broker: follower,
                    to,
                    removed,
                    diverging_epoch,
                });
                self.emit_all(events);
                return false;
            }
            Some(_) => return true,
        }
        if let Some((epoch, end)) = part.diverging_epoch {
            let own_end = replica.log.log_end_offset();
            let target = match replica.log.end_offset_for_epoch(epoch) {
                Some((own_epoch, own_epoch_end)) if own_epoch == epoch => end.min(own_epoch_end),
                Some((_, own_epoch_end)) => own_epoch_end.min(end),
                None => end.min(own_end),
            };
            let removed = replica.log.truncate_to(target);
            replica.high_watermark = replica.high_watermark.min(replica.log.log_end_offset());
            if removed > 0 {
                let to = replica.log.log_end_offset();
                events.push(Event::LogTruncated {
                    partition: tp,
                    broker: follower,
                    to,
                    removed,
                    diverging_epoch: epoch,
                });
            }
            self.emit_all(events);
            return false;
        }
        let from = replica.log.log_end_offset();
        let mut failed = false;
        for batch in part.batches {
            match replica.log.append_as_follower(batch, now, &config) {
                Ok(Some(reason)) => {
                    let base = replica.log.segments().last().map_or(from, |s| s.base_offset);
                    events.push(Event::rolled(&tp, follower, base, reason));
                }
                Ok(None) => {}
                Err(_) => {
                    failed = true;
                    break;
                }
            }
        }
        let log_end_offset = replica.log.log_end_offset();
        if log_end_offset > from {
            events.push(Event::RecordsReplicated {
                partition: tp.clone(),
                broker: follower,
                leader,
                from,
                log_end_offset,
            });
        }
        if part.log_start_offset > replica.log.log_start_offset()
            && replica.log.advance_log_start(part.log_start_offset)
        {
            let to = replica.log.log_start_offset();
            events.push(Event::LogStartOffsetAdvanced {
                partition: tp.clone(),
                broker: follower,
                to,
            });
        }
        let high_watermark = part.high_watermark.min(log_end_offset);
        if high_watermark > replica.high_watermark {
            let from = replica.high_watermark;
            replica.high_watermark = high_watermark;
            #[cfg(feature = "transactions")]
            replica.log.high_watermark_moved(high_watermark);
            events.push(Event::HighWatermarkAdvanced {
                partition: tp,
                broker: follower,
                from,
                to: high_watermark,
                slowest: None,
            });
        }
        self.emit_all(events);
        failed
    }

    pub(crate) fn emit_all(&mut self, events: Vec<Event>) {
        for event in events {
            self.emit(event);
        }
    }
}
