//! The chronicle: what the page remembers of the trace as the world runs.
//!
//! The page's world keeps only the newest trace entries (a long-running tab cannot keep them
//! all), so the chronicle reads new entries after every slice of steps and keeps what the page
//! shows over time: the event log, each group's rebalances, the producers' partition choices,
//! the records that went away and how stopped brokers stopped. Rebuilding an earlier moment
//! rebuilds the chronicle with the world, so it always matches the moment shown.

mod event_log;
mod flights;
mod gone;
mod rebalances;
mod stops;
mod touch;

use kplay_sim::trace::TraceKind;
use kplay_sim::{Action, World};

use kplay_core::vec_map::VecSet;

pub use event_log::{EventLog, KEPT_PER_CATEGORY, LoggedEvent, entry_text};
pub use flights::{Flight, FlightLog, KEPT_FLIGHTS};
pub use gone::{Compacted, Gone, GoneLog, KEPT_COMPACTED, KEPT_REMOVALS, Removal};
pub use rebalances::{
    ClientRemoval, Departure, GroupNote, KEPT_GENERATIONS, KEPT_NOTES, MemberMove, NoteKind,
    Rebalance, RebalanceKind, RebalanceLog,
};
pub use stops::{BrokerStops, Stop};
pub use touch::{Category, Touch, classify};

/// What the page remembers of the trace.
#[derive(Clone, Debug, Default)]
pub struct Chronicle {
    /// How many trace entries have been read.
    read: u64,
    /// Entries the world dropped before they were read.
    missed: u64,
    /// Clients that are producers (the rest are consumers).
    producers: VecSet<u32>,
    /// The event log.
    pub log: EventLog,
    /// Each group's rebalances.
    pub rebalances: RebalanceLog,
    /// The producers' newest partition choices.
    pub flights: FlightLog,
    /// Records that went away.
    pub gone: GoneLog,
    /// How the stopped brokers stopped.
    pub stops: BrokerStops,
}

impl Chronicle {
    /// Reads the trace entries the world recorded since the last call.
    pub fn read(&mut self, world: &World) {
        let (from, entries) = world.trace().since(self.read);
        self.missed += from - self.read;
        for (i, entry) in entries.iter().enumerate() {
            if let TraceKind::Action(Action::AddProducer { id, .. }) = &entry.kind {
                self.producers.insert(*id);
            }
            let producers = &self.producers;
            self.log.push(from + i as u64, entry, |c| producers.contains(&c));
            self.rebalances.push(entry);
            self.flights.push(entry);
            self.gone.push(entry);
            self.stops.push(entry);
        }
        self.read = world.trace().len();
    }

    /// How many entries were dropped before they could be read (0 unless one slice of steps
    /// produced more entries than the world keeps).
    pub fn missed(&self) -> u64 {
        self.missed
    }

    /// Whether client `id` is a producer.
    pub fn is_producer(&self, id: u32) -> bool {
        self.producers.contains(&id)
    }
}
