//! Random sequences of joins, syncs, heartbeats, leaves, commits, restarts, disconnects,
//! coordinator moves and time passing, from a few clients (one of them static), checked against
//! the group's invariants after every step.
//!
//! Leaders build assignments as `g<generation>:<leader>:<member>` (members named by instance id
//! when static, so a restarted static member keeps its name), which lets the checker prove that
//! every assignment a member holds was written by the leader of the generation it came from.

use proptest::prelude::*;

use super::*;
use crate::api::{OffsetCommitPartition, OffsetCommitRequest, OffsetCommitTopic};
use crate::group::GroupState;
use crate::ids::{LeaderEpoch, Offset, PartitionIndex, TopicName};
use crate::vec_map::VecMap;

const CLIENTS: usize = 3;
/// The client that uses static membership.
const STATIC_CLIENT: usize = 2;

#[derive(Clone, Debug)]
enum Op {
    Join { client: usize, require_known: bool, alt_protocols: bool },
    Restart(usize),
    Sync(usize),
    Heartbeat(usize),
    Leave(usize),
    Commit(usize),
    Disconnect(usize),
    Moved,
    Advance(i64),
}

fn op() -> impl Strategy<Value = Op> {
    let client = 0..CLIENTS;
    prop_oneof![
        4 => (client.clone(), any::<bool>(), any::<bool>())
            .prop_map(|(client, require_known, alt_protocols)| Op::Join { client, require_known, alt_protocols }),
        1 => client.clone().prop_map(Op::Restart),
        4 => client.clone().prop_map(Op::Sync),
        3 => client.clone().prop_map(Op::Heartbeat),
        1 => client.clone().prop_map(Op::Leave),
        1 => client.clone().prop_map(Op::Commit),
        1 => client.prop_map(Op::Disconnect),
        1 => Just(Op::Moved),
        5 => (0i64..4_000).prop_map(Op::Advance),
        1 => (0i64..25_000).prop_map(Op::Advance),
    ]
}

/// What a client believes after its last answers.
#[derive(Clone, Debug, Default)]
struct Client {
    member: Option<MemberId>,
    generation: Option<GenerationId>,
    members: Vec<MemberId>,
    leads: bool,
}

/// A generation as it started: its leader's name and its members' names.
#[derive(Clone, Debug)]
struct Started {
    leader: String,
    members: Vec<String>,
}

struct World {
    h: Harness,
    clients: Vec<Client>,
    sent_by: VecMap<Pending, usize>,
    /// Member id -> instance id, for static members.
    instances: VecMap<MemberId, String>,
    generations: VecMap<GenerationId, Started>,
    /// Every event so far.
    log: Vec<crate::event::EventRecord>,
}

impl World {
    fn new() -> Self {
        World {
            h: Harness::with_config(
                GroupConfig { initial_rebalance_delay_ms: 500, ..config() },
                11,
            ),
            clients: vec![Client::default(); CLIENTS],
            sent_by: VecMap::new(),
            instances: VecMap::new(),
            generations: VecMap::new(),
            log: Vec::new(),
        }
    }

    fn name(&self, member: &MemberId) -> String {
        self.instances.get(member).cloned().unwrap_or_else(|| member.to_string())
    }

    fn instance(client: usize) -> Option<String> {
        (client == STATIC_CLIENT).then(|| format!("instance-{client}"))
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Join { client, require_known, alt_protocols } => {
                self.join(client, require_known, alt_protocols)?
            }
            Op::Restart(client) => {
                // A new process: the old one's connection is gone with its parked requests.
                self.h.gc.client_disconnected(ClientId(client as u64));
                self.clients[client] = Client::default();
                self.join(client, true, false)?;
            }
            Op::Sync(client) => self.sync(client)?,
            Op::Heartbeat(client) => {
                if let (Some(member), Some(generation)) =
                    (self.clients[client].member.clone(), self.clients[client].generation)
                {
                    let req = HeartbeatRequest {
                        group_id: GroupId::from(GROUP),
                        generation_id: generation,
                        member_id: member,
                        group_instance_id: World::instance(client),
                    };
                    let error = self.h.gc.heartbeat(self.h.now, &req).error;
                    if error == Some(ErrorCode::UnknownMemberId) {
                        self.clients[client] = Client::default();
                    }
                }
            }
            Op::Leave(client) => {
                if let Some(member) = self.clients[client].member.clone() {
                    self.h.leave(&member, World::instance(client).as_deref());
                    self.clients[client] = Client::default();
                }
            }
            Op::Commit(client) => {
                let client_state = &self.clients[client];
                let req = OffsetCommitRequest {
                    group_id: GroupId::from(GROUP),
                    generation_id: client_state.generation.unwrap_or(GenerationId::NONE),
                    member_id: client_state.member.clone().unwrap_or_else(MemberId::unknown),
                    group_instance_id: World::instance(client),
                    topics: vec![OffsetCommitTopic {
                        name: TopicName::from("t"),
                        partitions: vec![OffsetCommitPartition {
                            partition: PartitionIndex(client as i32),
                            committed_offset: Offset(self.h.now.0),
                            committed_leader_epoch: LeaderEpoch::UNKNOWN,
                            metadata: None,
                        }],
                    }],
                };
                self.h.gc.offset_commit(self.h.now, &req, &|_| true);
            }
            Op::Disconnect(client) => self.h.gc.client_disconnected(ClientId(client as u64)),
            Op::Moved => self.h.gc.coordinator_moved(self.h.now, &|_| true),
            Op::Advance(ms) => self.h.advance(ms),
        }
        self.observe_events()?;
        let completed = self.h.gc.take_completed();
        for (pending, reply) in completed {
            let client = self.sent_by.get(&pending).copied();
            prop_assert!(client.is_some(), "answer to a request never sent: {pending:?}");
            match reply {
                GroupReply::Join(answer) => self.on_join(client.unwrap_or(0), answer)?,
                GroupReply::Sync(answer) => self.on_sync(client.unwrap_or(0), answer)?,
            }
        }
        self.check_group()
    }

    fn join(
        &mut self,
        client: usize,
        require_known: bool,
        alt_protocols: bool,
    ) -> Result<(), TestCaseError> {
        let names: &[&str] = if alt_protocols { &["range", "roundrobin"] } else { &["range"] };
        let req = JoinGroupRequest {
            member_id: self.clients[client].member.clone().unwrap_or_else(MemberId::unknown),
            group_instance_id: World::instance(client),
            require_known_member_id: require_known,
            protocols: protocols(names),
            session_timeout_ms: SESSION_MS,
            rebalance_timeout_ms: 20_000,
            ..join_request(&format!("client-{client}"))
        };
        let pending = self.h.pending(client as u64);
        self.sent_by.insert(pending, client);
        let reply = self.h.gc.join_group(self.h.now, pending, req);
        self.observe_events()?;
        if let Reply::Now(answer) = reply {
            self.on_join(client, answer)?;
        }
        Ok(())
    }

    fn sync(&mut self, client: usize) -> Result<(), TestCaseError> {
        let state = self.clients[client].clone();
        let (Some(member), Some(generation)) = (state.member, state.generation) else {
            return Ok(());
        };
        let assignments: Vec<(MemberId, String)> = if state.leads {
            let leader = self.name(&member);
            state
                .members
                .iter()
                .map(|m| (m.clone(), format!("g{}:{leader}:{}", generation.0, self.name(m))))
                .collect()
        } else {
            Vec::new()
        };
        let refs: Vec<(&MemberId, &str)> =
            assignments.iter().map(|(m, a)| (m, a.as_str())).collect();
        let mut req = sync_request(&member, generation, &refs);
        req.group_instance_id = World::instance(client);
        let pending = self.h.pending(client as u64);
        self.sent_by.insert(pending, client);
        let reply = self.h.gc.sync_group(self.h.now, pending, req);
        self.observe_events()?;
        if let Reply::Now(answer) = reply {
            self.on_sync(client, answer)?;
        }
        Ok(())
    }

    fn observe_events(&mut self) -> Result<(), TestCaseError> {
        let records = self.h.gc.take_events();
        for record in &records {
            let previous = self.log.last().map_or(Timestamp(0), |r| r.time);
            prop_assert!(
                previous <= record.time && record.time <= self.h.now,
                "event times go forward"
            );
            self.log.push(record.clone());
        }
        for record in records {
            match record.event {
                Event::MemberJoined { member, group_instance_id: Some(instance), .. } => {
                    self.instances.insert(member, instance);
                }
                Event::GenerationStarted { generation, leader, members, .. } => {
                    let last =
                        self.generations.keys().next_back().copied().unwrap_or(GenerationId(0));
                    prop_assert_eq!(generation.0, last.0 + 1, "generations are consecutive");
                    let leader = leader.map(|l| self.name(&l)).unwrap_or_default();
                    let members = members.iter().map(|m| self.name(m)).collect();
                    self.generations.insert(generation, Started { leader, members });
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn on_join(&mut self, client: usize, answer: JoinGroupResponse) -> Result<(), TestCaseError> {
        match answer.error {
            None => {
                let started = self.generations.get(&answer.generation_id).cloned();
                prop_assert!(
                    started.is_some(),
                    "joined a generation that never started: {answer:?}"
                );
                let started =
                    started.unwrap_or(Started { leader: String::new(), members: Vec::new() });
                prop_assert_eq!(&self.name(&answer.leader), &started.leader);
                prop_assert!(started.members.contains(&self.name(&answer.member_id)));
                let leads = answer.leader == answer.member_id;
                prop_assert_eq!(
                    leads,
                    !answer.members.is_empty(),
                    "only the leader gets the members"
                );
                if leads {
                    let listed: Vec<String> =
                        answer.members.iter().map(|m| self.name(&m.member_id)).collect();
                    prop_assert_eq!(&listed, &started.members);
                }
                let c = &mut self.clients[client];
                c.member = Some(answer.member_id.clone());
                c.generation = Some(answer.generation_id);
                c.leads = leads && !answer.skip_assignment;
                c.members = answer.members.iter().map(|m| m.member_id.clone()).collect();
            }
            Some(ErrorCode::MemberIdRequired) => {
                self.clients[client].member = Some(answer.member_id)
            }
            Some(ErrorCode::UnknownMemberId | ErrorCode::FencedInstanceId) => {
                self.clients[client] = Client::default()
            }
            Some(_) => {}
        }
        Ok(())
    }

    fn on_sync(&mut self, client: usize, answer: SyncGroupResponse) -> Result<(), TestCaseError> {
        if answer.error.is_some() || answer.assignment.is_empty() {
            return Ok(());
        }
        let generation = self.clients[client].generation.unwrap_or(GenerationId::NONE);
        let member = self.clients[client].member.clone().unwrap_or_else(MemberId::unknown);
        let (g, leader, named) = parse(&answer.assignment)?;
        prop_assert_eq!(g, generation.0, "a sync answer from another generation");
        prop_assert_eq!(named, self.name(&member));
        prop_assert_eq!(Some(&leader), self.generations.get(&generation).map(|s| &s.leader));
        Ok(())
    }

    fn check_group(&self) -> Result<(), TestCaseError> {
        let deadline = self.h.gc.next_deadline();
        prop_assert!(deadline.is_none_or(|d| d > self.h.now), "a due timer was left: {deadline:?}");
        let Some(g) = self.h.gc.group(&GroupId::from(GROUP)) else {
            return Ok(());
        };
        let ids: Vec<&MemberId> = g.members().iter().map(|m| m.member_id()).collect();
        prop_assert_eq!(g.leader().is_some(), !ids.is_empty());
        prop_assert!(g.leader().is_none_or(|l| ids.contains(&l)));
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), ids.len());
        match g.state() {
            GroupState::Empty => prop_assert!(ids.is_empty()),
            GroupState::CompletingRebalance | GroupState::Stable => {
                prop_assert!(!ids.is_empty());
                prop_assert!(g.members().iter().all(|m| !m.is_awaiting_join()));
                let latest = self.generations.keys().next_back().copied();
                prop_assert_eq!(Some(g.generation()), latest);
            }
            GroupState::PreparingRebalance | GroupState::Dead => {}
        }
        for m in g.members() {
            if m.assignment().is_empty() {
                continue;
            }
            let (from, leader, named) = parse(m.assignment())?;
            let current = g.generation().0;
            if g.state() == GroupState::CompletingRebalance {
                prop_assert!(
                    from < current,
                    "kept from an earlier generation until the leader syncs"
                );
            } else {
                prop_assert_eq!(from, current, "assignment of another generation");
            }
            prop_assert_eq!(named, self.name(m.member_id()));
            let started = self.generations.get(&GenerationId(from)).map(|s| &s.leader);
            prop_assert_eq!(
                Some(&leader),
                started,
                "assignment not written by its generation's leader"
            );
        }
        Ok(())
    }
}

fn parse(assignment: &[u8]) -> Result<(i32, String, String), TestCaseError> {
    let text = std::str::from_utf8(assignment).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut parts = text.splitn(3, ':');
    let (g, leader, member) = (parts.next(), parts.next(), parts.next());
    let g = g.and_then(|g| g.strip_prefix('g')).and_then(|g| g.parse().ok());
    match (g, leader, member) {
        (Some(g), Some(leader), Some(member)) => Ok((g, leader.to_owned(), member.to_owned())),
        _ => Err(TestCaseError::fail(format!("not an assignment: {text}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_the_group_consistent(ops in proptest::collection::vec(op(), 1..80)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op)?;
        }
    }

    #[test]
    fn random_sequences_are_deterministic(ops in proptest::collection::vec(op(), 1..40)) {
        let run = |ops: &[Op]| {
            let mut world = World::new();
            for op in ops {
                let _ = world.apply(op);
            }
            (world.log, world.h.gc.groups().cloned().collect::<Vec<_>>())
        };
        prop_assert_eq!(run(&ops), run(&ops));
    }
}
