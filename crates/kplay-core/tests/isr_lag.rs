//! A follower that keeps fetching but never reaches the leader's log end leaves the ISR after
//! `replica.lag.time.max.ms`, as Kafka's `Partition.getOutOfSyncReplicas` decides: fetching is
//! not enough, the follower must have caught up with the leader's log end within the lag time.

mod common;

use std::collections::VecDeque;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Output;
use kplay_core::event::{Event, IsrShrinkReason};
use kplay_core::replication::Envelope;
use kplay_core::*;

/// A driver whose link from the leader to one follower carries one message per second, while
/// every other message arrives at once.
struct SlowLink {
    c: Cluster,
    leader: BrokerId,
    slow: BrokerId,
    held: VecDeque<Envelope>,
    next_request: u64,
}

impl SlowLink {
    fn drain(&mut self) {
        let now = Timestamp(self.c.now);
        while let Some(output) = self.c.engine.poll_output() {
            if let Output::ToBroker(envelope) = output {
                if envelope.from == self.leader && envelope.to == self.slow {
                    self.held.push_back(envelope);
                } else {
                    self.c.engine.deliver(now, envelope);
                }
            }
        }
        self.c.events.extend(self.c.engine.take_events());
    }

    /// Runs `ms` of time in 100 ms steps, producing one batch to the leader every
    /// `produce_every_ms` and letting one held message through each second.
    fn run(&mut self, ms: i64, produce_every_ms: i64) {
        for _ in 0..ms / 100 {
            self.c.now += 100;
            let now = Timestamp(self.c.now);
            self.c.engine.tick(now);
            self.drain();
            if self.c.now % 1_000 == 0
                && let Some(envelope) = self.held.pop_front()
            {
                self.c.engine.deliver(now, envelope);
                self.drain();
            }
            if self.c.now % produce_every_ms != 0 {
                continue;
            }
            self.next_request += 1;
            let request = ProduceRequest {
                acks: Acks::Leader,
                timeout_ms: 30_000,
                topics: vec![ProduceTopic {
                    name: "t".into(),
                    partitions: vec![ProducePartition {
                        partition: PartitionIndex(0),
                        batch: batch(&[("k", &"x".repeat(100))]),
                    }],
                }],
            };
            self.c.engine.handle(
                now,
                self.leader,
                ClientId(9),
                RequestId(1_000 + self.next_request),
                request.into(),
            );
            self.drain();
        }
    }
}

fn slow_follower_cluster() -> SlowLink {
    let mut config = fast_config();
    // One ~130-byte batch per follower fetch.
    config.replica_fetch_max_bytes = 1;
    let mut c = Cluster::new(2, config);
    c.create_topic(NewTopic::new("t", 1, 2));
    let leader = c.leader("t", 0).unwrap();
    let slow = BrokerId(3 - leader.0);
    SlowLink { c, leader, slow, held: VecDeque::new(), next_request: 0 }
}

#[test]
fn a_follower_that_fetches_but_never_catches_up_leaves_the_isr() {
    let mut s = slow_follower_cluster();
    s.run(20_000, 100);
    let follower_end = s.c.log_end(s.slow.0, "t", 0);
    assert!(follower_end > Offset(10), "the follower keeps fetching: at {follower_end}");
    assert!(follower_end < s.c.log_end(s.leader.0, "t", 0), "but stays behind");
    assert_eq!(s.c.isr("t", 0).len(), 2, "still in sync within replica.lag.time.max.ms");
    s.run(15_000, 100);
    assert_eq!(s.c.isr("t", 0), [s.leader.0], "it left the ISR");
    let shrunk = s.c.events_matching(|e| matches!(e, Event::IsrShrunk { .. }));
    let [
        Event::IsrShrunk {
            broker, reason: IsrShrinkReason::Lagging { lag_ms, max_lag_ms }, ..
        },
    ] = shrunk[..]
    else {
        panic!("one shrink, for lagging: {shrunk:?}")
    };
    assert_eq!((*broker, *max_lag_ms), (s.slow, 30_000));
    assert!(*lag_ms > 30_000, "not caught up for longer than the lag time: {lag_ms}");
    let text = shrunk[0].to_string();
    assert!(text.contains("replica.lag.time.max.ms = 30000"), "{text}");
}

#[test]
fn a_slow_follower_that_does_catch_up_stays_in_the_isr() {
    let mut s = slow_follower_cluster();
    // One batch every two seconds: the follower, fetching one batch a second, keeps up.
    s.run(40_000, 2_000);
    let behind = s.c.log_end(s.leader.0, "t", 0).0 - s.c.log_end(s.slow.0, "t", 0).0;
    assert!(behind <= 1, "at most the batch just produced is missing: {behind}");
    assert_eq!(s.c.isr("t", 0).len(), 2);
    assert!(s.c.events_matching(|e| matches!(e, Event::IsrShrunk { .. })).is_empty());
}
