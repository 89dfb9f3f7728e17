//! The message browser over a real cluster: a page of a partition's records, read from what the
//! live images carry — the leader's newest records of each partition (see
//! `kplay_live::build::RECORDS_SHOWN`), values and header values cut to a preview.
//!
//! The bounds (log start, high watermark, log end) are the leader's own, so offsets outside the
//! log are refused as the simulation's browser refuses them, with Kafka's OFFSET_OUT_OF_RANGE.
//! Offsets inside the log but older than what the image carries are not invented: the page
//! starts at the oldest record it has and says how to read the older ones with kcat. A follower's
//! copy is not streamed either; the page reads the leader's and says so.

use kplay_core::{ErrorCode, TopicPartition};
use kplay_live::{LiveImage, LivePartition, LiveRecord};

use crate::model::messages::{Entry, MessagePage, MessageRow, Shown, out_of_range, refuse};
use crate::model::prefs::BrowseAt;

/// Reads the page `at` asks for from `image`; whatever `at` holds, the answer is a page, or a
/// page whose `error` says what was wrong.
pub fn page(image: &LiveImage, at: &BrowseAt) -> MessagePage {
    MessagePage::read(at, |page| fill(image, at, page))
}

fn fill(
    image: &LiveImage,
    at: &BrowseAt,
    page: &mut MessagePage,
) -> Result<(), kplay_core::KafkaError> {
    let tp = TopicPartition::new(at.topic.as_str(), at.partition);
    let topic = image.topics.iter().find(|t| t.name == at.topic).ok_or_else(|| {
        refuse(ErrorCode::UnknownTopicOrPartition, format!("There is no topic {}.", at.topic))
    })?;
    page.partitions = topic.partitions.len() as i32;
    let p = topic.partitions.iter().find(|p| p.index == at.partition).ok_or_else(|| {
        refuse(
            ErrorCode::UnknownTopicOrPartition,
            format!(
                "{} has partitions 0 to {}; there is no partition {}.",
                at.topic,
                topic.partitions.len().saturating_sub(1),
                at.partition
            ),
        )
    })?;
    page.replicas.clone_from(&p.replicas);
    page.leader = p.leader;
    let Some(leader) = p.leader else {
        return Err(refuse(
            ErrorCode::LeaderNotAvailable,
            format!("{tp} has no leader now, so no consumer can read it."),
        ));
    };
    page.broker = Some(leader);
    page.broker_running = image.brokers.iter().any(|b| b.id == leader && b.running);
    (page.log_start, page.log_end) = (p.log_start_offset, p.log_end_offset);
    (page.high_watermark, page.replica_high_watermark) = (p.high_watermark, p.high_watermark);
    let mut notes = Vec::new();
    if at.replica.is_some_and(|r| r != leader) {
        notes.push(format!(
            "The live view streams the leader's copy of each partition only: this is broker {leader}'s."
        ));
    }
    let size = page.page_size as i64;
    let wanted = at.offset.unwrap_or((p.log_end_offset - size).max(p.log_start_offset));
    if wanted < p.log_start_offset || wanted > p.log_end_offset {
        let code = ErrorCode::OffsetOutOfRange;
        return Err(out_of_range(code, wanted, p.log_start_offset, p.log_end_offset, leader, &tp));
    }
    let oldest = p.records.first().map_or(p.log_end_offset, |r| r.offset);
    let from = wanted.max(oldest);
    if from == oldest && oldest > p.log_start_offset {
        notes.push(older_note(p, &tp, wanted.min(oldest - 1), oldest));
    }
    page.from = from;
    let rows: Vec<&LiveRecord> =
        p.records.iter().filter(|r| r.offset >= from).take(size as usize).collect();
    let mut expected = from;
    for r in &rows {
        if r.offset > expected {
            page.entries.push(Entry::Gap { from: expected, to: r.offset });
        }
        expected = r.offset + 1;
        page.entries.push(Entry::Record(row(r, p.high_watermark)));
    }
    let full = rows.len() as i64 == size;
    page.next = (full && expected < p.log_end_offset).then_some(expected);
    page.previous = (from > oldest).then(|| (from - size).max(oldest));
    page.note = (!notes.is_empty()).then(|| notes.join(" "));
    Ok(())
}

/// Says that offsets `from` up to `oldest` are in the log but not in the image, and how to read them.
fn older_note(p: &LivePartition, tp: &TopicPartition, from: i64, oldest: i64) -> String {
    format!(
        "The live view carries each partition's newest records only (offsets {oldest} to {} of {tp}); \
         read the older ones with kcat: kcat -b <broker> -C -t {} -p {} -o {from} -c {} -e",
        p.log_end_offset - 1,
        tp.topic,
        tp.partition.0,
        oldest - from
    )
}

fn row(r: &LiveRecord, high_watermark: i64) -> MessageRow {
    let text = |s: &String| Shown::of(s.as_bytes());
    MessageRow {
        offset: r.offset,
        timestamp_ms: r.timestamp_ms,
        log_append_time: r.log_append_time,
        key: r.key.as_ref().map(text),
        value: r.value.as_ref().map(text),
        headers: r.headers.iter().map(|(k, v)| (k.clone(), v.as_ref().map(text))).collect(),
        leader_epoch: r.leader_epoch,
        above_high_watermark: r.offset >= high_watermark,
    }
}
