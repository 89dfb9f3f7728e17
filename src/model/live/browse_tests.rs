//! The live view's lag over time and message browser, read from successive images.

use super::tests::image;
use super::{LiveModel, group_lag};
use crate::model::messages::Entry;
use crate::model::prefs::BrowseAt;

#[test]
fn a_groups_lag_is_the_high_watermark_less_its_commit_and_the_unread_records_age() {
    // orders-0 holds offsets 0..3 (timestamps 5000 + offset); billing committed 2.
    let img = image(10_000, &[]);
    assert_eq!(group_lag(&img, &img.groups[0]), Some((1, 10_000 - 5_002)));
    let mut model = LiveModel::default();
    model.receive(img, true);
    let s = model.snapshot(None, None, None).expect("an image arrived");
    assert_eq!(s.groups[0].lag_ms, Some(4_998));

    // Caught up: no records behind, no age.
    let mut caught_up = image(10_000, &[]);
    caught_up.groups[0].offsets[0].offset = 3;
    assert_eq!(group_lag(&caught_up, &caught_up.groups[0]), Some((0, 0)));

    // The record at the commit is older than the image's records: the oldest one it has says
    // how old the lag is at least.
    let mut behind = image(10_000, &[]);
    behind.groups[0].offsets[0].offset = 0;
    behind.topics[1].partitions[0].records.remove(0);
    assert_eq!(group_lag(&behind, &behind.groups[0]), Some((3, 10_000 - 5_001)));

    // A group that committed nothing has no lag to chart.
    let mut fresh = image(10_000, &[]);
    fresh.groups[0].offsets.clear();
    assert_eq!(group_lag(&fresh, &fresh.groups[0]), None);
}

#[test]
fn the_lag_chart_keeps_a_point_per_half_second_over_the_last_minute() {
    let mut model = LiveModel::default();
    let at = |t: i64, committed: i64| {
        let mut img = image(t, &[]);
        img.groups[0].offsets[0].offset = committed;
        img
    };
    model.receive(at(10_000, 0), true);
    model.receive(at(10_200, 1), false); // too soon after the last point: not charted
    model.receive(at(10_600, 2), false);
    model.receive(at(11_200, 3), false);
    let chart = model.snapshot(None, None, None).expect("images arrived").lag_chart.clone();
    assert_eq!(chart.series.len(), 1);
    assert_eq!(chart.series[0].group, "billing");
    let points: Vec<(i64, i64)> =
        chart.series[0].points.iter().map(|p| (p.time_ms, p.records)).collect();
    // Page time counts from the first image (its events are none, so its own time).
    assert_eq!(points, vec![(0, 3), (600, 1), (1_200, 0)]);
    assert_eq!((chart.from_ms, chart.to_ms, chart.max_lag), (0, 1_200, 3));

    // A minute later the early points have left the window.
    model.receive(at(71_000, 1), false);
    let chart = model.snapshot(None, None, None).expect("images arrived").lag_chart.clone();
    let times: Vec<i64> = chart.series[0].points.iter().map(|p| p.time_ms).collect();
    assert_eq!(times, vec![1_200, 61_000]);
    assert_eq!(chart.from_ms, 1_000);
}

fn browse(offset: Option<i64>, page_size: u32) -> BrowseAt {
    BrowseAt { offset, page_size, ..BrowseAt::newest("orders", 0) }
}

/// orders-0 holds offsets 0 to 9; the image carries 4 to 9, as if older ones were not streamed.
fn ten_records() -> LiveModel {
    let mut img = image(10_000, &[]);
    let p = &mut img.topics[1].partitions[0];
    (p.high_watermark, p.log_end_offset) = (8, 10);
    p.records = (4..10).map(|o| super::tests::record(o, "k", &format!("v{o}"))).collect();
    let mut model = LiveModel::default();
    model.receive(img, true);
    model
}

fn offsets(page: &crate::model::messages::MessagePage) -> Vec<i64> {
    page.records().map(|r| r.offset).collect()
}

#[test]
fn the_message_browser_reads_the_newest_records_the_image_carries() {
    let model = ten_records();
    let s = model.snapshot(None, None, Some(None)).expect("an image arrived");
    let page = s.messages.as_deref().expect("the browser is open");
    assert_eq!(page.error, None);
    assert_eq!((page.log_start, page.high_watermark, page.log_end), (0, 8, 10));
    assert_eq!(page.broker, Some(1), "the leader's copy");
    assert_eq!(offsets(page), vec![4, 5, 6, 7, 8, 9], "the newest page, cut to what is carried");
    let above: Vec<bool> = page.records().map(|r| r.above_high_watermark).collect();
    assert_eq!(above, vec![false, false, false, false, true, true]);
    assert_eq!(
        page.records().next().and_then(|r| r.value.clone()).map(|v| v.text),
        Some("v4".into())
    );
    let note = page.note.as_deref().expect("older records are said to be elsewhere");
    assert!(note.contains("offsets 4 to 9 of orders-0"), "{note}");
    assert!(note.contains("-o 0 -c 4"), "how to read the rest with kcat: {note}");

    // Closed unless asked for.
    assert!(model.snapshot(None, None, None).expect("an image").messages.is_none());
}

#[test]
fn the_message_browser_pages_within_the_image_and_refuses_offsets_outside_the_log() {
    let model = ten_records();
    let at = |offset, size| {
        let at = browse(offset, size);
        let s = model.snapshot(None, None, Some(Some(&at))).expect("an image arrived");
        (*s.messages.expect("the browser is open")).clone()
    };
    let page = at(Some(6), 2);
    assert_eq!(offsets(&page), vec![6, 7]);
    assert_eq!((page.previous, page.next), (Some(4), Some(8)));
    assert_eq!(page.note, None, "everything asked for is carried");

    // Older than the image: the page starts at what it has, and says so.
    let page = at(Some(1), 3);
    assert_eq!(offsets(&page), vec![4, 5, 6]);
    assert!(page.note.as_deref().is_some_and(|n| n.contains("-o 1 -c 3")));

    // Outside the log: Kafka's answer.
    let page = at(Some(11), 3);
    let error = page.error.expect("refused");
    assert_eq!(error.code, kplay_core::ErrorCode::OffsetOutOfRange);
    assert!(error.message.contains("after the log end offset 10"), "{}", error.message);

    // No such partition or topic.
    let missing = BrowseAt { partition: 7, ..browse(None, 5) };
    let s = model.snapshot(None, None, Some(Some(&missing))).expect("an image");
    let error = s.messages.and_then(|p| p.error.clone()).expect("refused");
    assert!(error.message.contains("no partition 7"), "{}", error.message);

    // A follower's copy is not streamed: the leader's is read, and the page says so.
    let follower = BrowseAt { replica: Some(2), ..browse(Some(6), 2) };
    let s = model.snapshot(None, None, Some(Some(&follower))).expect("an image");
    let page = s.messages.expect("the browser is open");
    assert_eq!((page.broker, offsets(&page)), (Some(1), vec![6, 7]));
    assert!(page.note.as_deref().is_some_and(|n| n.contains("leader's copy")));
    assert!(page.entries.iter().all(|e| matches!(e, Entry::Record(_))));
}
