//! FindCoordinator (10): which broker coordinates a group — the leader of the group's
//! `__consumer_offsets` partition — or a transactional id — the leader of its
//! `__transaction_state` partition (with the `transactions` feature).

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::{ErrorCode, KafkaError};
use crate::ids::BrokerId;

/// What kind of coordinator is sought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoordinatorType {
    /// A consumer group's coordinator.
    Group,
    /// A transactional producer's coordinator.
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

impl Engine {
    pub(crate) fn handle_find_coordinator(
        &mut self,
        _ctx: RequestContext,
        request: FindCoordinatorRequest,
    ) -> Handled {
        let coordinators = request
            .keys
            .iter()
            .map(|key| {
                let found = match request.key_type {
                    CoordinatorType::Transaction if key.is_empty() => Err(KafkaError::new(
                        ErrorCode::InvalidRequest,
                        "The transactional id is empty.",
                    )),
                    #[cfg(feature = "transactions")]
                    CoordinatorType::Transaction => {
                        self.ensure_transaction_state_topic().and_then(|()| {
                            self.txn_coordinator_for(key).map(|(b, _)| b).map_err(KafkaError::from)
                        })
                    }
                    #[cfg(not(feature = "transactions"))]
                    CoordinatorType::Transaction => Err(KafkaError::new(
                        ErrorCode::CoordinatorNotAvailable,
                        "This engine was built without transactions.",
                    )),
                    CoordinatorType::Group if key.is_empty() => {
                        Err(KafkaError::new(ErrorCode::InvalidRequest, "The group id is empty."))
                    }
                    CoordinatorType::Group => self
                        .ensure_offsets_topic()
                        .and_then(|()| self.coordinator_for(key).map_err(KafkaError::from)),
                };
                match found {
                    Ok(node_id) => Coordinator { key: key.clone(), node_id, error: None },
                    Err(error) => Coordinator {
                        key: key.clone(),
                        node_id: BrokerId::NONE,
                        error: Some(error),
                    },
                }
            })
            .collect();
        Handled::Response(FindCoordinatorResponse { coordinators }.into())
    }

    /// Whether `broker` coordinates `group_id`, as every group request must check first.
    pub(crate) fn check_coordinator(
        &self,
        broker: BrokerId,
        group_id: &str,
    ) -> Result<(), ErrorCode> {
        if !self.image().topics.contains_key(crate::engine::OFFSETS_TOPIC) {
            return Err(ErrorCode::NotCoordinator);
        }
        match self.coordinator_for(group_id)? {
            b if b == broker => Ok(()),
            _ => Err(ErrorCode::NotCoordinator),
        }
    }
}
