//! What differs between the two Python clients, as one trait: the walk in `python` decides
//! where each action goes in the program, a [`Dialect`] writes the calls and configs of one
//! client. Records travel between them as [`Record`]s, whose keys and values say whether they
//! are literal text or computed in a loop, since kafka-python wants bytes and confluent-kafka
//! takes text.

use kplay_sim::action::{ConsumerSpec, ProducerSpec, SeekTo};

use super::text::Listing;

/// What a Python client writes for each action; the walk in `python` decides where.
pub(crate) trait Dialect {
    /// The comment lines at the top of the listing.
    fn header(&self) -> &'static [&'static str];
    /// `admin = …`.
    fn admin(&self, l: &mut Listing);
    /// Creates a topic with the admin client.
    fn create_topic(
        &self,
        l: &mut Listing,
        name: &str,
        partitions: i32,
        rf: i16,
        configs: &[(String, String)],
    );
    /// Deletes a topic.
    fn delete_topic(&self, l: &mut Listing, name: &str);
    /// Grows a topic to `count` partitions.
    fn add_partitions(&self, l: &mut Listing, topic: &str, count: i32);
    /// Sets (or, with `None`, removes) a topic config.
    fn set_topic_config(&self, l: &mut Listing, topic: &str, name: &str, value: Option<&str>);
    /// What a producer needs defined before it (a partitioner class, a delivery report).
    fn producer_prelude(&self, _l: &mut Listing, _spec: &ProducerSpec) {}
    /// `var = Producer(…)`, with the spec's configs and partitioner.
    fn producer(&self, l: &mut Listing, var: &str, spec: &ProducerSpec);
    /// One send.
    fn send(&self, l: &mut Listing, indent: usize, var: &str, record: &Record);
    /// The partition a rate loop names on each send (writing what it needs before the loop),
    /// for a partitioner the client cannot express.
    fn loop_partition(&self, _l: &mut Listing, _var: &str, _spec: &ProducerSpec) -> Option<String> {
        None
    }
    /// Lines a rate loop runs after each send (serving delivery callbacks).
    fn after_send_in_loop(&self, _l: &mut Listing, _indent: usize, _var: &str) {}
    /// Waits until every sent record is acknowledged (or failed).
    fn flush(&self, l: &mut Listing, indent: usize, var: &str);
    /// Closes a producer (flushing first).
    fn close_producer(&self, l: &mut Listing, indent: usize, var: &str);
    /// `var = Consumer(…)` and its subscribe or assign.
    fn consumer(&self, l: &mut Listing, var: &str, spec: &ConsumerSpec);
    /// The body of `poll_<var>()`: one poll, processing, and the spec's commit.
    fn poll_body(&self, l: &mut Listing, var: &str, spec: &ConsumerSpec);
    /// A commit of the consumer's positions now, waiting for the answer.
    fn commit(&self, l: &mut Listing, var: &str);
    /// Moves the consumer's position on one partition, at `indent`.
    fn seek(
        &self,
        l: &mut Listing,
        indent: usize,
        var: &str,
        topic: &str,
        partition: i32,
        to: SeekTo,
    );
    /// Resets a group's committed offsets on a topic, as `kafka-consumer-groups.sh` does.
    fn reset_offsets(&self, l: &mut Listing, group: &str, topic: &str, to: SeekTo);
    /// Closes a consumer (leaving its group, committing if it auto-commits).
    fn close_consumer(&self, l: &mut Listing, indent: usize, var: &str);
}

/// A key or a value to send: text the scenario holds, or an expression computed in a loop.
#[derive(Debug)]
pub(crate) enum Payload {
    /// Text, to be written as a literal.
    Text(String),
    /// A Python expression of a `str`.
    Str(String),
    /// A Python expression of `bytes`.
    Bytes(String),
    /// Nothing: a tombstone's value.
    Null,
}

/// One record to send.
#[derive(Debug)]
pub(crate) struct Record {
    /// The topic, a literal.
    pub topic: String,
    /// The key, if any.
    pub key: Option<Payload>,
    /// The value.
    pub value: Payload,
    /// Header names and values, as text.
    pub headers: Vec<(String, String)>,
    /// An explicit partition, an expression.
    pub partition: Option<String>,
}

/// The assignors of `assignors` a Python client can be given: those it knows (`known`) that
/// speak the same rebalance protocol as the first of them, since both kafka-python and
/// librdkafka refuse to mix eager and cooperative assignors (Java's default list, `range,
/// cooperative-sticky`, mixes them to allow an upgrade). Returns them and the ones left out.
pub(crate) fn one_protocol<'a>(
    assignors: &'a [String],
    known: &[&str],
) -> (Vec<&'a str>, Vec<&'a str>) {
    let cooperative = |a: &str| a == "cooperative-sticky";
    let usable: Vec<&str> =
        assignors.iter().map(String::as_str).filter(|a| known.contains(a)).collect();
    let chosen: Vec<&str> = match usable.first() {
        Some(first) => {
            usable.iter().copied().filter(|a| cooperative(a) == cooperative(first)).collect()
        }
        None => Vec::new(),
    };
    let left_out = assignors.iter().map(String::as_str).filter(|a| !chosen.contains(a)).collect();
    (chosen, left_out)
}
