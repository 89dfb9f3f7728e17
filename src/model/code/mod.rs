//! A scenario's actions written as code real clients run: kafka-python, confluent-kafka, and
//! Kafka's command-line tools (with kcat where it is the natural tool), all against
//! `localhost:9092`, where `kplay serve` listens.
//!
//! Lessons show these beside the simulation so that what a learner watches is also what they
//! would type. The listings are generated from the same [`Action`]s the simulation takes,
//! never pasted, so they cannot drift from what the lesson does: every producer and consumer
//! setting is mapped to each client's own name and value, and where a client cannot express
//! what the simulated one does (a partitioner, an assignor, a commit on demand) the listing
//! says so in a comment instead of pretending.
//!
//! # Layout
//!
//! - [`Client`] and [`listing`]: which listing, and writing it.
//! - `python`: the shape both Python listings share; `dialect`: what differs between them;
//!   `kafka_python` and `confluent` (with `kafka_python_partitioners`, `confluent_configs`)
//!   fill in each client's calls and config names.
//! - `shell`, `shell_clients`, `shell_records`, `shell_words`: the command line.
//! - `ops`: broker and network actions, which no client does: what an operator would do.
//! - `cast`: each client's name in the code; `text`: imports, quoting, indentation.
//!
//! # Example
//!
//! ```
//! use kplay::model::code::{confluent_kafka, kafka_python};
//! use kplay_sim::action::{Action, ProducerSpec};
//!
//! let actions = vec![Action::AddProducer { id: 1, spec: ProducerSpec::new("orders-app", "orders") }];
//! assert!(kafka_python(&actions).contains("orders_app = KafkaProducer("));
//! // Java's murmur2 partitioner, which librdkafka does not use by default.
//! assert!(confluent_kafka(&actions).contains("'partitioner': 'murmur2_random',"));
//! ```

mod cast;
mod confluent;
mod confluent_configs;
mod dialect;
mod kafka_python;
mod kafka_python_partitioners;
mod ops;
mod python;
mod shell;
mod shell_clients;
mod shell_records;
mod shell_words;
mod text;

#[cfg(test)]
mod tests;

use kplay_sim::Action;

use text::Listing;

/// Where every listing connects.
pub const BOOTSTRAP_SERVERS: &str = "localhost:9092";

/// One way of writing a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    /// kafka-python.
    KafkaPython,
    /// confluent-kafka (librdkafka).
    ConfluentKafka,
    /// Kafka's scripts and kcat, in bash.
    CommandLine,
}

impl Client {
    /// Every client, in the order tabs list them.
    pub const ALL: [Client; 3] = [Client::KafkaPython, Client::ConfluentKafka, Client::CommandLine];

    /// The name a tab shows.
    pub fn label(self) -> &'static str {
        match self {
            Client::KafkaPython => "kafka-python",
            Client::ConfluentKafka => "confluent-kafka",
            Client::CommandLine => "command line",
        }
    }

    /// A name for ids and classes: `kafka-python`, `confluent-kafka`, `command-line`.
    pub fn slug(self) -> &'static str {
        match self {
            Client::KafkaPython => "kafka-python",
            Client::ConfluentKafka => "confluent-kafka",
            Client::CommandLine => "command-line",
        }
    }

    /// The language of its listing (`python`, `bash`), for highlighting and copying.
    pub fn language(self) -> &'static str {
        match self {
            Client::KafkaPython | Client::ConfluentKafka => "python",
            Client::CommandLine => "bash",
        }
    }
}

/// `actions` written for `client`.
pub fn listing(client: Client, actions: &[Action]) -> String {
    match client {
        Client::KafkaPython => kafka_python(actions),
        Client::ConfluentKafka => confluent_kafka(actions),
        Client::CommandLine => command_line(actions),
    }
}

/// `actions` as a kafka-python program.
pub fn kafka_python(actions: &[Action]) -> String {
    python::write(&kafka_python::KafkaPython, actions)
}

/// `actions` as a confluent-kafka program.
pub fn confluent_kafka(actions: &[Action]) -> String {
    python::write(&confluent::Confluent, actions)
}

/// `actions` as a bash script of Kafka's command-line tools and kcat.
pub fn command_line(actions: &[Action]) -> String {
    shell::write(actions)
}

/// `retries` as the clients take it: the simulation's "forever" (`u32::MAX`) is Java's
/// `Integer.MAX_VALUE`, the largest value librdkafka accepts too.
fn retries(retries: u32) -> u32 {
    retries.min(i32::MAX as u32)
}

/// The processing time of one record, as a sleep in a Python poll loop.
fn processing(l: &mut Listing, indent: usize, ms_per_record: i64) {
    if ms_per_record > 0 {
        l.import("time");
        let secs = format!("{:.3}", ms_per_record as f64 / 1000.0);
        let secs = secs.trim_end_matches('0').trim_end_matches('.');
        l.line(indent, format!("time.sleep({secs})  # processing: {ms_per_record} ms a record"));
    }
}
