//! DeleteTopics (20): removes topics, their logs on every replica, and offsets committed for them.

use crate::error::KafkaError;
use crate::ids::{TopicName, Uuid};

/// A topic to delete, by name or (v6+) by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TopicRef {
    /// By name.
    Name(TopicName),
    /// By id.
    Id(Uuid),
}

/// DeleteTopics request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteTopicsRequest {
    /// The topics.
    pub topics: Vec<TopicRef>,
}

/// One topic's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedTopic {
    /// The topic's name, if known.
    pub name: Option<TopicName>,
    /// Its id.
    pub topic_id: Uuid,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// DeleteTopics response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteTopicsResponse {
    /// Per-topic results, in request order.
    pub topics: Vec<DeletedTopic>,
}
