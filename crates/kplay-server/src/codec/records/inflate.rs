//! Decompression with a ceiling.
//!
//! A compressed batch is read whole when it is produced, because the engine keeps its records.
//! The compression formats let a few kilobytes expand to gigabytes, and the kafka-protocol crate's
//! decompressors read everything they are given (its snappy reader even allocates whatever length
//! a block declares), so one small hostile request could exhaust the broker's memory. Here every
//! codec is read as a stream into at most what the request's [`Budget`] still allows, and a
//! batch that would go beyond it is refused with MESSAGE_TOO_LARGE before anything more is read.

use std::io::Read;

use bytes::Bytes;
use kplay_core::record::Compression;
use kplay_core::{ErrorCode, KafkaError};

/// How many bytes the compressed batches of one produce request may expand to, in all: the
/// default `socket.request.max.bytes`, so that a request can never hold more records than an
/// uncompressed request of the largest accepted size.
pub(crate) const MAX_INFLATED_PER_REQUEST: usize = 100 * 1024 * 1024;

/// What is left of one request's allowance for decompressed bytes.
#[derive(Debug)]
pub(crate) struct Budget {
    left: usize,
}

impl Budget {
    /// An allowance of `bytes`.
    pub(crate) fn new(bytes: usize) -> Budget {
        Budget { left: bytes }
    }

    /// The allowance of one produce request.
    pub(crate) fn per_request() -> Budget {
        Budget::new(MAX_INFLATED_PER_REQUEST)
    }

    fn take(&mut self, bytes: usize) -> Result<(), KafkaError> {
        if bytes > self.left {
            return Err(KafkaError::new(
                ErrorCode::MessageTooLarge,
                format!(
                    "The compressed records expand to more than the {MAX_INFLATED_PER_REQUEST} bytes one produce request may hold."
                ),
            ));
        }
        self.left -= bytes;
        Ok(())
    }
}

fn corrupt(compression: Compression) -> KafkaError {
    KafkaError::new(
        ErrorCode::CorruptMessage,
        format!("The records could not be decompressed ({compression:?})."),
    )
}

/// The records of a batch compressed with `compression`, within `budget`.
pub(crate) fn inflate(
    compression: Compression,
    data: Bytes,
    budget: &mut Budget,
) -> Result<Bytes, KafkaError> {
    let failed = |_| corrupt(compression);
    match compression {
        Compression::None => Ok(data),
        Compression::Gzip => bounded(flate2::read::GzDecoder::new(&data[..]), compression, budget),
        Compression::Lz4 => {
            bounded(lz4::Decoder::new(&data[..]).map_err(failed)?, compression, budget)
        }
        Compression::Zstd => bounded(
            zstd::stream::read::Decoder::new(&data[..]).map_err(failed)?,
            compression,
            budget,
        ),
        Compression::Snappy => snappy(&data, budget),
    }
}

/// Reads `stream` to its end, but never more than one byte past the budget.
fn bounded(
    stream: impl Read,
    compression: Compression,
    budget: &mut Budget,
) -> Result<Bytes, KafkaError> {
    let mut out = Vec::new();
    let ceiling = u64::try_from(budget.left).unwrap_or(u64::MAX).saturating_add(1);
    stream.take(ceiling).read_to_end(&mut out).map_err(|_| corrupt(compression))?;
    budget.take(out.len())?;
    Ok(Bytes::from(out))
}

/// The framing Kafka's Java client writes (snappy-java's stream: a magic header, then blocks each
/// prefixed by its length); without the header, one raw snappy block, as the Java client reads.
const SNAPPY_MAGIC: &[u8; 16] = b"\x82SNAPPY\x00\x00\x00\x00\x01\x00\x00\x00\x01";

fn snappy(data: &[u8], budget: &mut Budget) -> Result<Bytes, KafkaError> {
    let failed = |_| corrupt(Compression::Snappy);
    let mut out = Vec::new();
    let mut block = |compressed: &[u8], out: &mut Vec<u8>| -> Result<(), KafkaError> {
        // The declared length is checked against the budget before it is allocated.
        let length = snap::raw::decompress_len(compressed).map_err(failed)?;
        budget.take(length)?;
        let start = out.len();
        out.resize(start + length, 0);
        let written =
            snap::raw::Decoder::new().decompress(compressed, &mut out[start..]).map_err(failed)?;
        out.truncate(start + written);
        Ok(())
    };
    let Some(mut rest) = data.strip_prefix(&SNAPPY_MAGIC[..]) else {
        block(data, &mut out)?;
        return Ok(Bytes::from(out));
    };
    while !rest.is_empty() {
        let (length, after) =
            rest.split_at_checked(4).ok_or_else(|| corrupt(Compression::Snappy))?;
        let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]) as usize;
        let (compressed, after) =
            after.split_at_checked(length).ok_or_else(|| corrupt(Compression::Snappy))?;
        block(compressed, &mut out)?;
        rest = after;
    }
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use kafka_protocol::compression::{Compressor, Gzip, Lz4, Snappy, Zstd};

    use super::*;

    /// `data` compressed as Kafka's clients compress it, through the kafka-protocol crate.
    fn compressed(compression: Compression, data: &[u8]) -> Bytes {
        let mut out = bytes::BytesMut::new();
        let fill = |b: &mut bytes::BytesMut| {
            b.extend_from_slice(data);
            Ok(())
        };
        match compression {
            Compression::None => out.extend_from_slice(data),
            Compression::Gzip => Gzip::compress(&mut out, fill).unwrap(),
            Compression::Snappy => Snappy::compress(&mut out, fill).unwrap(),
            Compression::Lz4 => Lz4::compress(&mut out, fill).unwrap(),
            Compression::Zstd => Zstd::compress(&mut out, fill).unwrap(),
        }
        out.freeze()
    }

    const CODECS: [Compression; 4] =
        [Compression::Gzip, Compression::Snappy, Compression::Lz4, Compression::Zstd];

    #[test]
    fn every_codec_reads_back_what_was_compressed_and_counts_it() {
        let data: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        for codec in CODECS {
            let mut budget = Budget::new(data.len() + 10);
            let read = inflate(codec, compressed(codec, &data), &mut budget).unwrap();
            assert_eq!(&read[..], &data[..], "{codec:?}");
            assert_eq!(budget.left, 10, "{codec:?} took what it read from the budget");
        }
    }

    #[test]
    fn a_bomb_is_refused_as_too_large_once_the_budget_is_spent() {
        // 8 MiB of zeros compress to a few kilobytes; the budget is 1 MiB.
        let zeros = vec![0u8; 8 << 20];
        for codec in CODECS {
            let bomb = compressed(codec, &zeros);
            assert!(bomb.len() < 512 * 1024, "{codec:?} compresses zeros well");
            let error = inflate(codec, bomb, &mut Budget::new(1 << 20)).unwrap_err();
            assert_eq!(error.code, ErrorCode::MessageTooLarge, "{codec:?}");
        }
    }

    #[test]
    fn the_budget_is_shared_by_the_batches_of_a_request() {
        let data = vec![7u8; 600 * 1024];
        let mut budget = Budget::new(1 << 20);
        inflate(Compression::Gzip, compressed(Compression::Gzip, &data), &mut budget).unwrap();
        let second = inflate(Compression::Zstd, compressed(Compression::Zstd, &data), &mut budget);
        assert_eq!(second.unwrap_err().code, ErrorCode::MessageTooLarge);
    }

    #[test]
    fn a_raw_snappy_block_declaring_four_gigabytes_is_refused_before_allocating() {
        // A raw snappy block starts with its uncompressed length as a varint: here 2^32 - 1.
        let forged = Bytes::from_static(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]);
        let error = inflate(Compression::Snappy, forged, &mut Budget::per_request()).unwrap_err();
        assert_eq!(error.code, ErrorCode::MessageTooLarge);
        let mut framed = SNAPPY_MAGIC.to_vec();
        framed.extend_from_slice(&6u32.to_be_bytes());
        framed.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]);
        let error =
            inflate(Compression::Snappy, framed.into(), &mut Budget::per_request()).unwrap_err();
        assert_eq!(error.code, ErrorCode::MessageTooLarge);
    }

    #[test]
    fn truncated_or_garbled_data_is_a_corrupt_message() {
        let mut garbage = Vec::new();
        garbage.write_all(b"not compressed at all, just bytes").unwrap();
        for codec in CODECS {
            let error = inflate(codec, garbage.clone().into(), &mut Budget::per_request());
            assert_eq!(error.unwrap_err().code, ErrorCode::CorruptMessage, "{codec:?}");
        }
        let mut framed = SNAPPY_MAGIC.to_vec();
        framed.extend_from_slice(&100u32.to_be_bytes());
        framed.extend_from_slice(b"short");
        let error = inflate(Compression::Snappy, framed.into(), &mut Budget::per_request());
        assert_eq!(error.unwrap_err().code, ErrorCode::CorruptMessage);
    }
}
