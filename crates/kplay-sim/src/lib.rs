//! kplay-sim: a deterministic world around the kplay engine.
//!
//! # Layout
//!
//! - [`rng`]: the one pinned, seeded random generator.
//! - [`consumer_protocol`]: the ConsumerProtocol bytes consumers exchange through JoinGroup and
//!   SyncGroup (subscriptions, assignments, the sticky assignors' user data).

pub mod consumer_protocol;
mod java;
pub mod rng;
