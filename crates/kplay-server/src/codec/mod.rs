//! The codec: kafka-protocol's wire types in, the engine's requests out, and back.
//!
//! This is the only place where kafka-protocol types meet the engine's types, one file per family
//! of APIs. Every body is walked by the [`guard`](crate::guard) before kafka-protocol decodes it.
//! A few parts of a request can be refused before the engine sees them (a produced batch that
//! fails its CRC, a config resource the engine does not have); those answers travel beside the
//! request as a [`Carry`] and are merged into the engine's response.

mod admin;
mod alter_configs;
mod configs;
mod delete_records;
mod elect_leaders;
mod fetch;
mod group_admin;
mod groups;
mod log_dirs;
mod metadata;
mod offsets;
mod produce;
mod records;
mod txn;
mod txn_admin;
mod varint;

use std::collections::BTreeMap;

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::{Decodable, Encodable, StrBytes};
use kplay_core::api::{self, ProducePartitionResponse, Request, Response};
use kplay_core::{BrokerId, ErrorCode, KafkaError};

use crate::guard::{self, Malformed};

/// Where each broker listens, as clients must be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advertised {
    /// The host every broker is advertised on.
    pub host: String,
    /// Each broker's port.
    pub ports: BTreeMap<BrokerId, u16>,
}

impl Advertised {
    fn port(&self, broker: BrokerId) -> Option<u16> {
        self.ports.get(&broker).copied()
    }
}

/// Who sent a request, as some requests record it.
#[derive(Clone, Copy, Debug)]
pub struct Client<'a> {
    /// The broker the connection is to.
    pub broker: BrokerId,
    /// The request header's `client.id`.
    pub client_id: &'a str,
    /// The client's address, as Kafka shows it (`/127.0.0.1`).
    pub host: &'a str,
}

/// Answers the codec gave itself, to merge into the engine's response.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Carry {
    /// Nothing to merge.
    #[default]
    Nothing,
    /// Produced partitions refused before the engine saw them.
    Refused(Vec<(kplay_core::TopicName, ProducePartitionResponse)>),
    /// Config resources refused: (resource type, resource name, error).
    Resources(Vec<(i8, String, KafkaError)>),
    /// The client asked for the authorized operations of the topics or groups (`resources`) or
    /// of the cluster (Metadata and DescribeGroups).
    AuthorizedOperations {
        /// Of each topic (Metadata) or group (DescribeGroups).
        resources: bool,
        /// Of the cluster (Metadata 8 to 10).
        cluster: bool,
    },
}

/// A bit field of ACL operation codes, as Kafka's `Utils.to32BitField` builds it.
const fn operations(codes: &[u8]) -> i32 {
    let mut field = 0;
    let mut i = 0;
    while i < codes.len() {
        field |= 1 << codes[i];
        i += 1;
    }
    field
}

/// What Kafka reports as authorized when it runs without an authorizer, as kplay does: every
/// operation `AclEntry.supportedOperations` lists for the resource type (READ 3, WRITE 4,
/// CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10,
/// ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12).
pub(crate) const TOPIC_OPERATIONS: i32 = operations(&[3, 4, 5, 6, 7, 8, 10, 11]);
/// Of a group (see [`TOPIC_OPERATIONS`]).
pub(crate) const GROUP_OPERATIONS: i32 = operations(&[3, 6, 8, 10, 11]);
/// Of the cluster (see [`TOPIC_OPERATIONS`]).
pub(crate) const CLUSTER_OPERATIONS: i32 = operations(&[5, 7, 8, 9, 10, 11, 12]);

/// A request for the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The engine's request.
    pub request: Request,
    /// What the codec already answered.
    pub carry: Carry,
}

/// Why a request or response could not cross the codec.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    /// The guard refused the body.
    #[error("malformed request: {0}")]
    Malformed(#[from] Malformed),
    /// kafka-protocol could not decode it.
    #[error("{api:?} v{version} could not be decoded: {reason}")]
    Decode {
        /// The API.
        api: ApiKey,
        /// The version.
        version: i16,
        /// kafka-protocol's reason.
        reason: String,
    },
    /// kafka-protocol could not encode the response.
    #[error("{api:?} v{version} could not be encoded: {reason}")]
    Encode {
        /// The API.
        api: ApiKey,
        /// The version.
        version: i16,
        /// kafka-protocol's reason.
        reason: String,
    },
    /// An API the engine does not serve.
    #[error("{0:?} is not served by the engine")]
    NotServed(ApiKey),
}

pub(crate) fn code(error: Option<ErrorCode>) -> i16 {
    error.map_or(0, ErrorCode::code)
}

pub(crate) fn message(error: Option<&KafkaError>) -> Option<StrBytes> {
    error.map(|e| StrBytes::from_string(e.message.clone()))
}

pub(crate) fn name(s: &str) -> StrBytes {
    StrBytes::from_string(s.to_owned())
}

pub(crate) fn uuid(id: kplay_core::Uuid) -> uuid::Uuid {
    uuid::Uuid::from_bytes(id.0)
}

pub(crate) fn from_uuid(id: uuid::Uuid) -> kplay_core::Uuid {
    kplay_core::Uuid(id.into_bytes())
}

/// Walks and decodes a request body of `api` at `version` into the engine's request.
pub fn decode(
    api: ApiKey,
    version: i16,
    mut body: Bytes,
    client: &Client<'_>,
) -> Result<Decoded, CodecError> {
    guard::check(api, version, &body)?;
    let plain = |request: Request| Decoded { request, carry: Carry::Nothing };
    macro_rules! read {
        ($ty:ty) => {
            <$ty>::decode(&mut body, version).map_err(|e| CodecError::Decode {
                api,
                version,
                reason: e.to_string(),
            })?
        };
    }
    Ok(match api {
        ApiKey::Produce => {
            let (request, carry) = produce::decode_produce(read!(ProduceRequest));
            Decoded { request: request.into(), carry }
        }
        ApiKey::Fetch => plain(fetch::decode_fetch(read!(FetchRequest)).into()),
        ApiKey::ListOffsets => plain(fetch::decode_list_offsets(read!(ListOffsetsRequest)).into()),
        ApiKey::Metadata => {
            let request = read!(MetadataRequest);
            let carry = Carry::AuthorizedOperations {
                resources: request.include_topic_authorized_operations,
                cluster: request.include_cluster_authorized_operations,
            };
            Decoded { request: metadata::decode_metadata(request, version).into(), carry }
        }
        ApiKey::OffsetCommit => {
            plain(offsets::decode_offset_commit(read!(OffsetCommitRequest)).into())
        }
        ApiKey::OffsetFetch => {
            plain(offsets::decode_offset_fetch(read!(OffsetFetchRequest), version).into())
        }
        ApiKey::FindCoordinator => {
            plain(metadata::decode_find_coordinator(read!(FindCoordinatorRequest), version).into())
        }
        ApiKey::JoinGroup => {
            plain(groups::decode_join_group(read!(JoinGroupRequest), version, client).into())
        }
        ApiKey::Heartbeat => plain(groups::decode_heartbeat(read!(HeartbeatRequest)).into()),
        ApiKey::LeaveGroup => {
            plain(groups::decode_leave_group(read!(LeaveGroupRequest), version).into())
        }
        ApiKey::SyncGroup => plain(groups::decode_sync_group(read!(SyncGroupRequest)).into()),
        ApiKey::DescribeGroups => {
            let request = read!(DescribeGroupsRequest);
            let carry = Carry::AuthorizedOperations {
                resources: request.include_authorized_operations,
                cluster: false,
            };
            Decoded { request: group_admin::decode_describe_groups(request).into(), carry }
        }
        ApiKey::ListGroups => {
            plain(group_admin::decode_list_groups(read!(ListGroupsRequest)).into())
        }
        ApiKey::DeleteGroups => {
            plain(group_admin::decode_delete_groups(read!(DeleteGroupsRequest)).into())
        }
        ApiKey::OffsetDelete => {
            plain(group_admin::decode_offset_delete(read!(OffsetDeleteRequest)).into())
        }
        ApiKey::CreateTopics => {
            plain(admin::decode_create_topics(read!(CreateTopicsRequest)).into())
        }
        ApiKey::DeleteTopics => {
            plain(admin::decode_delete_topics(read!(DeleteTopicsRequest), version).into())
        }
        ApiKey::DescribeLogDirs => {
            plain(log_dirs::decode_describe_log_dirs(read!(DescribeLogDirsRequest)).into())
        }
        ApiKey::CreatePartitions => {
            plain(admin::decode_create_partitions(read!(CreatePartitionsRequest)).into())
        }
        ApiKey::DeleteRecords => {
            plain(delete_records::decode_delete_records(read!(DeleteRecordsRequest)).into())
        }
        ApiKey::ElectLeaders => {
            plain(elect_leaders::decode_elect_leaders(read!(ElectLeadersRequest)).into())
        }
        ApiKey::InitProducerId => {
            plain(produce::decode_init_producer_id(read!(InitProducerIdRequest)).into())
        }
        ApiKey::DescribeConfigs => {
            let (request, carry) =
                configs::decode_describe_configs(read!(DescribeConfigsRequest), client.broker);
            Decoded { request: request.into(), carry }
        }
        ApiKey::AlterConfigs => {
            let (request, carry) =
                alter_configs::decode_alter_configs(read!(AlterConfigsRequest), client.broker);
            Decoded { request: request.into(), carry }
        }
        ApiKey::IncrementalAlterConfigs => {
            let (request, carry) =
                configs::decode_alter_configs(read!(IncrementalAlterConfigsRequest), client.broker);
            Decoded { request: request.into(), carry }
        }
        ApiKey::AddPartitionsToTxn => {
            plain(txn::decode_add_partitions(read!(AddPartitionsToTxnRequest)).into())
        }
        ApiKey::AddOffsetsToTxn => {
            plain(txn::decode_add_offsets(read!(AddOffsetsToTxnRequest)).into())
        }
        ApiKey::EndTxn => plain(txn::decode_end_txn(read!(EndTxnRequest)).into()),
        ApiKey::TxnOffsetCommit => {
            plain(txn::decode_txn_offset_commit(read!(TxnOffsetCommitRequest)).into())
        }
        ApiKey::DescribeProducers => {
            plain(txn_admin::decode_describe_producers(read!(DescribeProducersRequest)).into())
        }
        ApiKey::DescribeTransactions => plain(
            txn_admin::decode_describe_transactions(read!(DescribeTransactionsRequest)).into(),
        ),
        ApiKey::ListTransactions => {
            plain(txn_admin::decode_list_transactions(read!(ListTransactionsRequest)).into())
        }
        other => return Err(CodecError::NotServed(other)),
    })
}

/// Encodes the engine's `response` as the body of a response at `version`.
pub fn encode(
    response: Response,
    carry: Carry,
    version: i16,
    advertised: &Advertised,
) -> Result<BytesMut, CodecError> {
    let api = wire_key(response.api_key());
    let mut buf = BytesMut::new();
    let (mut refused, mut refused_resources, mut operations) = (Vec::new(), Vec::new(), None);
    match carry {
        Carry::Nothing => {}
        Carry::Refused(r) => refused = r,
        Carry::Resources(r) => refused_resources = r,
        Carry::AuthorizedOperations { resources, cluster } => {
            operations = Some((resources, cluster))
        }
    }
    let (resource_operations, cluster_operations) = operations.unwrap_or_default();
    let written = match response {
        Response::Produce(r) => produce::encode_produce(r, refused).encode(&mut buf, version),
        Response::Fetch(r) => fetch::encode_fetch(r).encode(&mut buf, version),
        Response::ListOffsets(r) => {
            fetch::encode_list_offsets(r, version).encode(&mut buf, version)
        }
        Response::Metadata(r) => {
            let mut out = metadata::encode_metadata(r, advertised);
            if cluster_operations {
                out.cluster_authorized_operations = CLUSTER_OPERATIONS;
            }
            if resource_operations {
                out.topics
                    .iter_mut()
                    .for_each(|t| t.topic_authorized_operations = TOPIC_OPERATIONS);
            }
            out.encode(&mut buf, version)
        }
        Response::OffsetCommit(r) => offsets::encode_offset_commit(r).encode(&mut buf, version),
        Response::OffsetFetch(r) => {
            offsets::encode_offset_fetch(r, version).encode(&mut buf, version)
        }
        Response::FindCoordinator(r) => {
            metadata::encode_find_coordinator(r, version, advertised).encode(&mut buf, version)
        }
        Response::JoinGroup(r) => groups::encode_join_group(r, version).encode(&mut buf, version),
        Response::Heartbeat(r) => groups::encode_heartbeat(r).encode(&mut buf, version),
        Response::LeaveGroup(r) => groups::encode_leave_group(r, version).encode(&mut buf, version),
        Response::SyncGroup(r) => groups::encode_sync_group(r).encode(&mut buf, version),
        Response::DescribeGroups(r) => {
            let mut out = group_admin::encode_describe_groups(r);
            if resource_operations {
                out.groups.iter_mut().for_each(|g| g.authorized_operations = GROUP_OPERATIONS);
            }
            out.encode(&mut buf, version)
        }
        Response::ListGroups(r) => group_admin::encode_list_groups(r).encode(&mut buf, version),
        Response::DeleteGroups(r) => group_admin::encode_delete_groups(r).encode(&mut buf, version),
        Response::OffsetDelete(r) => group_admin::encode_offset_delete(r).encode(&mut buf, version),
        Response::CreateTopics(r) => admin::encode_create_topics(r).encode(&mut buf, version),
        Response::DeleteTopics(r) => admin::encode_delete_topics(r).encode(&mut buf, version),
        Response::DescribeLogDirs(r) => {
            log_dirs::encode_describe_log_dirs(r).encode(&mut buf, version)
        }
        Response::CreatePartitions(r) => {
            admin::encode_create_partitions(r).encode(&mut buf, version)
        }
        Response::DeleteRecords(r) => {
            delete_records::encode_delete_records(r).encode(&mut buf, version)
        }
        Response::ElectLeaders(r) => {
            elect_leaders::encode_elect_leaders(r).encode(&mut buf, version)
        }
        Response::InitProducerId(r) => {
            produce::encode_init_producer_id(r, version).encode(&mut buf, version)
        }
        Response::DescribeConfigs(r) => {
            configs::encode_describe_configs(r, refused_resources).encode(&mut buf, version)
        }
        Response::AlterConfigs(r) => {
            alter_configs::encode_alter_configs(r, refused_resources).encode(&mut buf, version)
        }
        Response::IncrementalAlterConfigs(r) => {
            configs::encode_alter_configs(r, refused_resources).encode(&mut buf, version)
        }
        Response::AddPartitionsToTxn(r) => {
            txn::encode_add_partitions(r, version).encode(&mut buf, version)
        }
        Response::AddOffsetsToTxn(r) => {
            txn::encode_add_offsets(r, version).encode(&mut buf, version)
        }
        Response::EndTxn(r) => txn::encode_end_txn(r, version).encode(&mut buf, version),
        Response::TxnOffsetCommit(r) => txn::encode_txn_offset_commit(r).encode(&mut buf, version),
        Response::DescribeProducers(r) => {
            txn_admin::encode_describe_producers(r).encode(&mut buf, version)
        }
        Response::DescribeTransactions(r) => {
            txn_admin::encode_describe_transactions(r).encode(&mut buf, version)
        }
        Response::ListTransactions(r) => {
            txn_admin::encode_list_transactions(r).encode(&mut buf, version)
        }
    };
    written.map_err(|e| CodecError::Encode { api, version, reason: e.to_string() })?;
    Ok(buf)
}

/// kafka-protocol's key for one of the engine's APIs (the numbers are Kafka's in both).
pub fn wire_key(key: api::ApiKey) -> ApiKey {
    ApiKey::try_from(key as i16).unwrap_or(ApiKey::ApiVersions)
}

#[cfg(test)]
mod tests;
