//! The key hashes real clients partition by, reproduced bit for bit.
//!
//! - [`murmur2`] is Java's `Utils.murmur2` (MurmurHash2, seed `0x9747b28c`), which Java,
//!   kafka-python and librdkafka's `murmur2_random` all use; [`to_positive`] is Java's
//!   `Utils.toPositive` (clear the sign bit), the `& 0x7fffffff` the other clients write out.
//! - [`crc32`] is the IEEE CRC-32 librdkafka's default `consistent_random` hashes keys with.
//!
//! Invariant: these are pure functions of the key bytes; a change to any output reroutes keyed
//! records, so the unit tests pin them to vectors measured from the real clients.

/// Java's `Utils.murmur2`: MurmurHash2 over 4-byte little-endian words, seed `0x9747b28c`.
///
/// Returned as the unsigned 32-bit pattern Java holds in an `int`.
pub fn murmur2(data: &[u8]) -> u32 {
    const SEED: u32 = 0x9747_b28c;
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;

    // Java mixes the length in as an `int`; keys are far below 2^32 bytes.
    let mut h = SEED ^ data.len() as u32;
    let mut words = data.chunks_exact(4);
    for word in &mut words {
        let mut k = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        // Java's fall-through switch over `length % 4`: byte i of the tail lands at bit 8 * i.
        for (i, byte) in tail.iter().enumerate() {
            h ^= u32::from(*byte) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h
}

/// Java's `Utils.toPositive`: the hash with its sign bit cleared (`& 0x7fffffff`), so that `%`
/// gives a valid partition index. Not `abs`, which would overflow on `i32::MIN`.
pub fn to_positive(hash: u32) -> u32 {
    hash & 0x7fff_ffff
}

/// The IEEE CRC-32 (as zlib computes it) of the key: librdkafka's `rd_crc32`.
///
/// Byte at a time over a 1 KB table: keys are short, and the web page ships this code, where a
/// slice-by-16 table would cost 16 KB.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, byte| CRC32_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8))
}

/// The reflected IEEE polynomial, as zlib uses it.
const CRC32_POLY: u32 = 0xedb8_8320;

/// The CRC-32 of every byte value, built at compile time.
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ CRC32_POLY } else { crc >> 1 };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, murmur2, murmur2 & 0x7fffffff, crc32), measured from the real clients.
    const VECTORS: [(&str, u32, u32, u32); 6] = [
        ("kafka", 0xd067_cf64, 0x5067_cf64, 0x5bbc_7517),
        ("", 0x106e_08d9, 0x106e_08d9, 0x0000_0000),
        ("23456", 0x858d_780f, 0x058d_780f, 0xb1b4_51d7),
        ("hejsan", 0x5ec1_9395, 0x5ec1_9395, 0xd077_037e),
        ("key-0", 0x01bd_b5b9, 0x01bd_b5b9, 0x79eb_8fec),
        ("key-1", 0x0b86_01b8, 0x0b86_01b8, 0x0eec_bf7a),
    ];

    #[test]
    fn murmur2_matches_the_java_client() {
        for (key, hash, positive, _) in VECTORS {
            assert_eq!(murmur2(key.as_bytes()), hash, "murmur2({key:?})");
            assert_eq!(to_positive(murmur2(key.as_bytes())), positive, "toPositive({key:?})");
        }
    }

    /// librdkafka's `unittest_murmur2` vectors (Java's results): word-aligned keys ("1234") and
    /// every tail length, which the table above does not cover.
    const LIBRDKAFKA_VECTORS: [(&str, u32); 10] = [
        ("giberish123456789", 0x8f55_2b0c),
        ("1234", 0x9fc9_7b14),
        ("234", 0xe7c0_09ca),
        ("34", 0x8739_30da),
        ("4", 0x5a4b_5ca1),
        ("PreAmbleWillBeRemoved,ThePrePartThatIs", 0x7842_4f1c),
        ("reAmbleWillBeRemoved,ThePrePartThatIs", 0x4a62_b377),
        ("eAmbleWillBeRemoved,ThePrePartThatIs", 0xe0e4_e09e),
        ("AmbleWillBeRemoved,ThePrePartThatIs", 0x62b8_b43f),
        ("amqp", 767_747_138),
    ];

    #[test]
    fn murmur2_matches_librdkafkas_java_vectors_for_every_tail_length() {
        for (key, hash) in LIBRDKAFKA_VECTORS {
            let got = murmur2(key.as_bytes());
            // "amqp" is recorded after toPositive.
            let got = if key == "amqp" { to_positive(got) } else { got };
            assert_eq!(got, hash, "murmur2({key:?})");
        }
    }

    #[test]
    fn crc32_matches_librdkafka() {
        for (key, _, _, crc) in VECTORS {
            assert_eq!(crc32(key.as_bytes()), crc, "crc32({key:?})");
        }
    }

    #[test]
    fn crc32_matches_zlibs_for_every_length_and_byte() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..data.len() {
            let key = &data[..len];
            assert_eq!(crc32(key), crc32fast::hash(key), "crc32 of {len} bytes");
        }
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926, "the standard CRC-32 check value");
    }

    #[test]
    fn to_positive_only_clears_the_sign_bit() {
        assert_eq!(to_positive(0x8000_0000), 0);
        assert_eq!(to_positive(0xffff_ffff), 0x7fff_ffff);
        assert_eq!(to_positive(42), 42);
    }
}
