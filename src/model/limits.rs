//! What the playground is willing to simulate in a browser tab. Kafka's own rules (topic names,
//! replication factors, configs) are the engine's to enforce, with Kafka's error codes; these
//! limits only keep one page responsive — and keep a hostile share link from asking for a
//! million brokers or a billion steps of replay. Actions typed into the page and actions read
//! from a link go through the same checks.

use kplay_sim::action::{Action, ConsumerSpec, KeyDistribution, Membership, ProducerSpec};
use kplay_sim::network::{LinkSpec, Node};
use kplay_sim::{Scenario, Settings};

/// The most brokers a scenario may add.
pub const MAX_BROKERS: usize = 100;
/// The largest broker id.
pub const MAX_BROKER_ID: i32 = 10_000;
/// The most partitions, over all topics, a scenario may create.
pub const MAX_TOTAL_PARTITIONS: i64 = 5_000;
/// The most clients (producers and consumers) a scenario may add.
pub const MAX_CLIENTS: usize = 200;
/// The largest client number.
pub const MAX_CLIENT_ID: u32 = 100_000;
/// The most records per second one producer may generate.
pub const MAX_RATE_PER_SEC: u32 = 50_000;
/// The largest generated value.
pub const MAX_VALUE_BYTES: usize = 100_000;
/// The most distinct keys of a key distribution.
pub const MAX_KEYS: u32 = 1_000_000;
/// The longest string (a key, a value, a name) an action may carry.
pub const MAX_TEXT: usize = 10_000;
/// The most recorded actions a scenario may hold.
pub const MAX_ACTIONS: usize = 5_000;
/// The furthest step a scenario may reach (its replay must stay within seconds).
pub const MAX_STEP: u64 = 3_000_000;
/// The longest latency, jitter or timeout, in ms (one hour).
pub const MAX_MS: i64 = 3_600_000;

/// Why a scenario or action was refused.
pub type Refusal = String;

fn within(what: &str, value: i64, low: i64, high: i64) -> Result<(), Refusal> {
    if (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(format!("{what} must be between {low} and {high}, not {value}"))
    }
}

fn text(what: &str, value: &str) -> Result<(), Refusal> {
    if value.len() > MAX_TEXT {
        return Err(format!("{what} is longer than {MAX_TEXT} characters"));
    }
    Ok(())
}

/// Checks a cluster's settings.
pub fn check_settings(s: &Settings) -> Result<(), Refusal> {
    within("group.initial.rebalance.delay.ms", s.group_initial_rebalance_delay_ms, 0, MAX_MS)?;
    within("replica.lag.time.max.ms", s.replica_lag_time_max_ms, 1, MAX_MS)?;
    within("broker.session.timeout.ms", s.broker_session_timeout_ms, 1, MAX_MS)?;
    within("log.retention.check.interval.ms", s.log_retention_check_interval_ms, 1, MAX_MS)?;
    within("offsets.topic.num.partitions", s.offsets_topic_num_partitions.into(), 1, 200)?;
    within("num.partitions", s.num_partitions.into(), 1, 1_000)?;
    within("default.replication.factor", s.default_replication_factor.into(), 1, 100)?;
    within("min.insync.replicas", s.min_insync_replicas.into(), 1, 100)?;
    within("the metrics sampling interval (ms)", s.sample_interval_ms, 50, 60_000)?;
    check_link(&s.network)
}

fn check_link(link: &LinkSpec) -> Result<(), Refusal> {
    within("a link's latency (ms)", link.latency_ms, 0, MAX_MS)?;
    within("a link's jitter (ms)", link.jitter_ms, 0, MAX_MS)?;
    within("a link's loss (per million)", link.loss_per_million.into(), 0, 999_999)
}

fn check_node(node: &Node) -> Result<(), Refusal> {
    match node {
        Node::Broker(id) => within("a broker id", (*id).into(), 0, MAX_BROKER_ID.into()),
        Node::Client(id) => within("a client number", (*id).into(), 0, MAX_CLIENT_ID.into()),
    }
}

fn check_producer(spec: &ProducerSpec) -> Result<(), Refusal> {
    text("client.id", &spec.client_id)?;
    text("the topic", &spec.topic)?;
    within("linger.ms", spec.linger_ms, 0, MAX_MS)?;
    within("batch.size", spec.batch_size as i64, 0, 16 << 20)?;
    within("retry.backoff.ms", spec.retry_backoff_ms, 1, MAX_MS)?;
    within("request.timeout.ms", spec.request_timeout_ms, 1, MAX_MS)?;
    within("delivery.timeout.ms", spec.delivery_timeout_ms, 1, MAX_MS)?;
    within("max.in.flight.requests.per.connection", spec.max_in_flight.into(), 1, 100)?;
    within("the rate (records/s)", spec.rate_per_sec.into(), 0, MAX_RATE_PER_SEC.into())?;
    within("the value size (bytes)", spec.value_bytes as i64, 0, MAX_VALUE_BYTES as i64)?;
    let keys = match spec.keys {
        KeyDistribution::None => 1,
        KeyDistribution::Uniform { keys } | KeyDistribution::Sequence { keys } => keys,
        KeyDistribution::HotKeys { keys, hot_keys, hot_percent } => {
            within("the hot keys", hot_keys.into(), 1, keys.into())?;
            within("the hot share (%)", hot_percent.into(), 0, 100)?;
            keys
        }
    };
    within("the number of keys", keys.into(), 1, MAX_KEYS.into())
}

fn check_consumer(spec: &ConsumerSpec) -> Result<(), Refusal> {
    text("client.id", &spec.client_id)?;
    match &spec.membership {
        Membership::Group { group_id, topics, assignors, group_instance_id } => {
            text("group.id", group_id)?;
            within("the number of topics", topics.len() as i64, 1, 100)?;
            within("the number of assignors", assignors.len() as i64, 1, 10)?;
            topics.iter().chain(assignors).try_for_each(|t| text("a name", t))?;
            group_instance_id.as_deref().map_or(Ok(()), |g| text("group.instance.id", g))?;
        }
        Membership::Standalone { group_id, partitions } => {
            group_id.as_deref().map_or(Ok(()), |g| text("group.id", g))?;
            within("the number of partitions", partitions.len() as i64, 1, 10_000)?;
            partitions.iter().try_for_each(|(t, _)| text("a topic", t))?;
        }
    }
    within("session.timeout.ms", spec.session_timeout_ms.into(), 1, MAX_MS)?;
    within("heartbeat.interval.ms", spec.heartbeat_interval_ms, 1, MAX_MS)?;
    within("max.poll.interval.ms", spec.max_poll_interval_ms.into(), 1, MAX_MS)?;
    within("max.poll.records", spec.max_poll_records as i64, 1, 100_000)?;
    within("the processing time (ms per record)", spec.processing_ms_per_record, 0, 60_000)?;
    within("fetch.max.wait.ms", spec.fetch_max_wait_ms.into(), 0, MAX_MS)?;
    within("request.timeout.ms", spec.request_timeout_ms, 1, MAX_MS)
}

/// Checks one action against the playground's limits (not against the world: the engine does
/// that when the action is taken).
pub fn check_action(action: &Action) -> Result<(), Refusal> {
    match action {
        Action::CreateTopic { name, partitions, replication_factor, configs } => {
            text("the topic name", name)?;
            within("partitions", (*partitions).into(), 1, MAX_TOTAL_PARTITIONS)?;
            within("the replication factor", (*replication_factor).into(), 1, 100)?;
            configs.iter().try_for_each(|(k, v)| text(k, v).and(text("a config name", k)))
        }
        Action::DeleteTopic { name } => text("the topic name", name),
        Action::AddPartitions { topic, count } => {
            text("the topic name", topic)?;
            within("partitions", (*count).into(), 1, MAX_TOTAL_PARTITIONS)
        }
        Action::SetTopicConfig { topic, name, value } => {
            text("the topic name", topic)?;
            text("the config name", name)?;
            value.as_deref().map_or(Ok(()), |v| text("the value", v))
        }
        Action::AddBroker { id, rack } => {
            within("a broker id", (*id).into(), 0, MAX_BROKER_ID.into())?;
            rack.as_deref().map_or(Ok(()), |r| text("the rack", r))
        }
        Action::StopBroker { id, .. } | Action::StartBroker { id } => {
            within("a broker id", (*id).into(), 0, MAX_BROKER_ID.into())
        }
        Action::StopLeader { topic, .. } => text("the topic name", topic),
        Action::Isolate { nodes } => {
            within("the number of nodes", nodes.len() as i64, 1, 1_000)?;
            nodes.iter().try_for_each(check_node)
        }
        Action::Heal => Ok(()),
        Action::CutLink { a, b } | Action::RestoreLink { a, b } if a == b => {
            Err(format!("a link joins two different nodes, not {a} and itself"))
        }
        Action::CutLink { a, b } | Action::RestoreLink { a, b } => {
            check_node(a)?;
            check_node(b)
        }
        Action::SetLink { a, b, link } => {
            check_node(a)?;
            check_node(b)?;
            check_link(link)
        }
        Action::SlowNode { node, extra_latency_ms } => {
            check_node(node)?;
            within("the extra latency (ms)", *extra_latency_ms, 0, MAX_MS)
        }
        Action::AddProducer { id, spec } => {
            within("a client number", (*id).into(), 0, MAX_CLIENT_ID.into())?;
            check_producer(spec)
        }
        Action::AddConsumer { id, spec } => {
            within("a client number", (*id).into(), 0, MAX_CLIENT_ID.into())?;
            check_consumer(spec)
        }
        Action::RemoveClient { .. }
        | Action::PauseConsumer { .. }
        | Action::Commit { .. }
        | Action::Seek { .. } => Ok(()),
        Action::Produce { topic, key, value, headers, .. } => {
            text("the topic name", topic)?;
            key.as_deref().map_or(Ok(()), |k| text("the key", k))?;
            value.as_deref().map_or(Ok(()), |v| text("the value", v))?;
            within("the number of headers", headers.len() as i64, 0, 100)?;
            headers.iter().try_for_each(|(k, v)| text("a header", k).and(text("a header", v)))
        }
        Action::ResetOffsets { group, topic, .. } => {
            text("the group", group)?;
            text("the topic", topic)
        }
    }
}

/// Totals an action adds to a scenario: (brokers, partitions, clients).
fn adds(action: &Action) -> (usize, i64, usize) {
    match action {
        Action::AddBroker { .. } => (1, 0, 0),
        Action::CreateTopic { partitions, .. } => (0, (*partitions).into(), 0),
        Action::AddPartitions { count, .. } => (0, (*count).into(), 0),
        Action::AddProducer { .. } | Action::AddConsumer { .. } => (0, 0, 1),
        _ => (0, 0, 0),
    }
}

/// How much more a scenario may take before its share link would be refused: what is left of
/// [`MAX_BROKERS`], [`MAX_TOTAL_PARTITIONS`], [`MAX_CLIENTS`] and [`MAX_ACTIONS`], counting
/// everything ever added (a deleted topic's partitions and a removed client still count, as
/// they do when a link is read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    /// Brokers that may still be added.
    pub brokers: usize,
    /// Partitions that may still be created.
    pub partitions: i64,
    /// Clients that may still be added.
    pub clients: usize,
    /// Actions that may still be taken.
    pub actions: usize,
}

impl Default for Room {
    /// The room of an empty scenario.
    fn default() -> Room {
        Room::after([])
    }
}

impl Room {
    /// The room left once `taken` were taken.
    pub fn after<'a>(taken: impl IntoIterator<Item = &'a Action>) -> Room {
        let mut room = Room {
            brokers: MAX_BROKERS,
            partitions: MAX_TOTAL_PARTITIONS,
            clients: MAX_CLIENTS,
            actions: MAX_ACTIONS,
        };
        for action in taken {
            let (b, p, c) = adds(action);
            room.brokers = room.brokers.saturating_sub(b);
            room.partitions = (room.partitions - p).max(0);
            room.clients = room.clients.saturating_sub(c);
            room.actions = room.actions.saturating_sub(1);
        }
        room
    }

    /// Whether `action` still fits, or why not.
    pub fn check(&self, action: &Action) -> Result<(), Refusal> {
        if self.actions == 0 {
            return Err(format!(
                "a scenario holds at most {MAX_ACTIONS} actions here, and this one has them all"
            ));
        }
        let (b, p, c) = adds(action);
        if b > self.brokers {
            return Err(format!("the playground runs at most {MAX_BROKERS} brokers"));
        }
        if p > self.partitions {
            return Err(format!(
                "only {} more partitions fit: the playground creates at most {MAX_TOTAL_PARTITIONS}, counting deleted topics",
                self.partitions
            ));
        }
        if c > self.clients {
            return Err(format!(
                "the playground adds at most {MAX_CLIENTS} clients, counting removed ones"
            ));
        }
        Ok(())
    }
}

/// Checks a whole scenario, as read from a link, before anything is simulated: its settings,
/// every action, the totals they add up to, and that the actions' steps only go forward and
/// stay within [`MAX_STEP`].
pub fn check_scenario(scenario: &Scenario) -> Result<(), Refusal> {
    check_settings(&scenario.settings)?;
    if scenario.actions.len() > MAX_ACTIONS {
        return Err(format!(
            "it holds {} actions; the playground replays at most {MAX_ACTIONS}",
            scenario.actions.len()
        ));
    }
    let (mut brokers, mut partitions, mut clients) = (0, 0, 0);
    let mut last = (0, 0);
    for (i, timed) in scenario.actions.iter().enumerate() {
        let n = i + 1;
        check_action(&timed.action).map_err(|e| format!("action {n} ({}): {e}", timed.action))?;
        if (timed.step, timed.time) < last || timed.time < last.1 {
            return Err(format!("action {n} is recorded before the action preceding it"));
        }
        if timed.step > MAX_STEP {
            return Err(format!("action {n} is at step {}, beyond {MAX_STEP}", timed.step));
        }
        last = (timed.step, timed.time);
        let (b, p, c) = adds(&timed.action);
        brokers += b;
        partitions += p;
        clients += c;
    }
    if brokers > MAX_BROKERS {
        return Err(format!(
            "it adds {brokers} brokers; the playground runs at most {MAX_BROKERS}"
        ));
    }
    if partitions > MAX_TOTAL_PARTITIONS {
        return Err(format!(
            "it creates {partitions} partitions; the playground runs at most {MAX_TOTAL_PARTITIONS}"
        ));
    }
    if clients > MAX_CLIENTS {
        return Err(format!(
            "it adds {clients} clients; the playground runs at most {MAX_CLIENTS}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use kplay_sim::TimedAction;

    use super::*;

    fn at(step: u64, time: i64, action: Action) -> TimedAction {
        TimedAction { step, time, action }
    }

    #[test]
    fn the_opening_scenario_is_within_limits() {
        assert_eq!(check_scenario(&crate::model::opening::scenario(1)), Ok(()));
    }

    #[test]
    fn oversized_requests_are_refused_with_the_limit_named() {
        let mut s = Scenario::new(1);
        s.actions = (0..=MAX_BROKERS as i32)
            .map(|id| at(0, 0, Action::AddBroker { id, rack: None }))
            .collect();
        assert!(check_scenario(&s).unwrap_err().contains("at most 100"));

        let huge = Action::CreateTopic {
            name: "t".into(),
            partitions: i32::MAX,
            replication_factor: 1,
            configs: vec![],
        };
        let err = check_action(&huge).unwrap_err();
        assert!(err.contains("partitions must be between 1 and 5000"), "{err}");

        let mut spec = ProducerSpec::new("p", "t");
        spec.rate_per_sec = u32::MAX;
        let err = check_action(&Action::AddProducer { id: 1, spec }).unwrap_err();
        assert!(err.contains("rate"), "{err}");
    }

    #[test]
    fn settings_that_would_hang_the_page_are_refused() {
        let mut s = Scenario::new(1);
        s.settings.sample_interval_ms = 0;
        assert!(check_scenario(&s).unwrap_err().contains("sampling interval"));
        let mut s = Scenario::new(1);
        s.settings.network.latency_ms = -5;
        assert!(check_scenario(&s).unwrap_err().contains("latency"));
    }

    #[test]
    fn actions_must_go_forward_and_stay_within_the_step_limit() {
        let mut s = Scenario::new(1);
        s.actions = vec![at(10, 100, Action::Heal), at(5, 100, Action::Heal)];
        assert!(check_scenario(&s).unwrap_err().contains("action 2 is recorded before"));
        s.actions = vec![at(MAX_STEP + 1, 0, Action::Heal)];
        assert!(check_scenario(&s).unwrap_err().contains("beyond"));
        s.actions = vec![at(1, 10, Action::Heal), at(2, 9, Action::Heal)];
        assert!(check_scenario(&s).is_err(), "time going back is refused too");
    }

    #[test]
    fn room_counts_what_was_ever_added_as_links_do() {
        let taken = [
            Action::AddBroker { id: 1, rack: None },
            Action::CreateTopic {
                name: "t".into(),
                partitions: 4_990,
                replication_factor: 1,
                configs: vec![],
            },
            Action::DeleteTopic { name: "t".into() },
        ];
        let room = Room::after(&taken);
        assert_eq!(room.brokers, MAX_BROKERS - 1);
        assert_eq!(room.partitions, 10, "a deleted topic's partitions still count");
        assert_eq!(room.actions, MAX_ACTIONS - 3);
        let grow = Action::AddPartitions { topic: "u".into(), count: 11 };
        let err = room.check(&grow).unwrap_err();
        assert!(err.contains("only 10 more partitions fit"), "{err}");
        assert_eq!(room.check(&Action::AddPartitions { topic: "u".into(), count: 10 }), Ok(()));

        // What fits in the room also passes the link's check.
        let mut s = Scenario::new(1);
        s.actions = taken.iter().cloned().map(|a| at(0, 0, a)).collect();
        s.actions.push(at(0, 0, Action::AddPartitions { topic: "u".into(), count: 10 }));
        assert_eq!(check_scenario(&s), Ok(()));
        s.actions.push(at(0, 0, Action::AddPartitions { topic: "u".into(), count: 1 }));
        assert!(check_scenario(&s).is_err());

        let full = Room { actions: 0, ..room };
        assert!(full.check(&Action::Heal).unwrap_err().contains("at most 5000 actions"));
        let crowded = Room { clients: 0, ..room };
        let add = Action::AddProducer { id: 1, spec: ProducerSpec::new("p", "t") };
        assert!(crowded.check(&add).unwrap_err().contains("at most 200 clients"));
    }

    #[test]
    fn long_texts_are_refused() {
        let produce = Action::Produce {
            producer: 1,
            topic: "t".into(),
            key: Some("k".repeat(MAX_TEXT + 1)),
            value: None,
            headers: vec![],
            partition: None,
        };
        assert!(check_action(&produce).unwrap_err().contains("the key is longer"));
    }
}
