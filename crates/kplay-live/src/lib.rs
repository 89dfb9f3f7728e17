//! kplay-live: the messages `kplay serve --ui` streams to the live view.
//!
//! The native server owns the engine; the browser only ever sees these plain, serialisable
//! types. Keeping them in their own small crate (serde and kplay-core, nothing else) lets both
//! sides share one definition: the server builds a [`LiveImage`] from its
//! [`Engine`](kplay_core::engine::Engine) with [`image`], sends it encoded with postcard (compact,
//! and already in the web page, which must stay small), and the web app reads it back with the
//! same types, so the two cannot drift apart.
//!
//! # Layout
//!
//! - [`types`]: the image and its parts, in Kafka's vocabulary.
//! - [`build`]: the image of an engine, at the moment it is taken.
//! - [`event`]: an engine event as text, with its kind and what it touched.
//! - [`assignment`]: reading a consumer group member's assignment (the consumer protocol's
//!   bytes) into partitions.

pub mod assignment;
pub mod build;
pub mod event;
pub mod types;

pub use build::{RECORDS_SHOWN, VALUE_PREVIEW, bytes_text, image, value_preview};
pub use event::{EventKind, Touched, event};
pub use types::*;
