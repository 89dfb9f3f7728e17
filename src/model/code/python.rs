//! The shape both Python listings share, whatever the client: imports at the top, an admin
//! client made once, each producer as one object and its sends followed by one `flush()`, a
//! producer with a rate as a thread that sends until told to stop, each consumer as a
//! `poll_<name>()` round called from one loop at the end, and the clients closed when that
//! loop is interrupted. What differs between kafka-python and confluent-kafka (names, configs,
//! calls) is a [`Dialect`].

use kplay_sim::action::{Action, ConsumerSpec, KeyDistribution, Membership, ProducerSpec};

use super::cast::{Cast, Role};
use super::dialect::{Dialect, Payload, Record};
use super::ops::operator_note;
use super::text::{Listing, interval_secs, py_str};

use kplay_core::vec_map::VecSet;

/// What the walk remembers between actions.
#[derive(Default)]
struct Walk {
    cast: Cast,
    admin: bool,
    producers: Vec<(u32, String)>,
    rate_producers: VecSet<u32>,
    consumers: Vec<(u32, String)>,
    paused: VecSet<u32>,
    last_admin: bool,
}

/// Writes `actions` in `dialect`.
pub(crate) fn write(dialect: &dyn Dialect, actions: &[Action]) -> String {
    let mut l = Listing::default();
    let mut w = Walk::default();
    let mut i = 0;
    while i < actions.len() {
        let action = &actions[i];
        w.last_admin = false;
        if let Some(note) = operator_note(action) {
            l.blank();
            l.comment(0, &note);
            i += 1;
            continue;
        }
        if let Action::Produce { producer, .. } = action {
            let run = actions[i..]
                .iter()
                .take_while(|a| matches!(a, Action::Produce { producer: p, .. } if p == producer))
                .count();
            w.last_admin = false;
            produce_run(dialect, &mut l, &mut w, *producer, &actions[i..i + run]);
            i += run;
            continue;
        }
        one(dialect, &mut l, &mut w, action);
        i += 1;
    }
    if actions.is_empty() {
        l.comment(0, "No actions yet.");
    }
    finish(dialect, &mut l, &w);
    l.finish(dialect.header())
}

fn one(d: &dyn Dialect, l: &mut Listing, w: &mut Walk, action: &Action) {
    let admin = matches!(
        action,
        Action::CreateTopic { .. }
            | Action::DeleteTopic { .. }
            | Action::AddPartitions { .. }
            | Action::SetTopicConfig { .. }
    );
    if admin && !w.last_admin {
        l.blank();
    }
    if admin && !w.admin {
        d.admin(l);
        w.admin = true;
    }
    w.last_admin = admin;
    match action {
        Action::CreateTopic { name, partitions, replication_factor, configs } => {
            d.create_topic(l, name, *partitions, *replication_factor, configs);
        }
        Action::DeleteTopic { name } => d.delete_topic(l, name),
        Action::AddPartitions { topic, count } => d.add_partitions(l, topic, *count),
        Action::SetTopicConfig { topic, name, value } => {
            d.set_topic_config(l, topic, name, value.as_deref());
        }
        Action::AddProducer { id, spec } => add_producer(d, l, w, *id, spec),
        Action::AddConsumer { id, spec } => add_consumer(d, l, w, *id, spec),
        Action::RemoveClient { id, crash } => remove(d, l, w, *id, *crash),
        Action::PauseConsumer { id, paused } => pause(l, w, *id, *paused),
        Action::Commit { id } => {
            let var = w.cast.var(*id);
            l.blank();
            l.comment(0, &format!("{var} commits its positions now."));
            d.commit(l, &var);
        }
        Action::Seek { id, topic, partition, to } => {
            let var = w.cast.var(*id);
            l.blank();
            l.comment(0, &format!("{var}: seek {topic}-{partition} to {to}."));
            let subscribed = matches!(
                w.cast.role(*id),
                Some(Role::Consumer(ConsumerSpec { membership: Membership::Group { .. }, .. }))
            );
            if subscribed {
                l.comment(
                    0,
                    "A subscribed consumer can seek only once the group gave it partitions,\n\
                     and only on a partition it was given.",
                );
                l.line(0, format!("while not {var}.assignment():"));
                l.line(1, format!("poll_{var}()"));
                l.line(
                    0,
                    format!(
                        "if TopicPartition({}, {partition}) in {var}.assignment():",
                        py_str(topic)
                    ),
                );
            }
            d.seek(l, usize::from(subscribed), &var, topic, *partition, *to);
        }
        Action::ResetOffsets { group, topic, to } => {
            l.blank();
            l.comment(
                0,
                &format!(
                    "Reset group {group}'s committed offsets on {topic} to {to}, as\n\
                     kafka-consumer-groups.sh --reset-offsets does; the group must have no active members."
                ),
            );
            d.reset_offsets(l, group, topic, *to);
        }
        _ => {}
    }
}

fn add_producer(d: &dyn Dialect, l: &mut Listing, w: &mut Walk, id: u32, spec: &ProducerSpec) {
    let var = w.cast.add(id, Role::Producer(spec.clone()));
    l.blank();
    d.producer_prelude(l, spec);
    l.comment(0, &format!("Producer {id} ({}): {}.", spec.client_id, spec.partitioner));
    d.producer(l, &var, spec);
    w.producers.push((id, var.clone()));
    if spec.rate_per_sec == 0 {
        return;
    }
    l.import("threading");
    l.blank();
    l.line(0, format!("stop_{var} = threading.Event()"));
    l.blanks(2);
    l.line(0, format!("def produce_{var}():"));
    l.line(1, format!("\"\"\"{}\"\"\"", rate_sentence(spec)));
    let partition = d.loop_partition(l, &var, spec);
    // `i` numbers the records, for keys in turn or partitions in turn.
    let counted = partition.is_some() || matches!(spec.keys, KeyDistribution::Sequence { .. });
    if counted {
        l.line(1, "i = 0");
    }
    l.line(1, format!("while not stop_{var}.is_set():"));
    let key = key_expr(l, &spec.keys);
    if let Some(key) = &key {
        l.line(2, format!("key = {key}"));
    }
    let record = Record {
        topic: py_str(&spec.topic),
        key: key.map(|_| Payload::Str("key".to_owned())),
        value: Payload::Bytes(format!("b'x' * {}", spec.value_bytes)),
        headers: Vec::new(),
        partition,
    };
    d.send(l, 2, &var, &record);
    d.after_send_in_loop(l, 2, &var);
    if counted {
        l.line(2, "i += 1");
    }
    l.line(2, format!("stop_{var}.wait({})", interval_secs(spec.rate_per_sec)));
    l.blanks(2);
    l.line(0, format!("threading.Thread(target=produce_{var}, daemon=True).start()"));
    w.rate_producers.insert(id);
}

/// The sentence a rate loop's docstring says.
fn rate_sentence(spec: &ProducerSpec) -> String {
    let keys = match &spec.keys {
        KeyDistribution::None => "no keys".to_owned(),
        KeyDistribution::Uniform { keys } => {
            format!("keys key-0 to key-{} at random", keys.saturating_sub(1))
        }
        KeyDistribution::HotKeys { keys, hot_keys, hot_percent } => format!(
            "{hot_percent}% of keys from the {hot_keys} hot ones, the rest from key-0 to key-{}",
            keys.saturating_sub(1)
        ),
        KeyDistribution::Sequence { keys } => {
            format!("keys key-0 to key-{} in turn", keys.saturating_sub(1))
        }
    };
    format!(
        "{} records a second to {}, {keys}, {}-byte values.",
        spec.rate_per_sec,
        spec.topic.replace('\\', "\\\\").replace('"', "'"),
        spec.value_bytes
    )
}

/// The Python expression of a generated key (a `str`), if the records have keys.
fn key_expr(l: &mut Listing, keys: &KeyDistribution) -> Option<String> {
    match keys {
        KeyDistribution::None => None,
        KeyDistribution::Uniform { keys } => {
            l.import("random");
            Some(format!("f'key-{{random.randrange({keys})}}'"))
        }
        KeyDistribution::HotKeys { keys, hot_keys, hot_percent } => {
            l.import("random");
            Some(format!(
                "f'key-{{random.randrange({hot_keys} if random.randrange(100) < {hot_percent} else {keys})}}'"
            ))
        }
        KeyDistribution::Sequence { keys } => Some(format!("f'key-{{i % {keys}}}'")),
    }
}

fn produce_run(d: &dyn Dialect, l: &mut Listing, w: &mut Walk, id: u32, run: &[Action]) {
    if w.cast.role(id).is_none() {
        let Some(Action::Produce { topic, .. }) = run.first() else { return };
        let spec = ProducerSpec::new(&format!("producer-{id}"), topic);
        add_producer(d, l, w, id, &spec);
    }
    let var = w.cast.var(id);
    l.blank();
    for action in run {
        let Action::Produce { topic, key, value, headers, partition, .. } = action else {
            continue;
        };
        let record = Record {
            topic: py_str(topic),
            key: key.clone().map(Payload::Text),
            value: value.clone().map_or(Payload::Null, Payload::Text),
            headers: headers.clone(),
            partition: partition.map(|p| p.to_string()),
        };
        if value.is_none() {
            l.comment(0, "A tombstone: a null value deletes the key once the log is compacted.");
        }
        d.send(l, 0, &var, &record);
    }
    d.flush(l, 0, &var);
}

fn add_consumer(d: &dyn Dialect, l: &mut Listing, w: &mut Walk, id: u32, spec: &ConsumerSpec) {
    let var = w.cast.add(id, Role::Consumer(spec.clone()));
    l.blank();
    let what = match &spec.membership {
        Membership::Group { group_id, .. } => format!("in group {group_id}"),
        Membership::Standalone { .. } => "standalone, with assign()".to_owned(),
    };
    l.comment(0, &format!("Consumer {id} ({}), {what}.", spec.client_id));
    d.consumer(l, &var, spec);
    l.blanks(2);
    l.line(0, format!("def poll_{var}():"));
    l.line(1, format!("\"\"\"One round of {var}'s poll loop.\"\"\""));
    d.poll_body(l, &var, spec);
    l.blanks(2);
    w.consumers.push((id, var));
}

fn remove(d: &dyn Dialect, l: &mut Listing, w: &mut Walk, id: u32, crash: bool) {
    let var = w.cast.var(id);
    let producer = matches!(w.cast.role(id), Some(Role::Producer(_)));
    l.blank();
    if w.rate_producers.remove(&id) {
        l.line(0, format!("stop_{var}.set()"));
    }
    if crash {
        let what = if producer {
            "records still in its buffer are lost".to_owned()
        } else {
            let session = match w.cast.role(id) {
                Some(Role::Consumer(spec)) => spec.session_timeout_ms,
                _ => 45_000,
            };
            format!(
                "no LeaveGroup, no last commit; the coordinator notices only after\nsession.timeout.ms ({session} ms)"
            )
        };
        l.comment(
            0,
            &format!(
                "Crash {var}: as a program of its own it would be killed (kill -9), without close():\n\
                 {what}. Here the script just stops using it."
            ),
        );
    } else if producer {
        l.comment(0, &format!("Close {var}: it sends what is buffered first."));
        d.close_producer(l, 0, &var);
    } else {
        l.comment(
            0,
            &format!("Close {var}: it leaves its group (committing first, with auto commit)."),
        );
        d.close_consumer(l, 0, &var);
    }
    w.producers.retain(|(p, _)| *p != id);
    w.consumers.retain(|(c, _)| *c != id);
    w.paused.remove(&id);
}

fn pause(l: &mut Listing, w: &mut Walk, id: u32, paused: bool) {
    let var = w.cast.var(id);
    l.blank();
    if paused {
        let interval = match w.cast.role(id) {
            Some(Role::Consumer(spec)) => spec.max_poll_interval_ms,
            _ => 300_000,
        };
        l.comment(
            0,
            &format!(
                "Pause {var}: its application stops calling poll(), so the loop below leaves it out;\n\
                 after max.poll.interval.ms ({interval} ms) it leaves its group."
            ),
        );
        w.paused.insert(id);
    } else {
        l.comment(0, &format!("Resume {var}: its application calls poll() again."));
        l.line(0, format!("poll_{var}()"));
        w.paused.remove(&id);
    }
}

/// The loop that keeps consumers polling (and rate producers sending), then the closes.
fn finish(d: &dyn Dialect, l: &mut Listing, w: &Walk) {
    let polling: Vec<&String> =
        w.consumers.iter().filter(|(id, _)| !w.paused.contains(id)).map(|(_, v)| v).collect();
    let looping = !w.consumers.is_empty() || !w.rate_producers.is_empty();
    if w.producers.is_empty() && w.consumers.is_empty() {
        return;
    }
    l.blank();
    let mut indent = 0;
    if looping {
        l.comment(0, "Keep the clients running until Ctrl+C, then close them.");
        l.line(0, "try:");
        l.line(1, "while True:");
        for var in &polling {
            l.line(2, format!("poll_{var}()"));
        }
        if polling.is_empty() {
            l.import("time");
            l.line(2, "time.sleep(1)");
        }
        l.line(0, "finally:");
        indent = 1;
    }
    for (id, var) in &w.producers {
        if w.rate_producers.contains(id) {
            l.line(indent, format!("stop_{var}.set()"));
        }
        d.close_producer(l, indent, var);
    }
    for (_, var) in &w.consumers {
        d.close_consumer(l, indent, var);
    }
}
