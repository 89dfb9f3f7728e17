//! InitProducerId (22): hands an idempotent producer its id and epoch, and a transactional one
//! its transactional id's producer with the epoch bumped (with the `transactions` feature).

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{ProducerEpoch, ProducerId};

/// InitProducerId request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitProducerIdRequest {
    /// A transactional producer's id.
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

impl Engine {
    pub(crate) fn handle_init_producer_id(
        &mut self,
        ctx: RequestContext,
        request: InitProducerIdRequest,
    ) -> Handled {
        if let Some(transactional_id) = &request.transactional_id {
            // As Kafka's TransactionCoordinator: an empty transactional id is an invalid request.
            let result = if transactional_id.is_empty() {
                Err(ErrorCode::InvalidRequest)
            } else {
                self.init_transactional(ctx, transactional_id, &request)
            };
            let response = match result {
                Ok((producer_id, producer_epoch)) => {
                    InitProducerIdResponse { error: None, producer_id, producer_epoch }
                }
                Err(error) => InitProducerIdResponse {
                    error: Some(error),
                    producer_id: ProducerId::NONE,
                    producer_epoch: ProducerEpoch::NONE,
                },
            };
            return Handled::Response(response.into());
        }
        // Without a transactional id Kafka always hands out a new id at epoch 0.
        let producer_id = ProducerId(self.next_producer_id);
        self.next_producer_id += 1;
        let producer_epoch = ProducerEpoch(0);
        self.emit(Event::ProducerIdAllocated { producer_id, producer_epoch });
        Handled::Response(
            InitProducerIdResponse { error: None, producer_id, producer_epoch }.into(),
        )
    }

    #[cfg(feature = "transactions")]
    fn init_transactional(
        &mut self,
        ctx: RequestContext,
        transactional_id: &str,
        request: &InitProducerIdRequest,
    ) -> Result<(ProducerId, ProducerEpoch), ErrorCode> {
        let requested = (request.producer_id, request.producer_epoch);
        let timeout = request.transaction_timeout_ms;
        self.init_transactional_producer(ctx.broker, transactional_id, timeout, requested)
    }

    #[cfg(not(feature = "transactions"))]
    fn init_transactional(
        &mut self,
        _ctx: RequestContext,
        _transactional_id: &str,
        _request: &InitProducerIdRequest,
    ) -> Result<(ProducerId, ProducerEpoch), ErrorCode> {
        Err(ErrorCode::CoordinatorNotAvailable)
    }
}
