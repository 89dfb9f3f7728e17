//! The discrete-event queue: events ordered by (time, sequence number), so two events due at the
//! same millisecond happen in the order they were scheduled — the same order on every platform,
//! every run. Time does not flow; it jumps to the next event.

use std::collections::BTreeMap;

use kplay_core::Timestamp;

/// Events by (due time, sequence).
#[derive(Clone, Debug)]
pub struct Scheduler<E> {
    queue: BTreeMap<(Timestamp, u64), E>,
    seq: u64,
}

impl<E> Default for Scheduler<E> {
    fn default() -> Self {
        Scheduler { queue: BTreeMap::new(), seq: 0 }
    }
}

impl<E> Scheduler<E> {
    /// Schedules `event` at `at`.
    pub fn schedule(&mut self, at: Timestamp, event: E) {
        self.seq += 1;
        self.queue.insert((at, self.seq), event);
    }

    /// The time of the next event.
    pub fn next_time(&self) -> Option<Timestamp> {
        self.queue.keys().next().map(|(at, _)| *at)
    }

    /// Removes and returns the next event, if it is due at or before `limit`.
    pub fn pop_until(&mut self, limit: Timestamp) -> Option<(Timestamp, E)> {
        let (&(at, _), _) = self.queue.first_key_value()?;
        if at > limit {
            return None;
        }
        self.queue.pop_first().map(|((at, _), e)| (at, e))
    }

    /// How many events are waiting.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_out_by_time_then_by_scheduling_order() {
        let mut s = Scheduler::default();
        s.schedule(Timestamp(5), "c");
        s.schedule(Timestamp(1), "a");
        s.schedule(Timestamp(5), "d");
        s.schedule(Timestamp(1), "b");
        let order: Vec<_> =
            std::iter::from_fn(|| s.pop_until(Timestamp(10))).map(|(_, e)| e).collect();
        assert_eq!(order, ["a", "b", "c", "d"]);
    }

    #[test]
    fn nothing_comes_out_before_its_time() {
        let mut s = Scheduler::default();
        s.schedule(Timestamp(5), ());
        assert_eq!(s.pop_until(Timestamp(4)), None);
        assert_eq!(s.next_time(), Some(Timestamp(5)));
        assert_eq!(s.pop_until(Timestamp(5)), Some((Timestamp(5), ())));
        assert!(s.is_empty());
    }
}
