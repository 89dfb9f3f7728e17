//! What the rebalance log knows of the consumers behind the members: each client's `client.id`,
//! group, static id, session timeout and assignors (from the action that added it), the member
//! id and generation it joined with, whether it has its assignment of that generation, and what
//! it owns; and the clients' events and actions that tell the log about revocations and
//! departures.

use kplay_core::TopicPartition;
use kplay_core::vec_map::VecMap;
use kplay_sim::Action;
use kplay_sim::action::Membership;
use kplay_sim::assignor::{RebalanceProtocol, assignor_by_name};
use kplay_sim::client::ClientEvent;

use super::RebalanceLog;
use super::record::{ClientRemoval, Departure, MemberMove, RebalanceKind};

/// One consumer, as the log knows it.
#[derive(Clone, Debug)]
struct ClientSeen {
    client_id: String,
    group: Option<String>,
    static_id: Option<String>,
    session_timeout_ms: i32,
    kind: RebalanceKind,
    member: Option<String>,
    joined: Option<i32>,
    synced: Option<i32>,
    owned: Vec<TopicPartition>,
    left_reason: Option<String>,
    removed: Option<ClientRemoval>,
}

/// One member id, as the log knows it.
#[derive(Clone, Debug, Default)]
struct MemberSeen {
    client: Option<u32>,
    client_id: Option<String>,
    static_id: Option<String>,
    removed_why: Option<String>,
}

/// The clients and members seen so far.
#[derive(Clone, Debug, Default)]
pub(super) struct Seen {
    clients: VecMap<u32, ClientSeen>,
    members: VecMap<String, MemberSeen>,
    /// Per group, the client that last sent a JoinGroup.
    last_joining: VecMap<String, u32>,
}

/// How a consumer with these assignors rebalances: cooperatively only if every one of them is
/// cooperative, as the Java client decides.
fn kind_of(assignors: &[String]) -> RebalanceKind {
    let cooperative = !assignors.is_empty()
        && assignors.iter().all(|a| {
            assignor_by_name(a).is_some_and(|a| a.protocol() == RebalanceProtocol::Cooperative)
        });
    if cooperative { RebalanceKind::Cooperative } else { RebalanceKind::Eager }
}

impl Seen {
    pub(super) fn member_joined(&mut self, member: &str, client_id: &str, static_id: Option<&str>) {
        // The newest live client with that client.id that has not joined under another id.
        let client = self
            .clients
            .iter()
            .rev()
            .find(|(_, c)| {
                c.removed.is_none()
                    && c.client_id == client_id
                    && c.member.as_deref().is_none_or(|m| m == member)
            })
            .map(|(id, _)| *id);
        let seen = self.members.entry(member.to_owned()).or_default();
        seen.client = seen.client.or(client);
        seen.client_id = Some(client_id.to_owned());
        seen.static_id = static_id.map(str::to_owned);
    }

    /// The simulated client behind a member id, if known.
    pub(super) fn client_of(&self, member: &str) -> Option<u32> {
        self.members.get(member).and_then(|m| m.client)
    }

    /// A member as people name it: its `client.id`, or its member id.
    pub(super) fn name(&self, member: &str) -> String {
        self.members
            .get(member)
            .and_then(|m| m.client_id.clone())
            .unwrap_or_else(|| member.to_owned())
    }

    /// A member's `group.instance.id`, if static.
    pub(super) fn static_id(&self, member: &str) -> Option<&str> {
        self.members.get(member).and_then(|m| m.static_id.as_deref())
    }

    /// The live client of `group` configured with `group.instance.id` `static_id`, newest first.
    pub(super) fn live_static(&self, group: &str, static_id: &str) -> Option<u32> {
        self.clients
            .iter()
            .rev()
            .find(|(_, c)| {
                c.removed.is_none()
                    && c.group.as_deref() == Some(group)
                    && c.static_id.as_deref() == Some(static_id)
            })
            .map(|(id, _)| *id)
    }

    /// How the client behind a member left the world, if it did.
    pub(super) fn removal_of(&self, member: &str) -> Option<ClientRemoval> {
        self.client_of(member).and_then(|c| self.clients.get(&c)).and_then(|c| c.removed)
    }

    /// A client's `client.id`.
    pub(super) fn client_name(&self, client: u32) -> Option<&str> {
        self.clients.get(&client).map(|c| c.client_id.as_str())
    }

    /// The `session.timeout.ms` of the client behind a member, if known.
    pub(super) fn session_timeout_ms(&self, member: &str) -> Option<i32> {
        self.client_of(member).and_then(|c| self.clients.get(&c)).map(|c| c.session_timeout_ms)
    }

    /// Why the client behind a member last said it left, if it did.
    pub(super) fn left_reason(&self, member: &str) -> Option<&str> {
        let client = self.client_of(member)?;
        self.clients.get(&client)?.left_reason.as_deref()
    }

    /// Why the coordinator removed a member, if it did.
    pub(super) fn removed_why(&self, member: &str) -> Option<&str> {
        self.members.get(member).and_then(|m| m.removed_why.as_deref())
    }

    /// The client that last sent a JoinGroup to `group`, as people name it.
    pub(super) fn last_joining(&self, group: &str) -> Option<&str> {
        let client = self.last_joining.get(group)?;
        self.clients.get(client).map(|c| c.client_id.as_str())
    }

    pub(super) fn removed(&mut self, member: &str, why: &str) {
        self.members.entry(member.to_owned()).or_default().removed_why = Some(why.to_owned());
    }

    /// Fills in who a member is.
    pub(super) fn describe(&self, slot: &mut MemberMove) {
        if let Some(m) = self.members.get(&slot.member) {
            slot.client = slot.client.or(m.client);
            slot.client_id = m.client_id.clone();
            slot.static_id = m.static_id.clone();
        }
    }

    /// A member leaving: what its client owned goes with it.
    pub(super) fn departure(&mut self, now: i64, member: &str, why: &str) -> Departure {
        let client = self.client_of(member);
        let owned = client
            .and_then(|c| self.clients.get_mut(&c))
            .filter(|c| c.member.as_deref() == Some(member))
            .map(|c| std::mem::take(&mut c.owned))
            .unwrap_or_default();
        Departure {
            time_ms: now,
            member: member.to_owned(),
            client,
            client_id: self.members.get(member).and_then(|m| m.client_id.clone()),
            why: why.to_owned(),
            owned,
        }
    }

    /// How a generation of these members rebalances: cooperative only if every member whose
    /// client is known rebalances cooperatively.
    pub(super) fn kind_of(&self, members: &[&str]) -> RebalanceKind {
        let eager = members.iter().any(|m| {
            self.client_of(m)
                .and_then(|c| self.clients.get(&c))
                .is_some_and(|c| c.kind == RebalanceKind::Eager)
        });
        if eager { RebalanceKind::Eager } else { RebalanceKind::Cooperative }
    }
}

impl RebalanceLog {
    pub(super) fn action(&mut self, now: i64, action: &Action) {
        match action {
            Action::AddConsumer { id, spec } => {
                let (group, static_id, kind) = match &spec.membership {
                    Membership::Group { group_id, group_instance_id, assignors, .. } => {
                        (Some(group_id.clone()), group_instance_id.clone(), kind_of(assignors))
                    }
                    Membership::Standalone { .. } => (None, None, RebalanceKind::Eager),
                };
                let seen = ClientSeen {
                    client_id: spec.client_id.clone(),
                    group,
                    static_id,
                    session_timeout_ms: spec.session_timeout_ms,
                    kind,
                    member: None,
                    joined: None,
                    synced: None,
                    owned: Vec::new(),
                    left_reason: None,
                    removed: None,
                };
                self.seen.clients.insert(*id, seen);
            }
            Action::RemoveClient { id, crash } => {
                let Some(c) = self.seen.clients.get_mut(id) else { return };
                c.removed = Some(ClientRemoval {
                    client: *id,
                    time_ms: now,
                    crashed: *crash,
                    static_member: c.static_id.is_some(),
                });
                let (Some(group), Some(_)) = (c.group.clone(), c.member.as_ref()) else { return };
                let (kind, text) = super::text::client_removed(
                    &c.client_id,
                    c.static_id.as_deref(),
                    c.session_timeout_ms,
                    *crash,
                );
                self.note(&group, now, kind, Some(*id), text);
            }
            _ => {}
        }
    }

    pub(super) fn client(&mut self, _now: i64, client: u32, event: &ClientEvent) {
        match event {
            ClientEvent::Joining { group, .. } => {
                self.seen.last_joining.insert(group.to_string(), client);
            }
            ClientEvent::Joined { generation, member, .. } => {
                let member = member.to_string();
                if let Some(c) = self.seen.clients.get_mut(&client) {
                    c.member = Some(member.clone());
                    c.joined = Some(generation.0);
                }
                self.seen.members.entry(member).or_default().client = Some(client);
            }
            ClientEvent::AssignmentChanged { generation, owned, added, revoked } => {
                let Some(c) = self.seen.clients.get_mut(&client) else { return };
                let (Some(group), Some(member)) = (c.group.clone(), c.member.clone()) else {
                    return;
                };
                // The first change reported for the generation it joined is its assignment;
                // any other gives partitions up before rejoining (eager).
                let sync = c.joined == Some(generation.0) && c.synced != Some(generation.0);
                c.owned = owned.clone();
                if sync {
                    c.synced = Some(generation.0);
                    self.synced(&group, &member, generation.0, (owned, added, revoked));
                } else if !revoked.is_empty() {
                    self.revoked_before_join(&group, &member, revoked);
                }
            }
            ClientEvent::LeftGroup { reason, .. } => {
                if let Some(c) = self.seen.clients.get_mut(&client) {
                    c.left_reason = Some(reason.clone());
                }
            }
            _ => {}
        }
    }
}
