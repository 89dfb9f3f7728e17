//! AddOffsetsToTxn (25): a transactional producer says it will commit a group's offsets in its
//! transaction (TxnOffsetCommit to the group coordinator follows).

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{GroupId, ProducerEpoch, ProducerId};

/// AddOffsetsToTxn request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddOffsetsToTxnRequest {
    /// The producer's transactional id.
    pub transactional_id: String,
    /// Its producer id.
    pub producer_id: ProducerId,
    /// Its epoch.
    pub producer_epoch: ProducerEpoch,
    /// The group.
    pub group_id: GroupId,
}

/// AddOffsetsToTxn response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddOffsetsToTxnResponse {
    /// The error, if any.
    pub error: Option<ErrorCode>,
}

impl Engine {
    pub(crate) fn handle_add_offsets_to_txn(
        &mut self,
        ctx: RequestContext,
        request: AddOffsetsToTxnRequest,
    ) -> Handled {
        let error = self
            .add_to_transaction(
                ctx.broker,
                &request.transactional_id,
                (request.producer_id, request.producer_epoch),
                &[],
                Some(request.group_id),
            )
            .err();
        Handled::Response(AddOffsetsToTxnResponse { error }.into())
    }
}
