//! The coordinator's timers: session expiries, pending-member expiries, join-phase deadlines and
//! pending-sync deadlines, in one ordered map.
//!
//! Kafka keeps these in purgatories (`DelayedHeartbeat`, `DelayedJoin`, `InitialDelayedJoin`,
//! `DelayedSync`). Here every timer is an entry of a `BTreeMap<(Timestamp, seq), Timer>`: due
//! timers fire in deadline order, and equal deadlines in the order they were armed. The key of an
//! entry is also its identity: whoever owns a timer (a member's session, a group's join phase)
//! stores the key it armed, and a timer whose key is no longer stored by its owner is stale and
//! does nothing when it fires. Owners cancel the entry they replace, so stale entries are rare;
//! [`Timers::first_live`] skips any that remain, so the next deadline is always exact.

use std::collections::BTreeMap;

use crate::ids::{GroupId, MemberId, Timestamp};

/// A timer's identity: its deadline and the sequence number it was armed with.
pub(crate) type TimerKey = (Timestamp, u64);

/// What a timer is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TimerKind {
    /// A member's session (or, for a new member, its join) expires.
    Session(MemberId),
    /// A pending member (answered MEMBER_ID_REQUIRED) did not come back in time.
    PendingMember(MemberId),
    /// The join phase's deadline: rebalance timeout, or a step of the initial delay.
    Join,
    /// The pending-sync deadline: members that have not sent SyncGroup are removed.
    Sync,
}

/// One armed timer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Timer {
    /// The group it belongs to.
    pub(crate) group: GroupId,
    /// What it is for.
    pub(crate) kind: TimerKind,
}

/// Every armed timer, ordered by (deadline, sequence).
#[derive(Clone, Debug, Default)]
pub(crate) struct Timers {
    entries: BTreeMap<TimerKey, Timer>,
    next_seq: u64,
}

impl Timers {
    /// Arms a timer at `at` and returns its key.
    pub(crate) fn schedule(&mut self, at: Timestamp, timer: Timer) -> TimerKey {
        let key = (at, self.next_seq);
        self.next_seq += 1;
        self.entries.insert(key, timer);
        key
    }

    /// Disarms a timer, if it is still armed.
    pub(crate) fn cancel(&mut self, key: Option<TimerKey>) {
        if let Some(key) = key {
            self.entries.remove(&key);
        }
    }

    /// Removes and returns the earliest timer due at `now`, if any.
    pub(crate) fn pop_due(&mut self, now: Timestamp) -> Option<(TimerKey, Timer)> {
        let (&key, _) = self.entries.first_key_value()?;
        if key.0 > now {
            return None;
        }
        self.entries.remove(&key).map(|timer| (key, timer))
    }

    /// The earliest deadline among timers that `is_live` accepts.
    pub(crate) fn first_live(
        &self,
        is_live: impl Fn(TimerKey, &Timer) -> bool,
    ) -> Option<Timestamp> {
        self.entries.iter().find(|(key, timer)| is_live(**key, timer)).map(|(key, _)| key.0)
    }

    /// Disarms every timer of `group` (the group is gone).
    #[cfg(feature = "admin-apis")]
    pub(crate) fn cancel_group(&mut self, group: &GroupId) {
        self.entries.retain(|_, timer| &timer.group != group);
    }

    /// How many timers are armed (live or stale).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timer(kind: TimerKind) -> Timer {
        Timer { group: GroupId::from("g"), kind }
    }

    #[test]
    fn due_timers_pop_in_deadline_then_arming_order() {
        let mut timers = Timers::default();
        timers.schedule(Timestamp(20), timer(TimerKind::Join));
        timers.schedule(Timestamp(10), timer(TimerKind::Sync));
        timers.schedule(Timestamp(10), timer(TimerKind::Join));
        assert_eq!(timers.pop_due(Timestamp(9)), None);
        assert_eq!(timers.pop_due(Timestamp(10)).map(|(_, t)| t.kind), Some(TimerKind::Sync));
        assert_eq!(timers.pop_due(Timestamp(10)).map(|(_, t)| t.kind), Some(TimerKind::Join));
        assert_eq!(timers.pop_due(Timestamp(15)), None);
        assert_eq!(timers.len(), 1);
    }

    #[test]
    fn first_live_skips_stale_entries() {
        let mut timers = Timers::default();
        let stale = timers.schedule(Timestamp(5), timer(TimerKind::Join));
        timers.schedule(Timestamp(8), timer(TimerKind::Sync));
        assert_eq!(timers.first_live(|_, _| true), Some(Timestamp(5)));
        assert_eq!(timers.first_live(|key, _| key != stale), Some(Timestamp(8)));
        timers.cancel(Some(stale));
        assert_eq!(timers.first_live(|_, _| true), Some(Timestamp(8)));
    }
}
