//! kplay-core: the Kafka broker engine behind kplay.
//!
//! A whole cluster — brokers, partition logs, replication, the controller and the group
//! coordinator — as one deterministic, sans-I/O state machine. It never reads a clock, never
//! draws OS randomness, never touches a socket or a file: the driver (the browser simulation or
//! the native server) passes time in and carries messages out.
//!
//! # Layout
//!
//! - [`ids`], [`error`], [`config`], [`topic_config`], [`record`]: the vocabulary.
//! - [`api`]: one file per Kafka API, its request and response types and the engine's handler.
//! - [`event`]: every state change, with its cause.
//! - [`group`]: the group coordinator (classic protocol).
//! - [`rng`]: the engine's pinned, seeded random numbers.
//! - [`sort`], [`vec_map`]: stable sorting and sorted maps in little code (the web page ships
//!   the engine).
//!
//! # Contract
//!
//! `handle(now, broker, client, request_id, request)` answers at once, parks the request, or
//! (acks=0) sends nothing. Parked answers and messages between brokers come out of
//! `poll_output`; `tick(now)` fires due timers; `next_deadline()` says when the next one is due.

pub mod api;
pub mod broker;
pub mod cluster;
pub mod config;
pub mod engine;
pub mod error;
pub mod event;
mod event_text;
pub mod group;
pub mod ids;
pub mod log;
pub mod record;
pub mod replication;
pub mod rng;
pub mod sort;
pub mod topic_config;
pub mod txn;
pub mod vec_map;

pub use config::{EngineConfig, GroupConfig};
pub use error::{ErrorCode, KafkaError};
pub use event::{Event, EventRecord};
pub use ids::*;
pub use record::{Header, Record, RecordBatch, TxnMarker};
pub use topic_config::{CleanupPolicy, TimestampType, TopicConfig};
