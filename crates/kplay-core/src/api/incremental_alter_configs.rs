//! IncrementalAlterConfigs (44): sets or removes a topic's config overrides.

use crate::error::KafkaError;

use super::ConfigResource;

/// What to do with one config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlterConfigOp {
    /// Set an override.
    Set(String),
    /// Remove the override, back to the default.
    Delete,
}

/// One config change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterableConfig {
    /// The config's name.
    pub name: String,
    /// The change.
    pub op: AlterConfigOp,
}

/// One resource's changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterConfigsResource {
    /// The resource (only topics can be altered).
    pub resource: ConfigResource,
    /// The changes, applied together or not at all.
    pub configs: Vec<AlterableConfig>,
}

/// IncrementalAlterConfigs request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncrementalAlterConfigsRequest {
    /// The resources.
    pub resources: Vec<AlterConfigsResource>,
    /// Only validate; change nothing.
    pub validate_only: bool,
}

/// One resource's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterConfigsResult {
    /// The resource.
    pub resource: ConfigResource,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// IncrementalAlterConfigs response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncrementalAlterConfigsResponse {
    /// Per-resource results, in request order.
    pub results: Vec<AlterConfigsResult>,
}
