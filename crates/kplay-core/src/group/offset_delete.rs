//! OffsetDelete: removing a group's committed offsets for some partitions
//! (`kafka-consumer-groups.sh --delete-offsets`), as Kafka's `GroupCoordinator.handleDeleteOffsets`:
//! an `Empty` group loses any of them; a consumer group with members only those of topics no
//! member subscribes to (the others are GROUP_SUBSCRIBED_TO_TOPIC); any other group with members
//! none (NON_EMPTY_GROUP). A group it does not have is GROUP_ID_NOT_FOUND.
//!
//! Members' subscriptions are read from their metadata for the group's protocol, the
//! ConsumerProtocol subscription (version, then the topic names); metadata that cannot be read
//! counts as subscribing to every topic, as in Kafka.

use crate::api::{
    OffsetDeletePartitionResult, OffsetDeleteRequest, OffsetDeleteResponse, OffsetDeleteTopicResult,
};
use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{GroupId, TopicName, TopicPartition};
use crate::vec_map::VecMap;

use super::GroupState;
use super::ctx::Ctx;
use super::state::Group;

/// Handles an OffsetDelete; `partition_exists` says which partitions the cluster has (the others
/// are UNKNOWN_TOPIC_OR_PARTITION, whatever the group).
pub(crate) fn offset_delete(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &OffsetDeleteRequest,
    partition_exists: &dyn Fn(&TopicPartition) -> bool,
) -> OffsetDeleteResponse {
    let refused = |error| OffsetDeleteResponse { error: Some(error), topics: Vec::new() };
    let Some(g) = groups.get_mut(&req.group_id) else {
        return refused(ErrorCode::GroupIdNotFound);
    };
    let subscribed: Option<Vec<TopicName>> = match g.state {
        GroupState::Dead => return refused(ErrorCode::GroupIdNotFound),
        GroupState::Empty => Some(Vec::new()),
        _ if g.protocol_type.as_deref() == Some("consumer") => subscribed_topics(g),
        _ => return refused(ErrorCode::NonEmptyGroup),
    };
    let is_subscribed =
        |topic: &TopicName| subscribed.as_ref().is_none_or(|topics| topics.contains(topic));
    let mut topics = Vec::with_capacity(req.topics.len());
    for t in &req.topics {
        let mut partitions = Vec::with_capacity(t.partitions.len());
        for &partition in &t.partitions {
            let tp = TopicPartition { topic: t.name.clone(), partition };
            let error = if !partition_exists(&tp) {
                Some(ErrorCode::UnknownTopicOrPartition)
            } else if is_subscribed(&t.name) {
                Some(ErrorCode::GroupSubscribedToTopic)
            } else {
                if g.offsets.remove(&tp).is_some() {
                    cx.emit(Event::OffsetDeleted { group: req.group_id.clone(), partition: tp });
                }
                None
            };
            partitions.push(OffsetDeletePartitionResult { partition, error });
        }
        topics.push(OffsetDeleteTopicResult { name: t.name.clone(), partitions });
    }
    OffsetDeleteResponse { error: None, topics }
}

/// Every topic some member subscribes to, or `None` if a member's subscription cannot be read.
fn subscribed_topics(g: &Group) -> Option<Vec<TopicName>> {
    let mut topics = Vec::new();
    for member in &g.members {
        topics.extend(subscription_topics(&g.member_metadata(member))?);
    }
    Some(topics)
}

/// The topic names of a ConsumerProtocol subscription: int16 version, int32 count, then each
/// name as int16 length and UTF-8 (the same in every version, 0 to 3).
fn subscription_topics(metadata: &[u8]) -> Option<Vec<TopicName>> {
    let mut rest = metadata.get(2..)?;
    let mut take = |n: usize| {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let count = i32::from_be_bytes(take(4)?.try_into().ok()?);
    let mut topics = Vec::with_capacity(usize::try_from(count).ok()?.min(metadata.len() / 2));
    for _ in 0..count {
        let len = i16::from_be_bytes(take(2)?.try_into().ok()?);
        let name = std::str::from_utf8(take(usize::try_from(len).ok()?)?).ok()?;
        topics.push(TopicName::from(name));
    }
    Some(topics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subscription(version: i16, topics: &[&str]) -> Vec<u8> {
        let mut out = version.to_be_bytes().to_vec();
        out.extend((topics.len() as i32).to_be_bytes());
        for t in topics {
            out.extend((t.len() as i16).to_be_bytes());
            out.extend(t.as_bytes());
        }
        out.extend((-1i32).to_be_bytes()); // user data: null
        out
    }

    #[test]
    fn subscriptions_are_read_for_their_topics_and_damaged_ones_are_not() {
        let topics = subscription_topics(&subscription(3, &["orders", "billing"])).unwrap();
        assert_eq!(topics, [TopicName::from("orders"), TopicName::from("billing")]);
        assert_eq!(subscription_topics(&subscription(0, &[])).unwrap(), []);
        let whole = subscription(1, &["orders"]);
        for cut in 0..8 + "orders".len() {
            assert_eq!(subscription_topics(&whole[..cut]), None, "cut at {cut}");
        }
        let mut forged = subscription(0, &[]);
        forged[2..6].copy_from_slice(&i32::MAX.to_be_bytes());
        assert_eq!(subscription_topics(&forged), None);
        let null = [0, 0, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(subscription_topics(&null), None, "the topic list is not nullable");
    }
}
