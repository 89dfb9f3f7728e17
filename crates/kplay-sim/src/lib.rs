//! kplay-sim: a deterministic world around the kplay engine.

pub mod rng;
