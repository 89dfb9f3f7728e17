//! The trace: everything that happened, in order — the engine's events, the clients' decisions,
//! the actions people took and what the network did — each with its step number and time.
//!
//! A running 64-bit FNV-1a hash over a canonical rendering of every entry makes determinism
//! cheap to test: the same seed and actions must give the same hash, natively and in wasm.
//! Entries can be kept (for the UI) or only hashed (for long benchmarks).

use kplay_core::Timestamp;
use kplay_core::event::Event;

use crate::action::Action;
use crate::client::ClientEvent;
use crate::network::Node;

/// What a trace entry records.
#[derive(Clone, Debug, PartialEq)]
pub enum TraceKind {
    /// A state change inside the engine.
    Engine(Event),
    /// A client's decision or observation.
    Client {
        /// The client's number.
        client: u32,
        /// What it did or saw.
        event: ClientEvent,
    },
    /// An action someone (or a lesson) took.
    Action(Action),
    /// A message a network partition stopped.
    Cut {
        /// The sender.
        from: Node,
        /// The intended recipient.
        to: Node,
    },
    /// A message lost on a lossy link and sent again (it arrives late, and so does what
    /// follows it on that link).
    Retransmitted {
        /// The sender.
        from: Node,
        /// The recipient.
        to: Node,
        /// How many times it was lost.
        times: u32,
    },
}

/// One entry.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEntry {
    /// The simulation step during which it happened.
    pub step: u64,
    /// The simulated time.
    pub time: Timestamp,
    /// What happened.
    pub kind: TraceKind,
}

impl std::fmt::Display for TraceEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>8} ms  ", self.time.0)?;
        match &self.kind {
            TraceKind::Engine(e) => write!(f, "{e}"),
            TraceKind::Client { client, event } => write!(f, "client {client}: {event}"),
            TraceKind::Action(a) => write!(f, "action: {a}"),
            TraceKind::Cut { from, to } => {
                write!(f, "network partition: a message from {from} to {to} could not get through")
            }
            TraceKind::Retransmitted { from, to, times } => write!(
                f,
                "a message from {from} to {to} was lost {times} time(s) and sent again (TCP retransmission)"
            ),
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over whatever is written to it, without building the text.
struct Fnv(u64);

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for byte in s.bytes() {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
        }
        Ok(())
    }
}

/// The trace of one world.
#[derive(Clone, Debug)]
pub struct Trace {
    entries: Vec<TraceEntry>,
    keep: bool,
    hash: u64,
    len: u64,
}

impl Trace {
    /// A trace that keeps its entries (`keep`) or only hashes them.
    pub fn new(keep: bool) -> Self {
        Trace { entries: Vec::new(), keep, hash: FNV_OFFSET, len: 0 }
    }

    /// Records an entry.
    pub fn push(&mut self, entry: TraceEntry) {
        use std::fmt::Write;
        let mut hasher = Fnv(self.hash);
        let _ = writeln!(hasher, "{}|{}|{:?}", entry.step, entry.time.0, entry.kind);
        self.hash = hasher.0;
        self.len += 1;
        if self.keep {
            self.entries.push(entry);
        }
    }

    /// The kept entries, in order.
    pub fn entries(&self) -> &[TraceEntry] {
        &self.entries
    }

    /// How many entries were recorded (kept or not).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The hash of every entry so far.
    pub fn hash(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(step: u64) -> TraceEntry {
        TraceEntry { step, time: Timestamp(7), kind: TraceKind::Action(Action::Heal) }
    }

    #[test]
    fn the_hash_covers_every_entry_kept_or_not() {
        let (mut a, mut b) = (Trace::new(true), Trace::new(false));
        for s in 0..3 {
            a.push(entry(s));
            b.push(entry(s));
        }
        assert_eq!(a.hash(), b.hash());
        assert_eq!((a.len(), a.entries().len(), b.entries().len()), (3, 3, 0));
        let mut c = Trace::new(false);
        c.push(entry(0));
        c.push(entry(2));
        assert_ne!(c.hash(), a.hash());
    }
}
