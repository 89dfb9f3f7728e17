//! Which brokers can reach the controller, and what becomes of those that cannot.
//!
//! The driver tells the engine which broker-to-broker links the network has cut
//! ([`Engine::set_broker_links`]); the engine then decides, as KRaft would:
//!
//! - **The controller needs a majority.** kplay runs KRaft in combined mode with every running
//!   broker a voter, and simplifies the quorum to this: the controller stays the controller while
//!   it runs and reaches a majority of the running brokers (itself included). One that stops or
//!   is cut off from the majority is replaced at once by the lowest-id running broker that reaches
//!   a majority (no election timeout, no Raft log, no fixed voter set); the old one is then a
//!   broker that cannot reach the controller, like any other. If no broker reaches a majority
//!   there is no controller, and nobody is fenced, until the network changes. Clients never talk
//!   to the quorum, so only broker-to-broker links count.
//! - **A broker that cannot reach the controller stops heartbeating.** It keeps running and keeps
//!   the roles it had: a leader keeps leading with the ISR it last knew, accepting acks=1 writes,
//!   but it cannot shrink or expand that ISR (AlterPartition goes through the controller), so
//!   acks=all writes wait for followers that no longer fetch from it and time out. It hears of
//!   no leader change meanwhile. After `broker.session.timeout.ms` without reaching the
//!   controller it is fenced: its partitions get new leaders from the ISR, as for a crash. A new
//!   controller gives every broker it cannot reach a fresh session timeout, as Kafka's newly
//!   active controller does.
//! - **When it reaches the controller again** it registers again (unfenced, if it had been
//!   fenced) and learns the current leaders: what it led and lost follows the new leader, which
//!   truncates its log by leader epoch (records only it had, acks=1 writes taken while it was cut
//!   off, are removed and reported) and catches it up, as for a restarted broker.
//!   A broker that starts, or is added, while it cannot reach the controller stays fenced until it
//!   reaches it.
//!
//! Not modelled: an out-of-touch broker answers Metadata from the controller's current view, not
//! from a stale cache of its own.

use crate::broker::LostController;
use crate::cluster::PartitionState;
use crate::event::{ElectionReason, Event, IsrShrinkReason};
use crate::ids::{BrokerId, Timestamp, TopicPartition};
use crate::vec_map::{VecMap, VecSet};

use super::{Engine, Timer};

fn link(a: BrokerId, b: BrokerId) -> (BrokerId, BrokerId) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Engine {
    /// Tells the engine which broker-to-broker links are cut (in either order; every other pair
    /// of brokers can talk). The controller is chosen again and brokers that lost or regained
    /// the controller are handled as the module documentation says.
    pub fn set_broker_links(
        &mut self,
        now: Timestamp,
        cut: impl IntoIterator<Item = (BrokerId, BrokerId)>,
    ) {
        self.advance(now);
        let cut: VecSet<_> =
            cut.into_iter().filter(|(a, b)| a != b).map(|(a, b)| link(a, b)).collect();
        if cut == self.cut_links {
            return;
        }
        self.cut_links = cut;
        self.elect_controller();
        self.settle();
    }

    /// The broker-to-broker links that are cut, each as (lower id, higher id).
    pub fn cut_links(&self) -> &VecSet<(BrokerId, BrokerId)> {
        &self.cut_links
    }

    /// Whether brokers `a` and `b` can talk (a broker always reaches itself).
    pub fn brokers_connected(&self, a: BrokerId, b: BrokerId) -> bool {
        a == b || !self.cut_links.contains(&link(a, b))
    }

    /// Whether `broker` is running and reaches the controller.
    pub fn reaches_controller(&self, broker: BrokerId) -> bool {
        self.brokers.get(&broker).is_some_and(|b| b.running)
            && self.image.controller.is_some_and(|c| self.brokers_connected(broker, c))
    }

    /// How many running brokers `broker` reaches, itself included, and how many run.
    pub(crate) fn quorum_reach(&self, broker: BrokerId) -> (usize, usize) {
        let running: Vec<BrokerId> =
            self.brokers.values().filter(|b| b.running).map(|b| b.id).collect();
        let reaches = running.iter().filter(|b| self.brokers_connected(broker, **b)).count();
        (reaches, running.len())
    }

    /// Whether `broker` runs and reaches a majority of the running brokers.
    fn has_quorum(&self, broker: BrokerId) -> bool {
        let (reaches, running) = self.quorum_reach(broker);
        self.brokers.get(&broker).is_some_and(|b| b.running) && 2 * reaches > running
    }

    /// Who should be the controller: the current one while it runs and reaches a majority of the
    /// running brokers, else the lowest-id running broker that does.
    pub(crate) fn controller_candidate(&self) -> Option<BrokerId> {
        let current = self.image.controller.filter(|c| self.has_quorum(*c));
        current.or_else(|| self.brokers.keys().copied().find(|id| self.has_quorum(*id)))
    }

    /// The partition as `broker` knows it: the controller's image, or, for a partition it led
    /// when it lost the controller, what it knew then.
    pub(crate) fn partition_seen_by(
        &self,
        broker: BrokerId,
        tp: &TopicPartition,
    ) -> Option<&PartitionState> {
        let lost = self.brokers.get(&broker).and_then(|b| b.lost_controller.as_ref());
        lost.and_then(|l| l.led.get(tp)).or_else(|| self.image.partition(tp))
    }

    /// Whether `broker` runs without reaching the controller.
    pub(crate) fn out_of_touch(&self, broker: BrokerId) -> bool {
        self.brokers.get(&broker).is_some_and(|b| b.running && b.lost_controller.is_some())
    }

    /// After the controller or the network changed: every running broker that lost the
    /// controller starts its session timeout; every one that reached it again rejoins.
    pub(crate) fn review_controller_contact(&mut self, controller_changed: bool) {
        let running: Vec<BrokerId> =
            self.brokers.values().filter(|b| b.running).map(|b| b.id).collect();
        for id in running {
            let lost = self.brokers[&id].lost_controller.is_some();
            match (self.reaches_controller(id), lost) {
                (false, false) => self.lose_controller(id),
                (false, true) if controller_changed => self.start_controller_session(id),
                (true, true) => self.regain_controller(id),
                _ => {}
            }
        }
    }

    fn lose_controller(&mut self, id: BrokerId) {
        let node = &self.brokers[&id];
        let led: VecMap<TopicPartition, PartitionState> = node
            .replicas
            .iter()
            .filter(|(_, r)| r.leader.is_some())
            .filter_map(|(tp, _)| Some((tp.clone(), self.image.partition(tp)?.clone())))
            .collect();
        let lost = LostController { since: self.now, session: 0, led };
        if let Some(node) = self.brokers.get_mut(&id) {
            node.lost_controller = Some(lost);
        }
        self.emit(Event::BrokerLostController { broker: id, controller: self.image.controller });
        self.start_controller_session(id);
    }

    /// Starts (again) the timeout after which the controller fences `id`.
    fn start_controller_session(&mut self, id: BrokerId) {
        let session = self.next_id();
        let now = self.now;
        let Some(lost) = self.brokers.get_mut(&id).and_then(|b| b.lost_controller.as_mut()) else {
            return;
        };
        lost.session = session;
        lost.since = now;
        let at = now.plus_ms(self.config.broker_session_timeout_ms);
        self.timers.schedule(at, Timer::ControllerSession { broker: id, session });
    }

    pub(crate) fn controller_session_expired(&mut self, id: BrokerId, session: u64) {
        let current = self
            .brokers
            .get(&id)
            .and_then(|b| b.lost_controller.as_ref())
            .is_some_and(|l| l.session == session);
        let Some(controller) = self.image.controller else { return };
        if current && self.out_of_touch(id) && self.image.is_live(id) {
            let session_timeout_ms = self.config.broker_session_timeout_ms;
            self.emit(Event::BrokerFencedUnreachable {
                broker: id,
                controller,
                session_timeout_ms,
            });
            self.fence_with(
                id,
                ElectionReason::LeaderUnreachable,
                IsrShrinkReason::BrokerUnreachable,
            );
        }
    }

    fn regain_controller(&mut self, id: BrokerId) {
        let Some(controller) = self.image.controller else { return };
        if let Some(node) = self.brokers.get_mut(&id) {
            node.lost_controller = None;
        }
        let was_fenced = !self.image.is_live(id);
        self.emit(Event::BrokerReachedController { broker: id, controller, was_fenced });
        if let Some(reg) = self.image.brokers.get_mut(&id) {
            reg.fenced = false;
        }
        self.broker_came_back(id);
        let led: Vec<TopicPartition> = self.brokers[&id]
            .replicas
            .iter()
            .filter(|(_, r)| r.leader.is_some())
            .map(|(tp, _)| tp.clone())
            .collect();
        for tp in led {
            self.schedule_isr_check(id, &tp);
            self.maybe_advance_high_watermark(id, &tp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EngineConfig;

    fn engine(brokers: i32) -> Engine {
        let mut e = Engine::new(EngineConfig::default());
        for id in 1..=brokers {
            e.add_broker(Timestamp(0), BrokerId(id), None).unwrap();
        }
        e
    }

    fn b(id: i32) -> BrokerId {
        BrokerId(id)
    }

    #[test]
    fn the_controller_needs_a_majority_of_the_running_brokers() {
        let mut e = engine(5);
        assert_eq!(e.image.controller, Some(b(1)));
        // Broker 1 still reaches 1, 4 and 5: three of five.
        e.set_broker_links(Timestamp(1), [(b(2), b(1)), (b(1), b(3))]);
        assert_eq!(e.image.controller, Some(b(1)));
        assert_eq!(e.cut_links().iter().next(), Some(&(b(1), b(2))), "stored lower id first");
        assert!(!e.reaches_controller(b(2)) && e.reaches_controller(b(4)));
        // Now only two of five: broker 2 reaches 2, 3, 4, 5.
        e.set_broker_links(Timestamp(2), [(b(1), b(2)), (b(1), b(3)), (b(1), b(4))]);
        assert_eq!(e.image.controller, Some(b(2)));
        assert!(!e.reaches_controller(b(1)) && e.reaches_controller(b(3)));
        // A self-link is ignored; healing keeps the controller that has a majority.
        e.set_broker_links(Timestamp(3), [(b(3), b(3))]);
        assert!(e.cut_links().is_empty());
        assert_eq!(e.image.controller, Some(b(2)));
    }

    #[test]
    fn an_out_of_touch_leader_sees_the_partition_as_it_was() {
        let mut e = engine(3);
        let topic = crate::api::NewTopic::new("t", 1, 3);
        let request = crate::api::CreateTopicsRequest { topics: vec![topic], validate_only: false };
        let id = crate::ids::RequestId(1);
        e.handle(Timestamp(1), b(1), crate::ids::ClientId(1), id, request.into());
        let tp = TopicPartition::new("t", 0);
        let leader = e.image.partition(&tp).and_then(|p| p.leader).unwrap();
        let cut: Vec<_> = (1..=3).filter(|x| *x != leader.0).map(|x| (leader, b(x))).collect();
        e.set_broker_links(Timestamp(2), cut);
        assert!(e.out_of_touch(leader));
        e.tick(Timestamp(2 + e.config.broker_session_timeout_ms));
        let now = e.image.partition(&tp).unwrap();
        assert_ne!(now.leader, Some(leader), "fenced and replaced");
        let seen = e.partition_seen_by(leader, &tp).unwrap();
        assert_eq!((seen.leader, seen.isr.len()), (Some(leader), 3), "its own stale view");
        e.set_broker_links(Timestamp(20_000), []);
        assert!(!e.out_of_touch(leader));
        assert_eq!(e.partition_seen_by(leader, &tp), e.image.partition(&tp));
    }
}
