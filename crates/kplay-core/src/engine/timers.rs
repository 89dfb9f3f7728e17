//! The engine's timers: a queue ordered by (due time, sequence number), so timers due at the same
//! millisecond fire in the order they were set — on every platform, every run.
//!
//! Timers are never cancelled; each carries what it expects to find (a parked request's id, a
//! fetch session, a broker incarnation) and does nothing if the world has moved on.

use std::collections::BTreeMap;

use crate::ids::{BrokerId, Timestamp, TopicPartition};

/// Something the engine must do at a given time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Timer {
    /// A parked acks=all produce times out.
    ProduceTimeout { broker: BrokerId, id: u64 },
    /// A parked consumer fetch's `max_wait_ms` is over.
    FetchTimeout { broker: BrokerId, id: u64 },
    /// A parked follower fetch's `replica.fetch.wait.max.ms` is over.
    ReplicaFetchTimeout { broker: BrokerId, id: u64 },
    /// A follower's fetch got no answer in `replica.socket.timeout.ms`.
    FetcherTimeout { broker: BrokerId, leader: BrokerId, session: u64 },
    /// A follower's back-off after an error is over.
    FetcherBackoff { broker: BrokerId, leader: BrokerId },
    /// A leader checks whether followers fell out of sync.
    IsrCheck { broker: BrokerId, partition: TopicPartition },
    /// The controller has not heard from a crashed broker for `broker.session.timeout.ms`.
    BrokerSession { broker: BrokerId, incarnation: u64 },
    /// A running broker has not reached the controller for `broker.session.timeout.ms`.
    ControllerSession { broker: BrokerId, session: u64 },
    /// Retention and compaction (`log.retention.check.interval.ms`).
    LogMaintenance,
    /// Preferred leader election (`leader.imbalance.check.interval.seconds`).
    LeaderImbalance,
    /// A transaction that began at `started` reaches its `transaction.timeout.ms`.
    #[cfg(feature = "transactions")]
    TxnTimeout { transactional_id: String, started: Timestamp },
    /// Markers of an ending transaction whose partitions had no leader are tried again.
    #[cfg(feature = "transactions")]
    TxnMarkerRetry { transactional_id: String },
}

/// Identifies a set timer, so that it can be cancelled when what it waits for happens first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimerKey(Timestamp, u64);

/// Timers by (due, sequence).
#[derive(Debug, Default)]
pub(crate) struct Timers {
    queue: BTreeMap<(Timestamp, u64), Timer>,
    seq: u64,
}

impl Timers {
    /// Sets a timer.
    pub(crate) fn schedule(&mut self, at: Timestamp, timer: Timer) -> TimerKey {
        self.seq += 1;
        self.queue.insert((at, self.seq), timer);
        TimerKey(at, self.seq)
    }

    /// Cancels a timer that has not fired yet (does nothing if it has).
    pub(crate) fn cancel(&mut self, key: TimerKey) {
        self.queue.remove(&(key.0, key.1));
    }

    /// When the next timer is due.
    pub(crate) fn next_due(&self) -> Option<Timestamp> {
        self.queue.keys().next().map(|(at, _)| *at)
    }

    /// Removes and returns the next timer due at or before `now`.
    pub(crate) fn pop_due(&mut self, now: Timestamp) -> Option<Timer> {
        let (&(at, _), _) = self.queue.first_key_value()?;
        if at > now {
            return None;
        }
        self.queue.pop_first().map(|(_, t)| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_fire_in_time_then_insertion_order() {
        let mut timers = Timers::default();
        timers.schedule(Timestamp(20), Timer::LogMaintenance);
        timers.schedule(Timestamp(10), Timer::LeaderImbalance);
        timers.schedule(Timestamp(10), Timer::LogMaintenance);
        assert_eq!(timers.next_due(), Some(Timestamp(10)));
        assert_eq!(timers.pop_due(Timestamp(15)), Some(Timer::LeaderImbalance));
        assert_eq!(timers.pop_due(Timestamp(15)), Some(Timer::LogMaintenance));
        assert_eq!(timers.pop_due(Timestamp(15)), None);
        assert_eq!(timers.pop_due(Timestamp(20)), Some(Timer::LogMaintenance));
    }

    #[test]
    fn cancelled_timers_never_fire() {
        let mut timers = Timers::default();
        let key = timers.schedule(Timestamp(10), Timer::LogMaintenance);
        timers.schedule(Timestamp(20), Timer::LeaderImbalance);
        timers.cancel(key);
        assert_eq!(timers.next_due(), Some(Timestamp(20)));
        assert_eq!(timers.pop_due(Timestamp(15)), None);
    }
}
