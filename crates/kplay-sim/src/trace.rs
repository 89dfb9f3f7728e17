//! The trace: everything that happened, in order — the engine's events, the clients' decisions,
//! the actions people took and what the network did — each with its step number and time.
//!
//! A running 64-bit FNV-1a hash over a canonical rendering of every entry makes determinism
//! cheap to test: the same seed and actions must give the same hash, natively and in wasm.
//! Entries can all be kept (for tests), only the newest kept (for the UI, which reads them as
//! they come), or only hashed (for long benchmarks).

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

/// Which entries a trace keeps. Every entry is hashed and counted either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepTrace {
    /// Every entry.
    All,
    /// At least the newest `n` (older ones are dropped in chunks, so keeping costs O(1) per
    /// entry).
    Last(usize),
    /// None: only the hash and the count.
    None,
}

/// The trace of one world.
#[derive(Clone, Debug)]
pub struct Trace {
    entries: Vec<TraceEntry>,
    keep: KeepTrace,
    hash: u64,
    len: u64,
}

impl Trace {
    /// A trace that keeps what `keep` says.
    pub fn new(keep: KeepTrace) -> Self {
        Trace { entries: Vec::new(), keep, hash: FNV_OFFSET, len: 0 }
    }

    /// Records an entry.
    pub fn push(&mut self, entry: TraceEntry) {
        use std::fmt::Write;
        let mut hasher = Fnv(self.hash);
        let _ = writeln!(hasher, "{}|{}|{:?}", entry.step, entry.time.0, entry.kind);
        self.hash = hasher.0;
        self.len += 1;
        match self.keep {
            KeepTrace::All => self.entries.push(entry),
            KeepTrace::Last(n) => {
                self.entries.push(entry);
                if self.entries.len() > n.max(1) * 2 {
                    self.entries.drain(..self.entries.len() - n);
                }
            }
            KeepTrace::None => {}
        }
    }

    /// The kept entries, in order.
    pub fn entries(&self) -> &[TraceEntry] {
        &self.entries
    }

    /// The kept entries from the `index`-th entry ever recorded on (counting from 0), and the
    /// index of the first one returned: a reader that remembers how far it read gets only what
    /// is new, and learns from the index whether entries it never saw were dropped.
    pub fn since(&self, index: u64) -> (u64, &[TraceEntry]) {
        let first_kept = self.len - self.entries.len() as u64;
        let from = index.clamp(first_kept, self.len);
        let skip = usize::try_from(from - first_kept).unwrap_or(self.entries.len());
        (from, &self.entries[skip..])
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
        let (mut a, mut b) = (Trace::new(KeepTrace::All), Trace::new(KeepTrace::None));
        for s in 0..3 {
            a.push(entry(s));
            b.push(entry(s));
        }
        assert_eq!(a.hash(), b.hash());
        assert_eq!((a.len(), a.entries().len(), b.entries().len()), (3, 3, 0));
        let mut c = Trace::new(KeepTrace::None);
        c.push(entry(0));
        c.push(entry(2));
        assert_ne!(c.hash(), a.hash());
    }

    #[test]
    fn keeping_the_last_entries_keeps_at_least_that_many_and_reads_on_from_an_index() {
        let mut t = Trace::new(KeepTrace::Last(3));
        for s in 0..10 {
            t.push(entry(s));
        }
        assert_eq!(t.len(), 10);
        let kept: Vec<u64> = t.entries().iter().map(|e| e.step).collect();
        assert!(kept.len() >= 3 && kept.len() <= 6, "{kept:?}");
        assert_eq!(kept.last(), Some(&9));
        // A reader that saw 8 entries gets the last two.
        let (from, new) = t.since(8);
        assert_eq!((from, new.iter().map(|e| e.step).collect::<Vec<_>>()), (8, vec![8, 9]));
        // A reader that fell behind learns where the kept entries start.
        let (from, new) = t.since(0);
        assert_eq!(from, 10 - kept.len() as u64);
        assert_eq!(new.len(), kept.len());
        assert_eq!(t.since(10).1.len(), 0);
    }
}
