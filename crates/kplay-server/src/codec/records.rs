//! Record batches between the wire and the engine.
//!
//! A produced batch is checked (one v2 batch, intact CRC-32C, offset deltas 0, 1, 2, …),
//! decompressed (within the request's budget, see [`inflate`]) and read into the engine's [`RecordBatch`], which also keeps the producer's bytes.
//! A fetched batch goes back as those bytes with only the base offset and partition leader epoch
//! rewritten, both outside the CRC, as Kafka does; a batch without them (rewritten for
//! LogAppendTime, or cleaned by compaction) is encoded afresh, uncompressed.
//!
//! Every count and length read here is checked against the bytes left before anything is
//! allocated from it.

use bytes::{BufMut, Bytes, BytesMut};
use kplay_core::record::Compression;
use kplay_core::{
    ErrorCode, Header, KafkaError, LeaderEpoch, Offset, ProducerEpoch, ProducerId, Record,
    RecordBatch, Timestamp, TimestampType,
};

use super::varint::{Reader, put_varint};
use crc32c::crc32c;
use inflate::{Budget, inflate};

/// The bytes before the records in a v2 batch.
const HEADER: usize = 61;
const ATTR_TIMESTAMP_TYPE: i16 = 0x08;
const ATTR_CONTROL: i16 = 0x20;
const ATTR_TRANSACTIONAL: i16 = 0x10;

fn corrupt(message: impl Into<String>) -> KafkaError {
    KafkaError::new(ErrorCode::CorruptMessage, message)
}

fn invalid(message: impl Into<String>) -> KafkaError {
    KafkaError::new(ErrorCode::InvalidRecord, message)
}

/// Reads a Produce request's records field (v3+: exactly one v2 batch).
pub(crate) fn decode_batch(bytes: Bytes, budget: &mut Budget) -> Result<RecordBatch, KafkaError> {
    if bytes.len() < HEADER {
        return Err(corrupt(format!(
            "A record batch of {} bytes is shorter than its header.",
            bytes.len()
        )));
    }
    let mut header = Reader::new(&bytes);
    let _base_offset = header.i64()?;
    let batch_length = header.i32()?;
    if i64::from(batch_length) + 12 != bytes.len() as i64 {
        return Err(invalid(
            "Produce requests with version 3 and later must contain exactly one record batch.",
        ));
    }
    let _partition_leader_epoch = header.i32()?;
    let magic = header.i8()?;
    if magic != 2 {
        return Err(invalid(format!(
            "Produce requests with version 3 and later only accept record batches with magic 2, not {magic}."
        )));
    }
    let crc = header.i32()? as u32;
    if crc32c(&bytes[21..]) != crc {
        return Err(corrupt("The record batch failed its CRC-32C check."));
    }
    let attributes = header.i16()?;
    if attributes & ATTR_CONTROL != 0 {
        return Err(invalid("Clients may not produce control batches."));
    }
    let compression = match attributes & 0x07 {
        0 => Compression::None,
        1 => Compression::Gzip,
        2 => Compression::Snappy,
        3 => Compression::Lz4,
        4 => Compression::Zstd,
        other => return Err(corrupt(format!("Unknown compression type {other}."))),
    };
    let last_offset_delta = header.i32()?;
    let base_timestamp = header.i64()?;
    let _max_timestamp = header.i64()?;
    let producer_id = header.i64()?;
    let producer_epoch = header.i16()?;
    let base_sequence = header.i32()?;
    let record_count = header.i32()?;
    let data = inflate(compression, bytes.slice(HEADER..), budget)?;
    let records = read_records(&data, record_count, Timestamp(base_timestamp))?;
    if record_count < 1 || last_offset_delta != record_count - 1 {
        return Err(invalid(format!(
            "A batch of {record_count} records must end at offset delta {}, not {last_offset_delta}.",
            record_count - 1
        )));
    }
    let timestamp_type = if attributes & ATTR_TIMESTAMP_TYPE != 0 {
        TimestampType::LogAppendTime
    } else {
        TimestampType::CreateTime
    };
    Ok(RecordBatch {
        base_offset: Offset(0),
        last_offset_delta,
        partition_leader_epoch: LeaderEpoch::UNKNOWN,
        producer_id: ProducerId(producer_id),
        producer_epoch: ProducerEpoch(producer_epoch),
        base_sequence,
        timestamp_type,
        compression,
        records,
        size_bytes: bytes.len(),
        encoded: Some(bytes),
        delete_horizon: None,
        transactional: attributes & ATTR_TRANSACTIONAL != 0,
        control: false,
    })
}

fn read_records(data: &Bytes, count: i32, base: Timestamp) -> Result<Vec<Record>, KafkaError> {
    // Every record takes at least seven bytes; a count the bytes cannot hold is a lie.
    let count = usize::try_from(count).map_err(|_| corrupt("A negative record count."))?;
    if count > data.len() / 7 {
        return Err(corrupt(format!("{count} records cannot fit in {} bytes.", data.len())));
    }
    let mut reader = Reader::new(data);
    let mut records = Vec::with_capacity(count);
    for expected_delta in 0..count {
        let length = reader.varint()?;
        let mut r = reader.window(length)?;
        let _attributes = r.i8()?;
        let timestamp = Timestamp(base.0.wrapping_add(r.varlong()?));
        let offset_delta = r.varint()?;
        if usize::try_from(offset_delta) != Ok(expected_delta) {
            return Err(invalid(format!(
                "Record {expected_delta} of the batch has offset delta {offset_delta}."
            )));
        }
        let key = r.nullable_bytes()?;
        let value = r.nullable_bytes()?;
        let header_count =
            usize::try_from(r.varint()?).map_err(|_| corrupt("A negative header count."))?;
        if header_count > r.remaining() / 2 {
            return Err(corrupt(format!("{header_count} headers cannot fit in a record.")));
        }
        let mut headers = Vec::with_capacity(header_count);
        for _ in 0..header_count {
            let key = r.nullable_bytes()?.ok_or_else(|| corrupt("A header key is null."))?;
            let key = String::from_utf8(key.to_vec())
                .map_err(|_| corrupt("A header key is not UTF-8."))?;
            headers.push(Header { key, value: r.nullable_bytes()? });
        }
        records.push(Record { offset_delta, timestamp, key, value, headers });
    }
    Ok(records)
}

/// Appends `batch` as a fetch returns it: the producer's bytes with this log's offset and epoch,
/// or a fresh uncompressed encoding.
pub(crate) fn encode_batch(batch: &RecordBatch, out: &mut BytesMut) {
    match &batch.encoded {
        Some(bytes) if bytes.len() >= HEADER => {
            let start = out.len();
            out.extend_from_slice(bytes);
            out[start..start + 8].copy_from_slice(&batch.base_offset.0.to_be_bytes());
            out[start + 12..start + 16]
                .copy_from_slice(&batch.partition_leader_epoch.0.to_be_bytes());
        }
        _ => encode_fresh(batch, out),
    }
}

fn encode_fresh(batch: &RecordBatch, out: &mut BytesMut) {
    let base_timestamp = batch.records.first().map_or(Timestamp::NONE, |r| r.timestamp);
    let mut records = BytesMut::new();
    let mut body = BytesMut::new();
    for record in &batch.records {
        body.clear();
        body.put_i8(0);
        put_varint(&mut body, record.timestamp.ms_since(base_timestamp));
        put_varint(&mut body, i64::from(record.offset_delta));
        put_nullable(&mut body, record.key.as_deref());
        put_nullable(&mut body, record.value.as_deref());
        put_varint(&mut body, batch_len(record.headers.len()));
        for h in &record.headers {
            put_nullable(&mut body, Some(h.key.as_bytes()));
            put_nullable(&mut body, h.value.as_deref());
        }
        put_varint(&mut records, batch_len(body.len()));
        records.extend_from_slice(&body);
    }
    let start = out.len();
    let mut attributes: i16 = 0;
    if batch.timestamp_type == TimestampType::LogAppendTime {
        attributes |= ATTR_TIMESTAMP_TYPE;
    }
    if batch.transactional {
        attributes |= ATTR_TRANSACTIONAL;
    }
    if batch.control {
        attributes |= ATTR_CONTROL;
    }
    out.put_i64(batch.base_offset.0);
    out.put_i32((HEADER - 12 + records.len()) as i32);
    out.put_i32(batch.partition_leader_epoch.0);
    out.put_i8(2);
    out.put_u32(0);
    out.put_i16(attributes);
    out.put_i32(batch.last_offset_delta);
    out.put_i64(base_timestamp.0);
    out.put_i64(batch.max_timestamp().0);
    out.put_i64(batch.producer_id.0);
    out.put_i16(batch.producer_epoch.0);
    out.put_i32(batch.base_sequence);
    out.put_i32(batch.records.len() as i32);
    out.extend_from_slice(&records);
    let crc = crc32c(&out[start + 21..]);
    out[start + 17..start + 21].copy_from_slice(&crc.to_be_bytes());
}

fn batch_len(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn put_nullable(out: &mut BytesMut, bytes: Option<&[u8]>) {
    match bytes {
        None => put_varint(out, -1),
        Some(b) => {
            put_varint(out, batch_len(b.len()));
            out.extend_from_slice(b);
        }
    }
}

pub(crate) mod inflate;
#[cfg(test)]
mod tests;
