//! The live view's model: what `kplay serve --ui` streams (a [`LiveImage`] per message), kept
//! as the page needs it — the newest image, the event log built up from the images' events,
//! and the connection's state — and turned into the simulation view's snapshot types
//! ([`convert`]) so the same components draw it. No yew here; tested natively.
//!
//! Times on the page count from [`LiveModel::origin_ms`] (the first moment this page saw), as
//! the simulation's count from its start; the server's clock is the Unix epoch.

#[cfg(test)]
mod browse_tests;
pub mod convert;
mod lag;
pub mod messages;
mod rebalances;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::rc::Rc;

use kplay_live::{EventKind, LiveEvent, LiveImage};

use kplay_core::vec_map::VecMap;

pub use lag::{LiveLag, group_lag};
pub use rebalances::LiveRebalances;

use super::chronicle::{Category, LoggedEvent, Rebalance, Touch};
use super::messages::MessagePage;
use super::prefs::BrowseAt;
use super::snapshot::{ClusterSnap, EVENTS_SHOWN, GroupSnap, LagChart, TopicSnap};

/// Reads one message of the live feed (a postcard-encoded [`LiveImage`]).
pub fn parse(message: &[u8]) -> Result<LiveImage, String> {
    postcard::from_bytes(message).map_err(|e| {
        format!(
            "a message from kplay serve could not be read ({e}); \
             is this page built from the same kplay as the server?"
        )
    })
}

/// Where the connection to `kplay serve` stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Connection {
    /// Connecting (the first time, or again after losing it).
    #[default]
    Connecting,
    /// Connected: images arrive as the cluster changes.
    Open,
    /// Lost; the page tries again in this many ms.
    Lost {
        /// When the next attempt starts, from now.
        retry_in_ms: u32,
    },
}

/// What the live page shows: the cluster now, and what happened.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveSnapshot {
    /// The server's time of the image, in ms since [`LiveModel::origin_ms`].
    pub time_ms: i64,
    /// Brokers.
    pub cluster: Rc<ClusterSnap>,
    /// Topics, user topics first.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic whose logs are drawn.
    pub shown_topic: Option<String>,
    /// Groups.
    pub groups: Rc<Vec<GroupSnap>>,
    /// The group shown in detail.
    pub shown_group: Option<String>,
    /// The newest events, newest first.
    pub events: Rc<Vec<Rc<LoggedEvent>>>,
    /// Each group's rebalances as the images showed them, oldest first.
    pub rebalances: Rc<VecMap<String, Vec<Rebalance>>>,
    /// Each group's lag over the last minute, as the images showed it.
    pub lag_chart: Rc<LagChart>,
    /// The message browser's page, when it is open.
    pub messages: Option<Rc<MessagePage>>,
}

/// The newest image and the events seen so far.
#[derive(Clone, Debug, Default)]
pub struct LiveModel {
    image: Option<LiveImage>,
    events: VecDeque<Rc<LoggedEvent>>,
    next_index: u64,
    rebalances: LiveRebalances,
    lag: LiveLag,
    /// The first moment the page saw, in ms since the Unix epoch.
    pub origin_ms: Option<i64>,
}

impl LiveModel {
    /// Whether an image has arrived.
    pub fn has_image(&self) -> bool {
        self.image.is_some()
    }

    /// Takes in an image. The first image of a connection carries the recent events again,
    /// so the log starts over from it.
    pub fn receive(&mut self, image: LiveImage, first_of_connection: bool) {
        let earliest = image.events.iter().map(|e| e.time_ms).chain([image.time_ms]).min();
        let origin = *self.origin_ms.get_or_insert(earliest.unwrap_or(image.time_ms));
        if first_of_connection {
            self.events.clear();
        }
        for e in &image.events {
            self.next_index += 1;
            self.events.push_front(Rc::new(logged(self.next_index, e, origin)));
        }
        self.events.truncate(EVENTS_SHOWN);
        self.rebalances.receive(image.time_ms - origin, &image.groups);
        self.lag.receive(image.time_ms - origin, &image);
        self.image = Some(image);
    }

    /// The page's snapshot, with the topic and group asked for if they exist (else the first),
    /// and the message browser's page if `browse` says it is open (`Some(None)`: at the shown
    /// topic's first partition's newest records).
    pub fn snapshot(
        &self,
        topic: Option<&str>,
        group: Option<&str>,
        browse: Option<Option<&BrowseAt>>,
    ) -> Option<LiveSnapshot> {
        let image = self.image.as_ref()?;
        let names = || image.topics.iter().map(|t| t.name.as_str());
        let shown_topic = topic
            .filter(|t| names().any(|n| n == *t))
            .or_else(|| image.topics.iter().find(|t| !t.internal).map(|t| t.name.as_str()))
            .map(str::to_owned);
        let groups = convert::groups(image);
        let shown_group = group
            .filter(|g| groups.iter().any(|s| s.id == *g))
            .or(groups.first().map(|g| g.id.as_str()))
            .map(str::to_owned);
        Some(LiveSnapshot {
            time_ms: image.time_ms - self.origin_ms.unwrap_or(image.time_ms),
            cluster: Rc::new(convert::cluster(image)),
            topics: Rc::new(convert::topics(image, shown_topic.as_deref())),
            groups: Rc::new(groups),
            shown_group,
            events: Rc::new(self.events.iter().cloned().collect()),
            rebalances: Rc::new(self.rebalances.by_group()),
            lag_chart: Rc::new(self.lag.chart()),
            messages: browse
                .and_then(|at| {
                    at.cloned().or_else(|| shown_topic.as_deref().map(|t| BrowseAt::newest(t, 0)))
                })
                .map(|at| Rc::new(messages::page(image, &at))),
            shown_topic,
        })
    }
}

fn logged(index: u64, e: &LiveEvent, origin_ms: i64) -> LoggedEvent {
    let t = &e.touched;
    let touches = t
        .brokers
        .iter()
        .map(|b| Touch::Broker(*b))
        .chain(t.partitions.iter().map(|p| Touch::Partition(p.topic.clone(), p.partition)))
        .chain(t.groups.iter().map(|g| Touch::Group(g.clone())))
        .collect();
    LoggedEvent {
        index,
        time_ms: e.time_ms - origin_ms,
        text: e.text.clone(),
        category: match e.kind {
            EventKind::Cluster => Category::Cluster,
            EventKind::Replication => Category::Replication,
            EventKind::Records => Category::Records,
            EventKind::Groups => Category::Groups,
        },
        touches,
    }
}
