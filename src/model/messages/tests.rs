//! The message browser against real simulated worlds: what a page holds is what the replica's
//! log holds, offsets outside the log are refused as Kafka refuses them, compaction leaves gaps,
//! and paging forward and back visits every record once.

use kplay_core::TopicPartition;
use kplay_sim::Action;
use kplay_sim::action::ProducerSpec;
use kplay_sim::network::Node;

use super::{Entry, MAX_PAGE_SIZE, MessagePage, page};
use crate::model::Playground;
use crate::model::opening::TOPIC;
use crate::model::prefs::BrowseAt;

/// Plays `seconds` of real time in 60 fps frames.
fn play(p: &mut Playground, seconds: f64) {
    for _ in 0..(seconds * 60.0) as usize {
        p.frame(1000.0 / 60.0);
    }
}

fn at(topic: &str, partition: i32, offset: Option<i64>, page_size: u32) -> BrowseAt {
    BrowseAt { page_size, ..BrowseAt::newest(topic, partition).from(offset) }
}

/// Every record offset in a broker's log of `tp`, read straight from its batches.
fn log_offsets(p: &Playground, broker: i32, tp: &TopicPartition) -> Vec<i64> {
    let replica = p.world().engine().replica(kplay_core::BrokerId(broker), tp).expect("a replica");
    replica
        .log
        .batches()
        .iter()
        .flat_map(|b| b.records_with_offsets().map(|(o, _)| o.0).collect::<Vec<_>>())
        .collect()
}

fn offsets(page: &MessagePage) -> Vec<i64> {
    page.records().map(|r| r.offset).collect()
}

fn error(page: &MessagePage) -> String {
    page.error.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The opening scenario plus a compacted topic `ledger` of one partition, every batch in its own
/// segment (each batch is about 100 bytes), written key by key, with headers and a tombstone, then given time to be compacted.
fn compacted() -> Playground {
    let mut p = Playground::opening(7);
    play(&mut p, 1.0);
    p.apply(Action::CreateTopic {
        name: "ledger".into(),
        partitions: 1,
        replication_factor: 3,
        configs: vec![
            ("cleanup.policy".into(), "compact".into()),
            ("segment.bytes".into(), "120".into()),
            ("min.cleanable.dirty.ratio".into(), "0.01".into()),
        ],
    })
    .unwrap();
    p.apply(Action::AddProducer { id: 10, spec: ProducerSpec::new("writer", "ledger") }).unwrap();
    play(&mut p, 1.0);
    let writes: [(&str, Option<&str>); 7] = [
        ("k1", Some("v1")),
        ("k2", Some("v1")),
        ("k2", Some("v2")),
        ("k3", Some("v1")),
        ("k2", Some("v3")),
        ("k3", None),
        ("k4", Some("v1")),
    ];
    for (i, (key, value)) in writes.into_iter().enumerate() {
        p.apply(Action::Produce {
            producer: 10,
            topic: "ledger".into(),
            key: Some(key.into()),
            value: value.map(str::to_owned),
            headers: vec![("trace".into(), format!("t{i}")), ("source".into(), "test".into())],
            partition: None,
        })
        .unwrap();
        play(&mut p, 0.3);
    }
    // Maintenance runs every 10 s of simulated time.
    play(&mut p, 12.0);
    p
}

#[test]
fn a_page_holds_the_leaders_records_from_the_offset_asked() {
    let mut p = Playground::opening(1);
    play(&mut p, 20.0);
    let s = p.snapshot();
    let part = &s.topic(TOPIC).unwrap().partitions[0];
    let leader = part.leader.unwrap();
    let all = log_offsets(&p, leader, &TopicPartition::new(TOPIC, 0));
    assert!(all.len() > 15, "the producer wrote enough to page through: {}", all.len());

    let first = page(p.world(), &at(TOPIC, 0, Some(3), 5));
    assert_eq!(first.error, None);
    assert_eq!(first.broker, Some(leader));
    assert_eq!((first.log_start, first.log_end), (part.log_start, part.log_end));
    assert_eq!(first.high_watermark, part.high_watermark);
    assert_eq!(offsets(&first), all[3..8]);
    assert_eq!((first.previous, first.next), (Some(0), Some(8)));
    let row = first.records().next().unwrap();
    assert_eq!(row.key.as_ref().unwrap().text.split('-').next(), Some("key"));
    let value = row.value.as_ref().unwrap();
    assert!(value.text.starts_with("producer-1#") && !value.hex && value.bytes == 100);
    assert!(row.timestamp_ms > 0 && row.timestamp_ms <= s.clock.time_ms);
    assert!(!row.log_append_time);
}

#[test]
fn offsets_outside_the_log_are_refused_with_kafkas_error() {
    let mut p = Playground::opening(1);
    play(&mut p, 5.0);
    let end = page(p.world(), &at(TOPIC, 1, None, 10)).log_end;
    assert!(end > 0);

    let past = page(p.world(), &at(TOPIC, 1, Some(end + 5), 10));
    assert!(error(&past).starts_with("OFFSET_OUT_OF_RANGE: The requested offset is not within the range of offsets maintained by the server."), "{}", error(&past));
    assert!(error(&past).contains(&format!("after the log end offset {end}")), "{}", error(&past));
    assert!(past.entries.is_empty() && past.next.is_none() && past.previous.is_none());
    assert_eq!(past.log_end, end, "the page still says what the log holds");

    let negative = page(p.world(), &at(TOPIC, 1, Some(-1), 10));
    assert!(error(&negative).contains("Offsets are never negative"), "{}", error(&negative));

    // The log end itself is in range: nothing there yet.
    let at_end = page(p.world(), &at(TOPIC, 1, Some(end), 10));
    assert_eq!(at_end.error, None);
    assert!(at_end.entries.is_empty() && at_end.next.is_none());
    assert!(at_end.previous.is_some());

    // Retention deletes whole old segments: the log start moves, and what was before it is gone.
    let configs = [("retention.ms", "2000"), ("segment.bytes", "400")];
    let configs = configs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
    p.apply(Action::CreateTopic {
        name: "short".into(),
        partitions: 1,
        replication_factor: 3,
        configs,
    })
    .unwrap();
    let spec = ProducerSpec { rate_per_sec: 20, ..ProducerSpec::new("ticker", "short") };
    p.apply(Action::AddProducer { id: 11, spec }).unwrap();
    play(&mut p, 25.0);
    let start = page(p.world(), &at("short", 0, None, 10)).log_start;
    assert!(start > 0, "retention moved the log start");
    let gone = page(p.world(), &at("short", 0, Some(start - 1), 10));
    assert!(
        error(&gone)
            .contains(&format!("Offset {} is before the log start offset {start}", start - 1)),
        "{}",
        error(&gone)
    );
    assert!(error(&gone).contains("no longer in the log"));
    let oldest = page(p.world(), &at("short", 0, Some(start), 10));
    assert_eq!(oldest.records().next().map(|r| r.offset), Some(start));
}

#[test]
fn compaction_leaves_gaps_that_the_page_shows_as_gaps() {
    let p = compacted();
    let tp = TopicPartition::new("ledger", 0);
    let s = p.snapshot();
    let leader = s.topic("ledger").unwrap().partitions[0].leader.unwrap();
    let kept = log_offsets(&p, leader, &tp);
    assert!(!kept.contains(&1) && !kept.contains(&2), "k2's older values were compacted: {kept:?}");
    assert!(kept.contains(&0) && kept.contains(&4), "the latest value of each key stays: {kept:?}");

    let page = page(p.world(), &at("ledger", 0, Some(0), 100));
    assert!(page.compacted);
    assert_eq!(offsets(&page), kept);
    // Every missing offset is in exactly one gap, and gaps lie between records.
    let mut covered = Vec::new();
    for e in &page.entries {
        if let Entry::Gap { from, to } = e {
            covered.extend(*from..*to);
        }
    }
    let missing: Vec<i64> = (0..page.log_end).filter(|o| !kept.contains(o)).collect();
    assert_eq!(covered, missing);
    assert!(matches!(page.entries[1], Entry::Gap { from: 1, .. }), "{:?}", page.entries[1]);

    // Starting inside a gap starts the page with it, as a fetch from there returns what follows.
    let inside = super::page(p.world(), &at("ledger", 0, Some(2), 100));
    assert!(matches!(inside.entries[0], Entry::Gap { from: 2, .. }));
    assert_eq!(offsets(&inside), kept.iter().copied().filter(|o| *o >= 2).collect::<Vec<_>>());
}

#[test]
fn tombstones_and_headers_are_shown_as_written() {
    let p = compacted();
    let page = page(p.world(), &at("ledger", 0, Some(0), 100));
    let row = |offset: i64| page.records().find(|r| r.offset == offset).expect("kept");
    let tombstone = row(5);
    assert_eq!(tombstone.key.as_ref().unwrap().text, "k3");
    assert_eq!(tombstone.value, None, "a tombstone has a null value");
    let first = row(0);
    assert_eq!(first.value.as_ref().unwrap().text, "v1");
    let headers: Vec<(String, String)> =
        first.headers.iter().map(|(k, v)| (k.clone(), v.as_ref().unwrap().text.clone())).collect();
    assert_eq!(headers, [("trace".into(), "t0".into()), ("source".into(), "test".into())]);
    assert_eq!(row(6).headers[0].1.as_ref().unwrap().text, "t6");
}

#[test]
fn records_at_or_above_the_high_watermark_are_flagged() {
    let mut p = Playground::opening(1);
    play(&mut p, 8.0);
    let s = p.snapshot();
    let part = &s.topic(TOPIC).unwrap().partitions[0];
    let leader = part.leader.unwrap();
    let follower = *part.replicas.iter().find(|b| **b != leader).unwrap();
    // The follower stays in the ISR for replica.lag.time.max.ms (30 s) without fetching, so the
    // high watermark stops while the leader keeps appending.
    p.apply(Action::Isolate { nodes: vec![Node::Broker(follower)] }).unwrap();
    play(&mut p, 4.0);
    let s = p.snapshot();
    let part = &s.topic(TOPIC).unwrap().partitions[0];
    assert_eq!(part.leader, Some(leader));
    assert!(part.high_watermark < part.log_end, "{} < {}", part.high_watermark, part.log_end);

    let newest = page(p.world(), &at(TOPIC, 0, None, 100));
    assert_eq!(newest.high_watermark, part.high_watermark);
    let rows: Vec<_> = newest.records().collect();
    assert!(
        rows.iter().any(|r| r.above_high_watermark) && rows.iter().any(|r| !r.above_high_watermark)
    );
    for r in rows {
        assert_eq!(r.above_high_watermark, r.offset >= part.high_watermark, "offset {}", r.offset);
    }

    // The isolated follower's own copy ends earlier, and is read as it is.
    let copy = page(p.world(), &BrowseAt { replica: Some(follower), ..at(TOPIC, 0, None, 100) });
    assert_eq!(copy.broker, Some(follower));
    assert!(copy.log_end < newest.log_end);
    assert_eq!(offsets(&copy), log_offsets(&p, follower, &TopicPartition::new(TOPIC, 0)));
}

#[test]
fn paging_forward_and_back_visits_every_record_once() {
    for p in [
        {
            let mut p = Playground::opening(2);
            play(&mut p, 15.0);
            p
        },
        compacted(),
    ] {
        let (topic, size) =
            if p.snapshot().topic("ledger").is_some() { ("ledger", 2) } else { (TOPIC, 4) };
        let leader = p.snapshot().topic(topic).unwrap().partitions[0].leader.unwrap();
        let all = log_offsets(&p, leader, &TopicPartition::new(topic, 0));

        let mut forward = Vec::new();
        let mut next = Some(0);
        while let Some(from) = next {
            let pg = page(p.world(), &at(topic, 0, Some(from), size));
            assert!(pg.records().count() <= size as usize);
            forward.extend(offsets(&pg));
            next = pg.next;
        }
        assert_eq!(forward, all, "{topic}: forward");

        let newest = page(p.world(), &at(topic, 0, None, size));
        assert_eq!(offsets(&newest), all[all.len() - size as usize..], "{topic}: the newest page");
        let mut backward = offsets(&newest);
        let mut previous = newest.previous;
        while let Some(from) = previous {
            let pg = page(p.world(), &at(topic, 0, Some(from), size));
            let mut shown: Vec<i64> =
                offsets(&pg).into_iter().filter(|o| o < &backward[0]).collect();
            shown.append(&mut backward);
            backward = shown;
            previous = pg.previous;
        }
        assert_eq!(backward, all, "{topic}: backward");
    }
}

#[test]
fn a_bad_place_says_what_is_wrong_and_a_huge_page_is_capped() {
    let mut p = Playground::opening(1);
    play(&mut p, 3.0);
    let w = p.world();
    assert!(error(&page(w, &at("nope", 0, None, 10))).contains("There is no topic nope"));
    let e = error(&page(w, &at(TOPIC, 7, None, 10)));
    assert!(e.starts_with("UNKNOWN_TOPIC_OR_PARTITION") && e.contains("partitions 0 to 2"), "{e}");
    let e = error(&page(w, &BrowseAt { replica: Some(9), ..at(TOPIC, 0, None, 10) }));
    assert!(
        e.starts_with("NOT_LEADER_OR_FOLLOWER") && e.contains("Broker 9 holds no replica"),
        "{e}"
    );
    let huge = page(w, &at(TOPIC, 0, Some(0), 1_000_000));
    assert_eq!(huge.page_size, MAX_PAGE_SIZE);
}

#[test]
fn a_stopped_brokers_log_is_read_as_it_lies_on_disk() {
    let mut p = Playground::opening(1);
    play(&mut p, 6.0);
    let leader = p.snapshot().topic(TOPIC).unwrap().partitions[0].leader.unwrap();
    p.apply(Action::StopBroker { id: leader, crash: true }).unwrap();
    play(&mut p, 1.0);
    let copy = page(p.world(), &BrowseAt { replica: Some(leader), ..at(TOPIC, 0, Some(0), 100) });
    assert_eq!(copy.error, None);
    assert!(!copy.broker_running);
    assert_eq!(offsets(&copy), log_offsets(&p, leader, &TopicPartition::new(TOPIC, 0)));
}
