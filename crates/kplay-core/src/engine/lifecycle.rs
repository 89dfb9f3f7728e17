//! Brokers joining, stopping and coming back, and the controller noticing.
//!
//! A clean stop is Kafka's controlled shutdown: the controller moves leadership away and takes
//! the broker out of every ISR first, so nothing is unavailable for long and nothing is lost. A
//! crash is noticed only when the broker misses heartbeats for `broker.session.timeout.ms`; until
//! then its partitions keep a leader that does not answer. A crashed broker that starts again
//! before that is fenced at once (it re-registers as a new incarnation).
//!
//! The controller keeps its role while it runs and reaches a majority of the running brokers; when
//! it stops or loses that majority, the lowest-id broker that has one takes over at once (the KRaft quorum is simplified as `contact`
//! describes).

use crate::cluster::BrokerRegistration;
use crate::error::{ErrorCode, KafkaError};
use crate::event::{ControllerReason, ElectionReason, Event, IsrShrinkReason};
use crate::ids::{BrokerId, Timestamp};

use super::{Engine, Output, Timer, TimerKey};
use crate::broker::BrokerNode;

/// How a broker stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shutdown {
    /// Controlled shutdown: leadership moves first.
    Clean,
    /// The process dies; the controller notices after `broker.session.timeout.ms`.
    Crash,
}

impl Engine {
    /// Registers a new broker and starts it.
    pub fn add_broker(
        &mut self,
        now: Timestamp,
        id: BrokerId,
        rack: Option<String>,
    ) -> Result<(), KafkaError> {
        self.advance(now);
        if id.0 < 0 {
            return Err(KafkaError::new(
                ErrorCode::InvalidRequest,
                format!("broker id {id} is negative"),
            ));
        }
        if self.brokers.contains_key(&id) {
            return Err(KafkaError::new(
                ErrorCode::InvalidRequest,
                format!("broker {id} already exists"),
            ));
        }
        self.image.brokers.insert(id, BrokerRegistration { id, rack: rack.clone(), fenced: false });
        self.brokers.insert(id, BrokerNode::new(id));
        self.emit(Event::BrokerRegistered { broker: id, rack });
        self.elect_controller();
        self.schedule_periodic();
        // Partitions assigned to this id by hand before it existed may now get a leader.
        if self.reaches_controller(id) {
            self.broker_came_back(id);
        } else if let Some(reg) = self.image.brokers.get_mut(&id) {
            reg.fenced = true;
        }
        self.settle();
        Ok(())
    }

    /// Stops a running broker, cleanly or by crashing.
    pub fn stop_broker(
        &mut self,
        now: Timestamp,
        id: BrokerId,
        how: Shutdown,
    ) -> Result<(), KafkaError> {
        self.advance(now);
        self.expect_broker(id, true)?;
        if how == Shutdown::Clean {
            self.controlled_shutdown(id);
        }
        self.halt_process(id);
        self.emit(Event::BrokerStopped { broker: id, clean: how == Shutdown::Clean });
        if how == Shutdown::Crash {
            let incarnation = self.brokers[&id].incarnation;
            let at = self.now.plus_ms(self.config.broker_session_timeout_ms);
            self.timers.schedule(at, Timer::BrokerSession { broker: id, incarnation });
        }
        self.elect_controller();
        self.settle();
        Ok(())
    }

    /// Starts a stopped broker again, with the logs it had.
    pub fn start_broker(&mut self, now: Timestamp, id: BrokerId) -> Result<(), KafkaError> {
        self.advance(now);
        self.expect_broker(id, false)?;
        if self.image.is_live(id) {
            // It crashed and came back before the controller noticed: the new incarnation
            // fences the old one.
            self.fence(id);
        }
        let broker = self.brokers.get_mut(&id).expect("checked above");
        broker.running = true;
        broker.incarnation += 1;
        self.emit(Event::BrokerStarted { broker: id });
        self.elect_controller();
        // A broker that cannot reach the controller cannot register: it stays fenced until it
        // reaches it (see `contact`).
        if self.reaches_controller(id) {
            if let Some(reg) = self.image.brokers.get_mut(&id) {
                reg.fenced = false;
            }
            self.broker_came_back(id);
        }
        self.settle();
        Ok(())
    }

    /// Checks that broker `id` exists and is (or is not) running, with a message saying why not.
    fn expect_broker(&self, id: BrokerId, running: bool) -> Result<(), KafkaError> {
        match self.brokers.get(&id) {
            None => Err(KafkaError::new(ErrorCode::BrokerNotAvailable, format!("no broker {id}"))),
            Some(b) if b.running == running => Ok(()),
            Some(_) if running => Err(KafkaError::new(
                ErrorCode::BrokerNotAvailable,
                format!("broker {id} is not running"),
            )),
            Some(_) => Err(KafkaError::new(
                ErrorCode::InvalidRequest,
                format!("broker {id} is already running"),
            )),
        }
    }

    pub(crate) fn broker_session_expired(&mut self, id: BrokerId, incarnation: u64) {
        let crashed =
            self.brokers.get(&id).is_some_and(|b| !b.running && b.incarnation == incarnation);
        if crashed && self.image.is_live(id) {
            self.emit(Event::BrokerFenced {
                broker: id,
                session_timeout_ms: self.config.broker_session_timeout_ms,
            });
            self.fence(id);
        }
    }

    /// The process stops: volatile state is gone, parked requests are dropped.
    fn halt_process(&mut self, id: BrokerId) {
        let Some(broker) = self.brokers.get_mut(&id) else { return };
        broker.running = false;
        broker.lost_controller = None;
        let timers: Vec<TimerKey> = broker
            .fetchers
            .values()
            .filter_map(|f| f.timeout)
            .chain(broker.parked_produces.iter().map(|p| p.timer))
            .chain(broker.parked_fetches.iter().map(|p| p.timer))
            .chain(broker.parked_replica_fetches.iter().map(|p| p.timer))
            .collect();
        broker.fetchers.clear();
        for replica in broker.replicas.values_mut() {
            replica.leader = None;
        }
        let dropped: Vec<Output> = broker
            .parked_produces
            .drain(..)
            .map(|p| Output::Dropped { client: p.client, request: p.request, broker: id })
            .chain(broker.parked_fetches.drain(..).map(|p| Output::Dropped {
                client: p.client,
                request: p.request_id,
                broker: id,
            }))
            .collect();
        broker.parked_replica_fetches.clear();
        for output in dropped {
            self.send(output);
        }
        for key in timers {
            self.timers.cancel(key);
        }
    }

    /// Controlled shutdown: move leadership off `id` and take it out of every ISR it is not the
    /// last member of.
    fn controlled_shutdown(&mut self, id: BrokerId) {
        self.fence_with(
            id,
            ElectionReason::ControlledShutdown,
            IsrShrinkReason::ControlledShutdown,
        );
    }

    /// The controller's reaction to a broker that is gone.
    fn fence(&mut self, id: BrokerId) {
        self.fence_with(id, ElectionReason::LeaderFailed, IsrShrinkReason::BrokerFailed);
    }

    pub(crate) fn fence_with(
        &mut self,
        id: BrokerId,
        election: ElectionReason,
        shrink: IsrShrinkReason,
    ) {
        if let Some(reg) = self.image.brokers.get_mut(&id) {
            reg.fenced = true;
        }
        let affected: Vec<_> = self
            .image
            .partitions()
            .filter(|(_, p)| p.replicas.contains(&id))
            .map(|(tp, _)| tp)
            .collect();
        for tp in affected {
            let Some(p) = self.image.partition(&tp) else { continue };
            if p.leader == Some(id) {
                self.elect_leader(&tp, election.clone());
            } else if p.in_isr(id) && p.isr.len() > 1 {
                self.shrink_isr(&tp, id, shrink.clone());
            }
        }
    }

    /// A broker is back (or new): offline partitions it can lead get a leader, and it starts
    /// following the leaders of the rest.
    pub(crate) fn broker_came_back(&mut self, id: BrokerId) {
        let hosted: Vec<_> = self
            .image
            .partitions()
            .filter(|(_, p)| p.replicas.contains(&id))
            .map(|(tp, p)| (tp, p.leader.is_none()))
            .collect();
        for (tp, offline) in hosted {
            if offline {
                self.elect_leader(&tp, ElectionReason::ReplicaReturned);
            }
            self.apply_partition(&tp);
        }
    }

    /// Chooses the controller (see `contact` for the quorum this simplifies), then reviews every
    /// broker's contact with it.
    pub(crate) fn elect_controller(&mut self) {
        let controller = self.controller_candidate();
        let previous = self.image.controller;
        let changed = controller != previous;
        if changed {
            let old = previous.filter(|o| self.brokers.get(o).is_some_and(|b| b.running));
            let old = old.map(|o| (o, self.quorum_reach(o)));
            let lost_quorum = old.filter(|(_, (reaches, running))| 2 * reaches <= *running);
            self.image.controller = controller;
            if let Some((broker, (reaches, running))) = lost_quorum {
                self.emit(Event::ControllerLostQuorum {
                    broker,
                    reaches,
                    running,
                    successor: controller,
                });
            }
            let running = self.brokers.values().any(|b| b.running);
            if controller.is_some() || !running {
                let reason = match (previous, lost_quorum) {
                    (_, Some((broker, _))) => ControllerReason::PreviousLostQuorum(broker),
                    (Some(p), None) => ControllerReason::PreviousStopped(p),
                    (None, None) => ControllerReason::NoneBefore,
                };
                self.emit(Event::ControllerElected { broker: controller, reason });
            }
        }
        self.review_controller_contact(changed);
    }
}
