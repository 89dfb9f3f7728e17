//! The world: the engine, the simulated clients and the network, driven by one event queue and
//! one seeded generator.
//!
//! A step takes the next event from the queue — a message arriving, the engine's timer, a
//! client's timer, a metrics sample — and does it; time jumps to that event. Everything that
//! happens is traced. Actions change the world between steps and are recorded with the step
//! count, so [`World::replay`] rebuilds any moment of a scenario exactly.

mod actions;
mod io;

use kplay_core::engine::Engine;
use kplay_core::vec_map::VecMap;
use kplay_core::{BrokerId, Timestamp};

use crate::action::{Action, TimedAction};
use crate::client::Detail;
use crate::consumer::Consumer;
use crate::metrics::Metrics;
use crate::network::Network;
use crate::player::Player;
use crate::producer::Producer;
use crate::rng::SimRng;
use crate::scenario::{Scenario, Settings};
use crate::scheduler::Scheduler;
use crate::trace::{KeepTrace, Trace, TraceEntry, TraceKind};

pub use actions::ActionError;
pub(crate) use io::SimEvent;

/// A simulated client.
#[derive(Debug)]
// Both variants are a few hundred bytes and live in a map; boxing one would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum SimClient {
    /// A producer.
    Producer(Producer),
    /// A consumer.
    Consumer(Consumer),
}

/// How a world runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunOptions {
    /// How much clients report.
    pub detail: Detail,
    /// Which trace entries to keep (every entry is hashed either way).
    pub keep_trace: KeepTrace,
    /// Keep what producers acknowledged and consumers processed, for invariant checks.
    pub track_records: bool,
    /// Stop with an error after this many steps.
    pub max_steps: u64,
    /// Stop with an error rather than run past this simulated time (ms).
    pub max_time_ms: i64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            detail: Detail::Records,
            keep_trace: KeepTrace::All,
            track_records: false,
            max_steps: 50_000_000,
            max_time_ms: 30 * 24 * 3600 * 1000,
        }
    }
}

/// Why a run stopped early.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    /// The step limit was reached (a scenario that never settles, or too long a run).
    #[error(
        "stopped after {0} steps (the step limit); replay with a higher limit or a shorter run"
    )]
    StepLimit(u64),
    /// The simulated-time limit was reached.
    #[error("stopped at {0} ms of simulated time (the time limit)")]
    TimeLimit(i64),
    /// An action in a replayed scenario was refused.
    #[error("action {index} of the scenario was refused: {error}")]
    Replay {
        /// Which action.
        index: usize,
        /// Why.
        error: ActionError,
    },
    /// A replayed action was recorded at a step the world never reached.
    #[error(
        "action {index} was recorded at step {step}, but the world ran out of events at step {reached}"
    )]
    StepNotReached {
        /// Which action.
        index: usize,
        /// Its step.
        step: u64,
        /// How far the world got.
        reached: u64,
    },
}

/// A simulated Kafka world.
pub struct World {
    seed: u64,
    settings: Settings,
    options: RunOptions,
    pub(crate) engine: Engine,
    pub(crate) clients: VecMap<u32, SimClient>,
    /// Removed clients, kept for the invariant checks when records are tracked.
    pub(crate) retired: Vec<(u32, SimClient)>,
    pub(crate) client_wakes: VecMap<u32, Timestamp>,
    pub(crate) engine_tick_at: Option<Timestamp>,
    pub(crate) net: Network,
    /// Client connections a partition broke: per (client, broker), connections before this
    /// number are dead.
    pub(crate) broken: VecMap<(u32, BrokerId), u64>,
    pub(crate) rng: SimRng,
    pub(crate) queue: Scheduler<SimEvent>,
    pub(crate) now: Timestamp,
    step: u64,
    pub(crate) trace: Trace,
    pub(crate) metrics: Metrics,
    actions: Vec<TimedAction>,
    pub(crate) brokers: Vec<BrokerId>,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("seed", &self.seed)
            .field("now", &self.now)
            .field("step", &self.step)
            .finish_non_exhaustive()
    }
}

impl World {
    /// An empty world (no brokers yet) for `seed`.
    pub fn new(seed: u64, settings: Settings, options: RunOptions) -> World {
        let engine = Engine::new(settings.engine_config(seed));
        let mut world = World {
            seed,
            net: Network::new(settings.network),
            broken: VecMap::new(),
            metrics: Metrics::new(settings.sample_interval_ms),
            settings,
            options,
            engine,
            clients: VecMap::new(),
            retired: Vec::new(),
            client_wakes: VecMap::new(),
            engine_tick_at: None,
            rng: SimRng::new(seed),
            queue: Scheduler::default(),
            now: Timestamp(0),
            step: 0,
            trace: Trace::new(options.keep_trace),
            actions: Vec::new(),
            brokers: Vec::new(),
        };
        world.queue.schedule(Timestamp(0), SimEvent::Sample);
        world
    }

    /// Rebuilds a scenario's world as it was after `until_step` steps: the actions recorded up
    /// to that step are taken at the step and time they were taken, later ones are not. Pass
    /// the original world's [`World::steps`] to rebuild all of it.
    pub fn replay(
        scenario: &Scenario,
        options: RunOptions,
        until_step: u64,
    ) -> Result<World, SimError> {
        let mut player = Player::new(scenario.clone(), options)?;
        player.seek(until_step)?;
        if let Some((index, timed)) = player.unreached_by(until_step) {
            return Err(SimError::StepNotReached {
                index,
                step: timed.step,
                reached: player.world().steps(),
            });
        }
        Ok(player.into_world())
    }

    /// Lets the clock reach `time` (if it is not there yet) without running any event: how a
    /// replay takes an action at the time it was first taken.
    pub(crate) fn set_time_at_least(&mut self, time: Timestamp) {
        self.now = self.now.max(time);
    }

    /// The scenario that rebuilds this world: its seed, settings and actions so far.
    pub fn scenario(&self) -> Scenario {
        Scenario { seed: self.seed, settings: self.settings.clone(), actions: self.actions.clone() }
    }

    /// Takes an action now, recording it.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        self.apply_action(&action)?;
        self.actions.push(TimedAction {
            step: self.step,
            time: self.now.0,
            action: action.clone(),
        });
        self.record(TraceKind::Action(action));
        self.after_engine();
        Ok(())
    }

    /// Runs the next event. Returns false when nothing is left to do.
    pub fn step_once(&mut self) -> Result<bool, SimError> {
        if self.step >= self.options.max_steps {
            return Err(SimError::StepLimit(self.step));
        }
        if self.queue.next_time().is_some_and(|t| t.0 > self.options.max_time_ms) {
            return Err(SimError::TimeLimit(self.options.max_time_ms));
        }
        let Some((at, event)) = self.queue.pop_until(Timestamp(i64::MAX)) else { return Ok(false) };
        self.now = self.now.max(at);
        self.step += 1;
        self.handle_event(event);
        Ok(true)
    }

    /// Runs every event up to `until`, then sets the clock to `until`.
    pub fn run_until(&mut self, until: Timestamp) -> Result<(), SimError> {
        if until.0 > self.options.max_time_ms {
            return Err(SimError::TimeLimit(self.options.max_time_ms));
        }
        while self.queue.next_time().is_some_and(|t| t <= until) {
            self.step_once()?;
        }
        self.now = self.now.max(until);
        Ok(())
    }

    /// Runs for `ms` milliseconds of simulated time.
    pub fn run_for(&mut self, ms: i64) -> Result<(), SimError> {
        self.run_until(self.now.plus_ms(ms))
    }

    /// The simulated time.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// How many steps have run.
    pub fn steps(&self) -> u64 {
        self.step
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The engine, for inspection.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The clients, by number.
    pub fn clients(&self) -> &VecMap<u32, SimClient> {
        &self.clients
    }

    /// Clients removed so far (kept only when records are tracked).
    pub fn retired(&self) -> &[(u32, SimClient)] {
        &self.retired
    }

    /// Every client, present and removed.
    pub fn all_clients(&self) -> impl Iterator<Item = (u32, &SimClient)> {
        self.clients
            .iter()
            .map(|(id, c)| (*id, c))
            .chain(self.retired.iter().map(|(id, c)| (*id, c)))
    }

    /// A producer.
    pub fn producer(&self, id: u32) -> Option<&Producer> {
        match self.clients.get(&id) {
            Some(SimClient::Producer(p)) => Some(p),
            _ => None,
        }
    }

    /// A consumer.
    pub fn consumer(&self, id: u32) -> Option<&Consumer> {
        match self.clients.get(&id) {
            Some(SimClient::Consumer(c)) => Some(c),
            _ => None,
        }
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// The trace.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// The metrics sampled so far.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The actions taken so far.
    pub fn actions(&self) -> &[TimedAction] {
        &self.actions
    }

    /// How the world runs.
    pub fn options(&self) -> RunOptions {
        self.options
    }

    pub(crate) fn record(&mut self, kind: TraceKind) {
        self.trace.push(TraceEntry { step: self.step, time: self.now, kind });
    }
}
