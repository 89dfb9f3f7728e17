//! What simulated producers and consumers share: how they talk to brokers (requests out,
//! replies in, through the world's network), their metadata cache, and the decisions they report.
//!
//! Clients are sans-I/O state machines like the engine: the world calls `wake` when the time they
//! asked for comes and `on_reply` when an answer arrives; they push requests and trace events
//! into an [`Io`] and say when they next need waking.

mod event;
mod metadata;

use kplay_core::api::{Request, Response};
use kplay_core::vec_map::VecMap;
use kplay_core::{BrokerId, Timestamp};

pub use event::ClientEvent;
pub(crate) use metadata::MetadataCache;

use crate::rng::SimRng;

/// How much a client reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Every record's partition choice and every processed record range.
    Records,
    /// Batches, rebalances, commits and errors only (for long runs and benchmarks).
    Batches,
}

/// A request a client wants sent.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Outgoing {
    /// The broker.
    pub(crate) broker: BrokerId,
    /// Which connection to that broker (bumped at every reconnect).
    pub(crate) connection: u64,
    /// The client's number for the request.
    pub(crate) correlation: u64,
    /// The request.
    pub(crate) request: Request,
}

/// What arrives for a request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reply {
    /// The broker's answer.
    Response(Response),
    /// No answer will come: the connection failed, the broker stopped, or the network lost it.
    Disconnected,
}

/// The world as a client sees it during one call.
pub(crate) struct Io<'a> {
    pub(crate) now: Timestamp,
    pub(crate) rng: &'a mut SimRng,
    pub(crate) detail: Detail,
    pub(crate) out: Vec<Outgoing>,
    pub(crate) events: Vec<ClientEvent>,
    /// Brokers the client may bootstrap from.
    pub(crate) bootstrap: &'a [BrokerId],
}

impl<'a> Io<'a> {
    pub(crate) fn new(
        now: Timestamp,
        rng: &'a mut SimRng,
        detail: Detail,
        bootstrap: &'a [BrokerId],
    ) -> Self {
        Io { now, rng, detail, out: Vec::new(), events: Vec::new(), bootstrap }
    }

    pub(crate) fn event(&mut self, event: ClientEvent) {
        self.events.push(event);
    }
}

/// Requests in flight, so replies and timeouts find what they answer — and the connection to
/// each broker they went over. As in Kafka's `NetworkClient`, a connection that fails (refused,
/// closed, or a request timing out on it) takes every request in flight on it down, and the
/// next request opens a new connection.
#[derive(Clone, Debug)]
pub(crate) struct InFlight<T> {
    next: u64,
    requests: VecMap<u64, (BrokerId, Timestamp, T)>,
    connections: VecMap<BrokerId, u64>,
}

impl<T> Default for InFlight<T> {
    fn default() -> Self {
        InFlight { next: 0, requests: VecMap::new(), connections: VecMap::new() }
    }
}

impl<T> InFlight<T> {
    /// Sends `request` to `broker`, remembering `what` it was for.
    pub(crate) fn send(&mut self, io: &mut Io<'_>, broker: BrokerId, request: Request, what: T) {
        self.next += 1;
        let connection = self.connections.get(&broker).copied().unwrap_or(0);
        io.out.push(Outgoing { broker, connection, correlation: self.next, request });
        self.requests.insert(self.next, (broker, io.now, what));
    }

    /// The request a reply answers, forgetting it.
    pub(crate) fn take(&mut self, correlation: u64) -> Option<(BrokerId, T)> {
        self.requests.remove(&correlation).map(|(b, _, t)| (b, t))
    }

    /// Requests older than `timeout_ms`, with every other request on their connections (which
    /// the timeout closes), forgotten.
    pub(crate) fn expired(&mut self, now: Timestamp, timeout_ms: i64) -> Vec<(BrokerId, T)> {
        let brokers: kplay_core::vec_map::VecSet<BrokerId> = self
            .requests
            .values()
            .filter(|(_, sent, _)| now.ms_since(*sent) >= timeout_ms)
            .map(|(b, _, _)| *b)
            .collect();
        brokers.into_iter().flat_map(|b| self.disconnect(b)).collect()
    }

    /// The connection to `broker` failed: every request in flight on it, forgotten, in the
    /// order sent; the next request opens a new connection.
    pub(crate) fn disconnect(&mut self, broker: BrokerId) -> Vec<(BrokerId, T)> {
        *self.connections.entry(broker).or_insert(0) += 1;
        let on_it: Vec<u64> =
            self.requests.iter().filter(|(_, (b, _, _))| *b == broker).map(|(c, _)| *c).collect();
        on_it.into_iter().filter_map(|c| self.take(c)).collect()
    }

    /// When the oldest request times out.
    pub(crate) fn next_timeout(&self, timeout_ms: i64) -> Option<Timestamp> {
        self.requests.values().map(|(_, sent, _)| sent.plus_ms(timeout_ms)).min()
    }

    /// What the requests in flight are for.
    pub(crate) fn pending(&self) -> impl Iterator<Item = &T> {
        self.requests.values().map(|(_, _, t)| t)
    }

    /// Whether a request of this kind is in flight.
    pub(crate) fn any(&self, f: impl Fn(&T) -> bool) -> bool {
        self.requests.values().any(|(_, _, t)| f(t))
    }

    /// Whether a request of this kind is in flight to `broker`.
    pub(crate) fn any_to(&self, broker: BrokerId, f: impl Fn(&T) -> bool) -> bool {
        self.requests.values().any(|(b, _, t)| *b == broker && f(t))
    }

    /// How many requests are in flight to `broker`.
    pub(crate) fn to_broker(&self, broker: BrokerId) -> usize {
        self.requests.values().filter(|(b, _, _)| *b == broker).count()
    }

    /// Forgets everything (the client closed).
    pub(crate) fn clear(&mut self) {
        self.requests.clear();
    }
}

/// The earliest of some optional times.
pub(crate) fn earliest(times: impl IntoIterator<Item = Option<Timestamp>>) -> Option<Timestamp> {
    times.into_iter().flatten().min()
}
