//! The event log: what happened, newest first, each entry with the rule behind it; pointing at
//! an entry highlights what it touched.

mod event_log;

pub use event_log::{EventLog, EventLogProps};
