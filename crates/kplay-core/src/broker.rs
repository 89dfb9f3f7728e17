//! One broker's own state: the replicas it hosts (each with its log and high watermark), its
//! fetchers (one per leader it follows), and the requests it holds parked.
//!
//! A stopped broker keeps its logs, as a stopped Kafka broker keeps its disk; everything else
//! here (fetchers, parked requests, leader bookkeeping) is process memory and is lost.

use crate::api::{FetchRequest, ProduceResponse};
use crate::cluster::PartitionState;
use crate::engine::TimerKey;
use crate::ids::{BrokerId, ClientId, LeaderEpoch, Offset, RequestId, Timestamp, TopicPartition};
use crate::log::Log;
use crate::replication::ReplicaFetchRequest;
use crate::vec_map::{VecMap, VecSet};

/// A replica of one partition on one broker.
#[derive(Debug)]
pub struct Replica {
    /// Its log.
    pub log: Log,
    /// Its high watermark: on the leader, the lowest log end offset in the ISR; on a follower,
    /// what the leader last told it.
    pub high_watermark: Offset,
    /// The leader's bookkeeping, while this replica leads.
    pub leader: Option<LeaderState>,
}

impl Replica {
    /// A replica with an empty log.
    pub fn new(log: Log) -> Self {
        Replica { log, high_watermark: Offset(0), leader: None }
    }
}

/// What a leader tracks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderState {
    /// The epoch it leads in.
    pub epoch: LeaderEpoch,
    /// Its log end offset when it became leader.
    pub epoch_start_offset: Offset,
    /// Each follower's progress.
    pub followers: VecMap<BrokerId, FollowerState>,
    /// Whether an ISR check is scheduled.
    pub isr_check_scheduled: bool,
}

/// A leader's view of one follower (Kafka's `Replica` state on the leader).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowerState {
    /// Its log end offset, known from its last fetch in this epoch.
    pub log_end_offset: Option<Offset>,
    /// The last time it was caught up with the leader's log end.
    pub last_caught_up: Timestamp,
    /// When it last fetched.
    pub last_fetch_time: Timestamp,
    /// The leader's log end offset at that fetch.
    pub last_fetch_leader_log_end_offset: Offset,
}

/// A follower broker's fetch loop towards one leader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fetcher {
    /// The partitions this broker follows on that leader.
    pub partitions: VecSet<TopicPartition>,
    /// The session of the fetch in flight, if any.
    pub in_flight: Option<u64>,
    /// Do not fetch again before this time (after an error).
    pub backoff_until: Option<Timestamp>,
    /// The timer that gives up on the fetch in flight.
    pub timeout: Option<TimerKey>,
}

/// A parked acks=all produce, waiting for the ISR.
#[derive(Clone, Debug, PartialEq)]
pub struct ParkedProduce {
    /// Its id.
    pub id: u64,
    /// The client.
    pub client: ClientId,
    /// The request.
    pub request: RequestId,
    /// The response so far.
    pub response: ProduceResponse,
    /// Its `timeout_ms` timer.
    pub timer: TimerKey,
    /// Partitions still waiting: (topic index, partition index in the response, partition, the
    /// offset the high watermark must reach).
    pub waiting: Vec<(usize, usize, TopicPartition, Offset)>,
}

/// A parked consumer fetch (long poll).
#[derive(Clone, Debug, PartialEq)]
pub struct ParkedFetch {
    /// Its id.
    pub id: u64,
    /// The client.
    pub client: ClientId,
    /// The request.
    pub request_id: RequestId,
    /// The fetch.
    pub request: FetchRequest,
    /// Its `max_wait_ms` timer.
    pub timer: TimerKey,
}

/// A parked follower fetch (long poll).
#[derive(Clone, Debug, PartialEq)]
pub struct ParkedReplicaFetch {
    /// Its id.
    pub id: u64,
    /// The follower.
    pub follower: BrokerId,
    /// The fetch.
    pub request: ReplicaFetchRequest,
    /// Its `replica.fetch.wait.max.ms` timer.
    pub timer: TimerKey,
}

/// One broker.
#[derive(Debug)]
pub struct BrokerNode {
    /// Its id.
    pub id: BrokerId,
    /// Whether its process is running.
    pub running: bool,
    /// Bumped at every start, so timers of an earlier life are ignored.
    pub incarnation: u64,
    /// Its replicas.
    pub replicas: VecMap<TopicPartition, Replica>,
    /// Its fetchers, by leader.
    pub fetchers: VecMap<BrokerId, Fetcher>,
    /// Parked acks=all produces.
    pub parked_produces: Vec<ParkedProduce>,
    /// Parked consumer fetches.
    pub parked_fetches: Vec<ParkedFetch>,
    /// Parked follower fetches.
    pub parked_replica_fetches: Vec<ParkedReplicaFetch>,
    /// Set while the broker runs but cannot reach the controller.
    pub lost_controller: Option<LostController>,
}

/// A running broker cut off from the controller: it no longer hears of leader or ISR changes, and
/// its heartbeats stop.
#[derive(Clone, Debug, PartialEq)]
pub struct LostController {
    /// When it lost the controller (or when the current controller took over).
    pub since: Timestamp,
    /// Identifies the session timer that fences it, so an older one is ignored.
    pub session: u64,
    /// The partitions it led then, as it last knew them: it keeps leading them with that ISR.
    pub led: VecMap<TopicPartition, PartitionState>,
}

impl BrokerNode {
    /// A new, running broker with no replicas.
    pub fn new(id: BrokerId) -> Self {
        BrokerNode {
            id,
            running: true,
            incarnation: 0,
            replicas: VecMap::new(),
            fetchers: VecMap::new(),
            parked_produces: Vec::new(),
            parked_fetches: Vec::new(),
            parked_replica_fetches: Vec::new(),
            lost_controller: None,
        }
    }
}
