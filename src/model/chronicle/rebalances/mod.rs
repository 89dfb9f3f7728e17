//! The rebalance timeline: each group's generations, with when the join and sync phases began
//! and ended, why each rebalance started, which assignor the group chose, who led, and what each
//! member gave up and received; and, beside them, what happened to the membership without a
//! rebalance (a crash not noticed yet, a static member coming back).
//!
//! The coordinator's events give the phases (a rebalance starts: PreparingRebalance, the join
//! phase; a generation starts: CompletingRebalance, the sync phase; Stable when everyone has its
//! assignment). The clients' own events give what each member revoked and gained. An eager
//! member gives everything up *before* it rejoins, sometimes before the coordinator has even
//! started the rebalance its JoinGroup will start: those revocations wait here for it. A
//! cooperative member gives up only what moves, after the sync, and rejoins at once: the
//! rebalance that follows is the second round, which hands those partitions over.

mod clients;
mod record;
#[cfg(test)]
mod tests;
mod text;

use kplay_core::TopicPartition;
use kplay_core::event::{Event, MemberRemovedReason};
use kplay_core::group::GroupState;
use kplay_core::vec_map::VecMap;
use kplay_sim::trace::{TraceEntry, TraceKind};

pub use record::{
    ClientRemoval, Departure, GroupNote, MemberMove, NoteKind, Rebalance, RebalanceKind,
};

use clients::Seen;

/// How many generations each group keeps.
pub const KEPT_GENERATIONS: usize = 40;

/// How many notes each group keeps.
pub const KEPT_NOTES: usize = 40;

/// What waits for a group's next rebalance: partitions given up before it started, and
/// members that left.
#[derive(Clone, Debug, Default)]
struct Waiting {
    revoked: Vec<(String, Vec<TopicPartition>)>,
    left: Vec<Departure>,
}

/// Every group's rebalances, oldest first, and notes.
#[derive(Clone, Debug, Default)]
pub struct RebalanceLog {
    groups: VecMap<String, Vec<Rebalance>>,
    notes: VecMap<String, Vec<GroupNote>>,
    waiting: VecMap<String, Waiting>,
    seen: Seen,
}

impl RebalanceLog {
    /// The groups with at least one rebalance, by name.
    pub fn groups(&self) -> &VecMap<String, Vec<Rebalance>> {
        &self.groups
    }

    /// What happened to each group's membership outside rebalances, oldest first.
    pub fn notes(&self) -> &VecMap<String, Vec<GroupNote>> {
        &self.notes
    }

    /// How the client behind `member` left the world (closed or crashed), if it did.
    pub fn removal_of(&self, member: &str) -> Option<ClientRemoval> {
        self.seen.removal_of(member)
    }

    /// Takes in one trace entry.
    pub fn push(&mut self, entry: &TraceEntry) {
        let now = entry.time.0;
        match &entry.kind {
            TraceKind::Engine(event) => self.engine(now, event),
            TraceKind::Client { client, event } => self.client(now, *client, event),
            TraceKind::Action(action) => self.action(now, action),
            _ => {}
        }
    }

    fn engine(&mut self, now: i64, event: &Event) {
        match event {
            Event::MemberJoined { member, client_id, group_instance_id, .. } => {
                self.seen.member_joined(member.as_str(), client_id, group_instance_id.as_deref());
            }
            Event::MemberRemoved { group, member, reason } => {
                self.member_removed(now, group.as_str(), member.as_str(), reason);
            }
            Event::RebalanceStarted { group, reason } => {
                let reason = text::reason(reason, &self.seen, group.as_str());
                self.rebalance_started(now, group.as_str(), reason);
            }
            Event::GenerationStarted { group, generation, protocol, leader, members } => {
                let members: Vec<&str> = members.iter().map(|m| m.as_str()).collect();
                let kind = self.seen.kind_of(&members);
                let Some(list) = self.groups.get_mut(group.as_str()) else { return };
                let previous: Vec<String> = list
                    .iter()
                    .rev()
                    .find(|r| r.sync_started_ms.is_some())
                    .map(|r| r.members.iter().map(|m| m.member.clone()).collect())
                    .unwrap_or_default();
                // The join phase's rebalance; an empty generation comes right after the group
                // went Empty, which already closed it.
                let Some(r) = list
                    .last_mut()
                    .filter(|r| r.generation.is_none() && r.ended_ms.is_none_or(|end| end == now))
                else {
                    return;
                };
                r.generation = Some(generation.0);
                r.sync_started_ms = Some(now);
                r.protocol = protocol.clone();
                r.kind = (!members.is_empty()).then_some(kind);
                r.leader = leader.as_ref().map(ToString::to_string);
                // Keep what members gave up before joining; list them in join order.
                let mut before = std::mem::take(&mut r.members);
                for m in members {
                    let mut slot = match before.iter().position(|b| b.member == m) {
                        Some(i) => before.remove(i),
                        None => MemberMove::new(m.to_owned()),
                    };
                    self.seen.describe(&mut slot);
                    slot.new = !previous.iter().any(|p| p == m);
                    r.members.push(slot);
                }
                // Those that gave partitions up and then did not make it into the generation.
                for gone in before {
                    if !r.left.iter().any(|d| d.member == gone.member) {
                        r.left.push(self.seen.departure(now, &gone.member, "it did not rejoin"));
                    }
                }
                if r.members.is_empty() {
                    r.ended_ms = Some(now);
                    r.ended_in = Some(GroupState::Empty);
                }
            }
            Event::GroupStateChanged { group, to, .. }
                if matches!(to, GroupState::Stable | GroupState::Empty | GroupState::Dead) =>
            {
                if let Some(r) = self.open(group.as_str()) {
                    r.ended_ms = Some(now);
                    r.ended_in = Some(*to);
                }
                if *to != GroupState::Stable {
                    self.waiting.remove(group.as_str());
                }
            }
            Event::CoordinatorMoved { group, coordinator } => {
                let text = match coordinator {
                    Some(b) => format!(
                        "broker {b} coordinates the group now (it leads the group's __consumer_offsets partition): the members look it up and rejoin"
                    ),
                    None => "no broker can coordinate the group: its __consumer_offsets partition has no leader".into(),
                };
                self.note(group.as_str(), now, NoteKind::CoordinatorMoved, None, text);
            }
            _ => {}
        }
    }

    fn rebalance_started(&mut self, now: i64, group: &str, reason: String) {
        let list = self.groups.entry(group.to_owned()).or_default();
        let previous = list.last_mut();
        let mut second_round = false;
        if let Some(p) = previous {
            if p.ended_ms.is_none() {
                // A member (re)joined before everyone had its assignment: this one is over.
                p.ended_ms = Some(now);
                p.ended_in = Some(GroupState::PreparingRebalance);
            }
            second_round = p.is_cooperative()
                && p.ended_in == Some(GroupState::Stable)
                && !p.revoked().is_empty();
        }
        if list.len() == KEPT_GENERATIONS {
            list.remove(0);
        }
        let mut r = Rebalance::new(now, reason);
        r.second_round = second_round;
        let waiting = self.waiting.remove(group).unwrap_or_default();
        for (member, revoked) in waiting.revoked {
            r.member(&member).revoked.extend(revoked);
        }
        r.left = waiting.left;
        list.push(r);
    }

    fn member_removed(
        &mut self,
        now: i64,
        group: &str,
        member: &str,
        reason: &MemberRemovedReason,
    ) {
        let client = self.seen.client_of(member);
        if let MemberRemovedReason::Replaced { by } = reason {
            // The new member's own events come after this one: find its client by static id.
            let static_id = self.seen.static_id(member).unwrap_or_default().to_owned();
            let by_client = self.seen.live_static(group, &static_id);
            let text = text::replaced(&self.seen, &static_id, member, by.as_str(), by_client);
            self.note(group, now, NoteKind::Replaced, by_client, text);
            return;
        }
        let why = text::removed(reason, &self.seen, member);
        self.seen.removed(member, &why);
        let departure = self.seen.departure(now, member, &why);
        if *reason != MemberRemovedReason::LeaveGroup {
            let text = format!("the coordinator removed {}: {why}", departure.name());
            self.note(group, now, NoteKind::Removed, client, text);
        }
        match self.open(group).filter(|r| r.generation.is_none()) {
            Some(r) => r.left.push(departure),
            None => self.waiting.entry(group.to_owned()).or_default().left.push(departure),
        }
    }

    /// Partitions a member gave up before rejoining: into the rebalance in its join phase, or
    /// kept for the one its JoinGroup is about to start.
    fn revoked_before_join(&mut self, group: &str, member: &str, revoked: &[TopicPartition]) {
        match self.open(group).filter(|r| r.generation.is_none()) {
            Some(r) => r.member(member).revoked.extend(revoked.iter().cloned()),
            None => {
                let waiting = self.waiting.entry(group.to_owned()).or_default();
                match waiting.revoked.iter_mut().find(|(m, _)| m == member) {
                    Some((_, list)) => list.extend(revoked.iter().cloned()),
                    None => waiting.revoked.push((member.to_owned(), revoked.to_vec())),
                }
            }
        }
    }

    /// A member's assignment of generation `generation`, received in SyncGroup.
    fn synced(
        &mut self,
        group: &str,
        member: &str,
        generation: i32,
        change: (&[TopicPartition], &[TopicPartition], &[TopicPartition]),
    ) {
        let (owned, added, revoked) = change;
        let Some(list) = self.groups.get_mut(group) else { return };
        let found = list.iter_mut().rev().find(|r| {
            r.generation == Some(generation) && r.members.iter().any(|m| m.member == member)
        });
        let Some(r) = found else { return };
        let slot = r.member(member);
        slot.revoked.extend(revoked.iter().cloned());
        slot.added.extend(added.iter().cloned());
        slot.owned = owned.to_vec();
        slot.synced = true;
    }

    fn note(&mut self, group: &str, now: i64, kind: NoteKind, client: Option<u32>, text: String) {
        let notes = self.notes.entry(group.to_owned()).or_default();
        if notes.len() == KEPT_NOTES {
            notes.remove(0);
        }
        notes.push(GroupNote { time_ms: now, kind, client, text });
    }

    /// The group's newest rebalance, if it has not ended.
    fn open(&mut self, group: &str) -> Option<&mut Rebalance> {
        self.groups.get_mut(group)?.last_mut().filter(|r| r.ended_ms.is_none())
    }
}
