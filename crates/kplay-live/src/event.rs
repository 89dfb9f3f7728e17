//! An engine event for the live view: its sentence, its kind (for the event log's filter) and
//! what it touched (so pointing at it highlights those brokers, partitions and groups).
//!
//! The kinds are the simulation view's engine kinds, so both views filter and colour the log
//! the same way.

use kplay_core::event::Event;
use kplay_core::{BrokerId, EventRecord, TopicPartition};
use serde::{Deserialize, Serialize};

use crate::types::{LiveEvent, LiveTopicPartition};

/// What kind of change an event is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Brokers, the controller, topics and configs.
    #[default]
    Cluster,
    /// Leaders, ISRs, high watermarks, followers copying and truncating.
    Replication,
    /// Records appended; segments rolled, deleted and compacted.
    Records,
    /// The group coordinator: members, rebalances, generations, commits.
    Groups,
}

/// What an event touched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touched {
    /// Brokers.
    pub brokers: Vec<i32>,
    /// Partitions.
    pub partitions: Vec<LiveTopicPartition>,
    /// Consumer groups.
    pub groups: Vec<String>,
}

/// An engine event as the live view shows it.
pub fn event(record: &EventRecord) -> LiveEvent {
    let (kind, touched) = classify(&record.event);
    LiveEvent { time_ms: record.time.0, text: record.event.to_string(), kind, touched }
}

fn classify(event: &Event) -> (EventKind, Touched) {
    use EventKind::*;
    let mut t = Touched::default();
    let b = |t: &mut Touched, b: &BrokerId| t.brokers.push(b.0);
    let p = |t: &mut Touched, tp: &TopicPartition| {
        t.partitions
            .push(LiveTopicPartition { topic: tp.topic.to_string(), partition: tp.partition.0 });
    };
    let kind = match event {
        Event::BrokerRegistered { broker, .. }
        | Event::BrokerStarted { broker }
        | Event::BrokerStopped { broker, .. }
        | Event::BrokerFenced { broker, .. }
        | Event::BrokerLostController { broker, .. }
        | Event::BrokerFencedUnreachable { broker, .. }
        | Event::BrokerReachedController { broker, .. } => {
            b(&mut t, broker);
            Cluster
        }
        Event::ControllerLostQuorum { broker, successor, .. } => {
            b(&mut t, broker);
            successor.iter().for_each(|x| b(&mut t, x));
            Cluster
        }
        Event::ControllerElected { broker, .. } => {
            broker.iter().for_each(|x| b(&mut t, x));
            Cluster
        }
        Event::LeaderElected { partition, leader, previous, .. } => {
            p(&mut t, partition);
            b(&mut t, leader);
            previous.iter().for_each(|x| b(&mut t, x));
            Replication
        }
        Event::PartitionOffline { partition, .. } => {
            p(&mut t, partition);
            Replication
        }
        Event::RecordsReplicated { partition, broker, leader, .. } => {
            p(&mut t, partition);
            b(&mut t, broker);
            b(&mut t, leader);
            Replication
        }
        Event::IsrShrunk { partition, broker, .. }
        | Event::IsrExpanded { partition, broker, .. }
        | Event::HighWatermarkAdvanced { partition, broker, .. }
        | Event::LogTruncated { partition, broker, .. } => {
            p(&mut t, partition);
            b(&mut t, broker);
            Replication
        }
        Event::RecordsAppended { partition, broker, .. }
        | Event::SegmentRolled { partition, broker, .. }
        | Event::SegmentDeleted { partition, broker, .. }
        | Event::LogStartOffsetAdvanced { partition, broker, .. }
        | Event::RecordsDeleted { partition, broker, .. }
        | Event::LogCompacted { partition, broker, .. }
        | Event::ProduceFailed { partition, broker, .. } => {
            p(&mut t, partition);
            b(&mut t, broker);
            Records
        }
        Event::DuplicateBatch { partition, .. } => {
            p(&mut t, partition);
            Records
        }
        #[cfg(feature = "transactions")]
        Event::Transaction(kplay_core::txn::TxnEvent::MarkerWritten {
            partition, broker, ..
        }) => {
            p(&mut t, partition);
            b(&mut t, broker);
            Records
        }
        Event::CoordinatorMoved { group, coordinator } => {
            t.groups.push(group.to_string());
            coordinator.iter().for_each(|x| b(&mut t, x));
            Groups
        }
        Event::OffsetCommitted { group, partition, .. }
        | Event::OffsetDeleted { group, partition } => {
            t.groups.push(group.to_string());
            p(&mut t, partition);
            Groups
        }
        Event::MemberJoined { group, .. }
        | Event::MemberRemoved { group, .. }
        | Event::RebalanceStarted { group, .. }
        | Event::GroupStateChanged { group, .. }
        | Event::GenerationStarted { group, .. }
        | Event::AssignmentReceived { group, .. }
        | Event::GroupDeleted { group } => {
            t.groups.push(group.to_string());
            Groups
        }
        // Topics, configs, producer ids, and events added to the engine later: cluster-wide.
        _ => Cluster,
    };
    (kind, t)
}
