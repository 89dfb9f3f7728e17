//! Producer partitioners: which partition each record goes to, exactly as the real clients
//! decide it.
//!
//! # Layout
//!
//! - [`hash`]: murmur2, `toPositive` and crc32, pinned to the clients' test vectors.

pub mod hash;
