//! The app's state as a reducer: actions in, a new state with a fresh snapshot out.
//!
//! The engine's [`Log`](kplay_core::log::Log) keeps its batches behind a boxed storage trait and
//! is not `Clone`, so the state shares the [`Playground`] and the reducer is its only writer.
//! Components never see the playground: they render the immutable [`LogView`] taken after each
//! action, which also lets yew skip components whose snapshot did not change.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::playground::{LogView, Playground, Produced};

/// What the last action did, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The page has just started.
    Started {
        /// How many records were appended at start-up.
        records: usize,
    },
    /// A record was appended.
    Produced(Produced),
    /// The engine refused an append, with Kafka's error message.
    Failed(String),
}

/// Something the user did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Append one record to the log.
    Produce,
}

/// The app's state.
#[derive(Debug)]
pub struct State {
    playground: Rc<RefCell<Playground>>,
    /// The log as it is now.
    pub view: Rc<LogView>,
    /// What the last action did.
    pub status: Status,
    /// The key the next produced record gets.
    pub next_key: &'static str,
}

impl Default for State {
    /// The seeded playground: the records appended at start-up, or the error that stopped them.
    fn default() -> Self {
        let (playground, error) = Playground::seeded();
        let view = Rc::new(playground.view());
        let status = match error {
            Some(e) => Status::Failed(e.to_string()),
            None => {
                Status::Started { records: view.segments.iter().map(|s| s.records.len()).sum() }
            }
        };
        State {
            next_key: playground.next_key(),
            playground: Rc::new(RefCell::new(playground)),
            view,
            status,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Produce => {
                let mut playground = self.playground.borrow_mut();
                let status = match playground.produce() {
                    Ok(produced) => Status::Produced(produced),
                    Err(e) => Status::Failed(e.to_string()),
                };
                let view = Rc::new(playground.view());
                let next_key = playground.next_key();
                drop(playground);
                Rc::new(State { playground: Rc::clone(&self.playground), view, status, next_key })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use kplay_core::Offset;

    use super::*;
    use crate::playground::INITIAL_RECORDS;

    #[test]
    fn starts_with_the_seeded_log() {
        let state = State::default();
        assert_eq!(state.status, Status::Started { records: INITIAL_RECORDS });
        assert_eq!(state.view.log_end_offset, Offset(INITIAL_RECORDS as i64));
    }

    #[test]
    fn produce_returns_a_new_snapshot_and_keeps_the_old_one() {
        let before = Rc::new(State::default());
        let after = Rc::clone(&before).reduce(Action::Produce);
        assert_eq!(before.view.log_end_offset, Offset(INITIAL_RECORDS as i64));
        assert_eq!(after.view.log_end_offset, Offset(INITIAL_RECORDS as i64 + 1));
        match &after.status {
            Status::Produced(p) => assert_eq!(p.offset, Offset(INITIAL_RECORDS as i64)),
            other => panic!("expected a produce, got {other:?}"),
        }
    }
}
