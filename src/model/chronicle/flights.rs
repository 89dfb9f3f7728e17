//! Records on their way: each producer's newest partition choices, with the key, the partition
//! and the partitioner's reason, so the page can show a record travelling to its partition and
//! say why it went there.

use std::collections::VecDeque;

use kplay_core::TopicPartition;
use kplay_sim::client::ClientEvent;
use kplay_sim::trace::{TraceEntry, TraceKind};

/// How many choices are kept (over all producers).
pub const KEPT_FLIGHTS: usize = 60;

/// One record's partition choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flight {
    /// When, in ms.
    pub time_ms: i64,
    /// The producer's client number.
    pub producer: u32,
    /// The record's key, as text (`None`: keyless).
    pub key: Option<String>,
    /// Where it went.
    pub partition: TopicPartition,
    /// Why there, as the partitioner reasons.
    pub reason: String,
}

/// The newest choices, oldest first.
#[derive(Clone, Debug, Default)]
pub struct FlightLog {
    recent: VecDeque<Flight>,
}

impl FlightLog {
    /// Takes in one trace entry.
    pub fn push(&mut self, entry: &TraceEntry) {
        let TraceKind::Client { client, event } = &entry.kind else { return };
        let ClientEvent::PartitionChosen { key, partition, reason } = event else { return };
        if self.recent.len() == KEPT_FLIGHTS {
            self.recent.pop_front();
        }
        self.recent.push_back(Flight {
            time_ms: entry.time.0,
            producer: *client,
            key: key.clone(),
            partition: partition.clone(),
            reason: reason.to_string(),
        });
    }

    /// The choices made since `since_ms`, oldest first.
    pub fn since(&self, since_ms: i64) -> impl Iterator<Item = &Flight> {
        self.recent.iter().filter(move |f| f.time_ms >= since_ms)
    }

    /// A producer's newest `n` choices, newest first.
    pub fn newest_of(&self, producer: u32, n: usize) -> Vec<&Flight> {
        self.recent.iter().rev().filter(|f| f.producer == producer).take(n).collect()
    }
}
