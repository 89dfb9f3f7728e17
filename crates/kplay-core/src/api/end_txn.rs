//! EndTxn (26): a transactional producer commits or aborts its transaction. The coordinator
//! writes a COMMIT or ABORT marker to every partition the transaction wrote to, and commits or
//! drops the group offsets it carried.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{ProducerEpoch, ProducerId};

/// EndTxn request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndTxnRequest {
    /// The producer's transactional id.
    pub transactional_id: String,
    /// Its producer id.
    pub producer_id: ProducerId,
    /// Its epoch.
    pub producer_epoch: ProducerEpoch,
    /// Commit (true) or abort.
    pub committed: bool,
}

/// EndTxn response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndTxnResponse {
    /// The error, if any.
    pub error: Option<ErrorCode>,
}

impl Engine {
    pub(crate) fn handle_end_txn(
        &mut self,
        ctx: RequestContext,
        request: EndTxnRequest,
    ) -> Handled {
        let producer = (request.producer_id, request.producer_epoch);
        let error =
            self.end_txn(ctx.broker, &request.transactional_id, producer, request.committed).err();
        Handled::Response(EndTxnResponse { error }.into())
    }
}
