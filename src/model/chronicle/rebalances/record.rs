//! What the rebalance log keeps: one [`Rebalance`] per join-and-sync round of a group, what
//! each member gave up and received in it ([`MemberMove`]), the members that left before it
//! ([`Departure`]), and the membership changes that happened without a rebalance
//! ([`GroupNote`]).

use kplay_core::TopicPartition;
use kplay_core::group::GroupState;

/// How the members of a generation rebalance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RebalanceKind {
    /// Every member gives up all its partitions before rejoining (range, roundrobin, sticky, or
    /// any list with one of them, as Java's default `[range, cooperative-sticky]`).
    Eager,
    /// Members keep their partitions, give up only those that move, and rejoin for a second
    /// round that hands them over (every assignor listed is cooperative).
    Cooperative,
}

impl RebalanceKind {
    /// `eager` or `cooperative`.
    pub fn name(self) -> &'static str {
        match self {
            RebalanceKind::Eager => "eager",
            RebalanceKind::Cooperative => "cooperative",
        }
    }
}

/// What one member gave up and received in a generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberMove {
    /// The member id the coordinator gave it.
    pub member: String,
    /// The simulated client behind it, if known.
    pub client: Option<u32>,
    /// Its `client.id`, if known.
    pub client_id: Option<String>,
    /// Its `group.instance.id`, for a static member.
    pub static_id: Option<String>,
    /// Whether it was not a member of the previous generation.
    pub new: bool,
    /// Partitions it gave up (before rejoining, eager; after the sync, cooperative).
    pub revoked: Vec<TopicPartition>,
    /// Partitions it gained.
    pub added: Vec<TopicPartition>,
    /// Partitions it owns after.
    pub owned: Vec<TopicPartition>,
    /// Whether it received its assignment of this generation.
    pub synced: bool,
}

impl MemberMove {
    pub(crate) fn new(member: String) -> Self {
        MemberMove {
            member,
            client: None,
            client_id: None,
            static_id: None,
            new: false,
            revoked: Vec::new(),
            added: Vec::new(),
            owned: Vec::new(),
            synced: false,
        }
    }

    /// The member as people name it: its `client.id` if known, else its member id.
    pub fn name(&self) -> &str {
        self.client_id.as_deref().unwrap_or(&self.member)
    }

    /// Partitions it kept through the rebalance (owned after, not gained).
    pub fn kept(&self) -> Vec<TopicPartition> {
        self.owned.iter().filter(|tp| !self.added.contains(tp)).cloned().collect()
    }
}

/// A member that left the group, and what it owned when it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Departure {
    /// When the coordinator removed it, in ms.
    pub time_ms: i64,
    /// Its member id.
    pub member: String,
    /// The simulated client behind it, if known.
    pub client: Option<u32>,
    /// Its `client.id`, if known.
    pub client_id: Option<String>,
    /// Why it was removed.
    pub why: String,
    /// What it owned: given up by leaving, or lost by crashing.
    pub owned: Vec<TopicPartition>,
}

impl Departure {
    /// The member as people name it.
    pub fn name(&self) -> &str {
        self.client_id.as_deref().unwrap_or(&self.member)
    }
}

/// One rebalance of one group: a join phase (PreparingRebalance), then a sync phase
/// (CompletingRebalance) in a new generation, ending Stable (or Empty, or cut short).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebalance {
    /// When it started (the join phase), in ms.
    pub started_ms: i64,
    /// Why it started, as a sentence.
    pub reason: String,
    /// The generation it made, once the join phase ended.
    pub generation: Option<i32>,
    /// When the join phase ended and the sync phase began.
    pub sync_started_ms: Option<i64>,
    /// When every member had its assignment (Stable), the group emptied, or a new rebalance
    /// cut this one short.
    pub ended_ms: Option<i64>,
    /// The state it ended in: Stable, Empty, Dead, or PreparingRebalance when a new rebalance
    /// cut it short.
    pub ended_in: Option<GroupState>,
    /// The chosen assignor.
    pub protocol: Option<String>,
    /// Eager or cooperative, as the members' configured assignors make it.
    pub kind: Option<RebalanceKind>,
    /// The member that computed the assignment.
    pub leader: Option<String>,
    /// The members of the generation, in join order (before the join phase ends: those that
    /// already gave partitions up).
    pub members: Vec<MemberMove>,
    /// Members that left just before or during it, with what they owned.
    pub left: Vec<Departure>,
    /// Whether it is the second round of a cooperative rebalance: the one that hands over what
    /// the first round had members give up.
    pub second_round: bool,
}

impl Rebalance {
    pub(crate) fn new(started_ms: i64, reason: String) -> Self {
        Rebalance {
            started_ms,
            reason,
            generation: None,
            sync_started_ms: None,
            ended_ms: None,
            ended_in: None,
            protocol: None,
            kind: None,
            leader: None,
            members: Vec::new(),
            left: Vec::new(),
            second_round: false,
        }
    }

    pub(super) fn member(&mut self, member: &str) -> &mut MemberMove {
        let i = match self.members.iter().position(|m| m.member == member) {
            Some(i) => i,
            None => {
                self.members.push(MemberMove::new(member.to_owned()));
                self.members.len() - 1
            }
        };
        &mut self.members[i]
    }

    /// Whether the members rebalance cooperatively (incremental rebalances).
    pub fn is_cooperative(&self) -> bool {
        self.kind == Some(RebalanceKind::Cooperative)
    }

    /// Whether a new rebalance started before this one's members all had their assignment.
    pub fn cut_short(&self) -> bool {
        self.ended_in == Some(GroupState::PreparingRebalance)
    }

    /// How long the join phase took (so far, at `now_ms`).
    pub fn join_ms(&self, now_ms: i64) -> i64 {
        self.sync_started_ms.or(self.ended_ms).unwrap_or(now_ms) - self.started_ms
    }

    /// How long the sync phase took (so far, at `now_ms`), once it began.
    pub fn sync_ms(&self, now_ms: i64) -> Option<i64> {
        self.sync_started_ms.map(|s| self.ended_ms.unwrap_or(now_ms) - s)
    }

    /// Every partition a member gave up in it.
    pub fn revoked(&self) -> Vec<TopicPartition> {
        self.members.iter().flat_map(|m| m.revoked.iter().cloned()).collect()
    }

    /// The member id of the leader, as people name it.
    pub fn leader_name(&self) -> Option<&str> {
        let leader = self.leader.as_deref()?;
        Some(self.members.iter().find(|m| m.member == leader).map_or(leader, MemberMove::name))
    }
}

/// A consumer that was removed from the world (closed or crashed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientRemoval {
    /// The simulated client.
    pub client: u32,
    /// When, in ms.
    pub time_ms: i64,
    /// Whether it crashed (no LeaveGroup, no last commit) rather than closed.
    pub crashed: bool,
    /// Whether it was a static member (`group.instance.id`), which sends no LeaveGroup either.
    pub static_member: bool,
}

/// What a [`GroupNote`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A member's client crashed: no LeaveGroup, the coordinator notices later.
    Crashed,
    /// A member's client closed.
    Closed,
    /// The coordinator removed a member (its session or rebalance timeout passed, or it left).
    Removed,
    /// A static member came back under a new member id, without a rebalance.
    Replaced,
    /// Another broker coordinates the group now.
    CoordinatorMoved,
}

impl NoteKind {
    /// Its name, as a CSS class.
    pub fn name(self) -> &'static str {
        match self {
            NoteKind::Crashed => "crashed",
            NoteKind::Closed => "closed",
            NoteKind::Removed => "removed",
            NoteKind::Replaced => "replaced",
            NoteKind::CoordinatorMoved => "coordinator-moved",
        }
    }
}

/// Something that happened to a group's membership outside the join and sync phases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupNote {
    /// When, in ms.
    pub time_ms: i64,
    /// What kind of thing.
    pub kind: NoteKind,
    /// The simulated client concerned, if any.
    pub client: Option<u32>,
    /// What happened, as a sentence.
    pub text: String,
}
