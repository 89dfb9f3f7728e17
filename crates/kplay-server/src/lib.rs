//! kplay-server: the kplay engine behind the real Kafka wire protocol.
//!
//! `kplay serve` runs a cluster of N brokers in one process that kafka-python, confluent-kafka,
//! kcat and other Kafka clients talk to as they would to Kafka. This crate is a thin shell around
//! `kplay-core`: it is the only code that knows sockets, tokio and kafka-protocol's wire types.
//!
//! # Layout
//!
//! - [`server`]: binds one port per broker and accepts connections.
//! - [`connection`]: reads frames, answers in request order.
//! - [`frame`]: the int32 size prefix, bounded by `socket.request.max.bytes`.
//! - [`guard`]: walks every request body against its schema before kafka-protocol decodes it.
//! - [`codec`]: kafka-protocol types to the engine's requests and back.
//! - [`versions`]: the API versions advertised, and ApiVersions answers.
//! - [`driver`]: the task that owns the engine and its clock.
//! - [`live`]: images of the engine for the live view, published by the driver.
//! - [`ui`]: `--ui`: the web app and the WebSocket of live images.
//! - [`cli`]: `kplay serve`'s flags.

pub mod cli;
pub mod codec;
pub mod connection;
pub mod driver;
pub mod frame;
pub mod guard;
pub mod live;
pub mod server;
pub mod ui;
pub mod versions;
