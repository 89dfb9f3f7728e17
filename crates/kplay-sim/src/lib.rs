//! kplay-sim: a deterministic world around the kplay engine — simulated producers and consumers
//! that behave like Kafka's real clients, a network with latency, loss and partitions, and an
//! event queue that runs it all from one seed.
//!
//! # Layout
//!
//! - [`world`]: the world and its step; [`scheduler`]: the (time, sequence) event queue;
//!   [`network`]: links, loss, partitions; [`rng`]: the one seeded generator.
//! - [`action`]: everything a person or a lesson can do, as values; [`scenario`]: seed +
//!   settings + actions, which rebuild a world exactly; [`player`]: a world with its whole
//!   script, for a timeline that goes back and forth.
//! - [`producer`], with [`partitioner`]: the real clients' partitioners, batching, retries and
//!   idempotence. [`consumer`], with [`assignor`] and [`consumer_protocol`]: the real group
//!   client, assignors and wire formats.
//! - [`trace`]: everything that happened, hashed for determinism tests; [`metrics`]: offsets,
//!   lag and throughput over time; [`invariants`]: what must always hold; [`presets`]: the
//!   classic situations; [`bench`]: the end-to-end throughput scenario.
//!
//! # Determinism
//!
//! The engine is deterministic; the simulation adds only the event queue (ordered by time, then
//! by scheduling order) and one pinned generator passed explicitly. Same seed and actions, same
//! trace hash — natively and in wasm.

pub mod action;
pub mod assignor;
pub mod bench;
pub mod client;
pub mod consumer;
pub mod consumer_protocol;
pub mod invariants;
mod java;
pub mod metrics;
pub mod network;
pub mod partitioner;
pub mod player;
pub mod presets;
pub mod producer;
pub mod rng;
pub mod scenario;
pub mod scheduler;
pub mod trace;
pub mod world;

pub use action::{Action, TimedAction};
pub use player::{Player, Progress};
pub use scenario::{Scenario, Settings};
pub use world::{RunOptions, SimClient, SimError, World};
