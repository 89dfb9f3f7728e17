//! DescribeTransactions (65): a transaction's state as its coordinator holds it
//! (`kafka-transactions.sh describe`).

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{ProducerEpoch, ProducerId, Timestamp, TopicPartition};
use crate::txn::TxnState;

/// DescribeTransactions request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeTransactionsRequest {
    /// The transactional ids.
    pub transactional_ids: Vec<String>,
}

/// One transactional id's transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribedTransaction {
    /// The transactional id.
    pub transactional_id: String,
    /// NOT_COORDINATOR, TRANSACTIONAL_ID_NOT_FOUND, or none.
    pub error: Option<ErrorCode>,
    /// Kafka's name for its state (`Ongoing`, `CompleteCommit`, …).
    pub state: &'static str,
    /// `transaction.timeout.ms`.
    pub timeout_ms: i32,
    /// When the open transaction began, or [`Timestamp::NONE`].
    pub start_time: Timestamp,
    /// Its producer id.
    pub producer_id: ProducerId,
    /// Its producer epoch.
    pub producer_epoch: ProducerEpoch,
    /// The partitions the open transaction covers.
    pub partitions: Vec<TopicPartition>,
}

/// DescribeTransactions response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeTransactionsResponse {
    /// One per transactional id, in request order.
    pub transactions: Vec<DescribedTransaction>,
}

impl Engine {
    pub(crate) fn handle_describe_transactions(
        &mut self,
        ctx: RequestContext,
        request: DescribeTransactionsRequest,
    ) -> Handled {
        let transactions = request
            .transactional_ids
            .into_iter()
            .map(|transactional_id| {
                let mut d = DescribedTransaction {
                    transactional_id,
                    error: None,
                    state: "",
                    timeout_ms: 0,
                    start_time: Timestamp::NONE,
                    producer_id: ProducerId::NONE,
                    producer_epoch: ProducerEpoch::NONE,
                    partitions: Vec::new(),
                };
                let checked = self.check_txn_coordinator(ctx.broker, &d.transactional_id);
                match self.transactions().get(&d.transactional_id) {
                    _ if checked.is_err() => d.error = checked.err(),
                    None => d.error = Some(ErrorCode::TransactionalIdNotFound),
                    Some(meta) => {
                        d.state = meta.state.as_str();
                        d.timeout_ms = meta.timeout_ms;
                        let open = matches!(
                            meta.state,
                            TxnState::Ongoing | TxnState::PrepareCommit | TxnState::PrepareAbort
                        );
                        if open {
                            d.start_time = meta.started;
                            d.partitions = meta.partitions.iter().cloned().collect();
                        }
                        d.producer_id = meta.producer_id;
                        d.producer_epoch = meta.producer_epoch;
                    }
                }
                d
            })
            .collect();
        Handled::Response(DescribeTransactionsResponse { transactions }.into())
    }
}
