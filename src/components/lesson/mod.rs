//! The lesson panel: the lesson's text a section at a time, its "try this" tasks ticking off as
//! the simulation shows them done (with "show me" to do them), the way to the other lessons,
//! starting again, and a follow-along link for a class.

pub mod nav;
mod panel;
pub mod task;

pub use panel::LessonPanel;
