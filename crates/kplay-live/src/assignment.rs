//! A consumer group member's assignment, read from the consumer protocol's bytes.
//!
//! The coordinator keeps assignments as opaque bytes (the leader's SyncGroup payload); only
//! members of protocol type `consumer` write them in the consumer protocol's format
//! (`ConsumerProtocolAssignment`: version, then partitions grouped by topic). The live view
//! reads just the partitions, so it needs no client library; anything it cannot read is shown
//! as no assignment rather than guessed at.

use crate::types::LiveTopicPartition;

/// The partitions in a `ConsumerProtocolAssignment` of any version, or `None` if the bytes are
/// not one (empty, truncated, or another protocol's).
pub fn partitions(bytes: &[u8]) -> Option<Vec<LiveTopicPartition>> {
    let mut r = Reader(bytes);
    if r.i16()? < 0 {
        return None;
    }
    let topics = r.len()?;
    let mut out = Vec::new();
    for _ in 0..topics {
        let topic = r.string()?;
        for _ in 0..r.len()? {
            out.push(LiveTopicPartition { topic: topic.clone(), partition: r.i32()? });
        }
    }
    Some(out)
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    fn i16(&mut self) -> Option<i16> {
        self.take().map(i16::from_be_bytes)
    }

    fn i32(&mut self) -> Option<i32> {
        self.take().map(i32::from_be_bytes)
    }

    /// An array length; a null array (-1) is empty.
    fn len(&mut self) -> Option<usize> {
        let n = self.i32()?;
        let n = usize::try_from(n.max(0)).ok()?;
        // Each element takes at least 4 bytes: a length beyond that is not an assignment.
        (n <= self.0.len() / 4 + 1).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.i16()?).ok()?;
        let s = self.0.get(..n)?;
        self.0 = &self.0[n..];
        String::from_utf8(s.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assignment(topics: &[(&str, &[i32])]) -> Vec<u8> {
        let mut b = vec![0, 1];
        b.extend_from_slice(&(topics.len() as i32).to_be_bytes());
        for (topic, partitions) in topics {
            b.extend_from_slice(&(topic.len() as i16).to_be_bytes());
            b.extend_from_slice(topic.as_bytes());
            b.extend_from_slice(&(partitions.len() as i32).to_be_bytes());
            for p in *partitions {
                b.extend_from_slice(&p.to_be_bytes());
            }
        }
        b.extend_from_slice(&(-1i32).to_be_bytes());
        b
    }

    #[test]
    fn reads_partitions_grouped_by_topic() {
        let bytes = assignment(&[("orders", &[0, 2]), ("audit", &[1])]);
        let tp = |t: &str, p| LiveTopicPartition { topic: t.to_owned(), partition: p };
        assert_eq!(
            partitions(&bytes),
            Some(vec![tp("orders", 0), tp("orders", 2), tp("audit", 1)])
        );
    }

    #[test]
    fn anything_else_is_no_assignment() {
        assert_eq!(partitions(&[]), None);
        assert_eq!(partitions(&[0, 1, 0, 0]), None);
        assert_eq!(partitions(&[0, 1, 0x7f, 0xff, 0xff, 0xff]), None);
        assert_eq!(partitions(&[0xff, 0xff]), None);
    }
}
