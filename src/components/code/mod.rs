//! The same scenario as code real clients run: a lesson shows, beside what it does, that
//! written in kafka-python, confluent-kafka and on the command line, generated from its
//! actions by [`crate::model::code`].
//!
//! - [`CodeTabs`]: three tabs (the WAI-ARIA tabs pattern: arrow keys, Home and End move
//!   between them, focus follows) over a `<pre><code>` listing, and a copy button.
//! - `clipboard`: copying through `navigator.clipboard`, which a page may not have (an
//!   insecure origin, an old browser); the button then says how to copy by hand.

mod clipboard;
mod tabs;

pub use tabs::{CodeTabs, CodeTabsProps};
