//! What the transaction coordinator and the leaders do with transactions, as events, each with a
//! sentence that says the rule behind it.

use std::fmt;

use crate::ids::{BrokerId, Offset, ProducerEpoch, ProducerId, TopicPartition};
use crate::record::TxnMarker;

/// Why a transaction ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxnEndReason {
    /// The producer asked (EndTxn: commit or abort).
    Requested,
    /// It stayed open longer than its `transaction.timeout.ms`.
    TimedOut {
        /// The timeout.
        timeout_ms: i32,
    },
    /// A new producer instance with the same transactional id called InitProducerId.
    Fenced,
}

/// A transaction's step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxnEvent {
    /// InitProducerId for a transactional id: a new producer id, or the same one with its epoch
    /// bumped, which fences every older instance.
    ProducerInitialized {
        /// The transactional id.
        transactional_id: String,
        /// Its producer id.
        producer_id: ProducerId,
        /// The new epoch.
        producer_epoch: ProducerEpoch,
    },
    /// AddPartitionsToTxn or AddOffsetsToTxn: the transaction covers more partitions or groups
    /// (and begins, if none was open).
    Extended {
        /// The transactional id.
        transactional_id: String,
        /// What was added: partitions (`orders-0`) or groups (`group billing`).
        added: Vec<String>,
        /// Whether this began the transaction.
        began: bool,
    },
    /// The transaction's fate is decided: markers go to its partitions.
    Ending {
        /// The transactional id.
        transactional_id: String,
        /// Its producer id.
        producer_id: ProducerId,
        /// Commit or abort.
        marker: TxnMarker,
        /// Why.
        reason: TxnEndReason,
    },
    /// A leader wrote a transaction marker.
    MarkerWritten {
        /// The partition.
        partition: TopicPartition,
        /// Its leader.
        broker: BrokerId,
        /// The producer whose transaction it ends.
        producer_id: ProducerId,
        /// Commit or abort.
        marker: TxnMarker,
        /// The marker's offset.
        offset: Offset,
    },
    /// Every marker is written.
    Completed {
        /// The transactional id.
        transactional_id: String,
        /// Commit or abort.
        marker: TxnMarker,
    },
}

fn verb(marker: TxnMarker) -> &'static str {
    match marker {
        TxnMarker::Commit => "commit",
        TxnMarker::Abort => "abort",
    }
}

impl fmt::Display for TxnEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TxnEvent::ProducerInitialized { transactional_id, producer_id, producer_epoch } => {
                write!(
                    f,
                    "transactional id {transactional_id}: producer id {producer_id}, epoch {producer_epoch}; any older instance is fenced"
                )
            }
            TxnEvent::Extended { transactional_id, added, began } => {
                let added = added.join(", ");
                if *began {
                    write!(f, "transaction {transactional_id} began with {added}")
                } else {
                    write!(f, "transaction {transactional_id} now also covers {added}")
                }
            }
            TxnEvent::Ending { transactional_id, marker, reason, .. } => {
                write!(f, "transaction {transactional_id} will {}: ", verb(*marker))?;
                match reason {
                    TxnEndReason::Requested => write!(f, "its producer asked (EndTxn)"),
                    TxnEndReason::TimedOut { timeout_ms } => write!(
                        f,
                        "it was open longer than transaction.timeout.ms ({timeout_ms} ms)"
                    ),
                    TxnEndReason::Fenced => {
                        write!(f, "a new producer with the same transactional id started")
                    }
                }?;
                write!(f, "; every partition it wrote to gets a marker")
            }
            TxnEvent::MarkerWritten { partition, broker, producer_id, marker, offset } => {
                let visible = match marker {
                    TxnMarker::Commit => "read_committed consumers now read them",
                    TxnMarker::Abort => "read_committed consumers skip them",
                };
                write!(
                    f,
                    "leader {broker} wrote a {} marker at {partition} offset {offset} for producer {producer_id}'s records: {visible}",
                    verb(*marker).to_uppercase()
                )
            }
            TxnEvent::Completed { transactional_id, marker } => write!(
                f,
                "transaction {transactional_id}: every marker written, {}",
                match marker {
                    TxnMarker::Commit => "committed",
                    TxnMarker::Abort => "aborted",
                }
            ),
        }
    }
}
