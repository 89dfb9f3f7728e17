//! The "produce one record" form, read into an action: what a visitor typed for one producer
//! (key, value, an optional partition) becomes an `Action::Produce`, or a message that says what
//! to fix. What was typed is never thrown away; the form keeps it until it is sent.

use kplay_sim::Action;

use super::limits::MAX_TEXT;
use super::snapshot::ProducerSnap;

/// What the form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProduceForm {
    /// The key (empty: a keyless record).
    pub key: String,
    /// The value.
    pub value: String,
    /// Send a null value (a tombstone) instead of `value`.
    pub tombstone: bool,
    /// The partition (empty: the partitioner chooses).
    pub partition: String,
}

fn within_limit(what: &str, text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > MAX_TEXT {
        return Err(format!("the {what} is {chars} characters long; at most {MAX_TEXT} fit"));
    }
    Ok(())
}

/// The partition typed, checked against the topic (`Ok(None)`: the partitioner chooses).
fn partition(producer: &ProducerSnap, typed: &str) -> Result<Option<i32>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let Ok(index) = typed.parse::<i64>() else {
        return Err(format!(
            "the partition must be a whole number (like 0), or empty to let the partitioner choose; \"{typed}\" is not"
        ));
    };
    let count = i64::from(producer.partitions);
    if count > 0 && !(0..count).contains(&index) {
        return Err(format!(
            "{} has partitions 0 to {}; there is no partition {index}",
            producer.topic,
            count - 1
        ));
    }
    if index < 0 {
        return Err(format!("partitions are numbered from 0; there is no partition {index}"));
    }
    Ok(Some(i32::try_from(index).map_err(|_| format!("there is no partition {index}"))?))
}

/// The action the form asks for, or what is wrong with it.
pub fn produce_action(producer: &ProducerSnap, form: &ProduceForm) -> Result<Action, String> {
    within_limit("key", &form.key)?;
    if !form.tombstone {
        within_limit("value", &form.value)?;
    }
    if producer.compacted && form.key.is_empty() {
        return Err(format!(
            "{} is compacted (cleanup.policy=compact): the broker refuses records without a key",
            producer.topic
        ));
    }
    let partition = partition(producer, &form.partition)?;
    Ok(Action::Produce {
        producer: producer.id,
        topic: producer.topic.clone(),
        key: (!form.key.is_empty()).then(|| form.key.clone()),
        value: (!form.tombstone).then(|| form.value.clone()),
        headers: Vec::new(),
        partition,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn producer(partitions: i32, compacted: bool) -> ProducerSnap {
        ProducerSnap {
            id: 7,
            client_id: "p".into(),
            topic: "orders".into(),
            partitions,
            compacted,
            partitioner: "Java".into(),
            acks: "all",
            idempotent: true,
            linger_ms: 5,
            batch_size: 16_384,
            max_in_flight: 5,
            rate_per_sec: 0,
            keys: "no keys".into(),
            records: 0,
            acknowledged: 0,
            failed: 0,
            in_flight: 0,
            choices: Vec::new(),
            flights: Vec::new(),
        }
    }

    fn form(key: &str, value: &str, partition: &str) -> ProduceForm {
        ProduceForm {
            key: key.into(),
            value: value.into(),
            tombstone: false,
            partition: partition.into(),
        }
    }

    #[test]
    fn a_filled_form_becomes_a_produce_action() {
        let action = produce_action(&producer(3, false), &form("key-1", "hello", " 2 ")).unwrap();
        assert_eq!(
            action,
            Action::Produce {
                producer: 7,
                topic: "orders".into(),
                key: Some("key-1".into()),
                value: Some("hello".into()),
                headers: vec![],
                partition: Some(2),
            }
        );
        let keyless = produce_action(&producer(3, false), &form("", "v", "")).unwrap();
        assert!(matches!(keyless, Action::Produce { key: None, partition: None, .. }));
        let tombstone = ProduceForm { tombstone: true, ..form("k", "ignored", "") };
        let action = produce_action(&producer(3, false), &tombstone).unwrap();
        assert!(matches!(action, Action::Produce { value: None, .. }));
    }

    #[test]
    fn a_partition_the_topic_does_not_have_is_refused_with_the_range() {
        let err = produce_action(&producer(3, false), &form("k", "v", "3")).unwrap_err();
        assert_eq!(err, "orders has partitions 0 to 2; there is no partition 3");
        let err = produce_action(&producer(3, false), &form("k", "v", "-1")).unwrap_err();
        assert!(err.contains("no partition -1"), "{err}");
        let err = produce_action(&producer(3, false), &form("k", "v", "two")).unwrap_err();
        assert!(err.contains("whole number") && err.contains("\"two\""), "{err}");
        let err = produce_action(&producer(3, false), &form("k", "v", "99999999999")).unwrap_err();
        assert!(err.contains("no partition"), "{err}");
    }

    #[test]
    fn compacted_topics_need_a_key_and_long_texts_are_refused() {
        let err = produce_action(&producer(1, true), &form("", "v", "")).unwrap_err();
        assert!(err.contains("cleanup.policy=compact"), "{err}");
        assert!(produce_action(&producer(1, true), &form("k", "v", "")).is_ok());
        let long = "x".repeat(MAX_TEXT + 1);
        let err = produce_action(&producer(1, false), &form(&long, "v", "")).unwrap_err();
        assert!(err.starts_with("the key is"), "{err}");
        let err = produce_action(&producer(1, false), &form("k", &long, "")).unwrap_err();
        assert!(err.starts_with("the value is"), "{err}");
    }
}
