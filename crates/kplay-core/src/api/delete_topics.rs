//! DeleteTopics (20): removes topics, their logs on every replica, and offsets committed for them.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::{ErrorCode, KafkaError};
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

impl Engine {
    pub(crate) fn handle_delete_topics(
        &mut self,
        _ctx: RequestContext,
        request: DeleteTopicsRequest,
    ) -> Handled {
        let topics = request
            .topics
            .iter()
            .map(|topic| {
                let found = match topic {
                    TopicRef::Name(name) => self.image().topics.get(name),
                    TopicRef::Id(id) => self.image().topic_by_id(*id),
                };
                let Some(found) = found else {
                    let (name, topic_id) = match topic {
                        TopicRef::Name(n) => (Some(n.clone()), Uuid::ZERO),
                        TopicRef::Id(id) => (None, *id),
                    };
                    let error = Some(KafkaError::new(
                        ErrorCode::UnknownTopicOrPartition,
                        "This server does not host this topic-partition.",
                    ));
                    return DeletedTopic { name, topic_id, error };
                };
                let (name, topic_id) = (found.name.clone(), found.id);
                if found.internal {
                    let error = Some(KafkaError::new(
                        ErrorCode::InvalidTopicException,
                        format!("Topic {name} is an internal topic and cannot be deleted."),
                    ));
                    return DeletedTopic { name: Some(name), topic_id, error };
                }
                self.delete_topic(&name);
                DeletedTopic { name: Some(name), topic_id, error: None }
            })
            .collect();
        Handled::Response(DeleteTopicsResponse { topics }.into())
    }
}
