//! A test driver for the engine: instant delivery between brokers, a virtual clock, and helpers
//! that speak the engine's requests.
#![allow(dead_code, missing_docs, unreachable_pub)]

use bytes::Bytes;
use kplay_core::api::*;
use kplay_core::engine::{Engine, Handled, Output};
use kplay_core::replication::Envelope;
use kplay_core::vec_map::VecMap;
use kplay_core::*;

pub struct Cluster {
    pub engine: Engine,
    pub now: i64,
    next_request: u64,
    /// Responses to parked requests, by request id.
    pub answers: VecMap<u64, Response>,
    /// Requests dropped because their broker stopped.
    pub dropped: Vec<u64>,
    /// Broker pairs whose messages are lost (a network partition).
    pub cut: Vec<(BrokerId, BrokerId)>,
    pub events: Vec<EventRecord>,
}

pub fn fast_config() -> EngineConfig {
    let mut config = EngineConfig::default();
    config.group.initial_rebalance_delay_ms = 0;
    config.offsets_topic_num_partitions = 5;
    config
}

pub fn record(key: &str, value: &str) -> Record {
    Record::new(
        Some(Bytes::copy_from_slice(key.as_bytes())),
        Some(Bytes::copy_from_slice(value.as_bytes())),
        Timestamp(0),
    )
}

pub fn batch(records: &[(&str, &str)]) -> RecordBatch {
    RecordBatch::new(records.iter().map(|(k, v)| record(k, v)).collect())
}

pub fn tp(topic: &str, partition: i32) -> TopicPartition {
    TopicPartition::new(topic, partition)
}

impl Cluster {
    pub fn new(brokers: i32, config: EngineConfig) -> Cluster {
        let mut engine = Engine::new(config);
        for id in 1..=brokers {
            engine.add_broker(Timestamp(0), BrokerId(id), None).unwrap();
        }
        let mut c = Cluster {
            engine,
            now: 0,
            next_request: 0,
            answers: VecMap::new(),
            dropped: Vec::new(),
            cut: Vec::new(),
            events: Vec::new(),
        };
        c.pump();
        c
    }

    /// Delivers broker messages (except across cuts) until none is left.
    pub fn pump(&mut self) {
        let now = Timestamp(self.now);
        let mut delivered = 0;
        while let Some(output) = self.engine.poll_output() {
            delivered += 1;
            assert!(
                delivered < 1_000_000,
                "brokers keep messaging each other at {now}: {output:?}"
            );
            match output {
                Output::ToBroker(Envelope { from, to, message }) => {
                    if !self
                        .cut
                        .iter()
                        .any(|(a, b)| (*a == from && *b == to) || (*a == to && *b == from))
                    {
                        self.engine.deliver(now, Envelope { from, to, message });
                    }
                }
                Output::Response { request, response, .. } => {
                    self.answers.insert(request.0, response);
                }
                Output::Dropped { request, .. } => self.dropped.push(request.0),
            }
        }
        self.events.extend(self.engine.take_events());
    }

    /// Moves the clock forward by `ms`, firing timers on the way.
    pub fn advance(&mut self, ms: i64) {
        let target = self.now + ms;
        self.pump();
        let mut steps = 0;
        while let Some(next) = self.engine.next_deadline() {
            if next.0 > target {
                break;
            }
            steps += 1;
            assert!(
                steps < 1_000_000,
                "timers keep firing at {next}: the engine is not making progress"
            );
            self.now = self.now.max(next.0);
            self.engine.tick(Timestamp(self.now));
            self.pump();
        }
        self.now = target;
        self.engine.tick(Timestamp(self.now));
        self.pump();
    }

    /// Sends a request; returns what the engine did with it, and its request id.
    pub fn send(&mut self, broker: i32, request: impl Into<Request>) -> (u64, Handled) {
        self.next_request += 1;
        let id = self.next_request;
        let handled = self.engine.handle(
            Timestamp(self.now),
            BrokerId(broker),
            ClientId(1),
            RequestId(id),
            request.into(),
        );
        self.pump();
        (id, handled)
    }

    /// Sends a request and returns its response, advancing time (up to a minute) if parked.
    pub fn call(&mut self, broker: i32, request: impl Into<Request>) -> Response {
        let (id, handled) = self.send(broker, request);
        match handled {
            Handled::Response(r) => r,
            Handled::Parked => {
                self.wait_for(id, 60_000).unwrap_or_else(|| panic!("request {id} never answered"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    /// The answer to parked request `id`, advancing time in 10 ms steps up to `max_ms`.
    pub fn wait_for(&mut self, id: u64, max_ms: i64) -> Option<Response> {
        let mut waited = 0;
        loop {
            if let Some(r) = self.answers.remove(&id) {
                return Some(r);
            }
            if waited >= max_ms {
                return None;
            }
            self.advance(10);
            waited += 10;
        }
    }

    pub fn create_topic(&mut self, topic: NewTopic) -> CreatedTopic {
        let Response::CreateTopics(mut r) =
            self.call(1, CreateTopicsRequest { topics: vec![topic], validate_only: false })
        else {
            panic!()
        };
        r.topics.remove(0)
    }

    pub fn leader(&self, topic: &str, partition: i32) -> Option<BrokerId> {
        self.engine.image().partition(&tp(topic, partition)).and_then(|p| p.leader)
    }

    pub fn produce_to(
        &mut self,
        broker: i32,
        topic: &str,
        partition: i32,
        batch: RecordBatch,
        acks: Acks,
    ) -> (u64, Handled) {
        let request = ProduceRequest {
            acks,
            timeout_ms: 30_000,
            topics: vec![ProduceTopic {
                name: topic.into(),
                partitions: vec![ProducePartition { partition: PartitionIndex(partition), batch }],
            }],
        };
        self.send(broker, request)
    }

    /// Produces to the partition's leader and returns the partition's response.
    pub fn produce(
        &mut self,
        topic: &str,
        partition: i32,
        batch: RecordBatch,
        acks: Acks,
    ) -> ProducePartitionResponse {
        let leader = self.leader(topic, partition).expect("partition has a leader").0;
        let (id, handled) = self.produce_to(leader, topic, partition, batch, acks);
        let response = match handled {
            Handled::Response(r) => r,
            Handled::Parked => self.wait_for(id, 60_000).expect("produce answered"),
            other => panic!("unexpected {other:?}"),
        };
        let Response::Produce(mut r) = response else { panic!() };
        r.topics.remove(0).partitions.remove(0)
    }

    pub fn fetch_request(
        topic: &str,
        partition: i32,
        offset: i64,
        max_wait_ms: i32,
    ) -> FetchRequest {
        FetchRequest {
            max_wait_ms,
            min_bytes: 1,
            max_bytes: 50 * 1024 * 1024,
            isolation_level: IsolationLevel::ReadUncommitted,
            topics: vec![FetchTopic {
                name: topic.into(),
                partitions: vec![FetchPartition {
                    partition: PartitionIndex(partition),
                    fetch_offset: Offset(offset),
                    partition_max_bytes: 1024 * 1024,
                    current_leader_epoch: LeaderEpoch::UNKNOWN,
                }],
            }],
        }
    }

    /// Fetches (without waiting) from the leader.
    pub fn fetch(&mut self, topic: &str, partition: i32, offset: i64) -> FetchPartitionResponse {
        let leader = self.leader(topic, partition).expect("leader").0;
        let Response::Fetch(mut r) =
            self.call(leader, Self::fetch_request(topic, partition, offset, 0))
        else {
            panic!()
        };
        r.topics.remove(0).partitions.remove(0)
    }

    /// The offsets of every record a fetch from `offset` returns.
    pub fn consumed_offsets(&mut self, topic: &str, partition: i32, offset: i64) -> Vec<i64> {
        let part = self.fetch(topic, partition, offset);
        part.batches
            .iter()
            .flat_map(|b| b.records_with_offsets().map(|(o, _)| o.0).collect::<Vec<_>>())
            .filter(|o| *o >= offset)
            .collect()
    }

    pub fn high_watermark(&self, broker: i32, topic: &str, partition: i32) -> Offset {
        self.engine.replica(BrokerId(broker), &tp(topic, partition)).unwrap().high_watermark
    }

    pub fn log_end(&self, broker: i32, topic: &str, partition: i32) -> Offset {
        self.engine.replica(BrokerId(broker), &tp(topic, partition)).unwrap().log.log_end_offset()
    }

    pub fn isr(&self, topic: &str, partition: i32) -> Vec<i32> {
        self.engine
            .image()
            .partition(&tp(topic, partition))
            .unwrap()
            .isr
            .iter()
            .map(|b| b.0)
            .collect()
    }

    /// Every record in a broker's replica of `topic`-`partition`, as (key, value) text.
    pub fn records(
        &self,
        broker: i32,
        topic: &str,
        partition: i32,
    ) -> Vec<(String, Option<String>)> {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let log = &self.engine.replica(BrokerId(broker), &tp(topic, partition)).unwrap().log;
        log.batches()
            .iter()
            .flat_map(|batch| {
                batch
                    .records
                    .iter()
                    .map(|r| {
                        (
                            r.key.as_deref().map(text).unwrap_or_default(),
                            r.value.as_deref().map(text),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The keys of [`Cluster::records`].
    pub fn keys(&self, broker: i32, topic: &str, partition: i32) -> Vec<String> {
        self.records(broker, topic, partition).into_iter().map(|(k, _)| k).collect()
    }

    pub fn events_matching(&self, f: impl Fn(&Event) -> bool) -> Vec<&Event> {
        self.events.iter().map(|r| &r.event).filter(|e| f(e)).collect()
    }
}
