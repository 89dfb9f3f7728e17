//! The requests the engine answers, one file per Kafka API, and the closed enums that dispatch
//! them.
//!
//! These are the engine's own types, not wire structs: names and fields follow Kafka's schemas,
//! but values are domain types (`Offset`, `RecordBatch`, `ErrorCode`). `kplay-server` maps the
//! wire to these and back; the simulator builds them directly. Each file holds one API's request
//! and response types and the engine's handler for it.
//!
//! The admin APIs only real clients send (DescribeGroups, ListGroups, DeleteRecords,
//! DescribeConfigs, AlterConfigs, DescribeLogDirs, DeleteGroups, ElectLeaders, OffsetDelete) are
//! behind the `admin-apis` feature: `kplay serve` answers them, and the browser, whose simulated
//! clients never send them, does not carry their code.
//!
//! The transaction APIs (AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, TxnOffsetCommit, and the
//! admin's DescribeProducers, DescribeTransactions, ListTransactions) are behind
//! the `transactions` feature for the same reason: the simulated producers are not
//! transactional.

#[cfg(feature = "transactions")]
pub mod add_offsets_to_txn;
#[cfg(feature = "transactions")]
pub mod add_partitions_to_txn;
#[cfg(feature = "admin-apis")]
pub mod alter_configs;
#[cfg(feature = "admin-apis")]
mod config_synonyms;
pub mod configs;
pub mod create_partitions;
pub mod create_topics;
#[cfg(feature = "admin-apis")]
pub mod delete_groups;
#[cfg(feature = "admin-apis")]
pub mod delete_records;
pub mod delete_topics;
#[cfg(feature = "admin-apis")]
pub mod describe_configs;
#[cfg(feature = "admin-apis")]
pub mod describe_groups;
#[cfg(feature = "admin-apis")]
pub mod describe_log_dirs;
#[cfg(feature = "transactions")]
pub mod describe_producers;
#[cfg(feature = "transactions")]
pub mod describe_transactions;
#[cfg(feature = "admin-apis")]
pub mod elect_leaders;
#[cfg(feature = "transactions")]
pub mod end_txn;
pub mod fetch;
pub mod find_coordinator;
pub mod heartbeat;
pub mod incremental_alter_configs;
pub mod init_producer_id;
pub mod join_group;
pub mod leave_group;
#[cfg(feature = "admin-apis")]
pub mod list_groups;
pub mod list_offsets;
#[cfg(feature = "transactions")]
pub mod list_transactions;
pub mod metadata;
pub mod offset_commit;
#[cfg(feature = "admin-apis")]
pub mod offset_delete;
pub mod offset_fetch;
pub mod produce;
pub mod sync_group;
#[cfg(feature = "transactions")]
pub mod txn_offset_commit;

#[cfg(feature = "transactions")]
pub use add_offsets_to_txn::*;
#[cfg(feature = "transactions")]
pub use add_partitions_to_txn::*;
#[cfg(feature = "admin-apis")]
pub use alter_configs::*;
pub use configs::*;
pub use create_partitions::*;
pub use create_topics::*;
#[cfg(feature = "admin-apis")]
pub use delete_groups::*;
#[cfg(feature = "admin-apis")]
pub use delete_records::*;
pub use delete_topics::*;
#[cfg(feature = "admin-apis")]
pub use describe_configs::*;
#[cfg(feature = "admin-apis")]
pub use describe_groups::*;
#[cfg(feature = "admin-apis")]
pub use describe_log_dirs::*;
#[cfg(feature = "transactions")]
pub use describe_producers::*;
#[cfg(feature = "transactions")]
pub use describe_transactions::*;
#[cfg(feature = "admin-apis")]
pub use elect_leaders::*;
#[cfg(feature = "transactions")]
pub use end_txn::*;
pub use fetch::*;
pub use find_coordinator::*;
pub use heartbeat::*;
pub use incremental_alter_configs::*;
pub use init_producer_id::*;
pub use join_group::*;
pub use leave_group::*;
#[cfg(feature = "admin-apis")]
pub use list_groups::*;
pub use list_offsets::*;
#[cfg(feature = "transactions")]
pub use list_transactions::*;
pub use metadata::*;
pub use offset_commit::*;
#[cfg(feature = "admin-apis")]
pub use offset_delete::*;
pub use offset_fetch::*;
pub use produce::*;
pub use sync_group::*;
#[cfg(feature = "transactions")]
pub use txn_offset_commit::*;

macro_rules! apis {
    ($( $(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])? $api:ident = $key:literal ($req:ty, $resp:ty); )*) => {
        /// A Kafka API, numbered as on the wire.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ApiKey { $( $(#[doc = $doc])* $(#[cfg($cfg)])? $api = $key, )* }

        /// A request to one broker.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Request { $( $(#[doc = $doc])* $(#[cfg($cfg)])? $api($req), )* }

        /// A broker's response.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Response { $( $(#[doc = $doc])* $(#[cfg($cfg)])? $api($resp), )* }

        impl Request {
            /// Which API this request belongs to.
            pub fn api_key(&self) -> ApiKey {
                match self { $( $(#[cfg($cfg)])? Request::$api(_) => ApiKey::$api, )* }
            }
        }

        impl Response {
            /// Which API this response belongs to.
            pub fn api_key(&self) -> ApiKey {
                match self { $( $(#[cfg($cfg)])? Response::$api(_) => ApiKey::$api, )* }
            }
        }

        $(
            $(#[cfg($cfg)])?
            impl From<$req> for Request {
                fn from(r: $req) -> Self { Request::$api(r) }
            }
            $(#[cfg($cfg)])?
            impl From<$resp> for Response {
                fn from(r: $resp) -> Self { Response::$api(r) }
            }
        )*
    };
}

apis! {
    /// Produce (0).
    Produce = 0 (ProduceRequest, ProduceResponse);
    /// Fetch (1).
    Fetch = 1 (FetchRequest, FetchResponse);
    /// ListOffsets (2).
    ListOffsets = 2 (ListOffsetsRequest, ListOffsetsResponse);
    /// Metadata (3).
    Metadata = 3 (MetadataRequest, MetadataResponse);
    /// OffsetCommit (8).
    OffsetCommit = 8 (OffsetCommitRequest, OffsetCommitResponse);
    /// OffsetFetch (9).
    OffsetFetch = 9 (OffsetFetchRequest, OffsetFetchResponse);
    /// FindCoordinator (10).
    FindCoordinator = 10 (FindCoordinatorRequest, FindCoordinatorResponse);
    /// JoinGroup (11).
    JoinGroup = 11 (JoinGroupRequest, JoinGroupResponse);
    /// Heartbeat (12).
    Heartbeat = 12 (HeartbeatRequest, HeartbeatResponse);
    /// LeaveGroup (13).
    LeaveGroup = 13 (LeaveGroupRequest, LeaveGroupResponse);
    /// SyncGroup (14).
    SyncGroup = 14 (SyncGroupRequest, SyncGroupResponse);
    /// DescribeGroups (15).
    #[cfg(feature = "admin-apis")]
    DescribeGroups = 15 (DescribeGroupsRequest, DescribeGroupsResponse);
    /// ListGroups (16).
    #[cfg(feature = "admin-apis")]
    ListGroups = 16 (ListGroupsRequest, ListGroupsResponse);
    /// CreateTopics (19).
    CreateTopics = 19 (CreateTopicsRequest, CreateTopicsResponse);
    /// DeleteTopics (20).
    DeleteTopics = 20 (DeleteTopicsRequest, DeleteTopicsResponse);
    /// DeleteRecords (21).
    #[cfg(feature = "admin-apis")]
    DeleteRecords = 21 (DeleteRecordsRequest, DeleteRecordsResponse);
    /// InitProducerId (22).
    InitProducerId = 22 (InitProducerIdRequest, InitProducerIdResponse);
    /// AddPartitionsToTxn (24).
    #[cfg(feature = "transactions")]
    AddPartitionsToTxn = 24 (AddPartitionsToTxnRequest, AddPartitionsToTxnResponse);
    /// AddOffsetsToTxn (25).
    #[cfg(feature = "transactions")]
    AddOffsetsToTxn = 25 (AddOffsetsToTxnRequest, AddOffsetsToTxnResponse);
    /// EndTxn (26).
    #[cfg(feature = "transactions")]
    EndTxn = 26 (EndTxnRequest, EndTxnResponse);
    /// TxnOffsetCommit (28).
    #[cfg(feature = "transactions")]
    TxnOffsetCommit = 28 (TxnOffsetCommitRequest, TxnOffsetCommitResponse);
    /// DescribeConfigs (32).
    #[cfg(feature = "admin-apis")]
    DescribeConfigs = 32 (DescribeConfigsRequest, DescribeConfigsResponse);
    /// AlterConfigs (33).
    #[cfg(feature = "admin-apis")]
    AlterConfigs = 33 (AlterConfigsRequest, AlterConfigsResponse);
    /// DescribeLogDirs (35).
    #[cfg(feature = "admin-apis")]
    DescribeLogDirs = 35 (DescribeLogDirsRequest, DescribeLogDirsResponse);
    /// CreatePartitions (37).
    CreatePartitions = 37 (CreatePartitionsRequest, CreatePartitionsResponse);
    /// DeleteGroups (42).
    #[cfg(feature = "admin-apis")]
    DeleteGroups = 42 (DeleteGroupsRequest, DeleteGroupsResponse);
    /// ElectLeaders (43).
    #[cfg(feature = "admin-apis")]
    ElectLeaders = 43 (ElectLeadersRequest, ElectLeadersResponse);
    /// IncrementalAlterConfigs (44).
    IncrementalAlterConfigs = 44 (IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse);
    /// OffsetDelete (47).
    #[cfg(feature = "admin-apis")]
    OffsetDelete = 47 (OffsetDeleteRequest, OffsetDeleteResponse);
    /// DescribeProducers (61).
    #[cfg(feature = "transactions")]
    DescribeProducers = 61 (DescribeProducersRequest, DescribeProducersResponse);
    /// DescribeTransactions (65).
    #[cfg(feature = "transactions")]
    DescribeTransactions = 65 (DescribeTransactionsRequest, DescribeTransactionsResponse);
    /// ListTransactions (66).
    #[cfg(feature = "transactions")]
    ListTransactions = 66 (ListTransactionsRequest, ListTransactionsResponse);
}
