//! ListTransactions (66): the transactions a broker coordinates (`kafka-transactions.sh list`),
//! filtered by state, producer id and, from v1, how long they have been open.

use crate::engine::{Engine, Handled, RequestContext};
use crate::ids::ProducerId;
use crate::txn::TxnState;

/// ListTransactions request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListTransactionsRequest {
    /// Only these states (Kafka's names); empty for all.
    pub state_filters: Vec<String>,
    /// Only these producer ids; empty for all.
    pub producer_id_filters: Vec<ProducerId>,
    /// Only transactions open longer than this many ms (v1+); -1 for all.
    pub duration_filter_ms: i64,
}

/// One listed transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedTransaction {
    /// The transactional id.
    pub transactional_id: String,
    /// Its producer id.
    pub producer_id: ProducerId,
    /// Kafka's name for its state.
    pub state: &'static str,
}

/// ListTransactions response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListTransactionsResponse {
    /// State filters that name no state.
    pub unknown_state_filters: Vec<String>,
    /// The transactions, in transactional id order.
    pub transactions: Vec<ListedTransaction>,
}

const STATES: [TxnState; 6] = [
    TxnState::Empty,
    TxnState::Ongoing,
    TxnState::PrepareCommit,
    TxnState::PrepareAbort,
    TxnState::CompleteCommit,
    TxnState::CompleteAbort,
];

impl Engine {
    pub(crate) fn handle_list_transactions(
        &mut self,
        ctx: RequestContext,
        request: ListTransactionsRequest,
    ) -> Handled {
        let known = |f: &String| STATES.iter().any(|s| s.as_str() == f.as_str());
        let unknown_state_filters =
            request.state_filters.iter().filter(|f| !known(f)).cloned().collect();
        let now = self.now;
        let transactions = self
            .transactions()
            .iter()
            .filter(|(id, _)| self.check_txn_coordinator(ctx.broker, id).is_ok())
            .filter(|(_, m)| {
                request.state_filters.is_empty()
                    || request.state_filters.iter().any(|f| f == m.state.as_str())
            })
            .filter(|(_, m)| {
                request.producer_id_filters.is_empty()
                    || request.producer_id_filters.contains(&m.producer_id)
            })
            .filter(|(_, m)| {
                request.duration_filter_ms < 0
                    || (m.state == TxnState::Ongoing
                        && now.ms_since(m.started) > request.duration_filter_ms)
            })
            .map(|(id, m)| ListedTransaction {
                transactional_id: id.clone(),
                producer_id: m.producer_id,
                state: m.state.as_str(),
            })
            .collect();
        Handled::Response(ListTransactionsResponse { unknown_state_filters, transactions }.into())
    }
}
