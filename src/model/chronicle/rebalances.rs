//! The rebalance timeline: each group's generations, with when the join and sync phases began
//! and ended, which assignor the group chose, and what each member gave up and received.
//!
//! The coordinator's events give the phases (a rebalance starts: PreparingRebalance, the join
//! phase; a generation starts: CompletingRebalance, the sync phase; Stable when everyone has its
//! assignment). The clients' own events give what each member revoked and gained: an eager
//! rebalance revokes everything before rejoining, a cooperative one revokes only what moves and
//! needs a second round to hand it over.

use std::collections::BTreeMap;

use kplay_core::TopicPartition;
use kplay_core::event::Event;
use kplay_core::group::GroupState;
use kplay_sim::client::ClientEvent;
use kplay_sim::trace::{TraceEntry, TraceKind};

/// How many generations each group keeps.
pub const KEPT_GENERATIONS: usize = 40;

/// What one member gave up and received in a generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberMove {
    /// The member id the coordinator gave it.
    pub member: String,
    /// The simulated client behind it, if known.
    pub client: Option<u32>,
    /// Partitions it gave up.
    pub revoked: Vec<TopicPartition>,
    /// Partitions it gained.
    pub added: Vec<TopicPartition>,
    /// Partitions it owns after.
    pub owned: Vec<TopicPartition>,
}

/// One rebalance of one group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebalance {
    /// When it started (the join phase), in ms.
    pub started_ms: i64,
    /// Why it started.
    pub reason: String,
    /// The generation it made, once the join phase ended.
    pub generation: Option<i32>,
    /// When the join phase ended and the sync phase began.
    pub sync_started_ms: Option<i64>,
    /// When every member had its assignment (Stable), or the group emptied.
    pub ended_ms: Option<i64>,
    /// The state it ended in.
    pub ended_in: Option<GroupState>,
    /// The chosen assignor.
    pub protocol: Option<String>,
    /// The member that computed the assignment.
    pub leader: Option<String>,
    /// The members of the generation, in join order.
    pub members: Vec<MemberMove>,
}

impl MemberMove {
    fn new(member: String) -> Self {
        MemberMove {
            member,
            client: None,
            revoked: Vec::new(),
            added: Vec::new(),
            owned: Vec::new(),
        }
    }
}

impl Rebalance {
    fn member(&mut self, member: &str) -> &mut MemberMove {
        let i = match self.members.iter().position(|m| m.member == member) {
            Some(i) => i,
            None => {
                self.members.push(MemberMove::new(member.to_owned()));
                self.members.len() - 1
            }
        };
        &mut self.members[i]
    }

    /// Whether the chosen assignor is cooperative (incremental rebalances).
    pub fn is_cooperative(&self) -> bool {
        self.protocol.as_deref().is_some_and(|p| p.starts_with("cooperative"))
    }
}

/// Every group's rebalances, oldest first.
#[derive(Clone, Debug, Default)]
pub struct RebalanceLog {
    groups: BTreeMap<String, Vec<Rebalance>>,
    /// The group each client last joined, and the member id it got.
    clients: BTreeMap<u32, (String, String)>,
}

impl RebalanceLog {
    /// The groups with at least one rebalance, by name.
    pub fn groups(&self) -> &BTreeMap<String, Vec<Rebalance>> {
        &self.groups
    }

    /// Takes in one trace entry.
    pub fn push(&mut self, entry: &TraceEntry) {
        let now = entry.time.0;
        match &entry.kind {
            TraceKind::Engine(event) => self.engine(now, event),
            TraceKind::Client { client, event } => self.client(*client, event),
            _ => {}
        }
    }

    fn engine(&mut self, now: i64, event: &Event) {
        match event {
            Event::RebalanceStarted { group, reason } => {
                let list = self.groups.entry(group.to_string()).or_default();
                if list.len() == KEPT_GENERATIONS {
                    list.remove(0);
                }
                list.push(Rebalance {
                    started_ms: now,
                    reason: reason.to_string(),
                    generation: None,
                    sync_started_ms: None,
                    ended_ms: None,
                    ended_in: None,
                    protocol: None,
                    leader: None,
                    members: Vec::new(),
                });
            }
            Event::GenerationStarted { group, generation, protocol, leader, members } => {
                if let Some(r) = self.open(group.as_str()) {
                    r.generation = Some(generation.0);
                    r.sync_started_ms = Some(now);
                    r.protocol = protocol.clone();
                    r.leader = leader.as_ref().map(ToString::to_string);
                    // Keep what members gave up before joining; list them in join order.
                    let mut before = std::mem::take(&mut r.members);
                    for m in members {
                        let i = before.iter().position(|b| b.member == m.as_str());
                        let slot = match i {
                            Some(i) => before.remove(i),
                            None => MemberMove::new(m.to_string()),
                        };
                        r.members.push(slot);
                    }
                    if members.is_empty() {
                        r.ended_ms = Some(now);
                        r.ended_in = Some(GroupState::Empty);
                    }
                }
            }
            Event::GroupStateChanged { group, to, .. }
                if matches!(to, GroupState::Stable | GroupState::Empty | GroupState::Dead) =>
            {
                if let Some(r) = self.open(group.as_str()) {
                    r.ended_ms = Some(now);
                    r.ended_in = Some(*to);
                }
            }
            _ => {}
        }
    }

    fn client(&mut self, client: u32, event: &ClientEvent) {
        match event {
            ClientEvent::Joined { group, member, .. } => {
                self.clients.insert(client, (group.to_string(), member.to_string()));
            }
            ClientEvent::AssignmentChanged { generation, owned, added, revoked } => {
                let Some((group, member)) = self.clients.get(&client).cloned() else { return };
                // An eager member gives everything up before it rejoins, reporting its old
                // generation: that belongs to the rebalance under way.
                let revoke_before_join = owned.is_empty() && added.is_empty();
                let Some(list) = self.groups.get_mut(&group) else { return };
                let found = if revoke_before_join {
                    list.last_mut().filter(|r| r.ended_ms.is_none())
                } else {
                    list.iter_mut().rev().find(|r| r.generation == Some(generation.0))
                };
                let Some(r) = found else { return };
                let slot = r.member(&member);
                slot.client = Some(client);
                slot.revoked.extend(revoked.iter().cloned());
                slot.added.extend(added.iter().cloned());
                if !revoke_before_join {
                    slot.owned = owned.clone();
                }
            }
            _ => {}
        }
    }

    /// The group's newest rebalance, if it has not ended.
    fn open(&mut self, group: &str) -> Option<&mut Rebalance> {
        self.groups.get_mut(group)?.last_mut().filter(|r| r.ended_ms.is_none())
    }
}
