//! A bounds-checked reader over record batch bytes, and Kafka's zigzag varints.
//!
//! Record fields are zigzag varints (lengths, deltas) and varlongs (timestamp deltas); every read
//! checks what is left, so a lying length is an error, never a panic or an allocation.

use bytes::{BufMut, Bytes, BytesMut};
use kplay_core::{ErrorCode, KafkaError};

fn truncated() -> KafkaError {
    KafkaError::new(ErrorCode::CorruptMessage, "A record batch ends in the middle of a field.")
}

/// A cursor over a window of shared bytes. It borrows the buffer, so moving through records costs
/// nothing; only the fields kept ([`Reader::bytes`]) take a reference to it.
pub(crate) struct Reader<'a> {
    bytes: &'a Bytes,
    pos: usize,
    end: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a Bytes) -> Self {
        Reader { bytes, pos: 0, end: bytes.len() }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.end - self.pos
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], KafkaError> {
        if N > self.remaining() {
            return Err(truncated());
        }
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[self.pos..self.pos + N]);
        self.pos += N;
        Ok(out)
    }

    pub(crate) fn i8(&mut self) -> Result<i8, KafkaError> {
        Ok(i8::from_be_bytes(self.take()?))
    }

    pub(crate) fn i16(&mut self) -> Result<i16, KafkaError> {
        Ok(i16::from_be_bytes(self.take()?))
    }

    pub(crate) fn i32(&mut self) -> Result<i32, KafkaError> {
        Ok(i32::from_be_bytes(self.take()?))
    }

    pub(crate) fn i64(&mut self) -> Result<i64, KafkaError> {
        Ok(i64::from_be_bytes(self.take()?))
    }

    /// A zigzag varlong (up to ten bytes).
    pub(crate) fn varlong(&mut self) -> Result<i64, KafkaError> {
        let window = &self.bytes[self.pos..self.end];
        let mut raw = 0u64;
        for (i, &byte) in window.iter().take(10).enumerate() {
            raw |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                self.pos += i + 1;
                return Ok(((raw >> 1) as i64) ^ -((raw & 1) as i64));
            }
        }
        if window.len() < 10 {
            return Err(truncated());
        }
        Err(KafkaError::new(ErrorCode::CorruptMessage, "A varint is longer than ten bytes."))
    }

    /// A zigzag varint; Kafka's are 32-bit.
    pub(crate) fn varint(&mut self) -> Result<i32, KafkaError> {
        i32::try_from(self.varlong()?)
            .map_err(|_| KafkaError::new(ErrorCode::CorruptMessage, "A varint overflows 32 bits."))
    }

    /// Moves past the next `len` bytes, returning where they start.
    fn skip(&mut self, len: i32) -> Result<usize, KafkaError> {
        let len = usize::try_from(len).map_err(|_| truncated())?;
        if len > self.remaining() {
            return Err(truncated());
        }
        let start = self.pos;
        self.pos += len;
        Ok(start)
    }

    /// `len` bytes, as a slice of the same buffer.
    pub(crate) fn bytes(&mut self, len: i32) -> Result<Bytes, KafkaError> {
        let start = self.skip(len)?;
        Ok(self.bytes.slice(start..self.pos))
    }

    /// The next `len` bytes as a reader of their own (a record's body, say); this one moves past
    /// them.
    pub(crate) fn window(&mut self, len: i32) -> Result<Reader<'a>, KafkaError> {
        let start = self.skip(len)?;
        Ok(Reader { bytes: self.bytes, pos: start, end: self.pos })
    }

    /// A varint length (-1 for null) and that many bytes.
    pub(crate) fn nullable_bytes(&mut self) -> Result<Option<Bytes>, KafkaError> {
        match self.varint()? {
            -1 => Ok(None),
            len => self.bytes(len).map(Some),
        }
    }
}

/// Appends `value` as a zigzag varint.
pub(crate) fn put_varint(out: &mut BytesMut, value: i64) {
    let mut v = ((value << 1) ^ (value >> 63)) as u64;
    while v >= 0x80 {
        out.put_u8((v as u8) | 0x80);
        v >>= 7;
    }
    out.put_u8(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for value in [0i64, 1, -1, 63, -64, 64, 300, -301, i64::from(i32::MAX), i64::MIN, i64::MAX]
        {
            let mut out = BytesMut::new();
            put_varint(&mut out, value);
            assert_eq!(out.len(), kplay_core::record::varint_size(value));
            assert_eq!(Reader::new(&out.freeze()).varlong().ok(), Some(value));
        }
    }

    #[test]
    fn a_length_past_the_end_is_an_error() {
        let mut out = BytesMut::new();
        put_varint(&mut out, 1000);
        out.put_slice(b"short");
        assert!(Reader::new(&out.freeze()).nullable_bytes().is_err());
    }
}
