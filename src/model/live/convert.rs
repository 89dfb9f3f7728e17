//! A live image in the simulation view's snapshot types, so the live view draws brokers,
//! partition logs, groups and the inspector with the very components the simulation uses.
//!
//! What only a simulation knows is left empty rather than invented: no network partitions or
//! slow nodes, no simulated clients behind members (so no consumer positions, only committed
//! offsets), no ghosts of removed records. Rebalances and lag over time are read from successive
//! images ([`super::LiveRebalances`], [`super::LiveLag`]).

use kplay_core::group::GroupState;
use kplay_core::vec_map::VecMap;
use kplay_live::{LiveGroup, LiveImage, LivePartition, LiveTopic};

use crate::model::snapshot::cluster::{COMPACT_BROKERS, REPLICAS_LISTED};
use crate::model::snapshot::groups::idle_reason;
use crate::model::snapshot::log_window::WINDOW;
use crate::model::snapshot::*;

/// `broker.session.timeout.ms`, Kafka's default: how long a stopped broker counts as alive.
const BROKER_SESSION_TIMEOUT_MS: i64 = 9_000;

/// The cluster: brokers with their replicas and roles.
pub fn cluster(image: &LiveImage) -> ClusterSnap {
    let user = image.topics.iter().filter(|t| !t.internal);
    let mut per_broker: VecMap<i32, Vec<ReplicaSnap>> = VecMap::new();
    let (mut partitions, mut offline, mut under_replicated) = (0, 0, 0);
    for (t, p) in user.flat_map(|t| t.partitions.iter().map(move |p| (t, p))) {
        partitions += 1;
        offline += usize::from(p.leader.is_none());
        under_replicated += usize::from(p.isr.len() < p.replicas.len());
        for b in &p.replicas {
            per_broker.entry(*b).or_default().push(ReplicaSnap {
                topic: t.name.clone(),
                partition: p.index,
                leader: p.leader == Some(*b),
                in_isr: p.isr.contains(b),
            });
        }
    }
    let mut coordinates: VecMap<i32, Vec<String>> = VecMap::new();
    for g in &image.groups {
        if let Some(c) = g.coordinator {
            coordinates.entry(c).or_default().push(g.group_id.clone());
        }
    }
    let compact = image.brokers.len() > COMPACT_BROKERS;
    let brokers = image
        .brokers
        .iter()
        .map(|b| {
            let replicas = per_broker.remove(&b.id).unwrap_or_default();
            let status = match (b.running, b.fenced) {
                (true, false) => BrokerStatus::Running,
                (true, true) => BrokerStatus::Unreachable,
                (false, false) => BrokerStatus::Unnoticed {
                    session_timeout_ms: BROKER_SESSION_TIMEOUT_MS,
                    fenced_in_ms: None,
                },
                (false, true) => BrokerStatus::Fenced,
            };
            let listed = !compact && replicas.len() <= REPLICAS_LISTED;
            BrokerSnap {
                id: b.id,
                rack: None,
                running: b.running,
                status,
                fenced: b.fenced,
                controller: b.controller,
                leaders: replicas.iter().filter(|r| r.leader).count(),
                replica_count: replicas.len(),
                out_of_sync: replicas.iter().filter(|r| !r.in_isr).count(),
                replicas: if listed { replicas } else { Vec::new() },
                coordinates: coordinates.remove(&b.id).unwrap_or_default(),
                isolated: false,
                slow_ms: 0,
            }
        })
        .collect();
    ClusterSnap {
        brokers,
        controller: image.brokers.iter().find(|b| b.controller).map(|b| b.id),
        partitions,
        offline,
        under_replicated,
        isolated_groups: Vec::new(),
        cut_links: Vec::new(),
        compact,
    }
}

/// Every topic, user topics first; `shown` is drawn record by record if it is small enough.
pub fn topics(image: &LiveImage, shown: Option<&str>) -> Vec<TopicSnap> {
    let running: VecMap<i32, bool> = image.brokers.iter().map(|b| (b.id, b.running)).collect();
    let mut topics: Vec<TopicSnap> = image
        .topics
        .iter()
        .map(|t| {
            let detailed =
                shown == Some(t.name.as_str()) && t.partitions.len() <= DETAILED_PARTITIONS;
            TopicSnap {
                name: t.name.clone(),
                internal: t.internal,
                replication_factor: t.partitions.first().map_or(0, |p| p.replicas.len() as i16),
                overrides: Vec::new(),
                partitions: t
                    .partitions
                    .iter()
                    .map(|p| partition(image, t, p, detailed, &running))
                    .collect(),
                detailed,
            }
        })
        .collect();
    kplay_core::sort::sort_by_key(&mut topics, |t| t.internal);
    topics
}

fn partition(
    image: &LiveImage,
    t: &LiveTopic,
    p: &LivePartition,
    detailed: bool,
    running: &VecMap<i32, bool>,
) -> PartitionSnap {
    let replica_ends = p
        .replica_logs
        .iter()
        .map(|r| ReplicaEnd {
            broker: r.broker,
            running: running.get(&r.broker).copied().unwrap_or(false),
            leader: p.leader == Some(r.broker),
            in_isr: p.isr.contains(&r.broker),
            log_start: r.log_start_offset,
            log_end: r.log_end_offset,
            high_watermark: r.high_watermark,
            truncated: None,
        })
        .collect();
    let marks = image
        .groups
        .iter()
        .flat_map(|g| g.offsets.iter().map(move |c| (g, c)))
        .filter(|(_, c)| c.topic == t.name && c.partition == p.index)
        .map(|(g, c)| Mark::Committed { group: g.group_id.clone(), offset: c.offset })
        .collect();
    PartitionSnap {
        index: p.index,
        leader: p.leader,
        leader_epoch: p.leader_epoch,
        replicas: p.replicas.clone(),
        isr: p.isr.clone(),
        log_start: p.log_start_offset,
        high_watermark: p.high_watermark,
        log_end: p.log_end_offset,
        log_size: p.leader.map(|_| LogSize {
            bytes: p.size_bytes as usize,
            records: p.record_count as usize,
            segments: p.segment_count as usize,
        }),
        replica_ends,
        log: (detailed && p.leader.is_some()).then(|| window(p)),
        marks,
        removals: Vec::new(),
    }
}

/// The newest records as the log row draws them.
fn window(p: &LivePartition) -> LogWindow {
    let cells = p
        .records
        .iter()
        .map(|r| Cell {
            offset: r.offset,
            key: r.key.clone(),
            value: r.value.clone(),
            colour: key_colour(r.key.as_deref().map(str::as_bytes)),
            timestamp_ms: r.timestamp_ms,
            headers: r.headers.len(),
        })
        .collect();
    let segments: Vec<SegmentSnap> = p
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| SegmentSnap {
            base_offset: s.base_offset,
            next_offset: s.next_offset,
            records: s.records as usize,
            bytes: s.size_bytes as usize,
            active: i + 1 == p.segments.len(),
        })
        .collect();
    LogWindow {
        from: p.log_start_offset.max(p.log_end_offset - WINDOW),
        cells,
        older_segments: (p.segment_count as usize).saturating_sub(segments.len()),
        segments,
        deleted: Vec::new(),
        compacted: Vec::new(),
    }
}

/// Every group, with `kafka-consumer-groups.sh --describe`'s rows.
pub fn groups(image: &LiveImage) -> Vec<GroupSnap> {
    image.groups.iter().map(|g| group(image, g)).collect()
}

fn group(image: &LiveImage, g: &LiveGroup) -> GroupSnap {
    let state = GroupState::parse(&g.state).unwrap_or(GroupState::Dead);
    let members: Vec<MemberSnap> = g
        .members
        .iter()
        .map(|m| MemberSnap {
            member_id: m.member_id.clone(),
            client_id: m.client_id.clone(),
            client: None,
            client_host: Some(m.client_host.clone()),
            group_instance_id: m.group_instance_id.clone(),
            leader: g.leader.as_deref() == Some(m.member_id.as_str()),
            assigned: m.assigned.iter().map(|tp| (tp.topic.clone(), tp.partition)).collect(),
            positions: Vec::new(),
            paused: false,
            status: if m.awaiting_join {
                MemberStatus::Rejoined
            } else if m.awaiting_sync {
                MemberStatus::AwaitingAssignment
            } else {
                MemberStatus::Active
            },
            session_expires_ms: None,
            session_timeout_ms: m.session_timeout_ms,
            removed: None,
        })
        .collect();
    let rows = rows(image, g, &members);
    GroupSnap {
        id: g.group_id.clone(),
        state: state.as_str(),
        state_meaning: None,
        rebalancing_since_ms: None,
        generation: g.generation_id,
        protocol: g.protocol_name.clone(),
        kind: None,
        coordinator: g.coordinator,
        leader: g.leader.clone(),
        idle: idle_reason(state, &members, rows.len(), g.protocol_name.as_deref()),
        members,
        standalone: Vec::new(),
        rows,
        lag_ms: super::group_lag(image, g).map(|(_, ms)| ms),
    }
}

/// One row per partition the group owns or has committed on.
fn rows(image: &LiveImage, g: &LiveGroup, members: &[MemberSnap]) -> Vec<LagRow> {
    let mut keys: Vec<(String, i32)> = members.iter().flat_map(|m| m.assigned.clone()).collect();
    keys.extend(g.offsets.iter().map(|c| (c.topic.clone(), c.partition)));
    kplay_core::sort::sort(&mut keys);
    keys.dedup();
    keys.into_iter()
        .map(|(topic, partition)| {
            let committed = g
                .offsets
                .iter()
                .find(|c| c.topic == topic && c.partition == partition)
                .map(|c| c.offset);
            let log_end = image
                .topics
                .iter()
                .find(|t| t.name == topic)
                .and_then(|t| t.partitions.iter().find(|p| p.index == partition))
                .map_or(-1, |p| p.high_watermark);
            let owner = members.iter().find(|m| m.assigned.contains(&(topic.clone(), partition)));
            LagRow {
                committed,
                log_end,
                lag: committed.filter(|_| log_end >= 0).map(|c| (log_end - c).max(0)),
                consumer_id: owner.map(|m| m.member_id.clone()),
                owner: None,
                owner_client_id: owner.map(|m| m.client_id.clone()),
                owner_host: owner.and_then(|m| m.client_host.clone()),
                topic,
                partition,
            }
        })
        .collect()
}
