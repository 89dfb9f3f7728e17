//! The model behind the page, with no yew in it and tested natively: the playground (a
//! simulated world on a timeline, its clock and the view), what it remembers of the trace, the
//! snapshots components render, share links, and the limits that keep a tab responsive.
//!
//! - [`playground`]: the world, its timeline and clock — what the reducer drives.
//! - [`opening`]: the scenario a fresh page opens on.
//! - [`chronicle`]: the event log, rebalances, partition choices and removals, read from the
//!   trace as the world runs.
//! - [`snapshot`]: the world at one moment, as plain data for the components.
//! - [`messages`]: the message browser, reading a replica's log by offset, a page at a time.
//! - [`share`]: links (and `localStorage`) that rebuild a moment exactly; [`limits`]: what a
//!   link or a form may ask for; [`prefs`]: what the visitor is looking at.
//! - [`live`]: the live view's model: what `kplay serve --ui` streams, in the snapshot types.
//! - [`code`]: a scenario's actions as kafka-python, confluent-kafka and command-line code.
//! - [`console`]: the terminal, where Kafka's console tools act on the simulated cluster.
//! - [`forms`]: what a visitor types into the page's forms, turned into actions or messages;
//!   [`presets`]: the named scenarios a visitor can load.
//! - [`lessons`]: the lessons of `www/lessons/`, their scenarios, tasks and checks, and what a
//!   learner finished.

pub mod chronicle;
pub mod code;
pub mod console;
pub mod forms;
pub mod lessons;
pub mod limits;
pub mod live;
pub mod messages;
pub mod opening;
pub mod playground;
pub mod prefs;
pub mod presets;
pub mod share;
pub mod snapshot;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod hostile_tests;
#[cfg(test)]
mod tests;

pub use playground::{Notice, Playground};
pub use prefs::{Speed, Tab, ViewPrefs};
pub use share::{LinkError, Shared};
pub use snapshot::Snapshot;
