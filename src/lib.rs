//! kplay's web app: the kplay engine running in the browser, shown as it works.
//!
//! # Layout
//!
//! - [`playground`]: the model — a `kplay-core` partition log, a producer and a virtual clock —
//!   and the snapshot of it the page renders. No yew, tested natively.
//! - [`state`]: the reducer over the model; the only place that changes it.

pub mod playground;
pub mod state;
