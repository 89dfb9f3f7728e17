//! Which API versions kplay advertises, and the ApiVersions answers built from them.
//!
//! The ranges are those every real client in use can speak without features kplay lacks: Produce
//! and Fetch stop before topic ids (Produce 13, Fetch 13), and the telemetry APIs are left out so
//! librdkafka does not start pushing metrics. A request outside these ranges is refused; for
//! ApiVersions itself the refusal is an UNSUPPORTED_VERSION answer encoded as version 0, which
//! every client can read, listing what is supported so the client can pick again.

use kafka_protocol::messages::ApiKey;
use kafka_protocol::messages::api_versions_response::{ApiVersion, ApiVersionsResponse};

/// An API and the versions of it kplay serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Supported {
    /// The API.
    pub api: ApiKey,
    /// The oldest version served.
    pub min: i16,
    /// The newest version served.
    pub max: i16,
}

const fn api(api: ApiKey, min: i16, max: i16) -> Supported {
    Supported { api, min, max }
}

/// Every API kplay serves, by key.
pub const SUPPORTED: &[Supported] = &[
    api(ApiKey::Produce, 3, 9),
    api(ApiKey::Fetch, 4, 12),
    api(ApiKey::ListOffsets, 1, 7),
    api(ApiKey::Metadata, 0, 12),
    api(ApiKey::OffsetCommit, 2, 9),
    api(ApiKey::OffsetFetch, 1, 8),
    api(ApiKey::FindCoordinator, 0, 4),
    api(ApiKey::JoinGroup, 0, 9),
    api(ApiKey::Heartbeat, 0, 4),
    api(ApiKey::LeaveGroup, 0, 5),
    api(ApiKey::SyncGroup, 0, 5),
    api(ApiKey::DescribeGroups, 0, 5),
    api(ApiKey::ListGroups, 0, 5),
    api(ApiKey::ApiVersions, 0, 4),
    api(ApiKey::CreateTopics, 2, 7),
    api(ApiKey::DeleteTopics, 1, 6),
    api(ApiKey::DeleteRecords, 0, 2),
    api(ApiKey::InitProducerId, 0, 4),
    // The producer versions: 4+ batch several transactions, between brokers.
    api(ApiKey::AddPartitionsToTxn, 0, 3),
    api(ApiKey::AddOffsetsToTxn, 0, 3),
    // EndTxn 5 and TxnOffsetCommit 5 are transactions V2 (KIP-890), not advertised.
    api(ApiKey::EndTxn, 0, 3),
    api(ApiKey::TxnOffsetCommit, 0, 3),
    api(ApiKey::DescribeProducers, 0, 0),
    api(ApiKey::DescribeTransactions, 0, 0),
    // v2 filters by a transactional id pattern (a Java regex), which kplay does not offer.
    api(ApiKey::ListTransactions, 0, 1),
    api(ApiKey::DescribeConfigs, 1, 4),
    api(ApiKey::AlterConfigs, 0, 2),
    api(ApiKey::DescribeLogDirs, 1, 4),
    api(ApiKey::CreatePartitions, 0, 3),
    api(ApiKey::DeleteGroups, 0, 2),
    api(ApiKey::ElectLeaders, 0, 2),
    api(ApiKey::IncrementalAlterConfigs, 0, 1),
    api(ApiKey::OffsetDelete, 0, 0),
];

/// The versions of `key` kplay serves, if any.
pub fn supported(key: ApiKey) -> Option<Supported> {
    SUPPORTED.iter().copied().find(|s| s.api == key)
}

/// Whether kplay serves `key` at `version`.
pub fn is_supported(key: ApiKey, version: i16) -> bool {
    supported(key).is_some_and(|s| (s.min..=s.max).contains(&version))
}

/// The ApiVersions answer: every supported API, with `error_code` (0, or UNSUPPORTED_VERSION).
pub fn api_versions_response(error_code: i16) -> ApiVersionsResponse {
    let mut response = ApiVersionsResponse::default();
    response.error_code = error_code;
    response.api_keys = SUPPORTED
        .iter()
        .map(|s| {
            let mut v = ApiVersion::default();
            v.api_key = s.api as i16;
            v.min_version = s.min;
            v.max_version = s.max;
            v
        })
        .collect();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_advertised_range_is_one_the_crate_can_decode_and_encode() {
        for s in SUPPORTED {
            let crate_range = s.api.valid_versions();
            assert!(crate_range.min <= s.min && s.max <= crate_range.max, "{:?}", s.api);
        }
    }

    #[test]
    fn produce_and_fetch_stop_before_topic_ids_and_telemetry_is_not_advertised() {
        assert_eq!(supported(ApiKey::Produce).map(|s| s.max), Some(9));
        assert_eq!(supported(ApiKey::Fetch).map(|s| s.max), Some(12));
        assert!(supported(ApiKey::GetTelemetrySubscriptions).is_none());
        assert!(supported(ApiKey::PushTelemetry).is_none());
    }

    #[test]
    fn every_served_api_has_a_guard_schema() {
        for s in SUPPORTED {
            assert!(crate::guard::schema(s.api).is_some(), "{:?}", s.api);
        }
    }
}
