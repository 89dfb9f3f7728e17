//! The engine's own deterministic random numbers.
//!
//! Kafka draws a few things at random: the broker at which replica placement starts, topic ids,
//! the UUID in a new member's id. The engine draws them from this generator, seeded by
//! [`EngineConfig::seed`](crate::EngineConfig::seed), so the same seed and the same requests
//! always build the same cluster. SplitMix64 is pinned here (not taken from a crate whose output
//! may change between versions); a golden test guards its output.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed forever.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0), without modulo bias worth caring about at these
    /// sizes (bounds are broker counts).
    pub fn below(&mut self, bound: u64) -> u64 {
        debug_assert!(bound > 0);
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// A random version-4 UUID as Kafka prints it in member ids (`8-4-4-4-12` hex).
    pub fn uuid_string(&mut self) -> String {
        let (hi, lo) = (self.next_u64(), self.next_u64());
        let hi = (hi & !0xf000) | 0x4000;
        let lo = (lo & !(0xc << 60)) | (0x8 << 60);
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xffff,
            hi & 0xffff,
            lo >> 48,
            lo & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_output_never_changes() {
        // Reference values of SplitMix64 seeded with 0 and 1234567.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = SplitMix64::new(7);
        for bound in 1..50 {
            assert!(rng.below(bound) < bound);
        }
    }

    #[test]
    fn uuids_look_like_uuids() {
        let id = SplitMix64::new(1).uuid_string();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4", "{id}");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
    }
}
