//! The app's state as a reducer: actions in, a new state with a fresh snapshot out.
//!
//! The engine is not `Clone` (logs sit behind a boxed storage trait), so the state shares the
//! [`Driver`] and the reducer is its only writer. Components never see the driver: they render
//! the immutable [`ClusterView`] taken after each action, which also lets yew skip components
//! whose part of the snapshot did not change.

use std::cell::RefCell;
use std::rc::Rc;

use kplay_core::BrokerId;
use yew::Reducible;

use crate::driver::{ClusterView, Driver, NextRecord, Outcome};

/// Something the user did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Produce the next record.
    Produce,
    /// Stop a broker cleanly.
    StopBroker(BrokerId),
    /// Start a stopped broker.
    StartBroker(BrokerId),
}

/// The app's state.
#[derive(Debug)]
pub struct State {
    driver: Rc<RefCell<Driver>>,
    /// The cluster as it is now.
    pub view: Rc<ClusterView>,
    /// What the last action did.
    pub outcome: Outcome,
    /// The record the next Produce sends.
    pub next: NextRecord,
}

impl Default for State {
    /// The started cluster: three brokers, the topic and its first records.
    fn default() -> Self {
        let (driver, outcome) = Driver::start();
        State::after(Rc::new(RefCell::new(driver)), outcome)
    }
}

impl State {
    fn after(driver: Rc<RefCell<Driver>>, outcome: Outcome) -> State {
        let (view, next) = {
            let d = driver.borrow();
            (Rc::new(d.view()), d.next_record())
        };
        State { driver, view, outcome, next }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let outcome = {
            let mut driver = self.driver.borrow_mut();
            match action {
                Action::Produce => driver.produce(),
                Action::StopBroker(id) => driver.stop_broker(id),
                Action::StartBroker(id) => driver.start_broker(id),
            }
        };
        Rc::new(State::after(Rc::clone(&self.driver), outcome))
    }
}

#[cfg(test)]
mod tests {
    use kplay_core::{Offset, PartitionIndex};

    use super::*;
    use crate::driver::INITIAL_RECORDS;

    #[test]
    fn starts_with_the_ready_cluster() {
        let state = State::default();
        assert_eq!(state.outcome, Outcome::Ready { records: INITIAL_RECORDS });
        assert_eq!(state.view.brokers.len(), 3);
        assert_eq!(state.next.number, INITIAL_RECORDS);
    }

    #[test]
    fn each_action_returns_a_new_snapshot_and_keeps_the_old_one() {
        let before = Rc::new(State::default());
        let after = Rc::clone(&before).reduce(Action::Produce);
        let leo = |s: &State| s.view.partition(PartitionIndex(0)).and_then(|p| p.log_end_offset);
        assert_eq!(leo(&before), Some(Offset(2)));
        assert_eq!(leo(&after), Some(Offset(3)));
        assert!(matches!(after.outcome, Outcome::Produced { .. }));
        assert_eq!(after.next.number, INITIAL_RECORDS + 1);

        let stopped = Rc::clone(&after).reduce(Action::StopBroker(BrokerId(3)));
        assert!(!stopped.view.broker(BrokerId(3)).unwrap().running);
        assert!(after.view.broker(BrokerId(3)).unwrap().running);
        let again = Rc::clone(&stopped).reduce(Action::StopBroker(BrokerId(3)));
        assert!(again.outcome.is_error(), "a second stop is refused, not a panic");
        let started = again.reduce(Action::StartBroker(BrokerId(3)));
        assert!(started.view.broker(BrokerId(3)).unwrap().running);
    }
}
