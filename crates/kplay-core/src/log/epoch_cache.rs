//! The leader-epoch cache: at which offset each leader epoch began in this replica's log.
//!
//! It is what lets a replica find where its log and its new leader's log diverge after a
//! failover: the leader answers "epoch E ended at offset X in my log", and the follower truncates
//! to that point (Kafka's `LeaderEpochFileCache`, KIP-101 / KIP-279 / KIP-595).

use crate::ids::{LeaderEpoch, Offset};

/// `(epoch, start offset)` pairs, both strictly increasing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochCache {
    entries: Vec<(LeaderEpoch, Offset)>,
}

impl EpochCache {
    /// Records that `epoch` starts at `start_offset`, if it is newer than every known epoch.
    /// Earlier epochs that start at or after `start_offset` (nothing was written in them) go.
    /// Returns whether it was recorded.
    pub fn assign(&mut self, epoch: LeaderEpoch, start_offset: Offset) -> bool {
        if epoch.0 < 0 || self.latest_epoch().is_some_and(|latest| latest >= epoch) {
            return false;
        }
        // Kafka keeps start offsets strictly increasing: an epoch in which nothing was written
        // before this one began is dropped.
        self.entries.retain(|(_, start)| *start < start_offset);
        self.entries.push((epoch, start_offset));
        true
    }

    /// The newest epoch, if any.
    pub fn latest_epoch(&self) -> Option<LeaderEpoch> {
        self.entries.last().map(|(e, _)| *e)
    }

    /// The start offset of `epoch`, if known.
    pub fn start_offset_of(&self, epoch: LeaderEpoch) -> Option<Offset> {
        self.entries.iter().find(|(e, _)| *e == epoch).map(|(_, o)| *o)
    }

    /// Kafka's `LeaderEpochFileCache.endOffsetFor`: for the requested epoch, the largest known
    /// epoch not after it and the offset where that epoch ended (the next known epoch's start,
    /// or `log_end_offset` for the newest). An epoch older than every known one ends where the
    /// earliest known epoch starts; one newer than every known one ends at the log end. `None`
    /// (Kafka's `UNDEFINED_EPOCH_OFFSET`) when nothing is known or the epoch is undefined.
    pub fn end_offset_for(
        &self,
        requested: LeaderEpoch,
        log_end_offset: Offset,
    ) -> Option<(LeaderEpoch, Offset)> {
        let latest = self.latest_epoch()?;
        if requested.0 < 0 {
            return None;
        }
        if requested == latest {
            return Some((latest, log_end_offset));
        }
        let higher = self.entries.partition_point(|(e, _)| *e <= requested);
        let Some(&(_, higher_start)) = self.entries.get(higher) else {
            return Some((requested, log_end_offset));
        };
        match higher.checked_sub(1).map(|i| self.entries[i]) {
            None => Some((requested, higher_start)),
            Some((floor_epoch, _)) => Some((floor_epoch, higher_start)),
        }
    }

    /// Forgets epochs that start at or after `offset` (the log was truncated there).
    pub fn truncate_from_end(&mut self, offset: Offset) {
        self.entries.retain(|(_, start)| *start < offset);
    }

    /// Moves the start of the log to `offset`: epochs that ended before it are forgotten, and the
    /// epoch covering it now starts there.
    pub fn truncate_from_start(&mut self, offset: Offset) {
        let covering = self.entries.partition_point(|(_, start)| *start <= offset);
        if covering > 0 {
            self.entries.drain(..covering - 1);
            if let Some(first) = self.entries.first_mut() {
                first.1 = first.1.max(offset);
            }
        }
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[(LeaderEpoch, Offset)] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(entries: &[(i32, i64)]) -> EpochCache {
        let mut c = EpochCache::default();
        for &(e, o) in entries {
            assert!(c.assign(LeaderEpoch(e), Offset(o)));
        }
        c
    }

    #[test]
    fn end_offset_is_the_next_epochs_start() {
        let c = cache(&[(0, 0), (2, 10), (5, 30)]);
        let leo = Offset(42);
        assert_eq!(c.end_offset_for(LeaderEpoch(0), leo), Some((LeaderEpoch(0), Offset(10))));
        assert_eq!(c.end_offset_for(LeaderEpoch(1), leo), Some((LeaderEpoch(0), Offset(10))));
        assert_eq!(c.end_offset_for(LeaderEpoch(2), leo), Some((LeaderEpoch(2), Offset(30))));
        assert_eq!(c.end_offset_for(LeaderEpoch(5), leo), Some((LeaderEpoch(5), leo)));
        assert_eq!(c.end_offset_for(LeaderEpoch(9), leo), Some((LeaderEpoch(9), leo)));
        // Older than every known epoch: it ended where the earliest known one starts.
        let only = cache(&[(3, 5)]);
        assert_eq!(only.end_offset_for(LeaderEpoch(2), leo), Some((LeaderEpoch(2), Offset(5))));
        assert_eq!(c.end_offset_for(LeaderEpoch::UNKNOWN, leo), None);
        assert_eq!(EpochCache::default().end_offset_for(LeaderEpoch(0), leo), None);
    }

    #[test]
    fn older_or_equal_epochs_are_not_assigned() {
        let mut c = cache(&[(4, 10)]);
        assert!(!c.assign(LeaderEpoch(4), Offset(20)));
        assert!(!c.assign(LeaderEpoch(3), Offset(20)));
        assert_eq!(c.entries(), &[(LeaderEpoch(4), Offset(10))]);
    }

    #[test]
    fn empty_epochs_give_way_to_the_next() {
        let mut c = cache(&[(0, 0), (1, 5)]);
        assert!(c.assign(LeaderEpoch(2), Offset(5)));
        assert_eq!(c.entries(), &[(LeaderEpoch(0), Offset(0)), (LeaderEpoch(2), Offset(5))]);
    }

    #[test]
    fn truncation_from_either_end() {
        let mut c = cache(&[(0, 0), (2, 10), (5, 30)]);
        c.truncate_from_end(Offset(30));
        assert_eq!(c.latest_epoch(), Some(LeaderEpoch(2)));
        c.truncate_from_start(Offset(15));
        assert_eq!(c.entries(), &[(LeaderEpoch(2), Offset(15))]);
    }
}
