//! Lessons: Markdown files in `www/lessons/`, each a live scenario with "try this" tasks that
//! pass when the simulation shows they were done.
//!
//! The build (`build.rs`) turns each file into HTML sections, a scenario and tasks in kplay's
//! [`script`] language; this module reads those into [`Lesson`]s, builds a lesson's scenario
//! ([`Lesson::scenario`]), checks its tasks against each snapshot ([`check`]) and remembers
//! what a learner finished ([`progress`]).

pub mod check;
pub mod progress;
pub mod script;
mod source;
mod words;

pub use source::{Board, Lesson, Part, Section, Task, all, find};

#[cfg(test)]
mod tests;
