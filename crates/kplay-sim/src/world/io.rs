//! The world's plumbing: requests from clients cross the network to the engine, answers and
//! broker-to-broker messages cross back, timers come due — all as events on the queue.

use kplay_core::api::Request;
use kplay_core::engine::{Handled, Output};
use kplay_core::replication::Envelope;
use kplay_core::{BrokerId, ClientId, RequestId, Timestamp};

use crate::client::{Io, Outgoing, Reply};
use crate::network::{Node, Transit};
use crate::trace::TraceKind;

use super::{SimClient, World};

/// Something due at a time.
#[derive(Clone, Debug)]
pub(crate) enum SimEvent {
    /// A client's request arrives at a broker.
    Request { client: u32, broker: BrokerId, connection: u64, correlation: u64, request: Request },
    /// A broker's message arrives at another broker.
    Replication(Envelope),
    /// An answer (or a failed connection) arrives at a client.
    Reply { client: u32, broker: BrokerId, connection: u64, correlation: u64, reply: Reply },
    /// The engine's next timer.
    EngineTick,
    /// A client's next timer.
    ClientWake { client: u32 },
    /// Time to sample metrics.
    Sample,
}

impl World {
    pub(crate) fn handle_event(&mut self, event: SimEvent) {
        match event {
            SimEvent::Request { client, broker, connection, correlation, request } => {
                if !self.is_broken(client, broker, connection) {
                    self.request_arrives(client, broker, connection, correlation, request)
                }
            }
            SimEvent::Replication(envelope) => {
                self.engine.deliver(self.now, envelope);
                self.after_engine();
            }
            SimEvent::Reply { client, broker, connection, correlation, reply } => {
                if self.is_broken(client, broker, connection) {
                    return;
                }
                self.with_client(client, |c, io| match c {
                    SimClient::Producer(p) => p.on_reply(io, correlation, reply),
                    SimClient::Consumer(c) => c.on_reply(io, correlation, reply),
                });
            }
            SimEvent::EngineTick => {
                self.engine_tick_at = None;
                self.engine.tick(self.now);
                self.after_engine();
            }
            SimEvent::ClientWake { client } => {
                if self.client_wakes.get(&client).is_some_and(|t| *t <= self.now) {
                    self.client_wakes.remove(&client);
                    self.with_client(client, |c, io| match c {
                        SimClient::Producer(p) => p.wake(io),
                        SimClient::Consumer(c) => c.wake(io),
                    });
                }
            }
            SimEvent::Sample => {
                self.sample_metrics();
                let next = self.now.plus_ms(self.settings().sample_interval_ms.max(1));
                self.queue.schedule(next, SimEvent::Sample);
            }
        }
    }

    /// Runs `f` on a client with an [`Io`], then sends what it asked to send, traces what it
    /// reported and schedules its next wake.
    pub(crate) fn with_client(&mut self, id: u32, f: impl FnOnce(&mut SimClient, &mut Io<'_>)) {
        let Some(client) = self.clients.get_mut(&id) else { return };
        let bootstrap = self.brokers.clone();
        let mut io = Io::new(self.now, &mut self.rng, self.options.detail, &bootstrap);
        f(client, &mut io);
        let (out, events) = (std::mem::take(&mut io.out), std::mem::take(&mut io.events));
        drop(io);
        for event in events {
            self.record(TraceKind::Client { client: id, event });
        }
        for outgoing in out {
            self.send_request(id, outgoing);
        }
        self.reschedule_client(id);
    }

    fn send_request(&mut self, client: u32, outgoing: Outgoing) {
        let Outgoing { broker, connection, correlation, request } = outgoing;
        if self.is_broken(client, broker, connection) {
            return; // the connection failed; the client will notice and reconnect
        }
        let (from, to) = (Node::Client(client), Node::broker(broker));
        if let Some(at) = self.transmit(from, to) {
            let event = SimEvent::Request { client, broker, connection, correlation, request };
            self.queue.schedule(at, event);
        } else {
            self.break_connection(client, broker, connection);
        }
    }

    fn request_arrives(
        &mut self,
        client: u32,
        broker: BrokerId,
        connection: u64,
        correlation: u64,
        request: Request,
    ) {
        // A request already on the wire arrives even if its client has since gone.
        let handled = self.engine.handle(
            self.now,
            broker,
            ClientId(u64::from(client)),
            request_id(connection, correlation),
            request,
        );
        match handled {
            Handled::Response(r) => {
                self.reply(client, broker, connection, correlation, Reply::Response(r))
            }
            Handled::BrokerUnavailable => {
                self.reply(client, broker, connection, correlation, Reply::Disconnected)
            }
            Handled::Parked | Handled::NoResponse => {}
        }
        self.after_engine();
    }

    /// Sends a reply from `broker` to `client` over the network.
    fn reply(
        &mut self,
        client: u32,
        broker: BrokerId,
        connection: u64,
        correlation: u64,
        reply: Reply,
    ) {
        if self.is_broken(client, broker, connection) {
            return;
        }
        let (from, to) = (Node::broker(broker), Node::Client(client));
        if let Some(at) = self.transmit(from, to) {
            let event = SimEvent::Reply { client, broker, connection, correlation, reply };
            self.queue.schedule(at, event);
        } else {
            self.break_connection(client, broker, connection);
        }
    }

    /// When a message sent now from `from` to `to` arrives; `None` when a partition stops it.
    /// Retransmissions and cuts are traced.
    fn transmit(&mut self, from: Node, to: Node) -> Option<Timestamp> {
        match self.net.send(from, to, self.now, &mut self.rng) {
            Transit::Arrives { at, retransmissions } => {
                if retransmissions > 0 {
                    self.record(TraceKind::Retransmitted { from, to, times: retransmissions });
                }
                Some(at)
            }
            Transit::Cut => {
                self.record(TraceKind::Cut { from, to });
                None
            }
        }
    }

    /// A partition stopped a message of this connection: the connection is dead, and nothing
    /// more goes over it (until the client, timing out, opens a new one).
    fn break_connection(&mut self, client: u32, broker: BrokerId, connection: u64) {
        let broken = self.broken.entry((client, broker)).or_insert(0);
        *broken = (*broken).max(connection + 1);
    }

    fn is_broken(&self, client: u32, broker: BrokerId, connection: u64) -> bool {
        self.broken.get(&(client, broker)).is_some_and(|b| connection < *b)
    }

    /// After the engine did something: its outputs go out, its events are traced, its next
    /// timer is scheduled.
    pub(crate) fn after_engine(&mut self) {
        while let Some(output) = self.engine.poll_output() {
            match output {
                Output::Response { client, request, broker, response } => {
                    if let Ok(client) = u32::try_from(client.0) {
                        let (connection, correlation) = split_request_id(request);
                        self.reply(
                            client,
                            broker,
                            connection,
                            correlation,
                            Reply::Response(response),
                        );
                    }
                }
                Output::Dropped { client, request, broker } => {
                    if let Ok(client) = u32::try_from(client.0) {
                        let (connection, correlation) = split_request_id(request);
                        self.reply(client, broker, connection, correlation, Reply::Disconnected);
                    }
                }
                Output::ToBroker(envelope) => {
                    let (from, to) = (Node::broker(envelope.from), Node::broker(envelope.to));
                    if let Some(at) = self.transmit(from, to) {
                        self.queue.schedule(at, SimEvent::Replication(envelope));
                    }
                }
            }
        }
        for record in self.engine.take_events() {
            self.trace.push(crate::trace::TraceEntry {
                step: self.steps(),
                time: record.time,
                kind: TraceKind::Engine(record.event),
            });
        }
        if let Some(due) = self.engine.next_deadline()
            && self.engine_tick_at.is_none_or(|t| due < t)
        {
            let at = due.max(self.now);
            self.engine_tick_at = Some(at);
            self.queue.schedule(at, SimEvent::EngineTick);
        }
    }

    pub(crate) fn reschedule_client(&mut self, id: u32) {
        let now = self.now;
        let next = match self.clients.get(&id) {
            Some(SimClient::Producer(p)) => p.next_wake(now),
            Some(SimClient::Consumer(c)) => c.next_wake(now),
            None => None,
        };
        let Some(next) = next else { return };
        if self.client_wakes.get(&id).is_none_or(|t| next < *t || *t < now) {
            self.client_wakes.insert(id, next);
            self.queue.schedule(next, SimEvent::ClientWake { client: id });
        }
    }

    /// The time of the next event, if any.
    pub fn next_event_time(&self) -> Option<Timestamp> {
        self.queue.next_time()
    }
}

/// The engine's request id for a client's request: its connection and correlation together.
fn request_id(connection: u64, correlation: u64) -> RequestId {
    RequestId((connection << 40) | (correlation & ((1 << 40) - 1)))
}

fn split_request_id(id: RequestId) -> (u64, u64) {
    (id.0 >> 40, id.0 & ((1 << 40) - 1))
}
