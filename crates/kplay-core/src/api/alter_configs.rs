//! AlterConfigs (33), the older way to change configs (`alter_configs` in admin clients, before
//! IncrementalAlterConfigs): the resource's overrides become exactly the configs given, so every
//! override left out goes back to its default, as in Kafka.

use crate::engine::{Engine, Handled, RequestContext};

use super::{
    AlterConfigOp, AlterConfigsResource, AlterConfigsResult, AlterableConfig, ConfigResource,
};

/// One resource's whole set of overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplacedConfigs {
    /// The resource (only topics can be altered).
    pub resource: ConfigResource,
    /// Its overrides from now on, by name.
    pub configs: Vec<(String, String)>,
}

/// AlterConfigs request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterConfigsRequest {
    /// The resources.
    pub resources: Vec<ReplacedConfigs>,
    /// Only validate; change nothing.
    pub validate_only: bool,
}

/// AlterConfigs response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterConfigsResponse {
    /// Per-resource results, in request order.
    pub results: Vec<AlterConfigsResult>,
}

impl Engine {
    pub(crate) fn handle_alter_configs(
        &mut self,
        _ctx: RequestContext,
        request: AlterConfigsRequest,
    ) -> Handled {
        let results = request
            .resources
            .iter()
            .map(|r| {
                // Remove the overrides not given, set those given: one incremental change.
                let dropped = match &r.resource {
                    ConfigResource::Topic(name) => self.image.topics.get(name).map(|t| {
                        t.overrides
                            .keys()
                            .filter(|k| !r.configs.iter().any(|(n, _)| n == *k))
                            .map(|k| AlterableConfig { name: k.clone(), op: AlterConfigOp::Delete })
                            .collect::<Vec<_>>()
                    }),
                    ConfigResource::Broker(_) => None,
                };
                let set = r.configs.iter().map(|(name, value)| AlterableConfig {
                    name: name.clone(),
                    op: AlterConfigOp::Set(value.clone()),
                });
                let change = AlterConfigsResource {
                    resource: r.resource.clone(),
                    configs: dropped.unwrap_or_default().into_iter().chain(set).collect(),
                };
                AlterConfigsResult {
                    resource: r.resource.clone(),
                    error: self.alter_configs(&change, request.validate_only).err(),
                }
            })
            .collect();
        Handled::Response(AlterConfigsResponse { results }.into())
    }
}
