//! ListOffsets (2): the earliest, latest, or first-at-a-timestamp offset of partitions.

use crate::error::ErrorCode;
use crate::ids::{
    BrokerId, LeaderEpoch, Offset, PartitionIndex, Timestamp, TopicName, TopicPartition,
};
use crate::vec_map::VecSet;

use super::IsolationLevel;
use crate::engine::{Engine, Handled, RequestContext};

/// Which offset to look up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetSpec {
    /// `-2`: the log start offset.
    Earliest,
    /// `-1`: the high watermark (what a consumer could read next).
    Latest,
    /// `-3`: the offset of the record with the largest timestamp.
    MaxTimestamp,
    /// The first offset whose timestamp is at or after this one.
    Timestamp(Timestamp),
}

impl OffsetSpec {
    /// Parses Kafka's wire encoding: -2, -1, -3 (and -4 / -5, the tiered-storage variants,
    /// which mean earliest / latest here), or a timestamp.
    pub fn from_wire(timestamp: i64) -> OffsetSpec {
        match timestamp {
            -2 | -4 => OffsetSpec::Earliest,
            -1 | -5 => OffsetSpec::Latest,
            -3 => OffsetSpec::MaxTimestamp,
            ts => OffsetSpec::Timestamp(Timestamp(ts)),
        }
    }
}

/// One partition to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// What to look up.
    pub spec: OffsetSpec,
    /// The leader epoch the client believes is current, or -1.
    pub current_leader_epoch: LeaderEpoch,
}

/// One topic to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ListOffsetsPartition>,
}

/// ListOffsets request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsRequest {
    /// The isolation level.
    pub isolation_level: IsolationLevel,
    /// What to look up.
    pub topics: Vec<ListOffsetsTopic>,
}

/// One partition's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsPartitionResponse {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The timestamp of the found record, or -1.
    pub timestamp: Timestamp,
    /// The found offset, or -1 if no record is that recent.
    pub offset: Offset,
    /// The leader epoch of the found record.
    pub leader_epoch: LeaderEpoch,
}

/// One topic's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ListOffsetsPartitionResponse>,
}

/// ListOffsets response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsResponse {
    /// Per-topic answers, in request order.
    pub topics: Vec<ListOffsetsTopicResponse>,
}

impl Engine {
    pub(crate) fn handle_list_offsets(
        &mut self,
        ctx: RequestContext,
        request: ListOffsetsRequest,
    ) -> Handled {
        // As Kafka: a partition asked for twice is answered INVALID_REQUEST, every time.
        let mut seen = VecSet::new();
        let mut duplicates = VecSet::new();
        for topic in &request.topics {
            for p in &topic.partitions {
                let key = (&topic.name, p.partition);
                if !seen.insert(key) {
                    duplicates.insert(key);
                }
            }
        }
        let topics = request
            .topics
            .iter()
            .map(|topic| ListOffsetsTopicResponse {
                name: topic.name.clone(),
                partitions: topic
                    .partitions
                    .iter()
                    .map(|p| {
                        let tp =
                            TopicPartition { topic: topic.name.clone(), partition: p.partition };
                        let answer = if duplicates.contains(&(&topic.name, p.partition)) {
                            Err(ErrorCode::InvalidRequest)
                        } else {
                            self.list_offset(ctx.broker, &tp, p, request.isolation_level)
                        };
                        answer.unwrap_or_else(|error| ListOffsetsPartitionResponse {
                            partition: p.partition,
                            error: Some(error),
                            timestamp: Timestamp::NONE,
                            offset: Offset(-1),
                            leader_epoch: LeaderEpoch::UNKNOWN,
                        })
                    })
                    .collect(),
            })
            .collect();
        Handled::Response(ListOffsetsResponse { topics }.into())
    }

    /// Kafka's `fetchOffsetForTimestamp` at the leader: consumers see offsets below the high
    /// watermark only (`read_committed`: below the last stable offset), and a new leader whose
    /// high watermark has not reached its epoch's start answers OFFSET_NOT_AVAILABLE rather than
    /// an offset that could go back.
    fn list_offset(
        &self,
        broker: BrokerId,
        tp: &TopicPartition,
        p: &ListOffsetsPartition,
        isolation: IsolationLevel,
    ) -> Result<ListOffsetsPartitionResponse, ErrorCode> {
        let replica = self.leader_replica(broker, tp, p.current_leader_epoch)?;
        let leader_epoch = replica.leader.as_ref().map_or(LeaderEpoch::UNKNOWN, |l| l.epoch);
        let log = &replica.log;
        let hw = match isolation {
            IsolationLevel::ReadUncommitted => replica.high_watermark,
            IsolationLevel::ReadCommitted => log.last_stable_offset(replica.high_watermark),
        };
        let lagging =
            replica.leader.as_ref().is_some_and(|l| l.epoch_start_offset > replica.high_watermark);
        let answer = |offset: Offset, timestamp: Timestamp, leader_epoch: LeaderEpoch| {
            ListOffsetsPartitionResponse {
                partition: p.partition,
                error: None,
                timestamp,
                offset,
                leader_epoch,
            }
        };
        let not_found = answer(Offset(-1), Timestamp::NONE, LeaderEpoch::UNKNOWN);
        Ok(match p.spec {
            OffsetSpec::Earliest => {
                let start = log.log_start_offset();
                let epoch =
                    log.epochs().entries().iter().rev().find(|(_, s)| *s <= start).map(|(e, _)| *e);
                answer(start, Timestamp::NONE, epoch.unwrap_or(LeaderEpoch::UNKNOWN))
            }
            OffsetSpec::Latest if lagging => return Err(ErrorCode::OffsetNotAvailable),
            OffsetSpec::Latest => answer(hw, Timestamp::NONE, leader_epoch),
            OffsetSpec::MaxTimestamp => match log.max_timestamp_offset() {
                Some((offset, ts, epoch)) if offset < hw => answer(offset, ts, epoch),
                _ if lagging => return Err(ErrorCode::OffsetNotAvailable),
                _ => not_found,
            },
            OffsetSpec::Timestamp(ts) => match log.offset_for_timestamp(ts) {
                Some((offset, found, epoch)) if offset < hw => answer(offset, found, epoch),
                _ if lagging => return Err(ErrorCode::OffsetNotAvailable),
                _ => not_found,
            },
        })
    }
}
