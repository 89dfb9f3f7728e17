//! Reading a log by offset as a fetch does, a batch at a time with a byte budget per read, so a
//! page costs about a page of records however long the log is.

use std::sync::Arc;

use kplay_core::log::Log;
use kplay_core::{ErrorCode, Offset, Record, RecordBatch};

/// Bytes asked for per read (a fetch's `max.partition.fetch.bytes` is 1 MiB; a page needs less).
const READ_BYTES: usize = 64 * 1024;

/// Calls `visit` with every record at or after `from`, in offset order, until it returns
/// `false` or the log ends. Refuses `from` outside the log with OFFSET_OUT_OF_RANGE, as a fetch
/// does (the log end itself is in range: reading there finds nothing yet).
fn visit_from(
    log: &Log,
    from: Offset,
    mut visit: impl FnMut(Offset, &RecordBatch, &Record) -> bool,
) -> Result<(), ErrorCode> {
    let end = log.log_end_offset();
    let mut cursor = from;
    loop {
        let mut batches: Vec<Arc<RecordBatch>> = Vec::new();
        log.read(cursor, end, READ_BYTES, true, &mut batches)?;
        let Some(last) = batches.last() else { return Ok(()) };
        let next = last.next_offset();
        for batch in &batches {
            for (offset, record) in batch.records_with_offsets() {
                if offset >= from && !visit(offset, batch, record) {
                    return Ok(());
                }
            }
        }
        if next <= cursor || next >= end {
            return Ok(());
        }
        cursor = next;
    }
}

/// Up to `count` records at or after `from`, made into rows by `row`.
pub(super) fn rows_from<T>(
    log: &Log,
    from: Offset,
    count: usize,
    row: impl Fn(Offset, &RecordBatch, &Record) -> T,
) -> Result<Vec<T>, ErrorCode> {
    let mut rows = Vec::with_capacity(count);
    if count == 0 {
        return Ok(rows);
    }
    visit_from(log, from, |offset, batch, record| {
        rows.push(row(offset, batch, record));
        rows.len() < count
    })?;
    Ok(rows)
}

/// Where a page of `count` records that ends just before `before` starts: the offset of the
/// `count`-th record before it, or the log start if there are fewer. Looks back a page's worth
/// of offsets first and further only where compaction left gaps.
pub(super) fn start_of_last(log: &Log, before: Offset, count: usize) -> Offset {
    let count = count.max(1);
    let start = log.log_start_offset();
    let before = before.min(log.log_end_offset());
    let mut span = count as i64;
    loop {
        let from = Offset(before.0.saturating_sub(span).max(start.0));
        let mut offsets: Vec<Offset> = Vec::new();
        // `from` lies within the log, so the read cannot be refused.
        let _ = visit_from(log, from, |offset, _, _| {
            if offset < before {
                offsets.push(offset);
            }
            offset < before
        });
        if offsets.len() >= count {
            return offsets[offsets.len() - count];
        }
        if from <= start {
            return start;
        }
        span = span.saturating_mul(4);
    }
}
