//! The playground: a simulated world on a timeline, the clock that plays it, and what the visitor
//! is looking at. This is the whole model behind the page; the reducer in `state` is a thin
//! shell over it, and it is tested natively.
//!
//! Frames advance simulated time by the real time that passed times the speed, within a step
//! budget so a frame never takes long: if the world cannot keep up, it runs slower than asked and
//! says so. Work is done in slices of steps, after each of which the [`Chronicle`] reads the
//! newest trace entries, so the world itself only keeps the newest ones.

use kplay_sim::client::Detail;
use kplay_sim::trace::KeepTrace;
use kplay_sim::world::RunOptions;
use kplay_sim::{Action, Player, Progress, Scenario, SimError};

use super::chronicle::Chronicle;
use super::lessons::Lesson;
use super::limits;
use super::opening;
use super::prefs::{Speed, ViewPrefs};
use super::presets;
use super::share::{LinkError, Shared, VERSION};
use super::snapshot::{Clock, Snapshot};

/// Steps between two readings of the trace.
pub const SLICE_STEPS: u64 = 2_000;

/// The most steps one frame runs.
pub const FRAME_STEPS: u64 = 20_000;

/// The longest real gap a frame accounts for, in ms (a tab in the background does not come
/// back to a burst of catching up).
pub const MAX_FRAME_MS: f64 = 250.0;

/// Trace entries the world keeps for the chronicle to read (far more than one slice makes).
pub const TRACE_KEPT: usize = 50_000;

/// How the page's world runs.
pub fn run_options() -> RunOptions {
    RunOptions {
        detail: Detail::Records,
        keep_trace: KeepTrace::Last(TRACE_KEPT),
        track_records: false,
        max_steps: 200_000_000,
        max_time_ms: 30 * 24 * 3_600_000,
    }
}

/// A message for the visitor about what they just did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// It worked; here is what happened.
    Info(String),
    /// It did not; here is why. Nothing changed.
    Error(String),
}

/// The world on its timeline, the clock, and the view.
#[derive(Debug)]
pub struct Playground {
    player: Player,
    chronicle: Chronicle,
    /// What the visitor is looking at.
    pub prefs: ViewPrefs,
    notice: Option<Notice>,
    carry_ms: f64,
    behind: bool,
    halted: Option<String>,
}

impl Playground {
    /// The opening scenario with `seed`, at its start, playing.
    pub fn opening(seed: u64) -> Playground {
        Playground::from_scenario(opening::scenario(seed), ViewPrefs::default())
            .expect("the opening scenario replays")
    }

    fn from_scenario(scenario: Scenario, prefs: ViewPrefs) -> Result<Playground, SimError> {
        let player = Player::new(scenario, run_options())?;
        let mut playground = Playground {
            player,
            chronicle: Chronicle::default(),
            prefs,
            notice: None,
            carry_ms: 0.0,
            behind: false,
            halted: None,
        };
        playground.chronicle.read(playground.player.world());
        Ok(playground)
    }

    /// Rebuilds what a share link holds, at the moment it shows.
    pub fn from_shared(shared: Shared) -> Result<Playground, LinkError> {
        let replay = |e: SimError| LinkError::Replay(e.to_string());
        let mut playground =
            Playground::from_scenario(shared.scenario, shared.view).map_err(replay)?;
        playground.seek_to(shared.step).map_err(replay)?;
        Ok(playground)
    }

    /// What a share link needs to rebuild this moment.
    pub fn shared(&self) -> Shared {
        Shared {
            v: VERSION,
            scenario: self.player.scenario().clone(),
            step: self.player.world().steps(),
            view: self.prefs.clone(),
        }
    }

    /// The world as it is now.
    pub fn world(&self) -> &kplay_sim::World {
        self.player.world()
    }

    /// What the page remembers of the trace.
    pub fn chronicle(&self) -> &Chronicle {
        &self.chronicle
    }

    /// The message for the visitor, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Sets (or clears) the message for the visitor.
    pub fn set_notice(&mut self, notice: Option<Notice>) {
        self.notice = notice;
    }

    /// The snapshot the page draws.
    pub fn snapshot(&self) -> Snapshot {
        let world = self.player.world();
        let clock = Clock {
            time_ms: world.now().0,
            step: world.steps(),
            horizon: self.player.horizon().max(world.steps()),
            playing: self.prefs.playing && self.halted.is_none(),
            speed: self.prefs.speed,
            behind: self.behind,
            seed: world.seed(),
            halted: self.halted.clone(),
        };
        Snapshot::build(world, &self.chronicle, &self.prefs, clock)
    }

    /// Lets `real_ms` of real time pass: runs the world for that times the speed, if playing.
    /// Returns whether anything changed.
    pub fn frame(&mut self, real_ms: f64) -> bool {
        if !self.prefs.playing || self.halted.is_some() {
            return false;
        }
        let owed = self.carry_ms + real_ms.clamp(0.0, MAX_FRAME_MS) * self.prefs.speed.factor();
        let whole = owed.floor();
        self.carry_ms = owed - whole;
        if whole < 1.0 {
            return false;
        }
        let target = self.player.world().now().plus_ms(whole as i64);
        let mut budget = FRAME_STEPS;
        loop {
            let slice = budget.min(SLICE_STEPS);
            let result = self.player.run_until(target, slice);
            self.chronicle.read(self.player.world());
            match result {
                Ok(Progress::OutOfBudget) if budget > slice => budget -= slice,
                Ok(Progress::OutOfBudget) => {
                    self.behind = true;
                    break;
                }
                Ok(_) => {
                    self.behind = false;
                    break;
                }
                Err(e) => {
                    self.halt(e);
                    break;
                }
            }
        }
        true
    }

    /// Runs exactly one event.
    pub fn step(&mut self) {
        match self.player.step() {
            Ok(true) => {}
            Ok(false) => self.notice = Some(Notice::Info("nothing is left to happen".into())),
            Err(e) => self.halt(e),
        }
        self.chronicle.read(self.player.world());
    }

    /// Moves the timeline to the moment after `step` steps (back by rebuilding from the seed).
    pub fn seek(&mut self, step: u64) {
        let step = step.min(self.player.horizon().max(self.player.world().steps()));
        self.halted = None;
        if let Err(e) = self.seek_to(step) {
            self.halt(e);
        }
    }

    fn seek_to(&mut self, step: u64) -> Result<(), SimError> {
        if step < self.player.world().steps() {
            self.player.seek(0)?;
            self.chronicle = Chronicle::default();
            self.chronicle.read(self.player.world());
        }
        while self.player.world().steps() < step {
            let next = step.min(self.player.world().steps() + SLICE_STEPS);
            let progress = self.player.seek(next)?;
            self.chronicle.read(self.player.world());
            if progress == Progress::Idle {
                break;
            }
        }
        Ok(())
    }

    /// Takes an action now, within the playground's limits. A refused action changes nothing
    /// and says why; an accepted one drops the timeline's later actions (a new branch).
    pub fn apply(&mut self, action: Action) -> Result<(), String> {
        let result = limits::check_action(&action)
            .and_then(|()| self.within_a_link(&action))
            .and_then(|()| self.player.apply(action.clone()).map_err(|e| e.to_string()));
        self.chronicle.read(self.player.world());
        self.notice = Some(match &result {
            Ok(()) => Notice::Info(format!("done: {action}")),
            Err(e) => Notice::Error(format!("could not {action}: {e}")),
        });
        result
    }

    /// Takes several actions in turn (a group of consumers added at once), stopping at the
    /// first refused one; the notice says how many were taken and why the rest were not.
    pub fn apply_all(&mut self, actions: Vec<Action>) -> Result<(), String> {
        let total = actions.len();
        let first = actions.first().map(ToString::to_string).unwrap_or_default();
        for (done, action) in actions.into_iter().enumerate() {
            if let Err(e) = self.apply(action) {
                if done > 0 {
                    let why = match self.notice.take() {
                        Some(Notice::Error(m)) => m,
                        _ => e.clone(),
                    };
                    self.notice =
                        Some(Notice::Error(format!("took {done} of {total} actions, then {why}")));
                }
                return Err(e);
            }
        }
        if total > 1 {
            self.notice =
                Some(Notice::Info(format!("done: {first}, and {} more like it", total - 1)));
        }
        Ok(())
    }

    /// The room the scenario has left (what a share link of it may still hold).
    pub fn room(&self) -> limits::Room {
        limits::Room::after(self.player.world().actions().iter().map(|t| &t.action))
    }

    /// Whether taking `action` now keeps the scenario openable from a share link.
    fn within_a_link(&self, action: &Action) -> Result<(), String> {
        let step = self.player.world().steps();
        if step > limits::MAX_STEP {
            return Err(format!(
                "the timeline is at step {step}, past the {} steps a share link replays; go back on the timeline, or start again",
                limits::MAX_STEP
            ));
        }
        self.room().check(action)
    }

    /// The preset called `name` with `seed`, at its start and playing (see [`presets`]), with
    /// the view `prefs` (less what belonged to the scenario left behind).
    pub fn preset(name: &str, seed: u64, prefs: ViewPrefs) -> Result<Playground, String> {
        let (preset, scenario) = presets::scenario(name, seed)?;
        let prefs = ViewPrefs { playing: true, topic: None, group: None, browse: None, ..prefs };
        let mut playground = Playground::from_scenario(scenario, prefs)
            .map_err(|e| format!("“{}” could not be replayed: {e}", preset.title))?;
        playground.notice = Some(Notice::Info(format!("{}: {}", preset.title, preset.explains)));
        Ok(playground)
    }

    /// The lesson's scenario with `seed`, at its start and playing, with the view `prefs`.
    pub fn lesson(lesson: &Lesson, seed: u64, prefs: ViewPrefs) -> Result<Playground, String> {
        let scenario = lesson.scenario(seed)?;
        let prefs = ViewPrefs { playing: true, topic: None, group: None, browse: None, ..prefs };
        Playground::from_scenario(scenario, prefs)
            .map_err(|e| format!("“{}” could not be replayed: {e}", lesson.title))
    }

    /// Starts over with the opening scenario and `seed`, keeping the view.
    pub fn reset(&mut self, seed: u64) {
        let prefs = self.prefs.clone();
        *self = Playground::opening(seed);
        self.prefs = prefs;
        self.notice = Some(Notice::Info(format!("started again with seed {seed}")));
    }

    /// Plays or pauses.
    pub fn set_playing(&mut self, playing: bool) {
        self.prefs.playing = playing;
        self.carry_ms = 0.0;
    }

    /// Sets the speed.
    pub fn set_speed(&mut self, speed: Speed) {
        self.prefs.speed = speed;
    }

    fn halt(&mut self, e: SimError) {
        let why = e.to_string();
        self.notice = Some(Notice::Error(format!("the simulation stopped: {why}")));
        self.halted = Some(why);
        self.prefs.playing = false;
    }
}
