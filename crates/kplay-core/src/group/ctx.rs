//! What every group operation writes to besides its group: the clock reading of the current call,
//! the timers, the event log, the answers to parked requests, and the member-id generator.
//!
//! Keeping these apart from the groups lets an operation hold `&mut Group` and `&mut Ctx` at once.
//! Invariants: `now` is the time passed to the public call being handled; every event is stamped
//! with it; answers are appended in the order they become ready, which is deterministic because
//! groups and members are iterated in a fixed order (group id, then join order).

use crate::config::GroupConfig;
use crate::event::{Event, EventRecord};
use crate::ids::{GroupId, MemberId, Timestamp};
use crate::rng::SplitMix64;

use super::member::{Member, Parked};
use super::timers::{Timer, TimerKind, Timers};
use super::{GroupReply, Pending};

/// How long a new member may wait in a join phase before it is dropped (Kafka's
/// `NewMemberJoinTimeoutMs`): it has no member id yet, so it cannot heartbeat.
pub(crate) const NEW_MEMBER_JOIN_TIMEOUT_MS: i64 = 5 * 60 * 1000;

/// The coordinator's shared outputs and helpers.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    /// `group.*` settings.
    pub(crate) config: GroupConfig,
    /// Draws the UUIDs in member ids.
    pub(crate) rng: SplitMix64,
    /// Armed timers.
    pub(crate) timers: Timers,
    /// Events not yet taken.
    pub(crate) events: Vec<EventRecord>,
    /// Answers to parked requests not yet taken.
    pub(crate) completed: Vec<(Pending, GroupReply)>,
    /// The time of the call being handled.
    pub(crate) now: Timestamp,
    /// Offset commits stored so far, which orders them as their records in `__consumer_offsets`
    /// would be ordered.
    pub(crate) commits: u64,
}

impl Ctx {
    /// A context with nothing armed, logged or answered.
    pub(crate) fn new(config: GroupConfig, seed: u64) -> Self {
        Ctx {
            config,
            rng: SplitMix64::new(seed),
            timers: Timers::default(),
            events: Vec::new(),
            completed: Vec::new(),
            now: Timestamp(0),
            commits: 0,
        }
    }

    /// The next commit's place in the order of commits.
    pub(crate) fn next_commit(&mut self) -> u64 {
        self.commits += 1;
        self.commits
    }

    /// Logs an event at the current time.
    pub(crate) fn emit(&mut self, event: Event) {
        self.events.push(EventRecord { time: self.now, event });
    }

    /// Answers a parked request, unless its client has disconnected.
    pub(crate) fn deliver(&mut self, parked: Option<Parked>, reply: GroupReply) {
        if let Some(Parked { to: Some(pending) }) = parked {
            self.completed.push((pending, reply));
        }
    }

    /// A fresh member id: `prefix-uuid` (the prefix is the client id, or the instance id of a
    /// static member).
    pub(crate) fn new_member_id(&mut self, prefix: &str) -> MemberId {
        MemberId::from(format!("{prefix}-{}", self.rng.uuid_string()))
    }

    /// Restarts a member's session: its next expiry is `timeout_ms` from now. Kafka's
    /// `completeAndScheduleNextExpiration`.
    pub(crate) fn schedule_session(
        &mut self,
        group: &GroupId,
        member: &mut Member,
        timeout_ms: i64,
    ) {
        self.timers.cancel(member.session_timer.take());
        let timer =
            Timer { group: group.clone(), kind: TimerKind::Session(member.member_id.clone()) };
        member.session_timer =
            Some(self.timers.schedule(self.now.plus_ms(timeout_ms.max(0)), timer));
    }

    /// Restarts a member's session with its own `session.timeout.ms`.
    pub(crate) fn refresh_session(&mut self, group: &GroupId, member: &mut Member) {
        let timeout_ms = i64::from(member.session_timeout_ms);
        self.schedule_session(group, member, timeout_ms);
    }
}
