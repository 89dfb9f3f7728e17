//! The controls: play and pause, step, speed, seed and reset, the timeline, sharing, projector
//! mode, and the message line that says what the last action did.

mod notice;
mod timeline;
mod toolbar;

pub use notice::{NoticeBar, NoticeBarProps};
pub use timeline::{Timeline, TimelineProps};
pub use toolbar::{Toolbar, ToolbarProps};
