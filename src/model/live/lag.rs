//! Consumer lag of a real cluster over time, read from the live images, for the same chart the
//! simulation draws.
//!
//! A group's lag in records is what `kafka-consumer-groups.sh --describe` prints: for every
//! partition it has committed on, the high watermark less the committed offset, summed. Its lag
//! in time is the age of the oldest record not yet committed past: the image carries each
//! partition's newest records with their timestamps, so when the record at the committed offset
//! is among them its age is exact; when it is older than all of them, the oldest record the image
//! has gives the most that can be said — the lag is at least that old.
//!
//! Images come up to five times a second; the chart keeps one point per
//! [`CHART_WINDOW_MS`]` / `[`CHART_POINTS`] per group, over the last [`CHART_WINDOW_MS`].

use kplay_live::{LiveGroup, LiveImage};

use crate::model::snapshot::groups::{CHART_POINTS, CHART_WINDOW_MS};
use crate::model::snapshot::{LagChart, LagPoint, LagSeries};
use kplay_core::vec_map::VecMap;

/// A group's lag at one image: records behind, and the age in ms of the oldest of them.
pub fn group_lag(image: &LiveImage, group: &LiveGroup) -> Option<(i64, i64)> {
    let mut total: Option<(i64, i64)> = None;
    for commit in &group.offsets {
        let Some(p) = image
            .topics
            .iter()
            .find(|t| t.name == commit.topic)
            .and_then(|t| t.partitions.iter().find(|p| p.index == commit.partition))
        else {
            continue;
        };
        let behind = (p.high_watermark - commit.offset).max(0);
        let age = if behind == 0 {
            0
        } else {
            // The record at the committed offset, or the oldest unread one the image has.
            p.records
                .iter()
                .filter(|r| r.offset >= commit.offset && r.offset < p.high_watermark)
                .min_by_key(|r| r.offset)
                .map_or(0, |r| (image.time_ms - r.timestamp_ms).max(0))
        };
        let t = total.get_or_insert((0, 0));
        t.0 += behind;
        t.1 = t.1.max(age);
    }
    total
}

/// Every group's lag over the last [`CHART_WINDOW_MS`], as the images showed it.
#[derive(Clone, Debug, Default)]
pub struct LiveLag {
    series: VecMap<String, Vec<LagPoint>>,
    now_ms: i64,
}

impl LiveLag {
    /// Takes in an image taken at `now_ms` (page time).
    pub fn receive(&mut self, now_ms: i64, image: &LiveImage) {
        self.now_ms = self.now_ms.max(now_ms);
        let spacing = CHART_WINDOW_MS / CHART_POINTS as i64;
        for g in &image.groups {
            let Some((records, ms)) = group_lag(image, g) else { continue };
            let points = self.series.entry(g.group_id.clone()).or_default();
            if points.last().is_some_and(|last| now_ms - last.time_ms < spacing) {
                continue;
            }
            points.push(LagPoint { time_ms: now_ms, records, ms });
        }
        let from_ms = self.now_ms - CHART_WINDOW_MS;
        for points in self.series.values_mut() {
            points.retain(|p| p.time_ms >= from_ms);
        }
        self.series.retain(|_, points| !points.is_empty());
    }

    /// The chart: the last [`CHART_WINDOW_MS`] up to the newest image.
    pub fn chart(&self) -> LagChart {
        let points = || self.series.values().flatten();
        LagChart {
            from_ms: (self.now_ms - CHART_WINDOW_MS).max(0),
            to_ms: self.now_ms,
            max_lag: points().map(|p| p.records).max().unwrap_or(0),
            max_lag_ms: points().map(|p| p.ms).max().unwrap_or(0),
            series: self
                .series
                .iter()
                .map(|(group, points)| LagSeries { group: group.clone(), points: points.clone() })
                .collect(),
            wall_clock: true,
        }
    }
}
