//! Reading and writing the primitive types of Kafka's non-flexible message format: big-endian
//! `int16`/`int32`, `string` (int16 length), `bytes` (int32 length), arrays (int32 count).
//!
//! Invariants: the reader never reads past the end of its input and never allocates more than
//! its input could hold (an array's count is checked against the bytes left before anything is
//! allocated); every failure is a [`ProtocolError`], never a panic.

use bytes::Bytes;

use super::ProtocolError;

/// A cursor over a complete payload.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn take(&mut self, n: usize, field: &'static str) -> Result<&'a [u8], ProtocolError> {
        let remaining = self.remaining();
        if n > remaining {
            return Err(ProtocolError::Truncated { field, needed: n, remaining });
        }
        let slice = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    pub(crate) fn i16(&mut self, field: &'static str) -> Result<i16, ProtocolError> {
        let b = self.take(2, field)?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }

    pub(crate) fn i32(&mut self, field: &'static str) -> Result<i32, ProtocolError> {
        let b = self.take(4, field)?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A nullable string: any negative length is null. Malformed UTF-8 is replaced with
    /// U+FFFD, as Java's `new String(bytes, UTF_8)` does.
    pub(crate) fn nullable_string(
        &mut self,
        field: &'static str,
    ) -> Result<Option<String>, ProtocolError> {
        let len = self.i16(field)?;
        if len < 0 {
            return Ok(None);
        }
        let raw = self.take(len as usize, field)?;
        Ok(Some(String::from_utf8_lossy(raw).into_owned()))
    }

    /// A string that may not be null.
    pub(crate) fn string(&mut self, field: &'static str) -> Result<String, ProtocolError> {
        self.nullable_string(field)?.ok_or(ProtocolError::UnexpectedNull { field })
    }

    /// Nullable bytes: any negative length is null.
    pub(crate) fn nullable_bytes(
        &mut self,
        field: &'static str,
    ) -> Result<Option<Bytes>, ProtocolError> {
        let len = self.i32(field)?;
        if len < 0 {
            return Ok(None);
        }
        Ok(Some(Bytes::copy_from_slice(self.take(len as usize, field)?)))
    }

    /// The count of a non-nullable array whose elements take at least `min_element_size`
    /// bytes each; a count the remaining bytes cannot hold is rejected before any allocation.
    pub(crate) fn array_len(
        &mut self,
        field: &'static str,
        min_element_size: usize,
    ) -> Result<usize, ProtocolError> {
        let count = self.i32(field)?;
        if count < 0 {
            return Err(ProtocolError::UnexpectedNull { field });
        }
        let remaining = self.remaining();
        if (count as usize).saturating_mul(min_element_size) > remaining {
            return Err(ProtocolError::CountTooLarge { field, count, remaining });
        }
        Ok(count as usize)
    }
}

/// A growing payload.
#[derive(Default)]
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub(crate) fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub(crate) fn string(&mut self, field: &'static str, s: &str) -> Result<(), ProtocolError> {
        let len =
            i16::try_from(s.len()).map_err(|_| ProtocolError::TooLong { field, len: s.len() })?;
        self.i16(len);
        self.buf.extend_from_slice(s.as_bytes());
        Ok(())
    }

    pub(crate) fn nullable_string(
        &mut self,
        field: &'static str,
        s: Option<&str>,
    ) -> Result<(), ProtocolError> {
        match s {
            Some(s) => self.string(field, s),
            None => {
                self.i16(-1);
                Ok(())
            }
        }
    }

    pub(crate) fn nullable_bytes(
        &mut self,
        field: &'static str,
        b: Option<&[u8]>,
    ) -> Result<(), ProtocolError> {
        match b {
            Some(b) => {
                let len = i32::try_from(b.len())
                    .map_err(|_| ProtocolError::TooLong { field, len: b.len() })?;
                self.i32(len);
                self.buf.extend_from_slice(b);
            }
            None => self.i32(-1),
        }
        Ok(())
    }

    pub(crate) fn array_len(
        &mut self,
        field: &'static str,
        len: usize,
    ) -> Result<(), ProtocolError> {
        let count = i32::try_from(len).map_err(|_| ProtocolError::TooLong { field, len })?;
        self.i32(count);
        Ok(())
    }

    pub(crate) fn finish(self) -> Bytes {
        Bytes::from(self.buf)
    }
}
