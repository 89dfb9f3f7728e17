//! Snapshots: the world at one moment as plain, comparable data, which is all the components
//! ever see. A snapshot is rebuilt after every frame that changed the world; each part sits
//! behind an `Rc` so components that take one part skip rendering when it is unchanged.

pub mod clients;
pub mod cluster;
pub mod groups;
pub mod log_window;
pub mod removals;
pub mod topics;

#[cfg(test)]
mod logs_tests;
use std::rc::Rc;

use kplay_core::TopicPartition;
use kplay_core::vec_map::VecMap;
use kplay_sim::World;

pub use clients::{ChoiceSnap, ConsumerSnap, FlightSnap, PositionSnap, ProducerSnap};
pub use cluster::{BrokerSnap, BrokerStatus, ClusterSnap, ReplicaSnap};
pub use groups::{GroupSnap, LagChart, LagPoint, LagRow, LagSeries, MemberSnap, MemberStatus};
pub use removals::{Ghost, GhostSegment, RemovalNote};
pub use topics::{
    Cell, DETAILED_PARTITIONS, LogSize, LogWindow, Mark, PartitionSnap, ReplicaEnd, SegmentSnap,
    TopicSnap, key_colour,
};

use super::chronicle::{Chronicle, Gone, GroupNote, LoggedEvent, Rebalance};
use super::limits::Room;
use super::messages::{self, MessagePage};
use super::prefs::{BrowseAt, Speed, Tab, ViewPrefs};

/// How many event log entries a snapshot carries.
pub const EVENTS_SHOWN: usize = 120;

/// How long, in simulated ms, removed records stay visible as fading ghosts.
pub const GONE_VISIBLE_MS: i64 = 3_000;

/// The clock and the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    /// Simulated time, in ms.
    pub time_ms: i64,
    /// Steps run so far.
    pub step: u64,
    /// How far the timeline reaches, in steps.
    pub horizon: u64,
    /// Whether the clock runs.
    pub playing: bool,
    /// How fast.
    pub speed: Speed,
    /// Whether the last frame could not keep up with the speed asked for.
    pub behind: bool,
    /// The seed.
    pub seed: u64,
    /// Why the simulation stopped, if it did.
    pub halted: Option<String>,
}

/// Everything the page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The clock.
    pub clock: Clock,
    /// Brokers and the network.
    pub cluster: Rc<ClusterSnap>,
    /// Topics (user topics first).
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic whose logs are drawn.
    pub shown_topic: Option<String>,
    /// Producers.
    pub producers: Rc<Vec<ProducerSnap>>,
    /// Consumers.
    pub consumers: Rc<Vec<ConsumerSnap>>,
    /// Groups.
    pub groups: Rc<Vec<GroupSnap>>,
    /// Each group's rebalances, oldest first.
    pub rebalances: Rc<VecMap<String, Vec<Rebalance>>>,
    /// What happened to each group's membership outside rebalances, oldest first.
    pub group_notes: Rc<VecMap<String, Vec<GroupNote>>>,
    /// The group shown in detail.
    pub shown_group: Option<String>,
    /// The newest events, newest first.
    pub events: Rc<Vec<Rc<LoggedEvent>>>,
    /// Records removed in the last [`GONE_VISIBLE_MS`].
    pub gone: Rc<Vec<Gone>>,
    /// Lag over time.
    pub lag_chart: Rc<LagChart>,
    /// What the scenario may still add and stay openable from a share link.
    pub room: Room,
    /// The message browser's page, while the inspector shows messages and a topic exists.
    pub messages: Option<Rc<MessagePage>>,
}

impl Snapshot {
    /// Builds the snapshot of `world`.
    pub fn build(
        world: &World,
        chronicle: &Chronicle,
        prefs: &ViewPrefs,
        clock: Clock,
    ) -> Snapshot {
        let shown_topic = shown_topic(world, prefs.topic.as_deref());
        let marks = marks(world);
        let now = world.now().0;
        let gone: Vec<Gone> =
            chronicle.gone.all().filter(|g| now - g.time_ms <= GONE_VISIBLE_MS).cloned().collect();
        let topics = topics::build(
            world,
            shown_topic.as_deref(),
            &|tp| marks.get(tp).cloned().unwrap_or_default(),
            &gone,
        );
        let groups = groups::build(world, chronicle);
        let shown_group = shown_group(&groups, prefs.group.as_deref());
        let messages = (prefs.tab == Tab::Messages)
            .then(|| browsed(prefs, shown_topic.as_deref()))
            .flatten()
            .map(|at| Rc::new(messages::page(world, &at)));
        Snapshot {
            clock,
            cluster: Rc::new(cluster::build(world, chronicle)),
            topics: Rc::new(topics),
            shown_topic,
            producers: Rc::new(clients::producers(world, chronicle, prefs.speed)),
            consumers: Rc::new(clients::consumers(world)),
            groups: Rc::new(groups),
            rebalances: Rc::new(chronicle.rebalances.groups().clone()),
            group_notes: Rc::new(chronicle.rebalances.notes().clone()),
            shown_group,
            events: Rc::new(chronicle.log.newest(EVENTS_SHOWN, |_| true)),
            gone: Rc::new(gone),
            lag_chart: Rc::new(groups::chart(world)),
            room: Room::after(world.actions().iter().map(|t| &t.action)),
            messages,
        }
    }

    /// A topic by name.
    pub fn topic(&self, name: &str) -> Option<&TopicSnap> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// A broker by id.
    pub fn broker(&self, id: i32) -> Option<&BrokerSnap> {
        self.cluster.brokers.iter().find(|b| b.id == id)
    }

    /// A group by id.
    pub fn group(&self, id: &str) -> Option<&GroupSnap> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// The topic to draw: the one asked for if it exists, else the first user topic.
fn shown_topic(world: &World, asked: Option<&str>) -> Option<String> {
    let topics = &world.engine().image().topics;
    asked
        .filter(|t| topics.contains_key(*t))
        .map(str::to_owned)
        .or_else(|| topics.values().find(|t| !t.internal).map(|t| t.name.to_string()))
}

/// The group to show in detail: the one asked for if it exists, else the first.
fn shown_group(groups: &[GroupSnap], asked: Option<&str>) -> Option<String> {
    asked
        .filter(|g| groups.iter().any(|s| s.id == *g))
        .or(groups.first().map(|g| g.id.as_str()))
        .map(str::to_owned)
}

/// Where the message browser reads: where the visitor put it, else the newest records of the
/// drawn topic's first partition.
fn browsed(prefs: &ViewPrefs, shown_topic: Option<&str>) -> Option<BrowseAt> {
    prefs.browse.clone().or_else(|| shown_topic.map(|t| BrowseAt::newest(t, 0)))
}

/// Every consumer's position and every group's committed offset, by partition: collected, then
/// sorted by partition (stably, so each partition's marks keep this order) and filed in key
/// order, which keeps every insertion at the map's end however many partitions there are.
fn marks(world: &World) -> VecMap<TopicPartition, Vec<Mark>> {
    let mut all: Vec<(TopicPartition, Mark)> = Vec::new();
    for id in world.clients().keys() {
        let Some(c) = world.consumer(*id) else { continue };
        for (tp, pos) in c.positions() {
            if let kplay_sim::consumer::Position::At(offset) = pos {
                all.push((tp.clone(), Mark::Position { client: *id, offset: offset.0 }));
            }
        }
    }
    for g in world.engine().groups().groups() {
        for (tp, committed) in g.offsets() {
            let group = g.group_id().to_string();
            all.push((tp.clone(), Mark::Committed { group, offset: committed.offset.0 }));
        }
    }
    kplay_core::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0));
    let mut marks: VecMap<TopicPartition, Vec<Mark>> = VecMap::new();
    for (tp, mark) in all {
        marks.entry(tp).or_default().push(mark);
    }
    marks
}
