//! The transaction coordinator's state (Kafka's `TransactionMetadata` and its state machine).
//!
//! Each transactional id maps to a producer id and epoch, its transaction timeout, and the
//! transaction under way: the partitions and groups it has touched. The states follow Kafka's:
//!
//! - `Empty`: no transaction since `InitProducerId` (or since the last one completed);
//! - `Ongoing`: AddPartitionsToTxn or AddOffsetsToTxn started one;
//! - `PrepareCommit` / `PrepareAbort`: EndTxn (or a timeout, or a new producer instance) decided
//!   its fate, and markers are being written to its partitions;
//! - `CompleteCommit` / `CompleteAbort`: every marker is written.
//!
//! The engine ([`crate::engine`]) checks requests against this state, writes the markers, and
//! moves the state on. Like groups' offsets in kplay, the state is kept by the coordinator
//! rather than written as records to `__transaction_state`, whose partition leaders still say
//! which broker coordinates which transactional id.

#[cfg(feature = "transactions")]
mod event;

#[cfg(feature = "transactions")]
pub use event::{TxnEndReason, TxnEvent};

use crate::ids::{GroupId, ProducerEpoch, ProducerId, Timestamp, TopicPartition};
use crate::vec_map::{VecMap, VecSet};

/// The topic whose partition leaders coordinate transactions.
pub const TRANSACTION_STATE_TOPIC: &str = "__transaction_state";

/// Where a transactional id's transaction stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TxnState {
    /// No transaction under way.
    Empty,
    /// A transaction is open.
    Ongoing,
    /// Committing: markers are being written.
    PrepareCommit,
    /// Aborting: markers are being written.
    PrepareAbort,
    /// The last transaction committed.
    CompleteCommit,
    /// The last transaction aborted.
    CompleteAbort,
}

impl TxnState {
    /// Kafka's name for the state, as DescribeTransactions reports it.
    pub fn as_str(self) -> &'static str {
        match self {
            TxnState::Empty => "Empty",
            TxnState::Ongoing => "Ongoing",
            TxnState::PrepareCommit => "PrepareCommit",
            TxnState::PrepareAbort => "PrepareAbort",
            TxnState::CompleteCommit => "CompleteCommit",
            TxnState::CompleteAbort => "CompleteAbort",
        }
    }

    /// The state that markers of this kind lead to from `Prepare*`.
    #[cfg(feature = "transactions")]
    pub(crate) fn preparing(marker: crate::record::TxnMarker) -> TxnState {
        match marker {
            crate::record::TxnMarker::Commit => TxnState::PrepareCommit,
            crate::record::TxnMarker::Abort => TxnState::PrepareAbort,
        }
    }

    /// The state once every marker of this kind is written.
    #[cfg(feature = "transactions")]
    pub(crate) fn completed(marker: crate::record::TxnMarker) -> TxnState {
        match marker {
            crate::record::TxnMarker::Commit => TxnState::CompleteCommit,
            crate::record::TxnMarker::Abort => TxnState::CompleteAbort,
        }
    }
}

/// One transactional id's producer and transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnMetadata {
    /// The producer id the transactional id maps to.
    pub producer_id: ProducerId,
    /// Its current epoch; older epochs are fenced.
    pub producer_epoch: ProducerEpoch,
    /// The epoch before the last InitProducerId bumped it, so that a retry of that request is
    /// answered again rather than fenced (Kafka's `lastProducerEpoch`); none after a fence.
    pub last_producer_epoch: Option<ProducerEpoch>,
    /// `transaction.timeout.ms`.
    pub timeout_ms: i32,
    /// The transaction's state.
    pub state: TxnState,
    /// The partitions the open transaction wrote to (or, while preparing, those whose marker is
    /// still to be written).
    pub partitions: VecSet<TopicPartition>,
    /// While preparing, the markers written but not yet passed by their partition's high
    /// watermark.
    pub markers: VecMap<TopicPartition, WrittenMarker>,
    /// The groups whose offsets the transaction commits.
    pub groups: VecSet<GroupId>,
    /// When the open transaction began.
    pub started: Timestamp,
}

/// Where a marker was written: its leader, the leader epoch then, and its offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrittenMarker {
    /// The leader that appended it.
    pub broker: crate::ids::BrokerId,
    /// Its leader epoch then.
    pub leader_epoch: crate::ids::LeaderEpoch,
    /// The marker's offset.
    pub offset: crate::ids::Offset,
}

/// Every transactional id the cluster knows.
#[derive(Clone, Debug, Default)]
pub struct TxnCoordinator {
    txns: VecMap<String, TxnMetadata>,
}

impl TxnCoordinator {
    /// A transactional id's metadata.
    pub fn get(&self, transactional_id: &str) -> Option<&TxnMetadata> {
        self.txns.get(transactional_id)
    }

    #[cfg(feature = "transactions")]
    pub(crate) fn get_mut(&mut self, transactional_id: &str) -> Option<&mut TxnMetadata> {
        self.txns.get_mut(transactional_id)
    }

    #[cfg(feature = "transactions")]
    pub(crate) fn insert(&mut self, transactional_id: String, metadata: TxnMetadata) {
        self.txns.insert(transactional_id, metadata);
    }

    /// Every transactional id with its metadata, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &TxnMetadata)> {
        self.txns.iter()
    }
}
