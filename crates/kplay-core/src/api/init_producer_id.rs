//! InitProducerId (22): hands an idempotent producer its id and epoch.

use crate::error::ErrorCode;
use crate::ids::{ProducerEpoch, ProducerId};

/// InitProducerId request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitProducerIdRequest {
    /// A transactional id; kplay has no transactions and rejects it.
    pub transactional_id: Option<String>,
    /// The transaction timeout.
    pub transaction_timeout_ms: i32,
    /// The producer's current id (v3+), or -1.
    pub producer_id: ProducerId,
    /// The producer's current epoch (v3+), or -1.
    pub producer_epoch: ProducerEpoch,
}

/// InitProducerId response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitProducerIdResponse {
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The producer's id.
    pub producer_id: ProducerId,
    /// The producer's epoch.
    pub producer_epoch: ProducerEpoch,
}
