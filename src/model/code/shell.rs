//! The scenario on the command line: a bash script of Kafka's own tools (`kafka-topics.sh`,
//! `kafka-configs.sh`, the console producer and consumer, `kafka-consumer-groups.sh`) and kcat
//! where it is the natural tool (a record for one partition, headers, a tombstone, a librdkafka
//! producer). Long-running clients run in the background with their process ids kept, so
//! closing one is `kill`, crashing it `kill -9`, and pausing it `kill -STOP`.

use kplay_sim::action::{Action, SeekTo};

use super::ops::operator_note;
use super::shell_clients::Clients;
use super::shell_words::Command;
use super::text::{Listing, sh_word};

/// Writes `actions` as a bash script.
pub(crate) fn write(actions: &[Action]) -> String {
    let mut l = Listing::default();
    let mut clients = Clients::default();
    let mut i = 0;
    while i < actions.len() {
        if let Action::Produce { producer, .. } = &actions[i] {
            let run = actions[i..]
                .iter()
                .take_while(|a| matches!(a, Action::Produce { producer: p, .. } if p == producer))
                .count();
            l.blank();
            clients.produce(&mut l, *producer, &actions[i..i + run]);
            i += run;
            continue;
        }
        l.blank();
        one(&mut l, &mut clients, &actions[i]);
        i += 1;
    }
    if actions.is_empty() {
        l.comment(0, "No actions yet.");
    }
    if clients.any_running() {
        l.blank();
        l.comment(
            0,
            "The clients keep running in the background; Ctrl+C stops the script and them.",
        );
        l.line(0, "wait");
    }
    l.finish(&[
        "#!/usr/bin/env bash",
        "# Kafka's command-line tools (bin/ of a Kafka download) and kcat, against the broker on",
        "# localhost:9092.",
    ])
}

fn one(l: &mut Listing, clients: &mut Clients, action: &Action) {
    if let Some(note) = operator_note(action) {
        l.comment(0, &note);
        return;
    }
    match action {
        Action::CreateTopic { name, partitions, replication_factor, configs } => {
            let mut c = topics("--create");
            c.opt("--topic", name);
            c.opt("--partitions", &partitions.to_string());
            c.opt("--replication-factor", &replication_factor.to_string());
            for (k, v) in configs {
                c.opt("--config", &format!("{k}={v}"));
            }
            c.write(l, "");
        }
        Action::DeleteTopic { name } => {
            let mut c = topics("--delete");
            c.opt("--topic", name);
            c.write(l, "");
        }
        Action::AddPartitions { topic, count } => {
            let mut c = topics("--alter");
            c.opt("--topic", topic);
            c.opt("--partitions", &count.to_string());
            c.write(l, "");
        }
        Action::SetTopicConfig { topic, name, value } => {
            let mut c = Command::new("bin/kafka-configs.sh");
            c.opt("--bootstrap-server", "localhost:9092");
            c.flag("--alter");
            c.opt("--entity-type", "topics");
            c.opt("--entity-name", topic);
            match value {
                // kafka-configs.sh splits --add-config at commas unless the value is in [].
                Some(v) if v.contains(',') => c.opt("--add-config", &format!("{name}=[{v}]")),
                Some(v) => c.opt("--add-config", &format!("{name}={v}")),
                None => c.opt("--delete-config", name),
            }
            c.write(l, "");
        }
        Action::AddProducer { id, spec } => clients.add_producer(l, *id, spec),
        Action::AddConsumer { id, spec } => clients.add_consumer(l, *id, spec),
        Action::RemoveClient { id, crash } => clients.remove(l, *id, *crash),
        Action::PauseConsumer { id, paused } => clients.pause(l, *id, *paused),
        Action::Commit { id } => {
            l.comment(
                0,
                &format!(
                    "Consumer {id} commits now: the console consumer has no command for that; it commits on\n\
                     its own every auto.commit.interval.ms, and when it is closed."
                ),
            );
        }
        Action::Seek { id, topic, partition, to } => {
            let kcat_offset = match to {
                SeekTo::Earliest => "beginning".to_owned(),
                SeekTo::Latest => "end".to_owned(),
                SeekTo::Offset(o) => o.to_string(),
                SeekTo::Timestamp(ts) => format!("s@{ts}"),
            };
            l.comment(
                0,
                &format!(
                    "Consumer {id}: seek {topic}-{partition} to {to}. A running command-line consumer cannot seek;\n\
                     stop it and reset its group's offsets (below), or read that partition from there with kcat:\n  \
                     kcat -C -b localhost:9092 -t {} -p {partition} -o {kcat_offset}",
                    sh_word(topic)
                ),
            );
        }
        Action::ResetOffsets { group, topic, to } => {
            l.comment(0, &format!("Reset group {group}'s committed offsets on {topic}; the group must have no active members."));
            let mut c = Command::new("bin/kafka-consumer-groups.sh");
            c.opt("--bootstrap-server", "localhost:9092");
            c.opt("--group", group);
            c.opt("--topic", topic);
            c.flag("--reset-offsets");
            match to {
                SeekTo::Earliest => c.flag("--to-earliest"),
                SeekTo::Latest => c.flag("--to-latest"),
                SeekTo::Offset(o) => c.opt("--to-offset", &o.to_string()),
                SeekTo::Timestamp(ts) => c.opt("--to-datetime", &iso_datetime(*ts)),
            }
            c.flag("--execute");
            c.write(l, "");
        }
        _ => {}
    }
}

/// `bin/kafka-topics.sh --bootstrap-server localhost:9092 <verb>`.
fn topics(verb: &str) -> Command {
    let mut c = Command::new("bin/kafka-topics.sh");
    c.opt("--bootstrap-server", "localhost:9092");
    c.flag(verb);
    c
}

/// Milliseconds since the epoch as `kafka-consumer-groups.sh --to-datetime` reads them:
/// `YYYY-MM-DDTHH:mm:SS.sss`, here in UTC (`Z`).
pub(crate) fn iso_datetime(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s, milli) =
        (ms_of_day / 3_600_000, ms_of_day / 60_000 % 60, ms_of_day / 1000 % 60, ms_of_day % 1000);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}

#[cfg(test)]
mod tests {
    use super::iso_datetime;

    #[test]
    fn datetimes_are_utc() {
        assert_eq!(iso_datetime(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_datetime(1_700_000_000_123), "2023-11-14T22:13:20.123Z");
        assert_eq!(iso_datetime(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}
