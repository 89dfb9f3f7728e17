//! kplay-sim: a deterministic world around the kplay engine.
//!
//! # Layout
//!
//! - [`rng`]: the one pinned, seeded random generator.
//! - [`partitioner`]: the producers' partitioners, as each real client computes them.
//! - [`consumer_protocol`]: the ConsumerProtocol bytes consumers exchange through JoinGroup and
//!   SyncGroup (subscriptions, assignments, the sticky assignors' user data).
//! - [`assignor`]: the partition assignors the group leader runs (`range`, `roundrobin`,
//!   `sticky`, `cooperative-sticky`), computing what Kafka's Java client computes.

pub mod assignor;
pub mod consumer_protocol;
mod java;
pub mod partitioner;
pub mod rng;
