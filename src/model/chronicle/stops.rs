//! How and when each stopped broker stopped, so the page can tell a clean stop from a crash and
//! say how long the controller has left before it notices a crash
//! (`broker.session.timeout.ms`).

use kplay_core::event::Event;
use kplay_core::vec_map::VecMap;
use kplay_sim::trace::{TraceEntry, TraceKind};

/// How a broker stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    /// When, in ms.
    pub time_ms: i64,
    /// Whether it was a controlled shutdown (else a crash).
    pub clean: bool,
}

/// The brokers that are stopped now, with how they stopped.
#[derive(Clone, Debug, Default)]
pub struct BrokerStops {
    stopped: VecMap<i32, Stop>,
}

impl BrokerStops {
    /// Takes in one trace entry.
    pub fn push(&mut self, entry: &TraceEntry) {
        match &entry.kind {
            TraceKind::Engine(Event::BrokerStopped { broker, clean }) => {
                self.stopped.insert(broker.0, Stop { time_ms: entry.time.0, clean: *clean });
            }
            TraceKind::Engine(Event::BrokerStarted { broker }) => {
                self.stopped.remove(&broker.0);
            }
            _ => {}
        }
    }

    /// How broker `id` stopped, if it is stopped.
    pub fn of(&self, id: i32) -> Option<Stop> {
        self.stopped.get(&id).copied()
    }
}
