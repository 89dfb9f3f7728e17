//! Lag: the rows of `kafka-consumer-groups.sh --describe` (GROUP, TOPIC, PARTITION,
//! CURRENT-OFFSET, LOG-END-OFFSET, LAG, CONSUMER-ID, HOST, CLIENT-ID) and each group's lag over
//! time, in records and in time, from the world's metrics samples.
//!
//! As the tool does, LOG-END-OFFSET is what a consumer can read up to (the high watermark), and
//! CURRENT-OFFSET is the group's committed offset, not a member's position: a member that reads
//! but has not committed yet still shows lag.

use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{GroupId, TopicPartition};
use kplay_sim::World;
use kplay_sim::action::Membership;

use super::MemberSnap;

/// How much lag history the chart shows, in ms.
pub const CHART_WINDOW_MS: i64 = 60_000;

/// The most points a series keeps (older samples are thinned out evenly).
pub const CHART_POINTS: usize = 120;

/// One row of `kafka-consumer-groups.sh --describe`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagRow {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// The committed offset (CURRENT-OFFSET), if any.
    pub committed: Option<i64>,
    /// The high watermark (LOG-END-OFFSET as the tool reads it); -1 while offline.
    pub log_end: i64,
    /// LOG-END-OFFSET − CURRENT-OFFSET, when both are known.
    pub lag: Option<i64>,
    /// The owning member's id (CONSUMER-ID), if any.
    pub consumer_id: Option<String>,
    /// The owning simulated client (HOST shows its name), if any.
    pub owner: Option<u32>,
    /// The owning member's `client.id` (CLIENT-ID), if any.
    pub owner_client_id: Option<String>,
    /// The host the owning member connected from, when it is a real client (the live view).
    pub owner_host: Option<String>,
}

impl LagRow {
    /// The HOST column: where the owner connected from when that is known (a real client),
    /// else the simulated client's name, as the page names clients.
    pub fn host(&self) -> Option<String> {
        self.owner_host.clone().or_else(|| self.owner.map(|c| format!("client-{c}")))
    }
}

/// The rows a group describes: every partition of the topics its members subscribe to (or its
/// standalone consumers read), and every partition it has committed offsets for; and how many
/// partitions its members subscribe to.
pub(super) fn rows(
    world: &World,
    group: &GroupId,
    members: &[MemberSnap],
    standalone: &[u32],
) -> (Vec<LagRow>, usize) {
    let engine = world.engine();
    let image = engine.image();
    let committed = engine.groups().group(group).map(|g| g.offsets().clone()).unwrap_or_default();
    let mut subscribed: VecSet<TopicPartition> = VecSet::new();
    let mut read: VecSet<TopicPartition> = VecSet::new();
    for c in members.iter().filter_map(|m| m.client).chain(standalone.iter().copied()) {
        let Some(c) = world.consumer(c) else { continue };
        match &c.spec().membership {
            Membership::Group { topics, .. } => {
                for t in topics {
                    let Some(state) = image.topics.get(t.as_str()) else { continue };
                    let n = state.partitions.len() as i32;
                    subscribed.extend((0..n).map(|i| TopicPartition::new(t.as_str(), i)));
                }
            }
            Membership::Standalone { partitions, .. } => {
                read.extend(partitions.iter().map(|(t, p)| TopicPartition::new(t.as_str(), *p)));
            }
        }
    }
    // Members gone with their clients still own what the coordinator gave them.
    for m in members {
        subscribed.extend(m.assigned.iter().map(|(t, p)| TopicPartition::new(t.as_str(), *p)));
    }
    let count = subscribed.len();
    let mut partitions: VecSet<TopicPartition> = committed.keys().cloned().collect();
    partitions.extend(subscribed);
    partitions.extend(read);
    let rows = partitions
        .into_iter()
        .map(|tp| {
            let log_end =
                engine.partition(&tp).and_then(|v| v.high_watermark()).map_or(-1, |o| o.0);
            let committed = committed.get(&tp).map(|c| c.offset.0);
            let owner = members.iter().find(|m| {
                m.assigned.iter().any(|(t, p)| *t == *tp.topic.as_str() && *p == tp.partition.0)
            });
            LagRow {
                topic: tp.topic.to_string(),
                partition: tp.partition.0,
                committed,
                log_end,
                lag: committed.filter(|_| log_end >= 0).map(|c| (log_end - c).max(0)),
                consumer_id: owner.map(|m| m.member_id.clone()),
                owner: owner.and_then(|m| m.client),
                owner_client_id: owner.map(|m| m.client_id.clone()),
                owner_host: None,
            }
        })
        .collect();
    (rows, count)
}

/// One moment of a group's lag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LagPoint {
    /// When, in ms.
    pub time_ms: i64,
    /// Total lag, in records.
    pub records: i64,
    /// The oldest unread record's age over its partitions, in ms.
    pub ms: i64,
}

/// One group's lag over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagSeries {
    /// The group.
    pub group: String,
    /// Oldest first.
    pub points: Vec<LagPoint>,
}

impl LagSeries {
    /// The newest point.
    pub fn last(&self) -> Option<&LagPoint> {
        self.points.last()
    }
}

/// Lag over the last [`CHART_WINDOW_MS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LagChart {
    /// The window's start, in ms.
    pub from_ms: i64,
    /// The window's end, in ms.
    pub to_ms: i64,
    /// The largest lag in the window, in records.
    pub max_lag: i64,
    /// The largest lag in the window, in ms.
    pub max_lag_ms: i64,
    /// One series per group with committed offsets.
    pub series: Vec<LagSeries>,
    /// Whether the time axis is a real cluster's wall-clock time (the live view) rather than
    /// simulated time.
    pub wall_clock: bool,
}

/// Builds the lag chart from the world's metrics samples.
pub fn chart(world: &World) -> LagChart {
    let to_ms = world.now().0;
    let from_ms = (to_ms - CHART_WINDOW_MS).max(0);
    let samples: Vec<_> = world.metrics().samples().filter(|s| s.time.0 >= from_ms).collect();
    let stride = samples.len().div_ceil(CHART_POINTS).max(1);
    // Thin out from the newest, so the newest sample is always drawn.
    let kept = samples.iter().rev().step_by(stride).rev();
    let mut series: VecMap<String, Vec<LagPoint>> = VecMap::new();
    for sample in kept {
        let mut totals: VecMap<&str, (i64, i64)> = VecMap::new();
        for lag in &sample.lag {
            let t = totals.entry(lag.group.as_str()).or_default();
            t.0 += lag.lag_records;
            t.1 = t.1.max(lag.lag_ms);
        }
        for (group, (records, ms)) in totals {
            let point = LagPoint { time_ms: sample.time.0, records, ms };
            series.entry(group.to_owned()).or_default().push(point);
        }
    }
    let points = || series.values().flatten();
    LagChart {
        from_ms,
        to_ms,
        max_lag: points().map(|p| p.records).max().unwrap_or(0),
        max_lag_ms: points().map(|p| p.ms).max().unwrap_or(0),
        series: series.into_iter().map(|(group, points)| LagSeries { group, points }).collect(),
        wall_clock: false,
    }
}

/// Each group's oldest unread record's age, from the newest sample.
pub(super) fn newest_lag_ms(world: &World) -> VecMap<String, i64> {
    let mut ages: VecMap<String, i64> = VecMap::new();
    for lag in world.metrics().latest().map(|s| s.lag.as_slice()).unwrap_or_default() {
        let age = ages.entry(lag.group.to_string()).or_default();
        *age = (*age).max(lag.lag_ms);
    }
    ages
}
