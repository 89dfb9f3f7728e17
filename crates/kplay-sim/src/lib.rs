//! kplay-sim: a deterministic world around the kplay engine.

pub mod partitioner;
pub mod rng;
