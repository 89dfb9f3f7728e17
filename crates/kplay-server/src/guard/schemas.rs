//! The request schemas the guard walks, one per API kplay serves, as Kafka's message JSON
//! defines them (field order and the versions each field exists in). Nullability does not matter
//! to the walk: null is a length of -1 (or 0 in compact form) wherever it appears.

use kafka_protocol::messages::ApiKey;

use super::Ty::{Bool, Bytes, I8, I16, I32, I64, Ints, Longs, Str, Strs, Structs, Uuid};
use super::{Field, all, between, since, until};

/// The body schema of `api`'s request, if kplay serves it.
pub(crate) fn schema(api: ApiKey) -> Option<&'static [Field]> {
    Some(match api {
        ApiKey::ApiVersions => API_VERSIONS,
        ApiKey::Metadata => METADATA,
        ApiKey::Produce => PRODUCE,
        ApiKey::Fetch => FETCH,
        ApiKey::ListOffsets => LIST_OFFSETS,
        ApiKey::OffsetCommit => OFFSET_COMMIT,
        ApiKey::OffsetFetch => OFFSET_FETCH,
        ApiKey::FindCoordinator => FIND_COORDINATOR,
        ApiKey::JoinGroup => JOIN_GROUP,
        ApiKey::Heartbeat => HEARTBEAT,
        ApiKey::LeaveGroup => LEAVE_GROUP,
        ApiKey::SyncGroup => SYNC_GROUP,
        ApiKey::DescribeGroups => DESCRIBE_GROUPS,
        ApiKey::ListGroups => LIST_GROUPS,
        ApiKey::CreateTopics => CREATE_TOPICS,
        ApiKey::DeleteTopics => DELETE_TOPICS,
        ApiKey::DeleteRecords => DELETE_RECORDS,
        ApiKey::InitProducerId => INIT_PRODUCER_ID,
        ApiKey::DescribeConfigs => DESCRIBE_CONFIGS,
        ApiKey::AlterConfigs => ALTER_CONFIGS,
        ApiKey::DescribeLogDirs => DESCRIBE_LOG_DIRS,
        ApiKey::CreatePartitions => CREATE_PARTITIONS,
        ApiKey::DeleteGroups => DELETE_GROUPS,
        ApiKey::ElectLeaders => ELECT_LEADERS,
        ApiKey::IncrementalAlterConfigs => INCREMENTAL_ALTER_CONFIGS,
        ApiKey::OffsetDelete => OFFSET_DELETE,
        ApiKey::AddPartitionsToTxn => ADD_PARTITIONS_TO_TXN,
        ApiKey::AddOffsetsToTxn => ADD_OFFSETS_TO_TXN,
        ApiKey::EndTxn => END_TXN,
        ApiKey::TxnOffsetCommit => TXN_OFFSET_COMMIT,
        ApiKey::DescribeProducers => DESCRIBE_PRODUCERS,
        ApiKey::DescribeTransactions => DESCRIBE_TRANSACTIONS,
        ApiKey::ListTransactions => LIST_TRANSACTIONS,
        _ => return None,
    })
}

const API_VERSIONS: &[Field] = &[since(3, Str), since(3, Str)];

const METADATA_TOPIC: &[Field] = &[since(10, Uuid), all(Str)];
const METADATA: &[Field] =
    &[all(Structs(METADATA_TOPIC)), since(4, Bool), between(8, 10, Bool), since(8, Bool)];

const PRODUCE_PARTITION: &[Field] = &[all(I32), all(Bytes)];
const PRODUCE_TOPIC: &[Field] = &[until(12, Str), since(13, Uuid), all(Structs(PRODUCE_PARTITION))];
const PRODUCE: &[Field] = &[all(Str), all(I16), all(I32), all(Structs(PRODUCE_TOPIC))];

const FETCH_PARTITION: &[Field] =
    &[all(I32), since(9, I32), all(I64), since(12, I32), since(5, I64), all(I32)];
const FETCH_TOPIC: &[Field] = &[until(12, Str), since(13, Uuid), all(Structs(FETCH_PARTITION))];
const FORGOTTEN_TOPIC: &[Field] = &[between(7, 12, Str), since(13, Uuid), since(7, Ints)];
const FETCH: &[Field] = &[
    until(14, I32),
    all(I32),
    all(I32),
    since(3, I32),
    since(4, I8),
    since(7, I32),
    since(7, I32),
    all(Structs(FETCH_TOPIC)),
    since(7, Structs(FORGOTTEN_TOPIC)),
    since(11, Str),
];

const LIST_OFFSETS_PARTITION: &[Field] = &[all(I32), since(4, I32), all(I64)];
const LIST_OFFSETS_TOPIC: &[Field] = &[all(Str), all(Structs(LIST_OFFSETS_PARTITION))];
const LIST_OFFSETS: &[Field] =
    &[all(I32), since(2, I8), all(Structs(LIST_OFFSETS_TOPIC)), since(10, I32)];

const OFFSET_COMMIT_PARTITION: &[Field] = &[all(I32), all(I64), since(6, I32), all(Str)];
const OFFSET_COMMIT_TOPIC: &[Field] = &[all(Str), all(Structs(OFFSET_COMMIT_PARTITION))];
const OFFSET_COMMIT: &[Field] = &[
    all(Str),
    all(I32),
    all(Str),
    since(7, Str),
    until(4, I64),
    all(Structs(OFFSET_COMMIT_TOPIC)),
];

const OFFSET_FETCH_TOPIC: &[Field] = &[all(Str), all(Ints)];
const OFFSET_FETCH_GROUP: &[Field] =
    &[all(Str), since(9, Str), since(9, I32), all(Structs(OFFSET_FETCH_TOPIC))];
const OFFSET_FETCH: &[Field] = &[
    until(7, Str),
    until(7, Structs(OFFSET_FETCH_TOPIC)),
    since(8, Structs(OFFSET_FETCH_GROUP)),
    since(7, Bool),
];

const FIND_COORDINATOR: &[Field] = &[until(3, Str), since(1, I8), since(4, Strs)];

const JOIN_GROUP_PROTOCOL: &[Field] = &[all(Str), all(Bytes)];
const JOIN_GROUP: &[Field] = &[
    all(Str),
    all(I32),
    since(1, I32),
    all(Str),
    since(5, Str),
    all(Str),
    all(Structs(JOIN_GROUP_PROTOCOL)),
    since(8, Str),
];

const HEARTBEAT: &[Field] = &[all(Str), all(I32), all(Str), since(3, Str)];

const LEAVE_GROUP_MEMBER: &[Field] = &[all(Str), all(Str), since(5, Str)];
const LEAVE_GROUP: &[Field] = &[all(Str), until(2, Str), since(3, Structs(LEAVE_GROUP_MEMBER))];

const SYNC_GROUP_ASSIGNMENT: &[Field] = &[all(Str), all(Bytes)];
const SYNC_GROUP: &[Field] = &[
    all(Str),
    all(I32),
    all(Str),
    since(3, Str),
    since(5, Str),
    since(5, Str),
    all(Structs(SYNC_GROUP_ASSIGNMENT)),
];

const DESCRIBE_GROUPS: &[Field] = &[all(Strs), since(3, Bool)];

const LIST_GROUPS: &[Field] = &[since(4, Strs), since(5, Strs)];

const CREATABLE_ASSIGNMENT: &[Field] = &[all(I32), all(Ints)];
const CREATABLE_CONFIG: &[Field] = &[all(Str), all(Str)];
const CREATABLE_TOPIC: &[Field] = &[
    all(Str),
    all(I32),
    all(I16),
    all(Structs(CREATABLE_ASSIGNMENT)),
    all(Structs(CREATABLE_CONFIG)),
];
const CREATE_TOPICS: &[Field] = &[all(Structs(CREATABLE_TOPIC)), all(I32), since(1, Bool)];

const DELETE_TOPIC_STATE: &[Field] = &[all(Str), all(Uuid)];
const DELETE_TOPICS: &[Field] = &[since(6, Structs(DELETE_TOPIC_STATE)), until(5, Strs), all(I32)];

const DELETE_RECORDS_PARTITION: &[Field] = &[all(I32), all(I64)];
const DELETE_RECORDS_TOPIC: &[Field] = &[all(Str), all(Structs(DELETE_RECORDS_PARTITION))];
const DELETE_RECORDS: &[Field] = &[all(Structs(DELETE_RECORDS_TOPIC)), all(I32)];

const INIT_PRODUCER_ID: &[Field] = &[all(Str), all(I32), since(3, I64), since(3, I16)];

const DESCRIBE_CONFIGS_RESOURCE: &[Field] = &[all(I8), all(Str), all(Strs)];
const DESCRIBE_CONFIGS: &[Field] =
    &[all(Structs(DESCRIBE_CONFIGS_RESOURCE)), since(1, Bool), since(3, Bool)];

const REPLACED_CONFIG: &[Field] = &[all(Str), all(Str)];
const REPLACED_CONFIGS_RESOURCE: &[Field] = &[all(I8), all(Str), all(Structs(REPLACED_CONFIG))];
const ALTER_CONFIGS: &[Field] = &[all(Structs(REPLACED_CONFIGS_RESOURCE)), all(Bool)];

const DESCRIBE_LOG_DIRS_TOPIC: &[Field] = &[all(Str), all(Ints)];
const DESCRIBE_LOG_DIRS: &[Field] = &[all(Structs(DESCRIBE_LOG_DIRS_TOPIC))];

const CREATE_PARTITIONS_ASSIGNMENT: &[Field] = &[all(Ints)];
const CREATE_PARTITIONS_TOPIC: &[Field] =
    &[all(Str), all(I32), all(Structs(CREATE_PARTITIONS_ASSIGNMENT))];
const CREATE_PARTITIONS: &[Field] = &[all(Structs(CREATE_PARTITIONS_TOPIC)), all(I32), all(Bool)];

const DELETE_GROUPS: &[Field] = &[all(Strs)];

const ELECT_LEADERS_TOPIC: &[Field] = &[all(Str), all(Ints)];
const ELECT_LEADERS: &[Field] = &[since(1, I8), all(Structs(ELECT_LEADERS_TOPIC)), all(I32)];

const ALTERABLE_CONFIG: &[Field] = &[all(Str), all(I8), all(Str)];
const ALTER_CONFIGS_RESOURCE: &[Field] = &[all(I8), all(Str), all(Structs(ALTERABLE_CONFIG))];
const INCREMENTAL_ALTER_CONFIGS: &[Field] = &[all(Structs(ALTER_CONFIGS_RESOURCE)), all(Bool)];

const OFFSET_DELETE_PARTITION: &[Field] = &[all(I32)];
const OFFSET_DELETE_TOPIC: &[Field] = &[all(Str), all(Structs(OFFSET_DELETE_PARTITION))];
const OFFSET_DELETE: &[Field] = &[all(Str), all(Structs(OFFSET_DELETE_TOPIC))];

const ADD_PARTITIONS_TOPIC: &[Field] = &[all(Str), all(Ints)];
const ADD_PARTITIONS_TRANSACTION: &[Field] =
    &[all(Str), all(I64), all(I16), all(Bool), all(Structs(ADD_PARTITIONS_TOPIC))];
const ADD_PARTITIONS_TO_TXN: &[Field] = &[
    since(4, Structs(ADD_PARTITIONS_TRANSACTION)),
    until(3, Str),
    until(3, I64),
    until(3, I16),
    until(3, Structs(ADD_PARTITIONS_TOPIC)),
];

const ADD_OFFSETS_TO_TXN: &[Field] = &[all(Str), all(I64), all(I16), all(Str)];

const END_TXN: &[Field] = &[all(Str), all(I64), all(I16), all(Bool)];

const TXN_OFFSET_COMMIT_PARTITION: &[Field] = &[all(I32), all(I64), since(2, I32), all(Str)];
const TXN_OFFSET_COMMIT_TOPIC: &[Field] = &[all(Str), all(Structs(TXN_OFFSET_COMMIT_PARTITION))];
const TXN_OFFSET_COMMIT: &[Field] = &[
    all(Str),
    all(Str),
    all(I64),
    all(I16),
    since(3, I32),
    since(3, Str),
    since(3, Str),
    all(Structs(TXN_OFFSET_COMMIT_TOPIC)),
];

const DESCRIBE_PRODUCERS_TOPIC: &[Field] = &[all(Str), all(Ints)];
const DESCRIBE_PRODUCERS: &[Field] = &[all(Structs(DESCRIBE_PRODUCERS_TOPIC))];

const DESCRIBE_TRANSACTIONS: &[Field] = &[all(Strs)];

const LIST_TRANSACTIONS: &[Field] = &[all(Strs), all(Longs), since(1, I64), since(2, Str)];
