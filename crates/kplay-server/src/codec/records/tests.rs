//! Record batches against kafka-protocol's own encoder and decoder: what a client writes the
//! broker reads, what the broker serves a client reads, and broken batches are refused.

use bytes::{Bytes, BytesMut};
use kafka_protocol::indexmap::IndexMap;
use kafka_protocol::protocol::StrBytes;
use kafka_protocol::records::{
    Compression as WireCompression, Record as WireRecord, RecordBatchDecoder, RecordBatchEncoder,
    RecordEncodeOptions, TimestampType as WireTimestampType,
};
use kplay_core::record::Compression;
use kplay_core::{ErrorCode, LeaderEpoch, Offset, ProducerId, Timestamp};

use super::inflate::Budget;
use super::{decode_batch, encode_batch};

fn wire_records(count: i64, producer_id: i64) -> Vec<WireRecord> {
    (0..count)
        .map(|i| {
            let mut headers = IndexMap::new();
            headers.insert(StrBytes::from_static_str("h"), Some(Bytes::from_static(b"hv")));
            WireRecord {
                transactional: false,
                control: false,
                delete_horizon: false,
                partition_leader_epoch: -1,
                producer_id,
                producer_epoch: if producer_id >= 0 { 0 } else { -1 },
                timestamp_type: WireTimestampType::Creation,
                offset: i,
                sequence: if producer_id >= 0 { i as i32 } else { -1 },
                timestamp: 1_700_000_000_000 + i,
                key: (i % 2 == 0).then(|| Bytes::from(format!("key-{i}"))),
                value: Some(Bytes::from(format!("value-{i}"))),
                headers,
            }
        })
        .collect()
}

fn client_batch(count: i64, compression: WireCompression) -> Bytes {
    let mut buf = BytesMut::new();
    let options = RecordEncodeOptions { version: 2, compression };
    // An idempotent producer's records share one batch (sequence tracks offset).
    RecordBatchEncoder::encode(&mut buf, &wire_records(count, 7), &options).unwrap();
    buf.freeze()
}

#[test]
fn client_batches_are_read_with_every_codec() {
    for (wire, ours) in [
        (WireCompression::None, Compression::None),
        (WireCompression::Gzip, Compression::Gzip),
        (WireCompression::Snappy, Compression::Snappy),
        (WireCompression::Lz4, Compression::Lz4),
        (WireCompression::Zstd, Compression::Zstd),
    ] {
        let bytes = client_batch(5, wire);
        let batch = decode_batch(bytes.clone(), &mut Budget::per_request())
            .unwrap_or_else(|e| panic!("{wire:?}: {e:?}"));
        assert_eq!(batch.compression, ours);
        assert_eq!(batch.records.len(), 5);
        assert_eq!(batch.last_offset_delta, 4);
        assert_eq!(batch.producer_id, ProducerId(7));
        assert_eq!(batch.base_sequence, 0);
        assert_eq!(batch.records[2].key.as_deref(), Some(&b"key-2"[..]));
        assert_eq!(batch.records[1].key, None);
        assert_eq!(batch.records[3].value.as_deref(), Some(&b"value-3"[..]));
        assert_eq!(batch.records[4].timestamp, Timestamp(1_700_000_000_004));
        assert_eq!(batch.records[0].headers[0].key, "h");
        assert_eq!(batch.size_bytes, bytes.len());
        assert_eq!(batch.encoded, Some(bytes));
    }
}

#[test]
fn served_batches_keep_the_producers_bytes_with_the_logs_offset_and_epoch() {
    let bytes = client_batch(3, WireCompression::Gzip);
    let mut batch = decode_batch(bytes.clone(), &mut Budget::per_request()).unwrap();
    batch.base_offset = Offset(1000);
    batch.partition_leader_epoch = LeaderEpoch(4);
    let mut out = BytesMut::new();
    encode_batch(&batch, &mut out);
    assert_eq!(out.len(), bytes.len());
    assert_eq!(&out[16..], &bytes[16..], "everything after the epoch is the producer's");
    let set = RecordBatchDecoder::decode(&mut out.freeze()).unwrap();
    let offsets: Vec<i64> = set.records.iter().map(|r| r.offset).collect();
    assert_eq!(offsets, [1000, 1001, 1002]);
    assert_eq!(set.records[0].partition_leader_epoch, 4);
}

#[test]
fn batches_without_their_bytes_are_encoded_afresh_and_read_back_by_clients() {
    let mut batch =
        decode_batch(client_batch(4, WireCompression::Snappy), &mut Budget::per_request()).unwrap();
    batch.encoded = None;
    batch.base_offset = Offset(10);
    batch.partition_leader_epoch = LeaderEpoch(2);
    let mut out = BytesMut::new();
    encode_batch(&batch, &mut out);
    let fresh = out.freeze();
    // kplay reads its own encoding as a client would, CRC included.
    let again = decode_batch(fresh.clone(), &mut Budget::per_request()).unwrap();
    assert_eq!(again.records, batch.records);
    let set = RecordBatchDecoder::decode(&mut fresh.clone()).unwrap();
    assert_eq!(set.records.len(), 4);
    assert_eq!(set.records[3].offset, 13);
    assert_eq!(set.records[3].value.as_deref(), Some(&b"value-3"[..]));
    assert_eq!(
        set.records[0].headers.get(&b"h"[..]).cloned().flatten().as_deref(),
        Some(&b"hv"[..])
    );
}

fn refused(bytes: Bytes) -> ErrorCode {
    decode_batch(bytes, &mut Budget::per_request()).map(|_| ()).unwrap_err().code
}

#[test]
fn broken_batches_are_refused_with_kafkas_errors() {
    let good = client_batch(2, WireCompression::None);
    let mut flipped = BytesMut::from(&good[..]);
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert_eq!(refused(flipped.freeze()), ErrorCode::CorruptMessage, "a bad CRC");
    assert_eq!(refused(good.slice(..40)), ErrorCode::CorruptMessage, "shorter than a header");
    let mut two = BytesMut::from(&good[..]);
    two.extend_from_slice(&good);
    assert_eq!(refused(two.freeze()), ErrorCode::InvalidRecord, "two batches");
    let mut magic = BytesMut::from(&good[..]);
    magic[16] = 1;
    assert_eq!(refused(magic.freeze()), ErrorCode::InvalidRecord, "magic 1");
}

#[test]
fn a_forged_record_count_is_refused_before_allocating() {
    let good = client_batch(2, WireCompression::None);
    let mut forged = BytesMut::from(&good[..]);
    forged[57..61].copy_from_slice(&i32::MAX.to_be_bytes());
    let crc = crc32c::crc32c(&forged[21..]);
    forged[17..21].copy_from_slice(&crc.to_be_bytes());
    assert_eq!(refused(forged.freeze()), ErrorCode::CorruptMessage);
}

#[test]
fn the_batch_checksum_is_crc32c() {
    // The check value of CRC-32C (Castagnoli), as Kafka's record batches use it.
    assert_eq!(crc32c::crc32c(b"123456789"), 0xE306_9283);
}
