//! What each action did, and the sentence the page says about it.

use std::fmt;

use kplay_core::{BrokerId, LeaderEpoch, Offset, PartitionIndex};

use super::{BROKER_IDS, NextRecord, PARTITIONS, REPLICATION_FACTOR, TOPIC};

/// What an action did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The cluster was set up and the first records produced.
    Ready {
        /// How many records were produced.
        records: u64,
    },
    /// Setting up the cluster failed, with the reason.
    SetupFailed(String),
    /// A record was acknowledged: every in-sync replica has it.
    Produced {
        /// The record.
        record: NextRecord,
        /// The leader it was sent to.
        leader: BrokerId,
        /// The offset it got.
        offset: Offset,
        /// The partition's high watermark after it.
        high_watermark: Offset,
        /// The in-sync replicas that have it.
        isr: Vec<BrokerId>,
    },
    /// The leader appended the record, but acks=all is still waiting for the ISR.
    ProduceWaiting {
        /// The record.
        record: NextRecord,
        /// The leader holding it.
        leader: BrokerId,
    },
    /// The record was not appended.
    ProduceFailed {
        /// The record.
        record: NextRecord,
        /// Why, with Kafka's error name where the engine gave one.
        error: String,
    },
    /// A broker stopped cleanly.
    BrokerStopped {
        /// The broker.
        broker: BrokerId,
        /// The partitions whose leader changed.
        moves: Vec<LeaderMove>,
    },
    /// A broker started again.
    BrokerStarted {
        /// The broker.
        broker: BrokerId,
        /// How far its replicas reach now.
        caught_up: Vec<CaughtUp>,
        /// The partitions whose leader changed (offline ones it now leads).
        moves: Vec<LeaderMove>,
    },
    /// The action was refused; nothing changed.
    Refused(String),
}

/// A partition's leader changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeaderMove {
    /// The partition.
    pub partition: PartitionIndex,
    /// The old leader.
    pub from: Option<BrokerId>,
    /// The new leader; `None` if the partition went offline.
    pub to: Option<BrokerId>,
    /// The new leader epoch.
    pub leader_epoch: LeaderEpoch,
}

/// A started broker's replica of one partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaughtUp {
    /// The partition.
    pub partition: PartitionIndex,
    /// The replica's log end offset.
    pub log_end_offset: Offset,
    /// The partition's leader.
    pub leader: Option<BrokerId>,
    /// Whether the replica is back in the ISR.
    pub in_isr: bool,
}

impl Outcome {
    /// Whether the page should show this as an error.
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Outcome::SetupFailed(_) | Outcome::ProduceFailed { .. } | Outcome::Refused(_)
        )
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ready { records } => write!(
                f,
                "Started brokers {}, created topic {TOPIC} ({PARTITIONS} partitions, replication \
                 factor {REPLICATION_FACTOR}) and produced {records} records with acks=all.",
                list(&BROKER_IDS)
            ),
            Outcome::SetupFailed(reason) => write!(f, "Setting up the cluster failed: {reason}"),
            Outcome::Produced { record, leader, offset, high_watermark, isr } => write!(
                f,
                "Produced {} to {TOPIC}-{} at offset {offset} via leader {leader}. acks=all: \
                 in-sync replicas {} all have it, so the high watermark is now {high_watermark}.",
                record.key,
                record.partition,
                list(isr)
            ),
            Outcome::ProduceWaiting { record, leader } => write!(
                f,
                "Leader {leader} appended {} to {TOPIC}-{}; acks=all is still waiting for the \
                 in-sync replicas.",
                record.key, record.partition
            ),
            Outcome::ProduceFailed { record, error } => {
                write!(
                    f,
                    "Could not produce {} to {TOPIC}-{}: {error}",
                    record.key, record.partition
                )
            }
            Outcome::BrokerStopped { broker, moves } => {
                write!(f, "Broker {broker} stopped cleanly (controlled shutdown).")?;
                if moves.is_empty() {
                    write!(f, " It led no partition, so no leader changed.")
                } else {
                    moves.iter().try_for_each(|m| write!(f, " {m}"))
                }
            }
            Outcome::BrokerStarted { broker, caught_up, moves } => {
                write!(f, "Broker {broker} started and fetched what it missed:")?;
                for (i, c) in caught_up.iter().enumerate() {
                    let sep = if i == 0 { " " } else { "; " };
                    write!(f, "{sep}{TOPIC}-{} up to offset {}", c.partition, c.log_end_offset)?;
                    if !c.in_isr {
                        write!(f, " (not yet in the ISR)")?;
                    }
                }
                write!(f, ".")?;
                moves.iter().try_for_each(|m| write!(f, " {m}"))
            }
            Outcome::Refused(reason) => write!(f, "{reason}"),
        }
    }
}

impl fmt::Display for LeaderMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, epoch) = (self.partition, self.leader_epoch);
        match (self.from, self.to) {
            (Some(from), Some(to)) => {
                write!(f, "{TOPIC}-{p}: leader {from} → {to} (epoch {epoch}).")
            }
            (None, Some(to)) => {
                write!(f, "{TOPIC}-{p} is back online: leader {to} (epoch {epoch}).")
            }
            (_, None) => write!(
                f,
                "{TOPIC}-{p} is offline: no other in-sync replica is running, so it waits for \
                 this one."
            ),
        }
    }
}

fn list(ids: &[BrokerId]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}
