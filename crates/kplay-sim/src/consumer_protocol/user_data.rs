//! The user data Kafka's sticky assignors put in a [`Subscription`](super::Subscription), as the
//! Java client encodes it.
//!
//! - The eager `sticky` assignor revokes everything before rejoining, so its subscription's
//!   owned partitions are empty; it remembers its previous assignment in user data instead:
//!   `StickyAssignorUserData` v0 is `[topic string, [int32 partition]]`, v1 adds an `int32`
//!   generation. There is no version prefix: a reader tries v1 and falls back to v0.
//! - The `cooperative-sticky` assignor carries only the generation its owned partitions come
//!   from, as one `int32`; subscriptions of version 2 and later carry it in the generation field
//!   and the user data is redundant.
//!
//! Invariants: decoding ignores trailing bytes (as Java's `Schema.read` does) and never panics
//! or over-allocates; topics are written in the order Java's `HashMap` iterates them, so the
//! bytes match the Java client's.

use bytes::Bytes;
use kplay_core::{GenerationId, TopicName, TopicPartition};

use super::wire::{Reader, Writer};
use super::{ProtocolError, read_partitions_by_topic, write_partitions_by_topic};
use crate::java::{hash_map_order, string_hash};

/// The eager sticky assignor's user data: the member's previous assignment and its generation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StickyAssignorUserData {
    /// The partitions the member was assigned last.
    pub previous_assignment: Vec<TopicPartition>,
    /// The generation of that assignment (absent in v0).
    pub generation: Option<GenerationId>,
}

impl StickyAssignorUserData {
    /// The user data as Java writes it: v1 when the generation is known, v0 otherwise (Java
    /// itself always has a generation here). Partitions are grouped by topic, topics in Java
    /// `HashMap` order, partitions in their order in `previous_assignment`.
    pub fn encode(&self) -> Result<Bytes, ProtocolError> {
        let mut first_seen: Vec<&TopicName> = Vec::new();
        for tp in &self.previous_assignment {
            if !first_seen.contains(&&tp.topic) {
                first_seen.push(&tp.topic);
            }
        }
        let groups = hash_map_order(first_seen, |topic| string_hash(topic.as_str()))
            .into_iter()
            .map(|topic| {
                let partitions = self
                    .previous_assignment
                    .iter()
                    .filter(|tp| tp.topic == *topic)
                    .map(|tp| tp.partition.0)
                    .collect();
                (topic, partitions)
            })
            .collect();
        let mut w = Writer::default();
        write_partitions_by_topic(&mut w, "previous_assignment", groups)?;
        if let Some(generation) = self.generation {
            w.i32(generation.0);
        }
        Ok(w.finish())
    }

    /// Reads v1, or v0 if v1 does not fit.
    pub fn decode(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let mut r = Reader::new(bytes);
        let v1 = read_partitions_by_topic(&mut r, "previous_assignment")
            .and_then(|partitions| Ok((partitions, r.i32("generation")?)));
        match v1 {
            Ok((previous_assignment, generation)) => Ok(StickyAssignorUserData {
                previous_assignment,
                generation: Some(GenerationId(generation)),
            }),
            Err(_) => {
                let mut r = Reader::new(bytes);
                let previous_assignment = read_partitions_by_topic(&mut r, "previous_assignment")?;
                Ok(StickyAssignorUserData { previous_assignment, generation: None })
            }
        }
    }
}

/// The cooperative sticky assignor's user data: the generation of the member's owned partitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CooperativeStickyUserData {
    /// The generation.
    pub generation: GenerationId,
}

impl CooperativeStickyUserData {
    /// Four bytes: the generation as a big-endian `int32`.
    pub fn encode(&self) -> Bytes {
        Bytes::copy_from_slice(&self.generation.0.to_be_bytes())
    }

    /// Reads the generation (trailing bytes are ignored).
    pub fn decode(bytes: &[u8]) -> Result<Self, ProtocolError> {
        Ok(CooperativeStickyUserData {
            generation: GenerationId(Reader::new(bytes).i32("generation")?),
        })
    }
}
