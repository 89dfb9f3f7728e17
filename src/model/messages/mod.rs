//! The message browser's model: one replica's log read by offset, a page at a time, the way
//! Kafdrop's "view messages" reads a partition — except that it reads the broker's log itself
//! rather than going through a consumer, so it can also show what consumers cannot read yet
//! (records at or above the high watermark), a follower's copy, or a stopped broker's log as it
//! lies on disk (what `kafka-dump-log.sh` would print).
//!
//! Reading follows the fetch path's rules: an offset before the log start or after the log end
//! is refused with Kafka's OFFSET_OUT_OF_RANGE; reading from an offset inside a batch starts the
//! page at that offset; offsets that compaction removed stay gaps, because offsets never change.
//! A page holds at most [`MAX_PAGE_SIZE`] records whatever a link asks for, and reading one costs
//! about a page of records, however long the log.

mod read;
mod shown;
#[cfg(test)]
mod tests;

pub use shown::{SHOWN_CHARS, SHOWN_HEX_BYTES, Shown};

use kplay_core::{BrokerId, ErrorCode, KafkaError, Offset, Record, RecordBatch, TopicPartition};
use kplay_sim::World;

use super::prefs::{BrowseAt, PAGE_SIZES};

/// The most records one page holds.
pub const MAX_PAGE_SIZE: u32 = PAGE_SIZES[PAGE_SIZES.len() - 1];

/// One record, as the browser lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRow {
    /// Its offset.
    pub offset: i64,
    /// Its timestamp, in simulated ms.
    pub timestamp_ms: i64,
    /// Whether the timestamp is the leader's append time (`message.timestamp.type=LogAppendTime`)
    /// rather than the producer's CreateTime.
    pub log_append_time: bool,
    /// Its key (`None`: keyless).
    pub key: Option<Shown>,
    /// Its value (`None`: a tombstone, which deletes the key in a compacted topic).
    pub value: Option<Shown>,
    /// Its headers, in order (a header's value may be null).
    pub headers: Vec<(String, Option<Shown>)>,
    /// The leader epoch its batch was appended in.
    pub leader_epoch: i32,
    /// At or above the high watermark: not on every in-sync replica yet, so no consumer can read
    /// it (and a failover may still remove it).
    pub above_high_watermark: bool,
}

/// One line of a page: a record, or offsets that hold none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A record.
    Record(MessageRow),
    /// Offsets `from` up to (not including) `to` hold no record: compaction removed them.
    Gap {
        /// The first empty offset.
        from: i64,
        /// The offset after the last empty one.
        to: i64,
    },
}

/// A page of one replica's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessagePage {
    /// Where the visitor asked to be.
    pub at: BrowseAt,
    /// How many partitions the topic has (0 if it does not exist).
    pub partitions: i32,
    /// The partition's replicas, preferred leader first.
    pub replicas: Vec<i32>,
    /// The partition's leader, if any.
    pub leader: Option<i32>,
    /// Whose log was read.
    pub broker: Option<i32>,
    /// Whether that broker runs (a stopped broker's log is read as it lies on disk).
    pub broker_running: bool,
    /// Whether the topic is compacted (`cleanup.policy` includes `compact`).
    pub compacted: bool,
    /// The log's start offset (-1 if nothing was read).
    pub log_start: i64,
    /// The log's end offset (-1 if nothing was read).
    pub log_end: i64,
    /// The high watermark consumers read up to: the leader's, or, while the partition has no
    /// leader, the replica's own (-1 if nothing was read).
    pub high_watermark: i64,
    /// The read replica's own high watermark (a follower learns the leader's with a delay).
    pub replica_high_watermark: i64,
    /// The first offset of the page.
    pub from: i64,
    /// Records per page.
    pub page_size: u32,
    /// The page, by offset.
    pub entries: Vec<Entry>,
    /// Where the previous page starts, if there are records before this one.
    pub previous: Option<i64>,
    /// Where the next page starts, if there are offsets after this one.
    pub next: Option<i64>,
    /// Why nothing could be read.
    pub error: Option<KafkaError>,
    /// What the page could not show and why, when it shows something else instead (the live
    /// view has only each partition's newest records).
    pub note: Option<String>,
}

impl MessagePage {
    /// The records of the page, in order.
    pub fn records(&self) -> impl Iterator<Item = &MessageRow> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Record(row) => Some(row),
            Entry::Gap { .. } => None,
        })
    }

    /// The page `at` asks for, filled in by `fill` from whatever log it reads; what `fill`
    /// refuses becomes the page's [`error`](MessagePage::error).
    pub(crate) fn read(
        at: &BrowseAt,
        fill: impl FnOnce(&mut MessagePage) -> Result<(), KafkaError>,
    ) -> MessagePage {
        let mut page = MessagePage {
            at: at.clone(),
            partitions: 0,
            replicas: Vec::new(),
            leader: None,
            broker: None,
            broker_running: false,
            compacted: false,
            log_start: -1,
            log_end: -1,
            high_watermark: -1,
            replica_high_watermark: -1,
            from: at.offset.unwrap_or(-1),
            page_size: at.page_size.clamp(1, MAX_PAGE_SIZE),
            entries: Vec::new(),
            previous: None,
            next: None,
            error: None,
            note: None,
        };
        if let Err(e) = fill(&mut page) {
            page.error = Some(e);
        }
        page
    }
}

/// Reads the page `at` asks for from `world`. Whatever `at` holds (it may come from a link),
/// the answer is a page or a page with an [`error`](MessagePage::error) saying what was wrong.
pub fn page(world: &World, at: &BrowseAt) -> MessagePage {
    MessagePage::read(at, |page| fill(world, at, page))
}

fn fill(world: &World, at: &BrowseAt, page: &mut MessagePage) -> Result<(), KafkaError> {
    let engine = world.engine();
    let tp = TopicPartition::new(at.topic.as_str(), at.partition);
    let topic = engine.image().topics.get(at.topic.as_str()).ok_or_else(|| {
        refuse(ErrorCode::UnknownTopicOrPartition, format!("There is no topic {}.", at.topic))
    })?;
    page.partitions = topic.partitions.len() as i32;
    page.compacted = topic.config.cleanup_policy.compacts();
    let view = engine.partition(&tp).ok_or_else(|| {
        let last = topic.partitions.len().saturating_sub(1);
        refuse(
            ErrorCode::UnknownTopicOrPartition,
            format!(
                "{} has partitions 0 to {last}; there is no partition {}.",
                at.topic, at.partition
            ),
        )
    })?;
    page.replicas = view.state.replicas.iter().map(|b| b.0).collect();
    page.leader = view.state.leader.map(|b| b.0);
    let broker = match (at.replica, page.leader) {
        (Some(b), _) => b,
        (None, Some(leader)) => leader,
        (None, None) => {
            return Err(refuse(
                ErrorCode::LeaderNotAvailable,
                format!(
                    "{tp} has no leader now, so no consumer can read it; pick a replica to read that broker's copy of the log."
                ),
            ));
        }
    };
    if !page.replicas.contains(&broker) {
        return Err(refuse(
            ErrorCode::NotLeaderOrFollower,
            format!(
                "Broker {broker} holds no replica of {tp}; its replicas are on brokers {}.",
                ids_text(&page.replicas)
            ),
        ));
    }
    page.broker = Some(broker);
    page.broker_running = engine.broker(BrokerId(broker)).is_some_and(|n| n.running);
    let replica = engine.replica(BrokerId(broker), &tp).ok_or_else(|| {
        refuse(
            ErrorCode::ReplicaNotAvailable,
            format!("Broker {broker} has not created its replica of {tp} yet."),
        )
    })?;
    let log = &replica.log;
    page.log_start = log.log_start_offset().0;
    page.log_end = log.log_end_offset().0;
    page.replica_high_watermark = replica.high_watermark.0;
    page.high_watermark = view.high_watermark().unwrap_or(replica.high_watermark).0;
    let size = page.page_size as usize;
    let from = at.offset.unwrap_or_else(|| read::start_of_last(log, log.log_end_offset(), size).0);
    page.from = from;
    let high_watermark = page.high_watermark;
    let rows = read::rows_from(log, Offset(from), size, |o, batch, record| {
        row(o, batch, record, high_watermark)
    })
    .map_err(|code| out_of_range(code, from, page.log_start, page.log_end, broker, &tp))?;
    let full = rows.len() == size;
    let mut expected = from;
    for row in rows {
        if row.offset > expected {
            page.entries.push(Entry::Gap { from: expected, to: row.offset });
        }
        expected = row.offset + 1;
        page.entries.push(Entry::Record(row));
    }
    if !full && expected < page.log_end {
        page.entries.push(Entry::Gap { from: expected, to: page.log_end });
    }
    page.next = (full && expected < page.log_end).then_some(expected);
    page.previous = (from > page.log_start).then(|| read::start_of_last(log, Offset(from), size).0);
    Ok(())
}

fn row(offset: Offset, batch: &RecordBatch, record: &Record, high_watermark: i64) -> MessageRow {
    MessageRow {
        offset: offset.0,
        timestamp_ms: record.timestamp.0,
        log_append_time: batch.timestamp_type == kplay_core::TimestampType::LogAppendTime,
        key: record.key.as_deref().map(Shown::of),
        value: record.value.as_deref().map(Shown::of),
        headers: record
            .headers
            .iter()
            .map(|h| (h.key.clone(), h.value.as_deref().map(Shown::of)))
            .collect(),
        leader_epoch: batch.partition_leader_epoch.0,
        above_high_watermark: offset.0 >= high_watermark,
    }
}

fn ids_text(ids: &[i32]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

pub(crate) fn refuse(code: ErrorCode, detail: String) -> KafkaError {
    KafkaError { code, message: format!("{} {detail}", code.message()) }
}

/// Kafka's answer to a fetch outside the log, with what the log does hold.
pub(crate) fn out_of_range(
    code: ErrorCode,
    offset: i64,
    log_start: i64,
    log_end: i64,
    broker: i32,
    tp: &TopicPartition,
) -> KafkaError {
    let holds = if log_start == log_end {
        format!("it holds no records; the next one will get offset {log_end}")
    } else {
        format!("it holds offsets {log_start} to {}", log_end - 1)
    };
    let why = if offset < 0 {
        format!(
            "Offsets are never negative: {tp} on broker {broker} holds {}.",
            holds.trim_start_matches("it holds ")
        )
    } else if offset < log_start {
        format!(
            "Offset {offset} is before the log start offset {log_start} of {tp} on broker {broker} ({holds}): \
             the records before it are no longer in the log. A consumer there would reset its position as auto.offset.reset says."
        )
    } else {
        format!(
            "Offset {offset} is after the log end offset {log_end} of {tp} on broker {broker} ({holds})."
        )
    };
    refuse(code, why)
}
