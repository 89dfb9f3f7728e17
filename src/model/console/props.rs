//! Client configs given on the command line (`--producer-property k=v`,
//! `--consumer-property k=v`), applied to the simulated client's spec where the simulation has
//! the setting. A config the simulation does not have is named in a note and left out, rather
//! than silently pretended.

use kplay_sim::action::{AcksSpec, CommitMode, ConsumerSpec, Membership, ProducerSpec};

use super::Printed;

/// `value` as a number for config `key`, or Kafka's `ConfigException`.
fn number(key: &str, value: &str) -> Result<i64, Printed> {
    value.trim().parse().map_err(|_| {
        Printed::error(format!(
            "org.apache.kafka.common.config.ConfigException: Invalid value {value} for configuration {key}: Not a number of type INT"
        ))
    })
}

fn boolean(key: &str, value: &str) -> Result<bool, Printed> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Printed::error(format!(
            "org.apache.kafka.common.config.ConfigException: Invalid value {value} for configuration {key}: Expected value to be either true or false"
        ))),
    }
}

/// `acks` as the producer reads it.
pub fn acks(value: &str) -> Result<AcksSpec, Printed> {
    match value.trim() {
        "-1" | "all" => Ok(AcksSpec::All),
        "1" => Ok(AcksSpec::Leader),
        "0" => Ok(AcksSpec::None),
        other => Err(Printed::error(format!(
            "org.apache.kafka.common.config.ConfigException: Invalid value {other} for configuration acks: String must be one of: all, -1, 0, 1"
        ))),
    }
}

fn not_simulated(notes: &mut Printed, key: &str) {
    notes.err(format!("# kplay: {key} is not simulated in this playground; it is left out"));
}

/// Applies `--producer-property` pairs to `spec`; returns notes on what was left out, and
/// whether `enable.idempotence` was set explicitly.
pub fn producer(
    spec: &mut ProducerSpec,
    pairs: &[(String, String)],
) -> Result<(Printed, Option<bool>), Printed> {
    let mut notes = Printed::default();
    let mut idempotence = None;
    for (key, value) in pairs {
        match key.as_str() {
            "acks" => spec.acks = acks(value)?,
            "linger.ms" => spec.linger_ms = number(key, value)?,
            "batch.size" => spec.batch_size = number(key, value)?.max(0) as usize,
            "retries" => spec.retries = number(key, value)?.clamp(0, i64::from(u32::MAX)) as u32,
            "retry.backoff.ms" => spec.retry_backoff_ms = number(key, value)?,
            "request.timeout.ms" => spec.request_timeout_ms = number(key, value)?,
            "delivery.timeout.ms" => spec.delivery_timeout_ms = number(key, value)?,
            "max.in.flight.requests.per.connection" => {
                spec.max_in_flight = number(key, value)?.clamp(1, 1_000) as u32;
            }
            "enable.idempotence" => idempotence = Some(boolean(key, value)?),
            "client.id" => spec.client_id = value.clone(),
            _ => not_simulated(&mut notes, key),
        }
    }
    Ok((notes, idempotence))
}

/// What `--consumer-property` set that the tool itself decides on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsumerChoices {
    /// `group.id`.
    pub group_id: Option<String>,
    /// `auto.offset.reset`.
    pub auto_offset_reset: Option<String>,
    /// `enable.auto.commit`.
    pub auto_commit: Option<bool>,
}

/// Applies `--consumer-property` pairs to `spec`; returns notes on what was left out, and what
/// the tool's own options must agree with.
pub fn consumer(
    spec: &mut ConsumerSpec,
    pairs: &[(String, String)],
) -> Result<(Printed, ConsumerChoices), Printed> {
    let mut notes = Printed::default();
    let mut choices = ConsumerChoices::default();
    let mut interval_ms = 5_000;
    for (key, value) in pairs {
        match key.as_str() {
            "group.id" => choices.group_id = Some(value.clone()),
            "auto.offset.reset" => match value.trim() {
                "earliest" | "latest" | "none" => {
                    choices.auto_offset_reset = Some(value.trim().to_owned());
                }
                other => {
                    return Err(Printed::error(format!(
                        "org.apache.kafka.common.config.ConfigException: Invalid value {other} for configuration auto.offset.reset: String must be one of: latest, earliest, none"
                    )));
                }
            },
            "enable.auto.commit" => choices.auto_commit = Some(boolean(key, value)?),
            "auto.commit.interval.ms" => interval_ms = number(key, value)?,
            "client.id" => spec.client_id = value.clone(),
            "max.poll.records" => spec.max_poll_records = number(key, value)?.max(1) as usize,
            "session.timeout.ms" => spec.session_timeout_ms = number(key, value)? as i32,
            "heartbeat.interval.ms" => spec.heartbeat_interval_ms = number(key, value)?,
            "max.poll.interval.ms" => spec.max_poll_interval_ms = number(key, value)? as i32,
            "partition.assignment.strategy" => {
                let names = assignors(value).ok_or_else(|| {
                    Printed::error(format!(
                        "org.apache.kafka.common.KafkaException: Failed to construct kafka consumer: {value} is not an assignor this playground simulates"
                    ))
                })?;
                if let Membership::Group { assignors, .. } = &mut spec.membership {
                    *assignors = names;
                }
            }
            _ => not_simulated(&mut notes, key),
        }
    }
    if let CommitMode::Auto { interval_ms: i } = &mut spec.commit {
        *i = interval_ms;
    }
    Ok((notes, choices))
}

/// Assignor class names (Kafka's, or their short names) as the simulation names them.
fn assignors(value: &str) -> Option<Vec<String>> {
    value
        .split(',')
        .map(|class| {
            let short = class.trim().rsplit('.').next().unwrap_or_default();
            match short {
                "RangeAssignor" | "range" => Some("range"),
                "RoundRobinAssignor" | "roundrobin" => Some("roundrobin"),
                "StickyAssignor" | "sticky" => Some("sticky"),
                "CooperativeStickyAssignor" | "cooperative-sticky" => Some("cooperative-sticky"),
                _ => None,
            }
            .map(str::to_owned)
        })
        .collect()
}
