//! DescribeConfigs (32) and IncrementalAlterConfigs (44): topic and broker configs.
//!
//! Config resources the engine has no notion of (broker loggers, client quotas, groups) and
//! operations without a value are refused here with INVALID_REQUEST and merged into the answer.

use kafka_protocol::messages::describe_configs_response::{
    DescribeConfigsResourceResult, DescribeConfigsResult, DescribeConfigsSynonym,
};
use kafka_protocol::messages::incremental_alter_configs_response::AlterConfigsResourceResponse;
use kafka_protocol::messages::{
    DescribeConfigsRequest, DescribeConfigsResponse, IncrementalAlterConfigsRequest,
    IncrementalAlterConfigsResponse,
};
use kplay_core::api::{self, ConfigResource};
use kplay_core::{ErrorCode, KafkaError};

use super::{Carry, code, message, name};

/// The engine's resource for a wire resource, or why there is none.
fn resource(
    resource_type: i8,
    resource_name: &str,
    broker: kplay_core::BrokerId,
) -> Result<ConfigResource, (i8, String, KafkaError)> {
    let refuse = |why: String| {
        (resource_type, resource_name.to_owned(), KafkaError::new(ErrorCode::InvalidRequest, why))
    };
    match resource_type {
        2 => Ok(ConfigResource::Topic(resource_name.into())),
        // An empty broker name is the cluster-wide default; this broker answers for it.
        4 if resource_name.is_empty() => Ok(ConfigResource::Broker(broker)),
        4 => resource_name
            .parse()
            .map(|id| ConfigResource::Broker(kplay_core::BrokerId(id)))
            .map_err(|_| refuse(format!("Broker id {resource_name} is not a number."))),
        other => Err(refuse(format!("kplay has no config resources of type {other}."))),
    }
}

/// The engine's resource with its configs to change, or why the resource is refused: its type,
/// or one of its configs (`configs` holds why), is not one kplay can change.
pub(super) fn alterable<T>(
    resource_type: i8,
    resource_name: &str,
    broker: kplay_core::BrokerId,
    configs: Result<T, String>,
) -> Result<(ConfigResource, T), (i8, String, KafkaError)> {
    let resource = resource(resource_type, resource_name, broker)?;
    let configs = configs.map_err(|why| {
        (resource_type, resource_name.to_owned(), KafkaError::new(ErrorCode::InvalidRequest, why))
    })?;
    Ok((resource, configs))
}

/// Each resource's answer to an alteration, as (type, name, error): the engine's, then those
/// refused before it.
pub(super) fn alter_answers(
    results: Vec<api::AlterConfigsResult>,
    refused: Vec<(i8, String, KafkaError)>,
) -> impl Iterator<Item = (i8, String, Option<KafkaError>)> {
    let results = results.into_iter().map(|r| {
        let (resource_type, resource_name) = wire_type(&r.resource);
        (resource_type, resource_name, r.error)
    });
    results.chain(refused.into_iter().map(|(t, n, e)| (t, n, Some(e))))
}

fn wire_type(resource: &ConfigResource) -> (i8, String) {
    match resource {
        ConfigResource::Topic(t) => (2, t.to_string()),
        ConfigResource::Broker(b) => (4, b.to_string()),
    }
}

pub(super) fn decode_describe_configs(
    request: DescribeConfigsRequest,
    broker: kplay_core::BrokerId,
) -> (api::DescribeConfigsRequest, Carry) {
    let mut refused = Vec::new();
    let mut resources = Vec::new();
    for r in request.resources {
        match resource(r.resource_type, &r.resource_name, broker) {
            Ok(resource) => resources.push(api::DescribeConfigsResource {
                resource,
                names: r.configuration_keys.map(|k| k.iter().map(|n| n.to_string()).collect()),
            }),
            Err(refusal) => refused.push(refusal),
        }
    }
    let include_synonyms = request.include_synonyms;
    (api::DescribeConfigsRequest { resources, include_synonyms }, Carry::Resources(refused))
}

pub(super) fn encode_describe_configs(
    response: api::DescribeConfigsResponse,
    refused: Vec<(i8, String, KafkaError)>,
) -> DescribeConfigsResponse {
    let mut out = DescribeConfigsResponse::default();
    for r in response.results {
        let (resource_type, resource_name) = wire_type(&r.resource);
        let mut result = DescribeConfigsResult::default();
        result.error_code = code(r.error.as_ref().map(|e| e.code));
        result.error_message = message(r.error.as_ref());
        result.resource_type = resource_type;
        result.resource_name = name(&resource_name);
        result.configs = r
            .configs
            .into_iter()
            .map(|c| {
                let mut config = DescribeConfigsResourceResult::default();
                config.name = name(&c.name);
                config.value = c.value.as_deref().map(name);
                config.read_only = c.read_only;
                config.config_source = c.source.to_wire();
                config.config_type = c.config_type as i8;
                config.synonyms = c
                    .synonyms
                    .iter()
                    .map(|s| {
                        let mut synonym = DescribeConfigsSynonym::default();
                        synonym.name = name(&s.name);
                        synonym.value = Some(name(&s.value));
                        synonym.source = s.source.to_wire();
                        synonym
                    })
                    .collect();
                // Kafka sends documentation only when asked for it; kplay has none to send.
                config.documentation = None;
                config
            })
            .collect();
        out.results.push(result);
    }
    for (resource_type, resource_name, error) in refused {
        let mut result = DescribeConfigsResult::default();
        result.error_code = error.code.code();
        result.error_message = message(Some(&error));
        result.resource_type = resource_type;
        result.resource_name = name(&resource_name);
        out.results.push(result);
    }
    out
}

pub(super) fn decode_alter_configs(
    request: IncrementalAlterConfigsRequest,
    broker: kplay_core::BrokerId,
) -> (api::IncrementalAlterConfigsRequest, Carry) {
    let mut refused = Vec::new();
    let mut resources = Vec::new();
    for r in request.resources {
        let configs: Result<Vec<_>, String> = r
            .configs
            .iter()
            .map(|c| {
                let op = match (c.config_operation, &c.value) {
                    (0, Some(v)) => api::AlterConfigOp::Set(v.to_string()),
                    (1, _) => api::AlterConfigOp::Delete,
                    (2, Some(v)) => api::AlterConfigOp::Append(v.to_string()),
                    (3, Some(v)) => api::AlterConfigOp::Subtract(v.to_string()),
                    (op, _) => {
                        return Err(format!("kplay cannot apply operation {op} to {}.", c.name));
                    }
                };
                Ok(api::AlterableConfig { name: c.name.to_string(), op })
            })
            .collect();
        match alterable(r.resource_type, &r.resource_name, broker, configs) {
            Ok((resource, configs)) => {
                resources.push(api::AlterConfigsResource { resource, configs })
            }
            Err(refusal) => refused.push(refusal),
        }
    }
    let request =
        api::IncrementalAlterConfigsRequest { resources, validate_only: request.validate_only };
    (request, Carry::Resources(refused))
}

pub(super) fn encode_alter_configs(
    response: api::IncrementalAlterConfigsResponse,
    refused: Vec<(i8, String, KafkaError)>,
) -> IncrementalAlterConfigsResponse {
    let mut out = IncrementalAlterConfigsResponse::default();
    out.responses = alter_answers(response.results, refused)
        .map(|(resource_type, resource_name, error)| {
            let mut r = AlterConfigsResourceResponse::default();
            r.error_code = code(error.as_ref().map(|e| e.code));
            r.error_message = message(error.as_ref());
            r.resource_type = resource_type;
            r.resource_name = name(&resource_name);
            r
        })
        .collect();
    out
}
