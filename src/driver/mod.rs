//! The driver: a `kplay-core` [`Engine`] with three brokers, a virtual clock, and the three things
//! the page can do to it — produce a record, stop a broker cleanly, start it again.
//!
//! Nothing here knows yew or the browser, so it is tested with plain `cargo test`. Every action
//! is the same three moves: call the engine, then [`Engine::deliver_all`], which hands every
//! broker-to-broker message over at once (the network has no latency, so an acks=all produce is
//! replicated and answered within the action), then let [`STEP_MS`] of virtual time pass, firing
//! the engine's timers at their deadlines. That last move is what lets followers' long-polling
//! fetches return: it is how a new leader learns where its followers are (and so its high
//! watermark), and how followers learn the leader's high watermark. The same clicks therefore
//! always give the same cluster.
//!
//! The producer chooses partitions by a deliberately simple rule, [`partition_for`]: record
//! number `n` goes to partition `n mod 3`, named explicitly in the Produce request. Kafka's real
//! partitioners (murmur2 of the key, sticky partitioning) belong to the simulator, not here.

mod outcome;
mod view;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use bytes::Bytes;
use kplay_core::api::{
    Acks, CreateTopicsRequest, NewTopic, ProducePartition, ProduceRequest, ProduceTopic, Request,
    Response,
};
use kplay_core::engine::{Engine, Handled, Output, Shutdown};
use kplay_core::{
    BrokerId, ClientId, EngineConfig, Offset, PartitionIndex, Record, RecordBatch, RequestId,
    Timestamp, TopicPartition,
};

pub use outcome::{CaughtUp, LeaderMove, Outcome};
pub use view::{BrokerView, ClusterView, PartitionRow, RecordView, ReplicaEnd};

/// The topic the page creates and produces to.
pub const TOPIC: &str = "orders";

/// Partitions of [`TOPIC`].
pub const PARTITIONS: i32 = 3;

/// Replication factor of [`TOPIC`]: every broker holds every partition.
pub const REPLICATION_FACTOR: i16 = 3;

/// The brokers' ids.
pub const BROKER_IDS: [BrokerId; 3] = [BrokerId(1), BrokerId(2), BrokerId(3)];

/// How many records the page produces before anyone clicks: two per partition.
pub const INITIAL_RECORDS: u64 = 6;

/// Virtual milliseconds that pass after each action: twice `replica.fetch.wait.max.ms`
/// (500 ms), so every follower's parked fetch returns and the next one is answered.
pub const STEP_MS: i64 = 1_000;

/// How long an acks=all produce may wait for the in-sync replicas (the producer's
/// `request.timeout.ms`).
const PRODUCE_TIMEOUT_MS: i32 = 30_000;

/// The page is one client connection.
const CLIENT: ClientId = ClientId(1);

/// Timer firings one clock step may take before the driver stops (the engine schedules a
/// handful per step; this only guards the page against a runaway loop).
const MAX_TIMERS_PER_STEP: usize = 10_000;

/// The partition record number `n` goes to: `n mod 3`, chosen by the producer and named
/// explicitly in the request (no key hashing).
pub fn partition_for(number: u64) -> PartitionIndex {
    // PARTITIONS is a small positive constant, so the remainder always fits.
    PartitionIndex(i32::try_from(number % PARTITIONS as u64).unwrap_or(0))
}

/// The record the next Produce sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextRecord {
    /// Its number: how many records were produced before it.
    pub number: u64,
    /// Its key, `order-<number>`.
    pub key: String,
    /// The partition it goes to, by [`partition_for`].
    pub partition: PartitionIndex,
}

impl NextRecord {
    fn numbered(number: u64) -> Self {
        NextRecord { number, key: format!("order-{number}"), partition: partition_for(number) }
    }

    fn value(&self) -> String {
        format!("{{\"order\":{},\"total_cents\":{}}}", self.number, 1000 + 250 * self.number)
    }
}

/// A three-broker cluster with the topic [`TOPIC`], driven on a virtual clock.
#[derive(Debug)]
pub struct Driver {
    engine: Engine,
    now: Timestamp,
    next_request: u64,
    /// Answers to parked requests of the current action, by request id.
    answers: BTreeMap<RequestId, Response>,
    /// Records the engine accepted so far; the next record's number.
    produced: u64,
}

impl Driver {
    /// The cluster the page starts with: three brokers, [`TOPIC`] created through a
    /// CreateTopics request, and [`INITIAL_RECORDS`] records produced with acks=all. The
    /// outcome says what was done, or what failed; the driver is usable either way.
    pub fn start() -> (Driver, Outcome) {
        let mut driver = Driver {
            engine: Engine::new(EngineConfig::default()),
            now: Timestamp(0),
            next_request: 0,
            answers: BTreeMap::new(),
            produced: 0,
        };
        let outcome = match driver.set_up() {
            Ok(()) => Outcome::Ready { records: driver.produced },
            Err(message) => Outcome::SetupFailed(message),
        };
        (driver, outcome)
    }

    fn set_up(&mut self) -> Result<(), String> {
        for id in BROKER_IDS {
            self.engine.add_broker(self.now, id, None).map_err(|e| e.to_string())?;
        }
        self.advance_clock();
        self.create_topic()?;
        for _ in 0..INITIAL_RECORDS {
            if let Outcome::ProduceFailed { error, .. } = self.produce() {
                return Err(error);
            }
        }
        Ok(())
    }

    fn create_topic(&mut self) -> Result<(), String> {
        let topic = NewTopic::new(TOPIC, PARTITIONS, REPLICATION_FACTOR);
        let request = CreateTopicsRequest { topics: vec![topic], validate_only: false };
        let broker = self.engine.image().controller.unwrap_or(BROKER_IDS[0]);
        match self.request(broker, request.into())? {
            Some(Response::CreateTopics(r)) => match r.topics.into_iter().next() {
                Some(created) => created.error.map_or(Ok(()), |e| Err(e.to_string())),
                None => Err("CreateTopics answered for no topic".to_owned()),
            },
            other => Err(format!("unexpected answer to CreateTopics: {other:?}")),
        }
    }

    /// The virtual time now.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The record the next [`Driver::produce`] sends.
    pub fn next_record(&self) -> NextRecord {
        NextRecord::numbered(self.produced)
    }

    /// A snapshot of the cluster for rendering.
    pub fn view(&self) -> ClusterView {
        ClusterView::of(&self.engine, self.now)
    }

    /// Produces the next record with acks=all to its partition's leader. A refused record
    /// (no leader, an engine error) is not counted: the next click sends it again.
    pub fn produce(&mut self) -> Outcome {
        let record = self.next_record();
        let tp = TopicPartition::new(TOPIC, record.partition.0);
        let Some(leader) = self.engine.image().partition(&tp).and_then(|p| p.leader) else {
            let error = format!("{tp} has no leader: every replica in its ISR is stopped");
            return Outcome::ProduceFailed { record, error };
        };
        let batch = RecordBatch::new(vec![Record::new(
            Some(Bytes::from(record.key.clone())),
            Some(Bytes::from(record.value())),
            self.now,
        )]);
        let request = ProduceRequest {
            acks: Acks::All,
            timeout_ms: PRODUCE_TIMEOUT_MS,
            topics: vec![ProduceTopic {
                name: TOPIC.into(),
                partitions: vec![ProducePartition { partition: record.partition, batch }],
            }],
        };
        let answer = self.request(leader, request.into());
        let outcome = self.produce_outcome(record, leader, &tp, answer);
        if matches!(outcome, Outcome::Produced { .. } | Outcome::ProduceWaiting { .. }) {
            self.produced += 1;
        }
        outcome
    }

    /// What the answer to a Produce means. Without an answer after the step, the leader has the
    /// record and acks=all is still waiting for the ISR.
    fn produce_outcome(
        &self,
        record: NextRecord,
        leader: BrokerId,
        tp: &TopicPartition,
        answer: Result<Option<Response>, String>,
    ) -> Outcome {
        let response = match answer {
            Err(error) => return Outcome::ProduceFailed { record, error },
            Ok(None) => return Outcome::ProduceWaiting { record, leader },
            Ok(Some(Response::Produce(r))) => r,
            Ok(Some(other)) => {
                let error = format!("unexpected answer to Produce: {other:?}");
                return Outcome::ProduceFailed { record, error };
            }
        };
        match response.topics.into_iter().flat_map(|t| t.partitions).next() {
            Some(p) => match p.error {
                None => {
                    let (high_watermark, isr) = self.replication_of(tp);
                    let offset = p.base_offset;
                    Outcome::Produced { record, leader, offset, high_watermark, isr }
                }
                Some(e) => Outcome::ProduceFailed { record, error: e.to_string() },
            },
            None => {
                let error = "the Produce response named no partition".to_owned();
                Outcome::ProduceFailed { record, error }
            }
        }
    }

    /// Stops a running broker with a controlled shutdown: the controller moves leadership off it
    /// first. Stopping a broker that is not running is refused with the engine's message.
    pub fn stop_broker(&mut self, broker: BrokerId) -> Outcome {
        let before = self.leaders();
        if let Err(e) = self.engine.stop_broker(self.now, broker, Shutdown::Clean) {
            return Outcome::Refused(format!("Broker {broker} was not stopped: {}", e.message));
        }
        self.advance_clock();
        Outcome::BrokerStopped { broker, moves: self.moves_since(&before) }
    }

    /// Starts a stopped broker again with the logs it had. It rejoins as a follower, fetches
    /// what it missed from each leader and, caught up, rejoins the ISR; a partition that was
    /// offline waiting for it gets it as leader. Starting a running broker is refused.
    pub fn start_broker(&mut self, broker: BrokerId) -> Outcome {
        let before = self.leaders();
        if let Err(e) = self.engine.start_broker(self.now, broker) {
            return Outcome::Refused(format!("Broker {broker} was not started: {}", e.message));
        }
        self.advance_clock();
        let caught_up = self.catch_up_of(broker);
        Outcome::BrokerStarted { broker, caught_up, moves: self.moves_since(&before) }
    }

    /// Sends a request, delivers everything it set off and lets [`STEP_MS`] pass. `Ok(None)`:
    /// still parked after that, or unanswered (acks=0).
    fn request(&mut self, broker: BrokerId, request: Request) -> Result<Option<Response>, String> {
        self.answers.clear();
        self.next_request += 1;
        let id = RequestId(self.next_request);
        let handled = self.engine.handle(self.now, broker, CLIENT, id, request);
        self.advance_clock();
        match handled {
            Handled::Response(response) => Ok(Some(response)),
            Handled::Parked => Ok(self.answers.remove(&id)),
            Handled::NoResponse => Ok(None),
            Handled::BrokerUnavailable => Err(format!("broker {broker} is not running")),
        }
    }

    /// Delivers every broker-to-broker message and keeps the answers to parked requests. The
    /// events are dropped (the page does not show them yet) so they do not pile up.
    fn settle(&mut self) {
        for output in self.engine.deliver_all(self.now) {
            if let Output::Response { request, response, .. } = output {
                self.answers.insert(request, response);
            }
        }
        drop(self.engine.take_events());
    }

    /// Moves the clock [`STEP_MS`] forward, firing each timer at its own deadline on the way.
    fn advance_clock(&mut self) {
        let target = self.now.plus_ms(STEP_MS);
        self.settle();
        let mut fired = 0;
        while let Some(due) = self.engine.next_deadline().filter(|due| *due <= target) {
            fired += 1;
            if fired > MAX_TIMERS_PER_STEP {
                break;
            }
            self.now = self.now.max(due);
            self.engine.tick(self.now);
            self.settle();
        }
        self.now = target;
        self.engine.tick(self.now);
        self.settle();
    }

    fn leaders(&self) -> Vec<(PartitionIndex, Option<BrokerId>)> {
        self.view().partitions.iter().map(|p| (p.partition, p.leader)).collect()
    }

    fn moves_since(&self, before: &[(PartitionIndex, Option<BrokerId>)]) -> Vec<LeaderMove> {
        let view = self.view();
        before
            .iter()
            .filter_map(|(partition, from)| {
                let row = view.partitions.iter().find(|p| p.partition == *partition)?;
                (row.leader != *from).then_some(LeaderMove {
                    partition: *partition,
                    from: *from,
                    to: row.leader,
                    leader_epoch: row.leader_epoch,
                })
            })
            .collect()
    }

    fn replication_of(&self, tp: &TopicPartition) -> (Offset, Vec<BrokerId>) {
        let view = self.engine.partition(tp);
        let high_watermark = view.as_ref().and_then(|v| v.high_watermark()).unwrap_or_default();
        let isr = view.map(|v| v.state.isr.clone()).unwrap_or_default();
        (high_watermark, isr)
    }

    fn catch_up_of(&self, broker: BrokerId) -> Vec<CaughtUp> {
        self.view()
            .partitions
            .iter()
            .filter_map(|p| {
                let end = p.replica_ends.iter().find(|r| r.broker == broker)?;
                Some(CaughtUp {
                    partition: p.partition,
                    log_end_offset: end.log_end_offset.unwrap_or_default(),
                    leader: p.leader,
                    in_isr: end.in_isr,
                })
            })
            .collect()
    }
}
