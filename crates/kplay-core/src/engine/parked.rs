//! Parked requests: acks=all produces waiting for the ISR, and fetches waiting for data, answered
//! when what they wait for happens or when their time is up.

use crate::api::{FetchRequest, Response};
use crate::error::{ErrorCode, KafkaError};
use crate::ids::{BrokerId, Offset, TopicPartition};

use super::Engine;

/// Where the produces waiting on one partition stand.
pub(crate) enum Verdict {
    /// They fail (the partition is gone or led elsewhere).
    Fail(KafkaError),
    /// Those whose batch is below `high_watermark` are done; with too small an ISR, they fail.
    Replicated { high_watermark: Offset, isr_error: Option<KafkaError> },
}

impl Engine {
    /// Answers every parked produce at `broker` that waited on `tp` and is now decided.
    pub(crate) fn complete_produces(&mut self, broker: BrokerId, tp: &TopicPartition) {
        let waiting = self.brokers.get(&broker).is_some_and(|n| {
            n.parked_produces.iter().any(|p| p.waiting.iter().any(|(_, _, w, _)| w == tp))
        });
        if !waiting {
            return;
        }
        let verdict = self.produce_verdict(broker, tp);
        let Some(node) = self.brokers.get_mut(&broker) else { return };
        let mut finished = Vec::new();
        for parked in &mut node.parked_produces {
            let response = &mut parked.response;
            parked.waiting.retain(|(ti, pi, wtp, required)| {
                if wtp != tp {
                    return true;
                }
                let error = match &verdict {
                    Verdict::Fail(e) => Some(e.clone()),
                    Verdict::Replicated { high_watermark, .. } if required > high_watermark => {
                        return true;
                    }
                    Verdict::Replicated { isr_error, .. } => isr_error.clone(),
                };
                if error.is_some() {
                    response.topics[*ti].partitions[*pi].error = error;
                }
                false
            });
            if parked.waiting.is_empty() {
                finished.push(parked.id);
            }
        }
        self.finish_produces(broker, &finished);
    }

    pub(crate) fn produce_verdict(&self, broker: BrokerId, tp: &TopicPartition) -> Verdict {
        let Some(partition) = self.partition_seen_by(broker, tp) else {
            return Verdict::Fail(ErrorCode::UnknownTopicOrPartition.into());
        };
        let replica = self.brokers.get(&broker).and_then(|n| n.replicas.get(tp));
        let Some(replica) =
            replica.filter(|r| r.leader.is_some() && partition.leader == Some(broker))
        else {
            return Verdict::Fail(ErrorCode::NotLeaderOrFollower.into());
        };
        let min_isr = self.image.topics.get(&tp.topic).map_or(1, |t| t.config.min_insync_replicas);
        let isr_error = ((partition.isr.len() as i32) < min_isr).then(|| {
            KafkaError::new(
                ErrorCode::NotEnoughReplicasAfterAppend,
                format!(
                    "The size of the current ISR {:?} is insufficient to satisfy the min.isr requirement of {min_isr} for partition {tp}",
                    partition.isr.iter().map(|b| b.0).collect::<Vec<_>>()
                ),
            )
        });
        Verdict::Replicated { high_watermark: replica.high_watermark, isr_error }
    }

    fn finish_produces(&mut self, broker: BrokerId, ids: &[u64]) {
        for id in ids {
            let Some(node) = self.brokers.get_mut(&broker) else { return };
            let Some(pos) = node.parked_produces.iter().position(|p| p.id == *id) else { continue };
            let parked = node.parked_produces.remove(pos);
            self.timers.cancel(parked.timer);
            self.respond_later(
                parked.client,
                parked.request,
                broker,
                Response::Produce(parked.response),
            );
        }
    }

    /// A parked produce's `timeout_ms` is over: partitions still waiting get REQUEST_TIMED_OUT.
    pub(crate) fn produce_timed_out(&mut self, broker: BrokerId, id: u64) {
        let Some(node) = self.brokers.get_mut(&broker) else { return };
        let Some(parked) = node.parked_produces.iter_mut().find(|p| p.id == id) else { return };
        for (ti, pi, _, _) in parked.waiting.drain(..) {
            parked.response.topics[ti].partitions[pi].error =
                Some(ErrorCode::RequestTimedOut.into());
        }
        self.finish_produces(broker, &[id]);
    }

    /// Re-reads parked fetches at `broker` that include `tp`, answering those now satisfied.
    pub(crate) fn wake_fetches(&mut self, broker: BrokerId, tp: &TopicPartition) {
        let Some(node) = self.brokers.get(&broker) else { return };
        let candidates: Vec<u64> = node
            .parked_fetches
            .iter()
            .filter(|p| fetch_includes(&p.request, tp))
            .map(|p| p.id)
            .collect();
        for id in candidates {
            self.answer_parked_fetch(broker, id, false);
        }
    }

    /// A parked fetch's `max_wait_ms` is over: it is answered with whatever there is.
    pub(crate) fn fetch_timed_out(&mut self, broker: BrokerId, id: u64) {
        self.answer_parked_fetch(broker, id, true);
    }

    fn answer_parked_fetch(&mut self, broker: BrokerId, id: u64, timed_out: bool) {
        let Some(node) = self.brokers.get(&broker) else { return };
        let Some(parked) = node.parked_fetches.iter().find(|p| p.id == id) else { return };
        let outcome = self.read_fetch(broker, &parked.request);
        if !timed_out && !outcome.satisfies(&parked.request) {
            return;
        }
        let node = self.brokers.get_mut(&broker).expect("looked up above");
        let pos = node.parked_fetches.iter().position(|p| p.id == id).expect("found above");
        let parked = node.parked_fetches.remove(pos);
        self.timers.cancel(parked.timer);
        self.respond_later(
            parked.client,
            parked.request_id,
            broker,
            Response::Fetch(outcome.response),
        );
    }

    /// Everything parked at `broker` that depends on `tp` is looked at again.
    pub(crate) fn wake_all(&mut self, broker: BrokerId, tp: &TopicPartition) {
        self.complete_produces(broker, tp);
        self.wake_fetches(broker, tp);
        self.wake_replica_fetches(broker, tp);
    }
}

fn fetch_includes(request: &FetchRequest, tp: &TopicPartition) -> bool {
    request
        .topics
        .iter()
        .any(|t| t.name == tp.topic && t.partitions.iter().any(|p| p.partition == tp.partition))
}
