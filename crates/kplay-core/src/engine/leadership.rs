//! Leaders, ISRs and high watermarks: the controller's elections and the leader's bookkeeping.
//!
//! - A leader is elected from the ISR, in replica order, among live brokers; if none is left and
//!   `unclean.leader.election.enable` is set, any live replica may lead and what it lacks is lost.
//! - The leader's high watermark is the lowest log end offset in the ISR.
//! - A follower leaves the ISR after `replica.lag.time.max.ms` without catching up to the
//!   leader's log end, and rejoins once it reaches the high watermark (and the current epoch).

use crate::broker::{FollowerState, LeaderState, Replica};
use crate::event::{ElectionReason, Event, IsrShrinkReason};
use crate::ids::{BrokerId, Offset, Timestamp, TopicPartition};
use crate::log::Log;

use super::{Engine, Timer};

impl Engine {
    /// Elects a new leader for `tp` (or marks it offline) and applies the change to brokers.
    pub(crate) fn elect_leader(&mut self, tp: &TopicPartition, reason: ElectionReason) {
        self.elect(tp, reason, false);
    }

    /// [`Engine::elect_leader`], where a client's request (`unclean_requested`, ElectLeaders) also
    /// lets an out-of-sync replica lead, whatever `unclean.leader.election.enable` says.
    fn elect(&mut self, tp: &TopicPartition, reason: ElectionReason, unclean_requested: bool) {
        let Some(p) = self.image.partition(tp).cloned() else { return };
        let unclean_allowed = unclean_requested
            || self
                .image
                .topics
                .get(&tp.topic)
                .is_some_and(|t| t.config.unclean_leader_election_enable);
        let live = |b: &BrokerId| self.image.is_live(*b);
        let clean = p.replicas.iter().copied().find(|b| p.in_isr(*b) && live(b));
        let unclean = || p.replicas.iter().copied().find(live).filter(|_| unclean_allowed);
        let (leader, reason, isr) = match (clean, unclean()) {
            (Some(l), _) => {
                let isr: Vec<BrokerId> =
                    p.isr.iter().copied().filter(|b| live(b) || *b == l).collect();
                (l, reason, isr)
            }
            (None, Some(l)) => (l, self.unclean_reason(tp, l, unclean_requested), vec![l]),
            (None, None) => {
                if p.leader.is_some() {
                    self.install_leader(tp, p.leader, None, None, reason);
                }
                return;
            }
        };
        self.install_leader(tp, p.leader, Some(leader), Some(isr), reason);
    }

    /// Writes a leader change into the image (a new epoch, and the ISR if given), reports it, and
    /// applies it to the brokers. `None` marks the partition offline.
    fn install_leader(
        &mut self,
        tp: &TopicPartition,
        previous: Option<BrokerId>,
        leader: Option<BrokerId>,
        isr: Option<Vec<BrokerId>>,
        reason: ElectionReason,
    ) {
        let Some(state) = self.image.partition_mut(tp) else { return };
        state.leader = leader;
        state.leader_epoch.0 += 1;
        state.partition_epoch += 1;
        if let Some(isr) = isr {
            state.set_isr(isr);
        }
        let (leader_epoch, waiting_for) = (state.leader_epoch, state.isr.clone());
        let partition = tp.clone();
        self.emit(match leader {
            Some(leader) => {
                Event::LeaderElected { partition, leader, leader_epoch, previous, reason }
            }
            None => Event::PartitionOffline { partition, waiting_for },
        });
        self.leader_changed(tp, previous);
        self.apply_partition(tp);
    }

    /// What an unclean election of `leader` loses: what other replicas had beyond its log end.
    fn unclean_reason(
        &self,
        tp: &TopicPartition,
        leader: BrokerId,
        requested: bool,
    ) -> ElectionReason {
        let replica = |b: &BrokerId| self.brokers.get(b).and_then(|n| n.replicas.get(tp));
        let lost_from = replica(&leader).map_or(Offset(0), |r| r.log.log_end_offset());
        let replicas = self.image.partition(tp).map(|p| p.replicas.clone()).unwrap_or_default();
        let lost_to = replicas
            .iter()
            .filter_map(replica)
            .map(|r| r.log.log_end_offset())
            .max()
            .unwrap_or(lost_from);
        let acknowledged_to = replicas
            .iter()
            .filter_map(replica)
            .map(|r| r.high_watermark)
            .max()
            .unwrap_or(lost_from);
        ElectionReason::Unclean {
            requested,
            lost_from,
            lost_to: lost_to.max(lost_from),
            acknowledged_to,
        }
    }

    /// A client's unclean election (ElectLeaders) of a partition with no leader: the first live
    /// replica leads, whatever `unclean.leader.election.enable` says. False if none is live.
    #[cfg(feature = "admin-apis")]
    pub(crate) fn elect_unclean(&mut self, tp: &TopicPartition) -> bool {
        self.elect(tp, ElectionReason::ReplicaReturned, true);
        self.image.partition(tp).is_some_and(|p| p.leader.is_some())
    }

    /// Moves leadership to `leader` if it is a live ISR member (preferred-replica election).
    pub(crate) fn move_leader(
        &mut self,
        tp: &TopicPartition,
        leader: BrokerId,
        reason: ElectionReason,
    ) {
        let Some(p) = self.image.partition(tp).cloned() else { return };
        if p.leader == Some(leader) || !p.in_isr(leader) || !self.image.is_live(leader) {
            return;
        }
        self.install_leader(tp, p.leader, Some(leader), None, reason);
    }

    /// Brings every live replica of `tp` in line with the image: the leader leads in its epoch,
    /// the others follow it; parked requests that depended on the old roles are answered.
    pub(crate) fn apply_partition(&mut self, tp: &TopicPartition) {
        let Some(p) = self.image.partition(tp).cloned() else { return };
        for &b in &p.replicas {
            // A broker cut off from the controller hears of the change only when it reaches it.
            if !self.brokers.get(&b).is_some_and(|n| n.running) || self.out_of_touch(b) {
                continue;
            }
            self.ensure_replica(b, tp);
            let node = self.brokers.get_mut(&b).expect("running broker");
            let replica = node.replicas.get_mut(tp).expect("ensured");
            if p.leader == Some(b) {
                if replica.leader.as_ref().map(|l| l.epoch) != Some(p.leader_epoch) {
                    self.become_leader(b, tp);
                }
                self.set_fetcher(b, tp, None);
            } else {
                replica.leader = None;
                self.set_fetcher(b, tp, p.leader);
            }
            self.wake_all(b, tp);
        }
    }

    /// Creates `broker`'s replica of `tp` if it has none.
    pub(crate) fn ensure_replica(&mut self, broker: BrokerId, tp: &TopicPartition) {
        if self.brokers.get(&broker).is_some_and(|n| n.replicas.contains_key(tp)) {
            return;
        }
        let storage = self.new_storage(broker, tp);
        let log = Log::new(storage, self.now);
        if let Some(node) = self.brokers.get_mut(&broker) {
            node.replicas.insert(tp.clone(), Replica::new(log));
        }
    }

    /// Makes `broker` follow `leader` for `tp` (or nobody, with `None`).
    fn set_fetcher(&mut self, broker: BrokerId, tp: &TopicPartition, leader: Option<BrokerId>) {
        let Some(node) = self.brokers.get_mut(&broker) else { return };
        for (l, fetcher) in node.fetchers.iter_mut() {
            if Some(*l) != leader {
                fetcher.partitions.remove(tp);
            }
        }
        node.fetchers.retain(|_, f| !f.partitions.is_empty());
        if let Some(leader) = leader.filter(|l| *l != broker) {
            node.fetchers.entry(leader).or_default().partitions.insert(tp.clone());
            self.mark_fetcher_due(broker);
        }
    }

    fn become_leader(&mut self, broker: BrokerId, tp: &TopicPartition) {
        let Some(p) = self.image.partition(tp).cloned() else { return };
        let now = self.now;
        let Some(replica) = self.brokers.get_mut(&broker).and_then(|n| n.replicas.get_mut(tp))
        else {
            return;
        };
        replica.log.assign_leader_epoch(p.leader_epoch);
        let followers = p
            .replicas
            .iter()
            .filter(|r| **r != broker)
            .map(|r| {
                let caught_up = if p.in_isr(*r) { now } else { Timestamp(0) };
                let state = FollowerState {
                    log_end_offset: None,
                    last_caught_up: caught_up,
                    last_fetch_time: Timestamp(0),
                    last_fetch_leader_log_end_offset: Offset(-1),
                };
                (*r, state)
            })
            .collect();
        replica.leader = Some(LeaderState {
            epoch: p.leader_epoch,
            epoch_start_offset: replica.log.log_end_offset(),
            followers,
            isr_check_scheduled: false,
        });
        self.schedule_isr_check(broker, tp);
        self.maybe_advance_high_watermark(broker, tp);
    }

    /// Tells the group coordinator when a `__consumer_offsets` partition changes leader.
    fn leader_changed(&mut self, tp: &TopicPartition, previous: Option<BrokerId>) {
        if tp.topic.as_str() != crate::engine::topics::OFFSETS_TOPIC {
            return;
        }
        let now_leader = self.image.partition(tp).and_then(|p| p.leader);
        if now_leader == previous {
            return;
        }
        self.coordinator_partition_moved(tp.partition, now_leader);
    }

    /// Raises the leader's high watermark to the lowest log end offset in the ISR, answering
    /// what waited for it. Returns whether it moved.
    pub(crate) fn maybe_advance_high_watermark(
        &mut self,
        broker: BrokerId,
        tp: &TopicPartition,
    ) -> bool {
        let Some(isr) = self.partition_seen_by(broker, tp).map(|p| p.isr.clone()) else {
            return false;
        };
        let Some(replica) = self.brokers.get_mut(&broker).and_then(|n| n.replicas.get_mut(tp))
        else {
            return false;
        };
        let Some(leader) = &replica.leader else { return false };
        let (mut lowest, mut slowest) = (replica.log.log_end_offset(), broker);
        for f in isr.iter().filter(|f| **f != broker) {
            match leader.followers.get(f).and_then(|s| s.log_end_offset) {
                Some(leo) if leo < lowest => (lowest, slowest) = (leo, *f),
                Some(_) => {}
                None => return false,
            }
        }
        if lowest <= replica.high_watermark {
            return false;
        }
        let from = replica.high_watermark;
        replica.high_watermark = lowest;
        #[cfg(feature = "transactions")]
        replica.log.high_watermark_moved(lowest);
        self.emit(Event::HighWatermarkAdvanced {
            partition: tp.clone(),
            broker,
            from,
            to: lowest,
            slowest: Some(slowest),
        });
        self.complete_produces(broker, tp);
        self.wake_fetches(broker, tp);
        #[cfg(feature = "transactions")]
        self.txn_markers_replicated(tp);
        true
    }

    /// Takes `broker` out of `tp`'s ISR (never the last member).
    pub(crate) fn shrink_isr(
        &mut self,
        tp: &TopicPartition,
        broker: BrokerId,
        reason: IsrShrinkReason,
    ) {
        let Some(state) = self.image.partition_mut(tp) else { return };
        if !state.in_isr(broker) || state.isr.len() <= 1 {
            return;
        }
        let isr: Vec<BrokerId> = state.isr.iter().copied().filter(|b| *b != broker).collect();
        state.set_isr(isr.clone());
        let leader = state.leader;
        self.emit(Event::IsrShrunk { partition: tp.clone(), broker, isr, reason });
        if let Some(leader) = leader {
            self.maybe_advance_high_watermark(leader, tp);
            self.complete_produces(leader, tp);
        }
    }

    /// Adds a caught-up follower back to the ISR.
    pub(crate) fn expand_isr(&mut self, tp: &TopicPartition, broker: BrokerId) {
        let Some(state) = self.image.partition_mut(tp) else { return };
        if state.in_isr(broker) {
            return;
        }
        let mut isr = state.isr.clone();
        isr.push(broker);
        state.set_isr(isr);
        let (isr, leader) = (state.isr.clone(), state.leader);
        self.emit(Event::IsrExpanded { partition: tp.clone(), broker, isr });
        if let Some(leader) = leader {
            self.schedule_isr_check(leader, tp);
            self.maybe_advance_high_watermark(leader, tp);
        }
    }

    /// Schedules the leader's next ISR check for when the earliest in-sync follower could
    /// become too far behind.
    pub(crate) fn schedule_isr_check(&mut self, broker: BrokerId, tp: &TopicPartition) {
        let lag = self.config.replica_lag_time_max_ms;
        let Some(isr) = self.partition_seen_by(broker, tp).map(|p| p.isr.clone()) else { return };
        let Some(replica) = self.brokers.get_mut(&broker).and_then(|n| n.replicas.get_mut(tp))
        else {
            return;
        };
        let Some(leader) = replica.leader.as_mut() else { return };
        if leader.isr_check_scheduled {
            return;
        }
        let due = isr
            .iter()
            .filter_map(|f| leader.followers.get(f))
            .map(|s| s.last_caught_up.plus_ms(lag + 1))
            .min();
        if let Some(due) = due {
            leader.isr_check_scheduled = true;
            self.timers.schedule(due, Timer::IsrCheck { broker, partition: tp.clone() });
        }
    }

    /// The ISR check: followers not caught up for `replica.lag.time.max.ms` leave the ISR.
    pub(crate) fn check_isr(&mut self, broker: BrokerId, tp: &TopicPartition) {
        let now = self.now;
        let max_lag_ms = self.config.replica_lag_time_max_ms;
        let Some(isr) = self.partition_seen_by(broker, tp).map(|p| p.isr.clone()) else { return };
        let out_of_touch = self.out_of_touch(broker);
        let Some(replica) = self.brokers.get_mut(&broker).and_then(|n| n.replicas.get_mut(tp))
        else {
            return;
        };
        let Some(leader) = replica.leader.as_mut() else { return };
        leader.isr_check_scheduled = false;
        if out_of_touch {
            // Shrinking the ISR is an AlterPartition to the controller, which this leader cannot
            // reach: the ISR stays as it is, and the leader tries again later.
            leader.isr_check_scheduled = true;
            let at = now.plus_ms(max_lag_ms);
            self.timers.schedule(at, Timer::IsrCheck { broker, partition: tp.clone() });
            return;
        }
        let lagging: Vec<(BrokerId, i64)> = isr
            .iter()
            .filter_map(|f| leader.followers.get(f).map(|s| (*f, now.ms_since(s.last_caught_up))))
            .filter(|(_, lag_ms)| *lag_ms > max_lag_ms)
            .collect();
        for (follower, lag_ms) in lagging {
            self.shrink_isr(tp, follower, IsrShrinkReason::Lagging { lag_ms, max_lag_ms });
        }
        self.schedule_isr_check(broker, tp);
    }
}
