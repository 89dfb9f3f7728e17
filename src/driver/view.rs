//! The snapshot of the cluster the page renders: owned, comparable data taken from the engine's
//! read-only views after each action, so components never touch the engine and yew can skip
//! whatever did not change.

use kplay_core::engine::Engine;
use kplay_core::{BrokerId, LeaderEpoch, Offset, PartitionIndex, Timestamp, TopicPartition};

use super::{BROKER_IDS, PARTITIONS, TOPIC};

/// The whole cluster at one instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterView {
    /// The virtual time.
    pub now: Timestamp,
    /// The topic shown.
    pub topic: String,
    /// The brokers, by id.
    pub brokers: Vec<BrokerView>,
    /// The topic's partitions, by index (empty if the topic does not exist).
    pub partitions: Vec<PartitionRow>,
}

/// One broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerView {
    /// Its id.
    pub id: BrokerId,
    /// Whether its process is running.
    pub running: bool,
    /// Whether it is the active controller.
    pub controller: bool,
    /// The partitions it leads.
    pub leads: Vec<PartitionIndex>,
}

/// One partition: a row of the partition table, and its leader's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionRow {
    /// Its index.
    pub partition: PartitionIndex,
    /// Its leader; `None` while offline.
    pub leader: Option<BrokerId>,
    /// The leader epoch.
    pub leader_epoch: LeaderEpoch,
    /// Its replicas, preferred leader first.
    pub replicas: Vec<BrokerId>,
    /// Its in-sync replicas.
    pub isr: Vec<BrokerId>,
    /// The leader's high watermark: records below it are on every ISR member and readable.
    pub high_watermark: Option<Offset>,
    /// The leader's log end offset: the offset the next record gets.
    pub log_end_offset: Option<Offset>,
    /// The leader's log, in offset order (empty while offline).
    pub records: Vec<RecordView>,
    /// How far each replica's log reaches.
    pub replica_ends: Vec<ReplicaEnd>,
}

/// One record as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordView {
    /// Its offset.
    pub offset: Offset,
    /// Its key, as text; `None` for a keyless record.
    pub key: Option<String>,
    /// Its value, as text; `None` for a tombstone.
    pub value: Option<String>,
}

/// How far one replica's log reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaEnd {
    /// The broker holding the replica.
    pub broker: BrokerId,
    /// Whether that broker is running.
    pub running: bool,
    /// Whether the replica is in the ISR.
    pub in_isr: bool,
    /// Its log end offset; `None` if the broker never hosted it.
    pub log_end_offset: Option<Offset>,
}

impl ClusterView {
    pub(super) fn of(engine: &Engine, now: Timestamp) -> ClusterView {
        let controller = engine.image().controller;
        let partitions: Vec<PartitionRow> = (0..PARTITIONS)
            .filter_map(|i| PartitionRow::of(engine, &TopicPartition::new(TOPIC, i)))
            .collect();
        let brokers = BROKER_IDS
            .iter()
            .filter_map(|id| engine.broker(*id))
            .map(|b| BrokerView {
                id: b.id,
                running: b.running,
                controller: controller == Some(b.id),
                leads: partitions
                    .iter()
                    .filter(|p| p.leader == Some(b.id))
                    .map(|p| p.partition)
                    .collect(),
            })
            .collect();
        ClusterView { now, topic: TOPIC.to_owned(), brokers, partitions }
    }

    /// A partition's row.
    pub fn partition(&self, partition: PartitionIndex) -> Option<&PartitionRow> {
        self.partitions.iter().find(|p| p.partition == partition)
    }

    /// A broker.
    pub fn broker(&self, id: BrokerId) -> Option<&BrokerView> {
        self.brokers.iter().find(|b| b.id == id)
    }
}

impl PartitionRow {
    fn of(engine: &Engine, tp: &TopicPartition) -> Option<PartitionRow> {
        let view = engine.partition(tp)?;
        let records = view.leader_replica().map(|r| records_of(&r.log)).unwrap_or_default();
        let replica_ends = view
            .replicas
            .iter()
            .map(|(broker, replica)| ReplicaEnd {
                broker: *broker,
                running: engine.broker(*broker).is_some_and(|b| b.running),
                in_isr: view.state.in_isr(*broker),
                log_end_offset: replica.map(|r| r.log.log_end_offset()),
            })
            .collect();
        Some(PartitionRow {
            partition: tp.partition,
            leader: view.state.leader,
            leader_epoch: view.state.leader_epoch,
            replicas: view.state.replicas.clone(),
            isr: view.state.isr.clone(),
            high_watermark: view.high_watermark(),
            log_end_offset: view.log_end_offset(),
            records,
            replica_ends,
        })
    }
}

fn records_of(log: &kplay_core::log::Log) -> Vec<RecordView> {
    log.batches()
        .iter()
        .flat_map(|batch| {
            batch
                .records_with_offsets()
                .map(|(offset, r)| RecordView {
                    offset,
                    key: r.key.as_deref().map(text),
                    value: r.value.as_deref().map(text),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
