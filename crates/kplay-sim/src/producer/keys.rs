//! The keys of a producer's generated records, per its [`KeyDistribution`].

use bytes::Bytes;

use crate::action::KeyDistribution;
use crate::rng::SimRng;

/// Draws keys; the key texts are made once (`key-0`, `key-1`, …).
#[derive(Clone, Debug)]
pub(crate) struct KeyChooser {
    distribution: KeyDistribution,
    keys: Vec<Bytes>,
    next: usize,
}

impl KeyChooser {
    pub(crate) fn new(distribution: KeyDistribution) -> Self {
        let count = match &distribution {
            KeyDistribution::None => 0,
            KeyDistribution::Uniform { keys }
            | KeyDistribution::HotKeys { keys, .. }
            | KeyDistribution::Sequence { keys } => (*keys).clamp(1, 100_000),
        };
        let keys = (0..count).map(|i| Bytes::from(format!("key-{i}"))).collect();
        KeyChooser { distribution, keys, next: 0 }
    }

    /// The next record's key.
    pub(crate) fn next(&mut self, rng: &mut SimRng) -> Option<Bytes> {
        let n = self.keys.len();
        let index = match &self.distribution {
            KeyDistribution::None => return None,
            KeyDistribution::Uniform { .. } => rng.index(n)?,
            KeyDistribution::HotKeys { hot_keys, hot_percent, .. } => {
                let hot = (*hot_keys as usize).clamp(1, n);
                if rng.below(100) < u64::from(*hot_percent) {
                    rng.index(hot)?
                } else {
                    rng.index(n)?
                }
            }
            KeyDistribution::Sequence { .. } => {
                let i = self.next % n;
                self.next += 1;
                i
            }
        };
        Some(self.keys[index].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distributions() {
        let mut rng = SimRng::new(1);
        assert_eq!(KeyChooser::new(KeyDistribution::None).next(&mut rng), None);
        let mut seq = KeyChooser::new(KeyDistribution::Sequence { keys: 2 });
        let keys: Vec<Bytes> = (0..3).filter_map(|_| seq.next(&mut rng)).collect();
        assert_eq!(keys, [Bytes::from("key-0"), Bytes::from("key-1"), Bytes::from("key-0")]);
        let mut hot =
            KeyChooser::new(KeyDistribution::HotKeys { keys: 100, hot_keys: 1, hot_percent: 90 });
        let zeros = (0..1000).filter(|_| hot.next(&mut rng) == Some(Bytes::from("key-0"))).count();
        assert!(zeros > 850, "90% (plus a share of the rest) go to the hot key: {zeros}");
    }
}
