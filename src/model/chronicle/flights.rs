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
    /// The simulation step that made it.
    pub step: u64,
    /// Which choice of that step it was (a step can choose for many records).
    pub nth: u32,
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

impl Flight {
    /// An id that stays the same for this record however the moment is reached (live, by a
    /// link or on the timeline), so the page animates each record once.
    pub fn id(&self) -> String {
        format!("{}-{}", self.step, self.nth)
    }
}

/// The newest choices, oldest first.
#[derive(Clone, Debug, Default)]
pub struct FlightLog {
    recent: VecDeque<Flight>,
    /// The step of the newest choice and how many choices it made.
    last: (u64, u32),
}

impl FlightLog {
    /// Takes in one trace entry.
    pub fn push(&mut self, entry: &TraceEntry) {
        let TraceKind::Client { client, event } = &entry.kind else { return };
        let ClientEvent::PartitionChosen { key, partition, reason } = event else { return };
        if self.recent.len() == KEPT_FLIGHTS {
            self.recent.pop_front();
        }
        let nth = if self.last.0 == entry.step { self.last.1 + 1 } else { 0 };
        self.last = (entry.step, nth);
        self.recent.push_back(Flight {
            step: entry.step,
            nth,
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
