//! The driver: one task owns the engine, feeds it requests, and drives its clock.
//!
//! The engine is a sans-I/O state machine, so something must own it, call it one step at a time,
//! and keep its promises: answers to parked requests (a long-poll fetch, a JoinGroup waiting for
//! the other members) come out of the engine later and must find the connection that asked;
//! timers must fire when `next_deadline` says. This task does all of that, with the wall clock
//! (milliseconds since the Unix epoch, as record timestamps are) as the engine's time. Messages
//! between brokers are delivered at once, the brokers being in one process.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kplay_core::api::{Request, Response};
use kplay_core::engine::{Engine, Handled, Output};
use kplay_core::event::{Event, EventRecord};
use kplay_core::{BrokerId, ClientId, RequestId, Timestamp};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::live::{LiveFeed, LiveImages};

/// What became of a request.
#[derive(Debug)]
pub enum Reply {
    /// The engine's answer.
    Response(Response),
    /// No answer is sent (acks=0); `failed` if a partition was refused, which Kafka tells an
    /// acks=0 producer by closing the connection.
    NoResponse {
        /// Whether any partition failed.
        failed: bool,
    },
}

enum Command {
    Request {
        broker: BrokerId,
        client: ClientId,
        request: Box<Request>,
        reply: oneshot::Sender<Reply>,
    },
    Disconnected(ClientId),
    Live(oneshot::Sender<(kplay_live::LiveImage, LiveImages)>),
}

/// A handle to the engine's task; cheap to clone.
#[derive(Clone, Debug)]
pub struct EngineHandle {
    commands: mpsc::UnboundedSender<Command>,
}

impl EngineHandle {
    /// Sends `request` to `broker` for `client`; the answer comes on the returned channel, which
    /// closes without one if the engine drops the request.
    pub fn request(
        &self,
        broker: BrokerId,
        client: ClientId,
        request: Request,
    ) -> oneshot::Receiver<Reply> {
        let (reply, answer) = oneshot::channel();
        // A stopped engine drops the sender, which the connection sees as a closed channel.
        let request = Box::new(request);
        let _ = self.commands.send(Command::Request { broker, client, request, reply });
        answer
    }

    /// Tells the engine a client's connection closed.
    pub fn disconnected(&self, client: ClientId) {
        let _ = self.commands.send(Command::Disconnected(client));
    }

    /// The engine's live image now and the images published from then on (starting the live
    /// feed if it is not running); `None` if the engine has stopped.
    pub async fn live(&self) -> Option<(kplay_live::LiveImage, LiveImages)> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(Command::Live(reply)).ok()?;
        answer.await.ok()
    }
}

/// The wall clock as the engine's time.
pub fn now() -> Timestamp {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    Timestamp(i64::try_from(ms).unwrap_or(i64::MAX))
}

/// Starts the engine's task; it ends when every handle is dropped.
pub fn spawn(engine: Engine) -> EngineHandle {
    let (commands, receiver) = mpsc::unbounded_channel();
    tokio::spawn(
        Driver { engine, pending: BTreeMap::new(), next_request: 0, live: None }.run(receiver),
    );
    EngineHandle { commands }
}

struct Driver {
    engine: Engine,
    pending: BTreeMap<(ClientId, RequestId), oneshot::Sender<Reply>>,
    next_request: u64,
    live: Option<LiveFeed>,
}

impl Driver {
    async fn run(mut self, mut commands: mpsc::UnboundedReceiver<Command>) {
        loop {
            let wake = self.engine.next_deadline().map(|due| {
                let wait = due.0.saturating_sub(now().0).max(0);
                Instant::now() + Duration::from_millis(u64::try_from(wait).unwrap_or(0))
            });
            let publish = self.live.as_ref().and_then(LiveFeed::due);
            tokio::select! {
                command = commands.recv() => match command {
                    Some(command) => self.command(command),
                    None => break,
                },
                () = sleep_until(wake), if wake.is_some() => self.engine.tick(now()),
                () = sleep_until(publish), if publish.is_some() => {
                    if let Some(live) = &mut self.live {
                        live.publish(&self.engine);
                    }
                }
            }
            self.flush();
        }
    }

    fn command(&mut self, command: Command) {
        match command {
            Command::Request { broker, client, request, reply } => {
                self.next_request += 1;
                let id = RequestId(self.next_request);
                match self.engine.handle(now(), broker, client, id, *request) {
                    Handled::Response(response) => {
                        let _ = reply.send(Reply::Response(response));
                    }
                    Handled::NoResponse => {
                        // The engine reports each refused partition as an event of this call.
                        let events = self.engine.take_events();
                        let failed =
                            events.iter().any(|e| matches!(e.event, Event::ProduceFailed { .. }));
                        self.publish(&events);
                        let _ = reply.send(Reply::NoResponse { failed });
                    }
                    Handled::Parked => {
                        self.pending.insert((client, id), reply);
                    }
                    // Dropping the sender closes the connection, as a stopped broker's would.
                    Handled::BrokerUnavailable => {}
                }
            }
            Command::Disconnected(client) => {
                self.engine.client_disconnected(client);
                self.pending.retain(|(c, _), _| *c != client);
            }
            Command::Live(reply) => {
                let live = self.live.get_or_insert_with(LiveFeed::new);
                let _ = reply.send(live.subscribe(&self.engine));
            }
        }
    }

    /// Delivers what the engine produced: answers to parked requests, and its events to the log.
    fn flush(&mut self) {
        for output in self.engine.deliver_all(now()) {
            match output {
                Output::Response { client, request, response, .. } => {
                    if let Some(reply) = self.pending.remove(&(client, request)) {
                        let _ = reply.send(Reply::Response(response));
                    }
                }
                Output::Dropped { client, request, .. } => {
                    self.pending.remove(&(client, request));
                }
                Output::ToBroker(_) => {}
            }
        }
        let events = self.engine.take_events();
        self.publish(&events);
    }

    /// Logs the engine's events and hands them to the live view, if one is watching.
    fn publish(&mut self, events: &[EventRecord]) {
        for record in events {
            tracing::debug!(target: "kplay::events", at = record.time.0, "{}", record.event);
        }
        if let Some(live) = &mut self.live {
            live.record(events);
        }
    }
}

async fn sleep_until(wake: Option<Instant>) {
    match wake {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
