//! DeleteRecords (21): moves partitions' log start offsets forward, so that the records before
//! them can no longer be read (`kafka-delete-records.sh`, an admin client's `delete_records`).
//!
//! As Kafka's `Partition.deleteRecordsOnLeader`: only the leader takes it, and never for
//! `__consumer_offsets` (INVALID_TOPIC_EXCEPTION); `-1` means the high watermark; an offset
//! above the high watermark is OFFSET_OUT_OF_RANGE; a topic whose `cleanup.policy` does not
//! delete refuses it with POLICY_VIOLATION; the log start offset only ever moves forward,
//! deleting the segments wholly before it. Followers follow on their next fetch, as they follow
//! retention. Kafka answers once every live replica's log start offset has reached the requested
//! one; kplay answers at once with the leader's, which is the low watermark Kafka reports when
//! they have.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::{ErrorCode, KafkaError};
use crate::event::Event;
use crate::ids::{Offset, PartitionIndex, TopicName, TopicPartition};

/// One partition's new start: records before `offset` are deleted (`-1`: the high watermark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRecordsPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// The offset before which records are deleted, or `-1` for the high watermark.
    pub offset: Offset,
}

/// One topic's partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRecordsTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<DeleteRecordsPartition>,
}

/// DeleteRecords request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRecordsRequest {
    /// The topics.
    pub topics: Vec<DeleteRecordsTopic>,
}

/// One partition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRecordsPartitionResult {
    /// The partition.
    pub partition: PartitionIndex,
    /// The log start offset after the request (`-1` on error).
    pub low_watermark: Offset,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// One topic's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRecordsTopicResult {
    /// The topic.
    pub name: TopicName,
    /// Its partitions, in request order.
    pub partitions: Vec<DeleteRecordsPartitionResult>,
}

/// DeleteRecords response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRecordsResponse {
    /// Per-topic results, in request order.
    pub topics: Vec<DeleteRecordsTopicResult>,
}

impl Engine {
    pub(crate) fn handle_delete_records(
        &mut self,
        ctx: RequestContext,
        request: DeleteRecordsRequest,
    ) -> Handled {
        let mut topics = Vec::with_capacity(request.topics.len());
        for topic in &request.topics {
            let mut partitions = Vec::with_capacity(topic.partitions.len());
            for p in &topic.partitions {
                let tp = TopicPartition { topic: topic.name.clone(), partition: p.partition };
                let (low_watermark, error) = match self.delete_records(ctx, &tp, p.offset) {
                    Ok(start) => (start, None),
                    Err(error) => (Offset(-1), Some(error)),
                };
                partitions.push(DeleteRecordsPartitionResult {
                    partition: p.partition,
                    low_watermark,
                    error,
                });
            }
            topics.push(DeleteRecordsTopicResult { name: topic.name.clone(), partitions });
        }
        Handled::Response(DeleteRecordsResponse { topics }.into())
    }

    /// Moves `tp`'s log start offset on its leader `ctx.broker` to `offset` (`-1`: the high
    /// watermark), returning the log start offset after.
    fn delete_records(
        &mut self,
        ctx: RequestContext,
        tp: &TopicPartition,
        offset: Offset,
    ) -> Result<Offset, KafkaError> {
        if tp.topic.as_str() == crate::engine::OFFSETS_TOPIC {
            return Err(KafkaError::new(
                ErrorCode::InvalidTopicException,
                format!("Cannot delete records of internal topic {}", tp.topic),
            ));
        }
        let deletes = self.image.topics.get(&tp.topic).map(|t| t.config.cleanup_policy.deletes());
        let replica = self.leader_replica(ctx.broker, tp, crate::ids::LeaderEpoch(-1))?;
        if deletes == Some(false) {
            return Err(KafkaError::new(
                ErrorCode::PolicyViolation,
                format!(
                    "Records of partition {tp} can not be deleted due to the configured policy"
                ),
            ));
        }
        let high_watermark = replica.high_watermark;
        let offset = if offset == Offset(-1) { high_watermark } else { offset };
        if offset.0 < 0 || offset > high_watermark {
            return Err(KafkaError::new(
                ErrorCode::OffsetOutOfRange,
                format!(
                    "Cannot increment the log start offset to {offset} of partition {tp} since it is larger than the high watermark {high_watermark}"
                ),
            ));
        }
        let Some(replica) = self.brokers.get_mut(&ctx.broker).and_then(|n| n.replicas.get_mut(tp))
        else {
            return Err(ErrorCode::NotLeaderOrFollower.into());
        };
        if replica.log.advance_log_start(offset) {
            let to = replica.log.log_start_offset();
            self.emit(Event::RecordsDeleted { partition: tp.clone(), broker: ctx.broker, to });
            // A consumer parked on a deleted offset gets OFFSET_OUT_OF_RANGE now.
            self.wake_fetches(ctx.broker, tp);
            Ok(to)
        } else {
            Ok(replica.log.log_start_offset())
        }
    }
}
