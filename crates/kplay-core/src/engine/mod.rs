//! The engine: a whole Kafka cluster as one sans-I/O state machine.
//!
//! A driver feeds it requests ([`Engine::handle`]), messages between brokers
//! ([`Engine::deliver`]) and the passage of time ([`Engine::tick`]), and takes out responses,
//! broker-to-broker messages and dropped connections ([`Engine::poll_output`]) and events
//! ([`Engine::take_events`]). [`Engine::next_deadline`] says when the next timer is due. Nothing
//! happens between calls, and the same calls in the same order always produce the same outputs
//! and events.
//!
//! ```
//! use kplay_core::engine::{Engine, Handled};
//! use kplay_core::api::{CreateTopicsRequest, NewTopic, Request, Response};
//! use kplay_core::{BrokerId, ClientId, EngineConfig, RequestId, Timestamp};
//!
//! let mut engine = Engine::new(EngineConfig::default());
//! for id in 1..=3 {
//!     engine.add_broker(Timestamp(0), BrokerId(id), None).unwrap();
//! }
//! let create = CreateTopicsRequest { topics: vec![NewTopic::new("orders", 3, 3)], validate_only: false };
//! let Handled::Response(Response::CreateTopics(r)) =
//!     engine.handle(Timestamp(1), BrokerId(1), ClientId(1), RequestId(1), Request::CreateTopics(create))
//! else { panic!() };
//! assert_eq!(r.topics[0].error, None);
//! assert_eq!(engine.image().topics["orders"].partitions.len(), 3);
//! ```

mod contact;
mod follower;
mod leader_fetch;
mod leadership;
mod lifecycle;
mod maintenance;
mod parked;
mod timers;
mod topics;
#[cfg(feature = "transactions")]
mod transactions;
mod view;

use std::collections::VecDeque;

pub use lifecycle::Shutdown;
pub(crate) use parked::Verdict;
pub use timers::TimerKey;
pub(crate) use timers::{Timer, Timers};
pub use topics::{
    MAX_PARTITIONS_PER_TOPIC, OFFSETS_TOPIC, java_string_hash, offsets_partition_for,
};
pub use view::PartitionView;

use crate::api::{Request, Response};
use crate::broker::{BrokerNode, ParkedFetch, ParkedProduce};
use crate::cluster::ClusterImage;
use crate::config::EngineConfig;
use crate::event::{Event, EventRecord};
use crate::group::{GroupCoordinator, GroupReply, Pending};
use crate::ids::{BrokerId, ClientId, RequestId, Timestamp, TopicPartition};
use crate::log::{LogStorage, MemoryStorage};
use crate::replication::{BrokerMessage, Envelope};
use crate::rng::SplitMix64;
use crate::vec_map::VecSet;

/// What became of a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Handled {
    /// Answered at once.
    Response(Response),
    /// Parked: the answer comes out of [`Engine::poll_output`] later.
    Parked,
    /// No answer will ever come (acks=0).
    NoResponse,
    /// The broker is not running: the connection is refused.
    BrokerUnavailable,
}

/// Something the engine sends out.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// A response to a parked request.
    Response {
        /// The client.
        client: ClientId,
        /// The request.
        request: RequestId,
        /// The broker that answers.
        broker: BrokerId,
        /// The response.
        response: Response,
    },
    /// A parked request that will never be answered: its broker stopped and the connection is
    /// gone.
    Dropped {
        /// The client.
        client: ClientId,
        /// The request.
        request: RequestId,
        /// The broker that stopped.
        broker: BrokerId,
    },
    /// A message for another broker, to be passed to [`Engine::deliver`].
    ToBroker(Envelope),
}

/// Makes the storage for a new replica's log.
pub type StorageFactory = Box<dyn FnMut(BrokerId, &TopicPartition) -> Box<dyn LogStorage> + Send>;

/// Who sent a request, and to which broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RequestContext {
    pub(crate) broker: BrokerId,
    pub(crate) client: ClientId,
    pub(crate) request: RequestId,
}

impl RequestContext {
    pub(crate) fn pending(self) -> Pending {
        Pending { client: self.client, request: self.request, broker: self.broker }
    }
}

/// A Kafka cluster.
pub struct Engine {
    pub(crate) config: EngineConfig,
    pub(crate) now: Timestamp,
    pub(crate) rng: SplitMix64,
    pub(crate) image: ClusterImage,
    pub(crate) brokers: crate::vec_map::VecMap<BrokerId, BrokerNode>,
    pub(crate) groups: GroupCoordinator,
    #[cfg(feature = "transactions")]
    pub(crate) txns: crate::txn::TxnCoordinator,
    pub(crate) timers: Timers,
    outbox: VecDeque<Output>,
    events: Vec<EventRecord>,
    next_id: u64,
    pub(crate) next_producer_id: i64,
    /// Followers whose fetchers may need to send.
    fetchers_due: VecSet<BrokerId>,
    periodic_scheduled: bool,
    storage: StorageFactory,
    /// Broker-to-broker links the network has cut, each as (lower id, higher id).
    cut_links: VecSet<(BrokerId, BrokerId)>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("now", &self.now)
            .field("image", &self.image)
            .field("brokers", &self.brokers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// A cluster with no brokers, keeping logs in memory.
    pub fn new(config: EngineConfig) -> Engine {
        Engine::with_storage(config, Box::new(|_, _| Box::new(MemoryStorage::new())))
    }

    /// A cluster with no brokers, keeping logs where `storage` says.
    pub fn with_storage(config: EngineConfig, storage: StorageFactory) -> Engine {
        let groups = GroupCoordinator::new(config.group.clone(), config.seed ^ 0x6b70_6c61_7967);
        Engine {
            rng: SplitMix64::new(config.seed),
            config,
            now: Timestamp(0),
            image: ClusterImage::default(),
            brokers: Default::default(),
            groups,
            #[cfg(feature = "transactions")]
            txns: Default::default(),
            timers: Timers::default(),
            outbox: VecDeque::new(),
            events: Vec::new(),
            next_id: 0,
            next_producer_id: 0,
            fetchers_due: VecSet::new(),
            periodic_scheduled: false,
            storage,
            cut_links: VecSet::new(),
        }
    }

    /// The cluster's configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// The latest time the engine has been given.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Handles a client's request to `broker`. Time never goes back: an earlier `now` than one
    /// already seen is taken as the latest.
    pub fn handle(
        &mut self,
        now: Timestamp,
        broker: BrokerId,
        client: ClientId,
        request_id: RequestId,
        request: Request,
    ) -> Handled {
        self.advance(now);
        if !self.brokers.get(&broker).is_some_and(|b| b.running) {
            return Handled::BrokerUnavailable;
        }
        let ctx = RequestContext { broker, client, request: request_id };
        let handled = self.dispatch(ctx, request);
        self.settle();
        handled
    }

    /// Delivers a message from one broker to another. Messages to a broker that is not running
    /// are lost, as they would be on a closed connection.
    pub fn deliver(&mut self, now: Timestamp, envelope: Envelope) {
        self.advance(now);
        if !self.brokers.get(&envelope.to).is_some_and(|b| b.running) {
            return;
        }
        match envelope.message {
            BrokerMessage::Fetch(request) => {
                self.on_replica_fetch(envelope.to, envelope.from, request)
            }
            BrokerMessage::FetchResponse(response) => {
                self.on_replica_fetch_response(envelope.to, envelope.from, response)
            }
        }
        self.settle();
    }

    /// Fires every timer due at or before `now`.
    pub fn tick(&mut self, now: Timestamp) {
        self.advance(now);
        while let Some(timer) = self.timers.pop_due(self.now) {
            self.fire(timer);
            self.settle();
        }
        self.groups.tick(self.now);
        self.settle();
    }

    /// When [`Engine::tick`] next has something to do.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        match (self.timers.next_due(), self.groups.next_deadline()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The next output, in the order produced.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outbox.pop_front()
    }

    /// The events since the last call, in the order they happened.
    pub fn take_events(&mut self) -> Vec<EventRecord> {
        std::mem::take(&mut self.events)
    }

    /// Forgets a client's parked requests (its connection closed).
    pub fn client_disconnected(&mut self, client: ClientId) {
        let mut timers = Vec::new();
        for broker in self.brokers.values_mut() {
            let (gone, kept) = broker.parked_produces.drain(..).partition(|p| p.client == client);
            broker.parked_produces = kept;
            timers.extend(gone.iter().map(|p: &ParkedProduce| p.timer));
            let (gone, kept) = broker.parked_fetches.drain(..).partition(|p| p.client == client);
            broker.parked_fetches = kept;
            timers.extend(gone.iter().map(|p: &ParkedFetch| p.timer));
        }
        for key in timers {
            self.timers.cancel(key);
        }
        self.groups.client_disconnected(client);
    }

    /// Delivers every broker-to-broker message at once, as a network without latency would,
    /// until none is left, and returns the other outputs in order. Drivers that model no network
    /// (tests, the native server) call this after each step.
    pub fn deliver_all(&mut self, now: Timestamp) -> Vec<Output> {
        let mut out = Vec::new();
        while let Some(output) = self.poll_output() {
            match output {
                Output::ToBroker(envelope) => self.deliver(now, envelope),
                other => out.push(other),
            }
        }
        out
    }

    fn advance(&mut self, now: Timestamp) {
        self.now = self.now.max(now);
    }

    fn dispatch(&mut self, ctx: RequestContext, request: Request) -> Handled {
        match request {
            Request::Produce(r) => self.handle_produce(ctx, r),
            Request::Fetch(r) => self.handle_fetch(ctx, r),
            Request::ListOffsets(r) => self.handle_list_offsets(ctx, r),
            Request::Metadata(r) => self.handle_metadata(ctx, r),
            Request::OffsetCommit(r) => self.handle_offset_commit(ctx, r),
            Request::OffsetFetch(r) => self.handle_offset_fetch(ctx, r),
            Request::FindCoordinator(r) => self.handle_find_coordinator(ctx, r),
            Request::JoinGroup(r) => self.handle_join_group(ctx, r),
            Request::Heartbeat(r) => self.handle_heartbeat(ctx, r),
            Request::LeaveGroup(r) => self.handle_leave_group(ctx, r),
            Request::SyncGroup(r) => self.handle_sync_group(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::DescribeGroups(r) => self.handle_describe_groups(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::ListGroups(r) => self.handle_list_groups(ctx, r),
            Request::CreateTopics(r) => self.handle_create_topics(ctx, r),
            Request::DeleteTopics(r) => self.handle_delete_topics(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::DeleteRecords(r) => self.handle_delete_records(ctx, r),
            Request::InitProducerId(r) => self.handle_init_producer_id(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::DescribeConfigs(r) => self.handle_describe_configs(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::AlterConfigs(r) => self.handle_alter_configs(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::DescribeLogDirs(r) => self.handle_describe_log_dirs(ctx, r),
            Request::CreatePartitions(r) => self.handle_create_partitions(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::DeleteGroups(r) => self.handle_delete_groups(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::ElectLeaders(r) => self.handle_elect_leaders(ctx, r),
            Request::IncrementalAlterConfigs(r) => self.handle_incremental_alter_configs(ctx, r),
            #[cfg(feature = "admin-apis")]
            Request::OffsetDelete(r) => self.handle_offset_delete(ctx, r),
            #[cfg(feature = "transactions")]
            Request::AddPartitionsToTxn(r) => self.handle_add_partitions_to_txn(ctx, r),
            #[cfg(feature = "transactions")]
            Request::AddOffsetsToTxn(r) => self.handle_add_offsets_to_txn(ctx, r),
            #[cfg(feature = "transactions")]
            Request::EndTxn(r) => self.handle_end_txn(ctx, r),
            #[cfg(feature = "transactions")]
            Request::TxnOffsetCommit(r) => self.handle_txn_offset_commit(ctx, r),
            #[cfg(feature = "transactions")]
            Request::DescribeProducers(r) => self.handle_describe_producers(ctx, r),
            #[cfg(feature = "transactions")]
            Request::DescribeTransactions(r) => self.handle_describe_transactions(ctx, r),
            #[cfg(feature = "transactions")]
            Request::ListTransactions(r) => self.handle_list_transactions(ctx, r),
        }
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::ProduceTimeout { broker, id } => self.produce_timed_out(broker, id),
            Timer::FetchTimeout { broker, id } => self.fetch_timed_out(broker, id),
            Timer::ReplicaFetchTimeout { broker, id } => self.replica_fetch_timed_out(broker, id),
            Timer::FetcherTimeout { broker, leader, session } => {
                self.fetcher_timed_out(broker, leader, session)
            }
            Timer::FetcherBackoff { broker, .. } => self.mark_fetcher_due(broker),
            Timer::IsrCheck { broker, partition } => self.check_isr(broker, &partition),
            Timer::BrokerSession { broker, incarnation } => {
                self.broker_session_expired(broker, incarnation)
            }
            Timer::ControllerSession { broker, session } => {
                self.controller_session_expired(broker, session)
            }
            Timer::LogMaintenance => self.run_log_maintenance(),
            Timer::LeaderImbalance => self.run_leader_imbalance_check(),
            #[cfg(feature = "transactions")]
            Timer::TxnTimeout { transactional_id, started } => {
                self.txn_timed_out(&transactional_id, started)
            }
            #[cfg(feature = "transactions")]
            Timer::TxnMarkerRetry { transactional_id } => self.retry_txn_markers(&transactional_id),
        }
    }

    /// After every step: group answers and events come out, idle fetchers send.
    fn settle(&mut self) {
        for record in self.groups.take_events() {
            self.events.push(record);
        }
        for (pending, reply) in self.groups.take_completed() {
            let response = match reply {
                GroupReply::Join(r) => Response::JoinGroup(r),
                GroupReply::Sync(r) => Response::SyncGroup(r),
            };
            if self.brokers.get(&pending.broker).is_some_and(|b| b.running) {
                self.respond_later(pending.client, pending.request, pending.broker, response);
            } else {
                // The coordinator's process is gone, and the connection with it.
                let (client, request, broker) = (pending.client, pending.request, pending.broker);
                self.send(Output::Dropped { client, request, broker });
            }
        }
        self.pump_fetchers();
    }

    pub(crate) fn emit(&mut self, event: Event) {
        self.events.push(EventRecord { time: self.now, event });
    }

    pub(crate) fn send(&mut self, output: Output) {
        self.outbox.push_back(output);
    }

    pub(crate) fn respond_later(
        &mut self,
        client: ClientId,
        request: RequestId,
        broker: BrokerId,
        response: Response,
    ) {
        self.outbox.push_back(Output::Response { client, request, broker, response });
    }

    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub(crate) fn mark_fetcher_due(&mut self, broker: BrokerId) {
        self.fetchers_due.insert(broker);
    }

    fn pump_fetchers(&mut self) {
        while let Some(broker) = self.fetchers_due.pop_first() {
            self.send_fetches(broker);
        }
    }

    pub(crate) fn new_storage(
        &mut self,
        broker: BrokerId,
        tp: &TopicPartition,
    ) -> Box<dyn LogStorage> {
        (self.storage)(broker, tp)
    }

    pub(crate) fn schedule_periodic(&mut self) {
        if self.periodic_scheduled {
            return;
        }
        self.periodic_scheduled = true;
        let now = self.now;
        self.timers.schedule(
            now.plus_ms(self.config.log_retention_check_interval_ms),
            Timer::LogMaintenance,
        );
        self.timers.schedule(
            now.plus_ms(self.config.leader_imbalance_check_interval_ms),
            Timer::LeaderImbalance,
        );
    }
}
