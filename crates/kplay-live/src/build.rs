//! The live image of an engine: read-only, taken between two of the driver's steps.
//!
//! Records are read from each partition's leader, newest last, at most [`RECORDS_SHOWN`] per
//! partition and each value cut to [`VALUE_PREVIEW`] characters, so an image stays small
//! however much the clients write. Keys and values are shown as UTF-8 text, else as hex.

use std::sync::Arc;

use kplay_core::engine::{Engine, OFFSETS_TOPIC, offsets_partition_for};
use kplay_core::group::Group;
use kplay_core::{Offset, RecordBatch, TopicPartition};

use crate::assignment;
use crate::types::*;

/// How many of each partition's newest records an image carries.
pub const RECORDS_SHOWN: i64 = 40;

/// How many characters of a value an image keeps.
pub const VALUE_PREVIEW: usize = 48;

/// The image of `engine` now, carrying `events` (what happened since the previous image).
pub fn image(engine: &Engine, events: Vec<LiveEvent>) -> LiveImage {
    let cluster = engine.image();
    let brokers = engine
        .brokers()
        .map(|b| LiveBroker {
            id: b.id.0,
            running: b.running,
            fenced: cluster.brokers.get(&b.id).is_none_or(|r| r.fenced),
            controller: cluster.controller == Some(b.id),
        })
        .collect();
    let topics = cluster
        .topics
        .values()
        .map(|t| LiveTopic {
            name: t.name.to_string(),
            internal: t.internal,
            partitions: (0..t.partitions.len() as i32)
                .filter_map(|i| partition(engine, &TopicPartition::new(t.name.as_str(), i)))
                .collect(),
        })
        .collect();
    let groups = engine.groups().groups().map(|g| group(engine, g)).collect();
    LiveImage { time_ms: engine.now().0, brokers, topics, groups, events }
}

fn partition(engine: &Engine, tp: &TopicPartition) -> Option<LivePartition> {
    let view = engine.partition(tp)?;
    let leader = view.leader_replica();
    let ends = |r: Option<&kplay_core::broker::Replica>| {
        (
            r.map_or(-1, |r| r.log.log_start_offset().0),
            r.map_or(-1, |r| r.high_watermark.0),
            r.map_or(-1, |r| r.log.log_end_offset().0),
        )
    };
    let (log_start_offset, high_watermark, log_end_offset) = ends(leader);
    let replica_logs = view
        .replicas
        .iter()
        .map(|(broker, replica)| {
            let (log_start_offset, high_watermark, log_end_offset) = ends(*replica);
            LiveReplica { broker: broker.0, log_start_offset, log_end_offset, high_watermark }
        })
        .collect();
    Some(LivePartition {
        index: tp.partition.0,
        leader: view.state.leader.map(|b| b.0),
        leader_epoch: view.state.leader_epoch.0,
        replicas: view.state.replicas.iter().map(|b| b.0).collect(),
        isr: view.state.isr.iter().map(|b| b.0).collect(),
        log_start_offset,
        high_watermark,
        log_end_offset,
        size_bytes: leader.map_or(0, |r| r.log.size_bytes() as u64),
        record_count: leader
            .map_or(0, |r| r.log.segments().iter().map(|s| s.record_count as u64).sum()),
        segment_count: leader.map_or(0, |r| r.log.segments().len() as u32),
        segments: leader.map(|r| segments(&r.log)).unwrap_or_default(),
        replica_logs,
        records: leader.map(|r| newest(&r.log)).unwrap_or_default(),
    })
}

/// The first offset an image shows of `log`.
fn shown_from(log: &kplay_core::log::Log) -> Offset {
    Offset(log.log_start_offset().0.max(log.log_end_offset().0 - RECORDS_SHOWN))
}

/// The segments holding the shown records: from the last one based at or before the first.
fn segments(log: &kplay_core::log::Log) -> Vec<LiveSegment> {
    let from = shown_from(log);
    let all = log.segments();
    let first = all.iter().rposition(|s| s.base_offset <= from).unwrap_or(0);
    all[first..]
        .iter()
        .map(|s| LiveSegment {
            base_offset: s.base_offset.0,
            next_offset: s.next_offset.0,
            records: s.record_count as u64,
            size_bytes: s.size_bytes as u64,
        })
        .collect()
}

fn newest(log: &kplay_core::log::Log) -> Vec<LiveRecord> {
    let (from, end) = (shown_from(log), log.log_end_offset());
    let mut batches: Vec<Arc<RecordBatch>> = Vec::new();
    // Reading from inside the log's bounds cannot fail; an empty window is the answer if it did.
    let _ = log.read(from, end, usize::MAX, false, &mut batches);
    let text = |v: &[u8]| value_preview(bytes_text(v));
    // Transaction markers are control records, which no consumer sees: they leave a gap, as in
    // Kafka's own tools.
    batches
        .iter()
        .filter(|b| !b.control)
        .flat_map(|b| b.records_with_offsets().map(move |(offset, r)| (b, offset, r)))
        .filter(|(_, offset, _)| *offset >= from)
        .map(|(b, offset, r)| LiveRecord {
            offset: offset.0,
            key: r.key.as_deref().map(bytes_text),
            value: r.value.as_deref().map(text),
            timestamp_ms: r.timestamp.0,
            log_append_time: b.timestamp_type == kplay_core::TimestampType::LogAppendTime,
            leader_epoch: b.partition_leader_epoch.0,
            headers: r
                .headers
                .iter()
                .map(|h| (h.key.clone(), h.value.as_deref().map(text)))
                .collect(),
        })
        .collect()
}

fn group(engine: &Engine, g: &Group) -> LiveGroup {
    let consumer = g.protocol_type() == Some("consumer");
    let offsets_topic = engine.image().topics.get(OFFSETS_TOPIC);
    let coordinator = offsets_topic.and_then(|t| {
        let p = offsets_partition_for(g.group_id().as_str(), t.partitions.len() as i32);
        t.partitions.get(usize::try_from(p).ok()?)?.leader.map(|b| b.0)
    });
    LiveGroup {
        group_id: g.group_id().to_string(),
        state: g.state().as_str().to_owned(),
        generation_id: g.generation().0,
        protocol_type: g.protocol_type().map(str::to_owned),
        protocol_name: g.protocol_name().map(str::to_owned),
        leader: g.leader().map(ToString::to_string),
        coordinator,
        members: g
            .members()
            .iter()
            .map(|m| LiveMember {
                member_id: m.member_id().to_string(),
                group_instance_id: m.group_instance_id().map(str::to_owned),
                client_id: m.client_id().to_owned(),
                client_host: m.client_host().to_owned(),
                session_timeout_ms: m.session_timeout_ms(),
                assigned: consumer
                    .then(|| assignment::partitions(m.assignment()))
                    .flatten()
                    .unwrap_or_default(),
                awaiting_join: m.is_awaiting_join(),
                awaiting_sync: m.is_awaiting_sync(),
            })
            .collect(),
        offsets: g
            .offsets()
            .iter()
            .map(|(tp, c)| LiveCommit {
                topic: tp.topic.to_string(),
                partition: tp.partition.0,
                offset: c.offset.0,
                commit_timestamp_ms: c.commit_timestamp.0,
            })
            .collect(),
    }
}

/// Bytes as a person reads them: UTF-8 text, else hex. The simulation view shows records the
/// same way.
pub fn bytes_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// A record value as both views show it: at most [`VALUE_PREVIEW`] characters, cut with `…`.
pub fn value_preview(text: String) -> String {
    if text.chars().count() <= VALUE_PREVIEW {
        return text;
    }
    let mut cut: String = text.chars().take(VALUE_PREVIEW - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests;
