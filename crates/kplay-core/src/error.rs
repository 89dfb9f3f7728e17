//! Kafka's error codes, the only errors the engine answers with.
//!
//! One closed enum, generated from a table of (variant, code, retriable, message) in the manner of
//! Kafka's own `Errors.java`: the code is what goes on the wire, `is_retriable` is what a client
//! does about it, and the message is what a learner reads. Illegal input is answered with one of
//! these codes, never with a panic.

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $retriable:literal, $name:literal, $message:literal; )*) => {
        /// A Kafka error code other than `NONE`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every error code, in code order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The code that goes on the wire.
            pub const fn code(self) -> i16 {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// Whether a client retries after this error (Kafka's `RetriableException`).
            pub const fn is_retriable(self) -> bool {
                match self { $(ErrorCode::$variant => $retriable,)* }
            }

            /// Kafka's description of the error.
            pub const fn message(self) -> &'static str {
                match self { $(ErrorCode::$variant => $message,)* }
            }

            /// The name Kafka gives the error, e.g. `NOT_LEADER_OR_FOLLOWER`.
            pub const fn name(self) -> &'static str {
                match self { $(ErrorCode::$variant => $name,)* }
            }

            /// The error for a wire code; `None` for `0` (no error) and for codes unknown here.
            pub fn from_code(code: i16) -> Option<ErrorCode> {
                match code { $($code => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

error_codes! {
    /// The server experienced an unexpected error.
    UnknownServerError = -1, false, "UNKNOWN_SERVER_ERROR", "The server experienced an unexpected error when processing the request.";
    /// The requested offset is not within the range of offsets maintained by the server.
    OffsetOutOfRange = 1, false, "OFFSET_OUT_OF_RANGE", "The requested offset is not within the range of offsets maintained by the server.";
    /// The message failed its CRC check or is otherwise corrupt.
    CorruptMessage = 2, true, "CORRUPT_MESSAGE", "This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt.";
    /// The topic or partition does not exist.
    UnknownTopicOrPartition = 3, true, "UNKNOWN_TOPIC_OR_PARTITION", "This server does not host this topic-partition.";
    /// A negative fetch size was requested.
    InvalidFetchSize = 4, false, "INVALID_FETCH_SIZE", "The requested fetch size is invalid.";
    /// A leader election is in progress; there is no leader right now.
    LeaderNotAvailable = 5, true, "LEADER_NOT_AVAILABLE", "There is no leader for this topic-partition as we are in the middle of a leadership election.";
    /// The broker is not the leader (or a follower, for follower fetches) of the partition.
    NotLeaderOrFollower = 6, true, "NOT_LEADER_OR_FOLLOWER", "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.";
    /// The request timed out.
    RequestTimedOut = 7, true, "REQUEST_TIMED_OUT", "The request timed out.";
    /// The broker is not available.
    BrokerNotAvailable = 8, false, "BROKER_NOT_AVAILABLE", "The broker is not available.";
    /// The replica is not available for the requested topic-partition.
    ReplicaNotAvailable = 9, true, "REPLICA_NOT_AVAILABLE", "The replica is not available for the requested topic-partition.";
    /// The batch is larger than `max.message.bytes`.
    MessageTooLarge = 10, false, "MESSAGE_TOO_LARGE", "The request included a message larger than the max message size the server will accept.";
    /// The offset commit's metadata string is too long.
    OffsetMetadataTooLarge = 12, false, "OFFSET_METADATA_TOO_LARGE", "The metadata field of the offset request was too large.";
    /// The server disconnected before a response was received.
    NetworkException = 13, true, "NETWORK_EXCEPTION", "The server disconnected before a response was received.";
    /// The coordinator is loading and cannot serve the request yet.
    CoordinatorLoadInProgress = 14, true, "COORDINATOR_LOAD_IN_PROGRESS", "The coordinator is loading and hence can't process requests.";
    /// The coordinator is not available.
    CoordinatorNotAvailable = 15, true, "COORDINATOR_NOT_AVAILABLE", "The coordinator is not available.";
    /// This broker is not the group's coordinator.
    NotCoordinator = 16, true, "NOT_COORDINATOR", "This is not the correct coordinator.";
    /// The topic name is illegal, or the topic is internal.
    InvalidTopicException = 17, false, "INVALID_TOPIC_EXCEPTION", "The request attempted to perform an operation on an invalid topic.";
    /// The batch is larger than the segment size.
    RecordListTooLarge = 18, false, "RECORD_LIST_TOO_LARGE", "The request included message batch larger than the configured segment size on the server.";
    /// Fewer in-sync replicas than `min.insync.replicas`.
    NotEnoughReplicas = 19, true, "NOT_ENOUGH_REPLICAS", "Messages are rejected since there are fewer in-sync replicas than required.";
    /// Written to the leader, but the ISR shrank below `min.insync.replicas` before it completed.
    NotEnoughReplicasAfterAppend = 20, true, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", "Messages are written to the log, but to fewer in-sync replicas than required.";
    /// `acks` was not -1, 0 or 1.
    InvalidRequiredAcks = 21, false, "INVALID_REQUIRED_ACKS", "Produce request specified an invalid value for required acks.";
    /// The member's generation is not the group's current one.
    IllegalGeneration = 22, false, "ILLEGAL_GENERATION", "Specified group generation id is not valid.";
    /// The member's protocols are incompatible with the group's.
    InconsistentGroupProtocol = 23, false, "INCONSISTENT_GROUP_PROTOCOL", "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.";
    /// The group id is empty or otherwise invalid.
    InvalidGroupId = 24, false, "INVALID_GROUP_ID", "The configured groupId is invalid.";
    /// The coordinator does not know this member id.
    UnknownMemberId = 25, false, "UNKNOWN_MEMBER_ID", "The coordinator is not aware of this member.";
    /// The session timeout is outside the broker's allowed range.
    InvalidSessionTimeout = 26, false, "INVALID_SESSION_TIMEOUT", "The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).";
    /// The group is rebalancing; the member must rejoin.
    RebalanceInProgress = 27, false, "REBALANCE_IN_PROGRESS", "The group is rebalancing, so a rejoin is needed.";
    /// The timestamp is out of the acceptable range.
    InvalidTimestamp = 32, false, "INVALID_TIMESTAMP", "The timestamp of the message is out of acceptable range.";
    /// The API version is not supported.
    UnsupportedVersion = 35, false, "UNSUPPORTED_VERSION", "The version of API is not supported.";
    /// The topic already exists.
    TopicAlreadyExists = 36, false, "TOPIC_ALREADY_EXISTS", "Topic with this name already exists.";
    /// The number of partitions is invalid.
    InvalidPartitions = 37, false, "INVALID_PARTITIONS", "Number of partitions is below 1.";
    /// The replication factor is invalid.
    InvalidReplicationFactor = 38, false, "INVALID_REPLICATION_FACTOR", "Replication factor is below 1 or larger than the number of available brokers.";
    /// The replica assignment is invalid.
    InvalidReplicaAssignment = 39, false, "INVALID_REPLICA_ASSIGNMENT", "Replica assignment is invalid.";
    /// A configuration name or value is invalid.
    InvalidConfig = 40, false, "INVALID_CONFIG", "Configuration is invalid.";
    /// This broker is not the controller.
    NotController = 41, true, "NOT_CONTROLLER", "This is not the correct controller for this cluster.";
    /// The request is malformed or illegal.
    InvalidRequest = 42, false, "INVALID_REQUEST", "This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.";
    /// The request breaks a policy of the topic (DeleteRecords on a compacted topic).
    PolicyViolation = 44, false, "POLICY_VIOLATION", "Request parameters do not satisfy the configured policy.";
    /// A sequence number skipped ahead: a batch in between is missing.
    OutOfOrderSequenceNumber = 45, false, "OUT_OF_ORDER_SEQUENCE_NUMBER", "The broker received an out of order sequence number.";
    /// The batch was already written.
    DuplicateSequenceNumber = 46, false, "DUPLICATE_SEQUENCE_NUMBER", "The broker received a duplicate sequence number.";
    /// The producer's epoch is older than the one the broker knows.
    InvalidProducerEpoch = 47, false, "INVALID_PRODUCER_EPOCH", "Producer attempted to produce with an old epoch.";
    /// The transaction is not in a state for this request.
    InvalidTxnState = 48, false, "INVALID_TXN_STATE", "The producer attempted a transactional operation in an invalid state.";
    /// The producer id is not the transactional id's.
    InvalidProducerIdMapping = 49, false, "INVALID_PRODUCER_ID_MAPPING", "The producer attempted to use a producer id which is not currently assigned to its transactional id.";
    /// The transaction timeout is above `transaction.max.timeout.ms`.
    InvalidTransactionTimeout = 50, false, "INVALID_TRANSACTION_TIMEOUT", "The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).";
    /// The transaction is ending; try again.
    ConcurrentTransactions = 51, true, "CONCURRENT_TRANSACTIONS", "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.";
    /// Not attempted: another partition of the request failed.
    OperationNotAttempted = 55, false, "OPERATION_NOT_ATTEMPTED", "The broker did not attempt to execute this operation. This may happen for batched RPCs where some operations in the batch failed, causing the broker to respond without trying the rest.";
    /// The broker does not know this producer id.
    UnknownProducerId = 59, false, "UNKNOWN_PRODUCER_ID", "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question.";
    /// The group still has members.
    NonEmptyGroup = 68, false, "NON_EMPTY_GROUP", "The group is not empty.";
    /// The group does not exist.
    GroupIdNotFound = 69, false, "GROUP_ID_NOT_FOUND", "The group id does not exist.";
    /// The leader epoch in the request is older than the broker's.
    FencedLeaderEpoch = 74, true, "FENCED_LEADER_EPOCH", "The leader epoch in the request is older than the epoch on the broker.";
    /// The leader epoch in the request is newer than the broker's.
    UnknownLeaderEpoch = 75, true, "UNKNOWN_LEADER_EPOCH", "The leader epoch in the request is newer than the epoch on the broker.";
    /// The leader's high watermark has not caught up with the last epoch yet.
    OffsetNotAvailable = 78, true, "OFFSET_NOT_AVAILABLE", "The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing.";
    /// The member must rejoin with the member id in the response.
    MemberIdRequired = 79, false, "MEMBER_ID_REQUIRED", "The group member needs to have a valid member id before actually entering a consumer group.";
    /// The preferred replica is not alive or not in the ISR (ElectLeaders).
    PreferredLeaderNotAvailable = 80, true, "PREFERRED_LEADER_NOT_AVAILABLE", "The preferred leader was not available.";
    /// The group is at `group.max.size`.
    GroupMaxSizeReached = 81, false, "GROUP_MAX_SIZE_REACHED", "The consumer group has reached its max size.";
    /// Another member with the same `group.instance.id` took over.
    FencedInstanceId = 82, false, "FENCED_INSTANCE_ID", "The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.";
    /// No eligible leader for the partition.
    EligibleLeadersNotAvailable = 83, true, "ELIGIBLE_LEADERS_NOT_AVAILABLE", "Eligible topic partition leaders are not available.";
    /// The partition already has the leader asked for (ElectLeaders).
    ElectionNotNeeded = 84, false, "ELECTION_NOT_NEEDED", "Leader election not needed for topic partition.";
    /// A member of the group subscribes to the topic (OffsetDelete).
    GroupSubscribedToTopic = 86, false, "GROUP_SUBSCRIBED_TO_TOPIC", "The consumer group is actively subscribed to the topic";
    /// A transaction holds a pending commit for the partition (OffsetFetch with require_stable).
    UnstableOffsetCommit = 88, true, "UNSTABLE_OFFSET_COMMIT", "There are unstable offsets that need to be cleared.";
    /// The record is invalid (e.g. a null key in a compacted topic).
    InvalidRecord = 87, false, "INVALID_RECORD", "This record has failed the validation on broker and hence will be rejected.";
    /// Another producer with the same transactional id took over.
    ProducerFenced = 90, false, "PRODUCER_FENCED", "There is a newer producer with the same transactionalId which fences the current one.";
    /// The coordinator knows no such transactional id (DescribeTransactions).
    TransactionalIdNotFound = 105, false, "TRANSACTIONAL_ID_NOT_FOUND", "The transactionalId could not be found.";
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.name(), self.code(), self.message())
    }
}

impl std::error::Error for ErrorCode {}

/// An error code with a message that says what exactly was wrong, as Kafka's `error_message`
/// fields do ("Replication factor: 4 larger than available brokers: 3.").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}", code = .code.name())]
pub struct KafkaError {
    /// The code.
    pub code: ErrorCode,
    /// What was wrong, for a person.
    pub message: String,
}

impl KafkaError {
    /// An error with a specific message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        KafkaError { code, message: message.into() }
    }
}

impl From<ErrorCode> for KafkaError {
    fn from(code: ErrorCode) -> Self {
        KafkaError { code, message: code.message().to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_kafka() {
        assert_eq!(ErrorCode::NotLeaderOrFollower.code(), 6);
        assert_eq!(ErrorCode::OutOfOrderSequenceNumber.code(), 45);
        assert_eq!(ErrorCode::MemberIdRequired.code(), 79);
        assert_eq!(ErrorCode::from_code(47), Some(ErrorCode::InvalidProducerEpoch));
        assert_eq!(ErrorCode::from_code(0), None);
    }

    #[test]
    fn retriable_flags_match_kafka() {
        assert!(ErrorCode::NotEnoughReplicas.is_retriable());
        assert!(ErrorCode::NotCoordinator.is_retriable());
        assert!(!ErrorCode::RebalanceInProgress.is_retriable());
        assert!(!ErrorCode::MessageTooLarge.is_retriable());
    }

    #[test]
    fn names_are_kafkas() {
        assert_eq!(ErrorCode::NotLeaderOrFollower.name(), "NOT_LEADER_OR_FOLLOWER");
        assert_eq!(ErrorCode::InvalidTopicException.name(), "INVALID_TOPIC_EXCEPTION");
        assert_eq!(ErrorCode::UnknownServerError.name(), "UNKNOWN_SERVER_ERROR");
    }

    #[test]
    fn codes_are_unique_and_round_trip() {
        for &e in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(e.code()), Some(e), "{e:?}");
        }
    }
}
