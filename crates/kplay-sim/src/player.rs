//! The player: a world together with its scenario's whole script, so a timeline can move back
//! and forth over it.
//!
//! A [`World`] only goes forward, and records the actions taken on it. A [`Player`] keeps the
//! full script (the recorded actions, including those after the current moment) and re-takes
//! each one when the world reaches the step it was recorded at — exactly as [`World::replay`]
//! does — so playing again after going back shows the same events. Going back rebuilds the
//! world from the seed. Taking a new action at an earlier moment starts a new branch: the
//! script's later actions are dropped, as an editor's redo history is.
//!
//! ```
//! use kplay_sim::{Action, Player, RunOptions, Scenario};
//!
//! let mut player = Player::new(Scenario::new(7), RunOptions::default()).unwrap();
//! player.run_for(1_000, u64::MAX).unwrap();
//! player.apply(Action::AddBroker { id: 1, rack: None }).unwrap();
//! player.run_for(1_000, u64::MAX).unwrap();
//! let later = player.world().steps();
//! player.seek(0).unwrap();
//! assert_eq!(player.world().steps(), 0);
//! assert_eq!(player.world().engine().brokers().count(), 0, "before the broker was added");
//! player.seek(later).unwrap();
//! assert_eq!(player.world().engine().brokers().count(), 1, "the script re-adds it");
//! ```

use kplay_core::Timestamp;

use crate::action::{Action, TimedAction};
use crate::scenario::Scenario;
use crate::world::{ActionError, RunOptions, SimError, World};

/// How far a bounded run got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// It reached the time or step asked for.
    Reached,
    /// It stopped at the step budget, before the time asked for.
    OutOfBudget,
    /// Nothing is left to happen: the event queue is empty.
    Idle,
}

/// A world, its script, and the furthest step reached on this branch.
#[derive(Debug)]
pub struct Player {
    scenario: Scenario,
    options: RunOptions,
    world: World,
    /// Index in the script of the next action not yet taken.
    next_action: usize,
    /// The furthest step reached since the last branch.
    horizon: u64,
}

impl Player {
    /// A player at the start of `scenario`: step 0, with the actions recorded at step 0 taken.
    /// The script's actions are checked as they are reached; a refused one stops the run with
    /// [`SimError::Replay`].
    pub fn new(scenario: Scenario, options: RunOptions) -> Result<Player, SimError> {
        let world = World::new(scenario.seed, scenario.settings.clone(), options);
        let mut player = Player { scenario, options, world, next_action: 0, horizon: 0 };
        player.take_due_actions(Timestamp(i64::MAX))?;
        Ok(player)
    }

    /// The world as it is now.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The whole script: seed, settings and every recorded action, including those after the
    /// current moment.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The furthest step reached on this branch: how far the timeline reaches.
    pub fn horizon(&self) -> u64 {
        self.horizon.max(self.last_scripted_step())
    }

    /// Whether some recorded actions are still ahead of the current moment.
    pub fn has_scripted_future(&self) -> bool {
        self.next_action < self.scenario.actions.len()
    }

    /// Takes an action now. Later recorded actions are dropped (a new branch starts here); a
    /// refused action changes nothing, not even the script.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        self.world.apply(action)?;
        let taken = self.world.actions().last().cloned().expect("apply records the action");
        self.scenario.actions.truncate(self.next_action);
        self.scenario.actions.push(taken);
        self.next_action = self.scenario.actions.len();
        self.horizon = self.world.steps();
        Ok(())
    }

    /// Runs one event (taking any scripted actions due after it). Returns false when nothing
    /// is left to happen.
    pub fn step(&mut self) -> Result<bool, SimError> {
        if !self.world.step_once()? {
            return Ok(false);
        }
        self.after_step();
        self.take_due_actions(Timestamp(i64::MAX))?;
        Ok(true)
    }

    /// Runs every event up to `until` (taking scripted actions as they fall due), then sets the
    /// clock to `until` — or stops early after `max_steps` steps, leaving the clock at the last
    /// event, so that a caller with a frame budget can carry on next frame.
    pub fn run_until(&mut self, until: Timestamp, max_steps: u64) -> Result<Progress, SimError> {
        let mut budget = max_steps;
        // An action recorded at this step, at a time the last run did not reach, comes first.
        self.take_due_actions(until)?;
        loop {
            let due = self.world.next_event_time().filter(|t| *t <= until);
            if due.is_none() {
                break;
            }
            if budget == 0 {
                return Ok(Progress::OutOfBudget);
            }
            budget -= 1;
            self.world.step_once()?;
            self.after_step();
            self.take_due_actions(until)?;
        }
        // Nothing more is due before `until`: let the clock get there (an action recorded at
        // this very step but a later time is taken when the clock reaches that time).
        self.world.run_until(until)?;
        self.take_due_actions(until)?;
        Ok(Progress::Reached)
    }

    /// Runs for `ms` milliseconds of simulated time, within `max_steps` steps.
    pub fn run_for(&mut self, ms: i64, max_steps: u64) -> Result<Progress, SimError> {
        self.run_until(self.world.now().plus_ms(ms), max_steps)
    }

    /// Moves to the moment after `step` steps: forward by running, back by rebuilding the
    /// world from the seed. The script is kept either way. Stops early, with
    /// [`Progress::Idle`], if the world runs out of events first.
    pub fn seek(&mut self, step: u64) -> Result<Progress, SimError> {
        if step < self.world.steps() {
            self.world =
                World::new(self.scenario.seed, self.scenario.settings.clone(), self.options);
            self.next_action = 0;
            self.take_due_actions(Timestamp(i64::MAX))?;
        }
        while self.world.steps() < step {
            if !self.step()? {
                return Ok(Progress::Idle);
            }
        }
        Ok(Progress::Reached)
    }

    /// The world, giving up the script.
    pub fn into_world(self) -> World {
        self.world
    }

    /// The first scripted action not taken yet, with its index, if it was recorded at or
    /// before `step`.
    pub(crate) fn unreached_by(&self, step: u64) -> Option<(usize, &TimedAction)> {
        let timed = self.scenario.actions.get(self.next_action)?;
        (timed.step <= step).then_some((self.next_action, timed))
    }

    fn after_step(&mut self) {
        self.horizon = self.horizon.max(self.world.steps());
    }

    fn last_scripted_step(&self) -> u64 {
        self.scenario.actions.last().map_or(0, |a| a.step)
    }

    /// Takes the script's actions recorded at the current step whose time is not after
    /// `until`.
    fn take_due_actions(&mut self, until: Timestamp) -> Result<(), SimError> {
        while let Some(timed) = self.scenario.actions.get(self.next_action) {
            if timed.step != self.world.steps() || timed.time > until.0 {
                if timed.step < self.world.steps() {
                    let (index, step) = (self.next_action, timed.step);
                    return Err(SimError::StepNotReached {
                        index,
                        step,
                        reached: self.world.steps(),
                    });
                }
                return Ok(());
            }
            let index = self.next_action;
            let TimedAction { time, action, .. } = timed.clone();
            self.world.set_time_at_least(Timestamp(time));
            self.world.apply(action).map_err(|error| SimError::Replay { index, error })?;
            self.next_action += 1;
        }
        Ok(())
    }
}
