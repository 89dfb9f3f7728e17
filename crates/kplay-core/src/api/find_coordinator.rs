//! FindCoordinator (10): which broker coordinates a group — the leader of the group's
//! `__consumer_offsets` partition.

use crate::error::KafkaError;
use crate::ids::BrokerId;

/// What kind of coordinator is sought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoordinatorType {
    /// A consumer group's coordinator.
    Group,
    /// A transactional producer's coordinator (not supported: kplay has no transactions).
    Transaction,
}

/// FindCoordinator request (v4+ asks for several keys; older versions for one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindCoordinatorRequest {
    /// The kind of coordinator.
    pub key_type: CoordinatorType,
    /// The group ids.
    pub keys: Vec<String>,
}

/// One key's coordinator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coordinator {
    /// The key.
    pub key: String,
    /// The coordinator, or [`BrokerId::NONE`] with an error.
    pub node_id: BrokerId,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// FindCoordinator response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindCoordinatorResponse {
    /// Per-key results, in request order.
    pub coordinators: Vec<Coordinator>,
}
