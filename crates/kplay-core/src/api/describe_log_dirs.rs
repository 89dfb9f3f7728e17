//! DescribeLogDirs (35): the replicas a broker holds and their sizes (`kafka-log-dirs.sh
//! --describe`, an admin client's `describe_log_dirs`; UIs use it for topic sizes).
//!
//! Each broker answers for itself, as in Kafka, with one log directory: kplay keeps logs in
//! memory, so it is named [`LOG_DIR`] and its volume's size is unknown (-1). A replica's offset
//! lag is Kafka's: its high watermark minus its log end offset, never below zero.

use crate::engine::{Engine, Handled, RequestContext};
use crate::ids::{PartitionIndex, TopicName};

/// The name of each broker's one log directory.
pub const LOG_DIR: &str = "(in memory)";

/// One topic's partitions to describe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeLogDirsTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<PartitionIndex>,
}

/// DescribeLogDirs request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeLogDirsRequest {
    /// The partitions, or `None` for every replica the broker holds.
    pub topics: Option<Vec<DescribeLogDirsTopic>>,
}

/// One replica in the log directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogDirPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// Its log's size in bytes.
    pub size_bytes: u64,
    /// How far its log end offset is below its high watermark.
    pub offset_lag: u64,
}

/// One topic's replicas in the log directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogDirTopic {
    /// The topic.
    pub name: TopicName,
    /// Its replicas here.
    pub partitions: Vec<LogDirPartition>,
}

/// DescribeLogDirs response: the broker's one log directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeLogDirsResponse {
    /// The replicas asked for that the broker holds, by topic.
    pub topics: Vec<LogDirTopic>,
}

impl Engine {
    pub(crate) fn handle_describe_log_dirs(
        &mut self,
        ctx: RequestContext,
        request: DescribeLogDirsRequest,
    ) -> Handled {
        let mut topics: Vec<LogDirTopic> = Vec::new();
        let replicas = self.brokers.get(&ctx.broker).map(|n| &n.replicas);
        for (tp, replica) in replicas.into_iter().flatten() {
            let wanted = request.topics.as_ref().is_none_or(|topics| {
                topics.iter().any(|t| t.name == tp.topic && t.partitions.contains(&tp.partition))
            });
            if !wanted {
                continue;
            }
            let partition = LogDirPartition {
                partition: tp.partition,
                size_bytes: replica.log.size_bytes() as u64,
                offset_lag: replica.high_watermark.records_since(replica.log.log_end_offset()),
            };
            match topics.last_mut() {
                Some(t) if t.name == tp.topic => t.partitions.push(partition),
                _ => {
                    topics.push(LogDirTopic { name: tp.topic.clone(), partitions: vec![partition] })
                }
            }
        }
        Handled::Response(DescribeLogDirsResponse { topics }.into())
    }
}
