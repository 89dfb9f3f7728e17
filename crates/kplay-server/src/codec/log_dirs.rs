//! DescribeLogDirs (35) between the wire and the engine: the broker's one log directory.

use kafka_protocol::messages::describe_log_dirs_response::{
    DescribeLogDirsPartition, DescribeLogDirsResult, DescribeLogDirsTopic,
};
use kafka_protocol::messages::{DescribeLogDirsRequest, DescribeLogDirsResponse, TopicName};
use kplay_core::PartitionIndex;
use kplay_core::api;

use super::name;

pub(super) fn decode_describe_log_dirs(
    request: DescribeLogDirsRequest,
) -> api::DescribeLogDirsRequest {
    api::DescribeLogDirsRequest {
        topics: request.topics.map(|topics| {
            topics
                .into_iter()
                .map(|t| api::DescribeLogDirsTopic {
                    name: t.topic.0.as_str().into(),
                    partitions: t.partitions.into_iter().map(PartitionIndex).collect(),
                })
                .collect()
        }),
    }
}

pub(super) fn encode_describe_log_dirs(
    response: api::DescribeLogDirsResponse,
) -> DescribeLogDirsResponse {
    let mut dir = DescribeLogDirsResult::default();
    dir.log_dir = name(api::LOG_DIR);
    // The volume's size is unknown: the logs are in memory.
    dir.total_bytes = -1;
    dir.usable_bytes = -1;
    dir.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = DescribeLogDirsTopic::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = DescribeLogDirsPartition::default();
                    part.partition_index = p.partition.0;
                    part.partition_size = i64::try_from(p.size_bytes).unwrap_or(i64::MAX);
                    part.offset_lag = i64::try_from(p.offset_lag).unwrap_or(i64::MAX);
                    part
                })
                .collect();
            topic
        })
        .collect();
    let mut out = DescribeLogDirsResponse::default();
    out.results = vec![dir];
    out
}
