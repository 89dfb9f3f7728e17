//! The event log: the newest trace entries, each as a sentence that says what happened and the
//! rule behind it, with what it touched.
//!
//! Each category keeps its own newest entries, so a busy producer's appends cannot push a
//! rebalance or a leader election out of the log.

use std::collections::VecDeque;
use std::rc::Rc;

use kplay_sim::trace::{TraceEntry, TraceKind};

use super::touch::{Category, Touch, classify};

use kplay_core::vec_map::VecMap;

/// How many entries each category keeps.
pub const KEPT_PER_CATEGORY: usize = 150;

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedEvent {
    /// Its position in the whole trace (0 is the first entry ever).
    pub index: u64,
    /// The simulated time, in ms.
    pub time_ms: i64,
    /// What happened, and why.
    pub text: String,
    /// Its kind.
    pub category: Category,
    /// What it touched.
    pub touches: Vec<Touch>,
}

/// The newest entries per category.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    kept: VecMap<Category, VecDeque<Rc<LoggedEvent>>>,
}

/// The text of an entry, without its time.
pub fn entry_text(kind: &TraceKind) -> String {
    match kind {
        TraceKind::Engine(e) => e.to_string(),
        TraceKind::Client { client, event } => format!("client {client}: {event}"),
        TraceKind::Action(a) => format!("you: {a}"),
        TraceKind::Cut { from, to } => {
            format!("network partition: a message from {from} to {to} could not get through")
        }
        TraceKind::Retransmitted { from, to, times } => format!(
            "a message from {from} to {to} was lost {times} time(s) and sent again (TCP retransmission)"
        ),
    }
}

impl EventLog {
    /// Adds the trace entry at `index`.
    pub fn push(&mut self, index: u64, entry: &TraceEntry, is_producer: impl Fn(u32) -> bool) {
        let (category, touches) = classify(&entry.kind, is_producer);
        let logged = LoggedEvent {
            index,
            time_ms: entry.time.0,
            text: entry_text(&entry.kind),
            category,
            touches,
        };
        let kept = self.kept.entry(category).or_default();
        if kept.len() == KEPT_PER_CATEGORY {
            kept.pop_front();
        }
        kept.push_back(Rc::new(logged));
    }

    /// Every kept entry newer than the one at `after` (all of them for `None`), oldest first.
    pub fn since(&self, after: Option<u64>) -> Vec<Rc<LoggedEvent>> {
        let newer = |e: &&Rc<LoggedEvent>| Some(e.index) > after;
        let mut fresh: Vec<Rc<LoggedEvent>> = self
            .kept
            .values()
            .flat_map(|kept| kept.iter().rev().take_while(newer))
            .cloned()
            .collect();
        kplay_core::sort::sort_by_key(&mut fresh, |e| e.index);
        fresh
    }

    /// The newest `limit` entries of the categories `show` accepts, newest first.
    pub fn newest(&self, limit: usize, show: impl Fn(Category) -> bool) -> Vec<Rc<LoggedEvent>> {
        let mut all: Vec<&Rc<LoggedEvent>> =
            self.kept.iter().filter(|(c, _)| show(**c)).flat_map(|(_, kept)| kept.iter()).collect();
        kplay_core::sort::sort_by_key(&mut all, |e| std::cmp::Reverse(e.index));
        all.into_iter().take(limit).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use kplay_core::Timestamp;
    use kplay_sim::Action;

    use super::*;

    fn entry(kind: TraceKind) -> TraceEntry {
        TraceEntry { step: 1, time: Timestamp(5), kind }
    }

    #[test]
    fn a_flood_of_one_kind_does_not_push_out_the_others() {
        let mut log = EventLog::default();
        log.push(0, &entry(TraceKind::Action(Action::Heal)), |_| false);
        let cut = TraceKind::Cut {
            from: kplay_sim::network::Node::Broker(1),
            to: kplay_sim::network::Node::Client(2),
        };
        for i in 1..=1_000 {
            log.push(i, &entry(cut.clone()), |_| false);
        }
        let newest = log.newest(usize::MAX, |_| true);
        assert_eq!(newest.len(), KEPT_PER_CATEGORY + 1);
        assert_eq!(newest[0].index, 1_000, "newest first");
        assert_eq!(newest.last().unwrap().text, "you: heal the network");
        let since: Vec<u64> = log.since(Some(998)).iter().map(|e| e.index).collect();
        assert_eq!(since, [999, 1_000], "oldest first, only newer ones");
        assert_eq!(log.since(None).len(), KEPT_PER_CATEGORY + 1);
        let actions_only = log.newest(10, |c| c == Category::Actions);
        assert_eq!(actions_only.len(), 1);
        assert_eq!(actions_only[0].time_ms, 5);
    }
}
