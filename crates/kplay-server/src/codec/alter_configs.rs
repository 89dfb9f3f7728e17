//! AlterConfigs (33) between the wire and the engine: like IncrementalAlterConfigs (see
//! `configs`), resources the engine has no notion of are refused here and merged into the answer.

use kafka_protocol::messages::alter_configs_response::AlterConfigsResourceResponse;
use kafka_protocol::messages::{AlterConfigsRequest, AlterConfigsResponse};
use kplay_core::KafkaError;
use kplay_core::api;

use super::configs::{alter_answers, alterable};
use super::{Carry, code, message, name};

pub(super) fn decode_alter_configs(
    request: AlterConfigsRequest,
    broker: kplay_core::BrokerId,
) -> (api::AlterConfigsRequest, Carry) {
    let mut refused = Vec::new();
    let mut resources = Vec::new();
    for r in request.resources {
        let configs: Result<Vec<(String, String)>, String> = r
            .configs
            .iter()
            .map(|c| match &c.value {
                Some(value) => Ok((c.name.to_string(), value.to_string())),
                None => Err(format!("Null value not supported for {}.", c.name)),
            })
            .collect();
        match alterable(r.resource_type, &r.resource_name, broker, configs) {
            Ok((resource, configs)) => resources.push(api::ReplacedConfigs { resource, configs }),
            Err(refusal) => refused.push(refusal),
        }
    }
    let request = api::AlterConfigsRequest { resources, validate_only: request.validate_only };
    (request, Carry::Resources(refused))
}

pub(super) fn encode_alter_configs(
    response: api::AlterConfigsResponse,
    refused: Vec<(i8, String, KafkaError)>,
) -> AlterConfigsResponse {
    let mut out = AlterConfigsResponse::default();
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
