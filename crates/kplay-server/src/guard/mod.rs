//! The guard: walks a request body against its schema before kafka-protocol decodes it.
//!
//! kafka-protocol pre-allocates every array from the count on the wire, so a 12-byte Produce
//! request claiming 0x7fffffff topics makes it ask for hundreds of gigabytes, and an allocation
//! failure aborts the process. The guard reads the body as the schema says (`schemas.rs`, one
//! table per API the broker speaks), refusing any array count larger than the bytes left and any
//! field that runs past the end. A body that passes holds every element it claims, so decoding it
//! allocates no more than the frame's own size warrants.

mod schemas;

use kafka_protocol::messages::ApiKey;

pub(crate) use schemas::schema;

/// A field's wire type, as far as the guard needs to know it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    /// int8.
    I8,
    /// int16.
    I16,
    /// int32.
    I32,
    /// int64.
    I64,
    /// boolean.
    Bool,
    /// uuid.
    Uuid,
    /// string or nullable string.
    Str,
    /// bytes, nullable bytes or records.
    Bytes,
    /// An array of structs with these fields.
    Structs(&'static [Field]),
    /// An array of int32.
    Ints,
    /// An array of int64.
    Longs,
    /// An array of strings.
    Strs,
}

/// A field present in versions `min..=max`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    min: i16,
    max: i16,
    ty: Ty,
}

/// A field in every version.
pub(crate) const fn all(ty: Ty) -> Field {
    Field { min: 0, max: i16::MAX, ty }
}

/// A field added in version `min`.
pub(crate) const fn since(min: i16, ty: Ty) -> Field {
    Field { min, max: i16::MAX, ty }
}

/// A field removed after version `max`.
pub(crate) const fn until(max: i16, ty: Ty) -> Field {
    Field { min: 0, max, ty }
}

/// A field in versions `min..=max`.
pub(crate) const fn between(min: i16, max: i16, ty: Ty) -> Field {
    Field { min, max, ty }
}

/// Why a body was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    /// A length or field runs past the end of the frame.
    #[error("a field at byte {0} runs past the end of the request")]
    Truncated(usize),
    /// An array claims more elements than there are bytes left.
    #[error("an array at byte {at} claims {count} elements with {remaining} bytes left")]
    ForgedCount {
        /// Where the count is.
        at: usize,
        /// The count claimed.
        count: i64,
        /// The bytes left after it.
        remaining: usize,
    },
    /// A length is negative other than -1 (null).
    #[error("a negative length {length} at byte {at}")]
    NegativeLength {
        /// Where the length is.
        at: usize,
        /// The length.
        length: i64,
    },
    /// A varint longer than five bytes.
    #[error("a varint at byte {0} is longer than five bytes")]
    LongVarint(usize),
    /// The guard has no schema for this API.
    #[error("no schema for {0:?}")]
    NoSchema(ApiKey),
}

/// Walks a request `body` of `api` at `version`; returns how many bytes the schema covers.
pub fn check(api: ApiKey, version: i16, body: &[u8]) -> Result<usize, Malformed> {
    let fields = schema(api).ok_or(Malformed::NoSchema(api))?;
    let flexible = api.request_header_version(version) >= 2;
    let mut walker = Walker { buf: body, pos: 0, flexible, version };
    walker.structure(fields)?;
    Ok(walker.pos)
}

struct Walker<'a> {
    buf: &'a [u8],
    pos: usize,
    flexible: bool,
    version: i16,
}

impl Walker<'_> {
    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn skip(&mut self, n: usize) -> Result<(), Malformed> {
        if n > self.remaining() {
            return Err(Malformed::Truncated(self.pos));
        }
        self.pos += n;
        Ok(())
    }

    fn int(&mut self, width: usize) -> Result<i64, Malformed> {
        let at = self.pos;
        self.skip(width)?;
        let bytes = &self.buf[at..at + width];
        Ok(bytes.iter().skip(1).fold(i64::from(bytes[0] as i8), |v, b| (v << 8) | i64::from(*b)))
    }

    fn uvarint(&mut self) -> Result<u64, Malformed> {
        let at = self.pos;
        let mut value = 0u64;
        for i in 0..5 {
            let byte = *self.buf.get(self.pos).ok_or(Malformed::Truncated(self.pos))?;
            self.pos += 1;
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Malformed::LongVarint(at))
    }

    /// A length prefix: `None` for null, else the length, which must fit in what is left.
    fn length(&mut self, width: usize) -> Result<Option<usize>, Malformed> {
        let at = self.pos;
        let length = if self.flexible { self.uvarint()? as i64 - 1 } else { self.int(width)? };
        match length {
            -1 => Ok(None),
            n if n < 0 => Err(Malformed::NegativeLength { at, length: n }),
            n if n as u64 > self.remaining() as u64 => {
                Err(Malformed::ForgedCount { at, count: n, remaining: self.remaining() })
            }
            n => Ok(Some(n as usize)),
        }
    }

    fn structure(&mut self, fields: &[Field]) -> Result<(), Malformed> {
        for field in fields {
            if (field.min..=field.max).contains(&self.version) {
                self.field(field.ty)?;
            }
        }
        if self.flexible {
            self.tagged_fields()?;
        }
        Ok(())
    }

    fn tagged_fields(&mut self) -> Result<(), Malformed> {
        let count = self.uvarint()?;
        if count > self.remaining() as u64 {
            let remaining = self.remaining();
            return Err(Malformed::ForgedCount { at: self.pos, count: count as i64, remaining });
        }
        for _ in 0..count {
            self.uvarint()?;
            let size = self.uvarint()?;
            self.skip(usize::try_from(size).unwrap_or(usize::MAX))?;
        }
        Ok(())
    }

    fn field(&mut self, ty: Ty) -> Result<(), Malformed> {
        match ty {
            Ty::I8 | Ty::Bool => self.skip(1),
            Ty::I16 => self.skip(2),
            Ty::I32 => self.skip(4),
            Ty::I64 => self.skip(8),
            Ty::Uuid => self.skip(16),
            Ty::Str => match self.length(2)? {
                Some(n) => self.skip(n),
                None => Ok(()),
            },
            Ty::Bytes => match self.length(4)? {
                Some(n) => self.skip(n),
                None => Ok(()),
            },
            Ty::Ints => match self.length(4)? {
                Some(n) => self.skip(n.saturating_mul(4)),
                None => Ok(()),
            },
            Ty::Longs => match self.length(4)? {
                Some(n) => self.skip(n.saturating_mul(8)),
                None => Ok(()),
            },
            Ty::Strs => {
                for _ in 0..self.length(4)?.unwrap_or(0) {
                    self.field(Ty::Str)?;
                }
                Ok(())
            }
            Ty::Structs(fields) => {
                for _ in 0..self.length(4)?.unwrap_or(0) {
                    self.structure(fields)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
