//! The rebalance timeline of a real cluster, read from the live images: the server sends each
//! group's state, generation, leader and every member's assignment, so comparing one image with
//! the one before tells when a rebalance began (the group went to PreparingRebalance, or a new
//! generation appeared), when its sync phase began (a new generation), when it ended (Stable or
//! Empty), who joined or left, and what each member gained and gave up between the assignments
//! of two generations. The rounds are the simulation view's [`Rebalance`] records, so the same
//! cards draw them.
//!
//! Images come at most five times a second, so phases are timed to the image that showed them,
//! and a rebalance shorter than that is seen as a new generation alone.

use kplay_core::TopicPartition;
use kplay_core::group::GroupState;
use kplay_core::vec_map::VecMap;
use kplay_live::{LiveGroup, LiveMember};

use crate::model::chronicle::{Departure, KEPT_GENERATIONS, MemberMove, Rebalance, RebalanceKind};

/// Every group's rebalances as the images showed them.
#[derive(Clone, Debug, Default)]
pub struct LiveRebalances {
    groups: VecMap<String, Tracked>,
}

#[derive(Clone, Debug, Default)]
struct Tracked {
    last: Option<LiveGroup>,
    /// Each member's assignment in the last generation that completed.
    owned: VecMap<String, Vec<TopicPartition>>,
    rounds: Vec<Rebalance>,
}

fn parts(m: &LiveMember) -> Vec<TopicPartition> {
    m.assigned.iter().map(|p| TopicPartition::new(p.topic.as_str(), p.partition)).collect()
}

fn kind(protocol: Option<&str>) -> Option<RebalanceKind> {
    protocol.map(|p| {
        if p.contains("cooperative") { RebalanceKind::Cooperative } else { RebalanceKind::Eager }
    })
}

impl LiveRebalances {
    /// The rounds so far, by group, oldest first.
    pub fn by_group(&self) -> VecMap<String, Vec<Rebalance>> {
        self.groups
            .iter()
            .filter(|(_, t)| !t.rounds.is_empty())
            .map(|(g, t)| (g.clone(), t.rounds.clone()))
            .collect()
    }

    /// Takes in the groups of an image taken at `now_ms` (page time).
    pub fn receive(&mut self, now_ms: i64, groups: &[LiveGroup]) {
        for g in groups {
            self.groups.entry(g.group_id.clone()).or_default().receive(now_ms, g);
        }
    }
}

impl Tracked {
    fn open(&mut self, now_ms: i64, reason: &str) -> &mut Rebalance {
        let still_open = self.rounds.last().is_some_and(|r| r.ended_ms.is_none());
        if !still_open {
            self.rounds.push(Rebalance::new(now_ms, reason.to_owned()));
            if self.rounds.len() > KEPT_GENERATIONS {
                self.rounds.remove(0);
            }
        }
        self.rounds.last_mut().expect("a round was just opened")
    }

    fn receive(&mut self, now_ms: i64, g: &LiveGroup) {
        let state = GroupState::parse(&g.state);
        let (last_generation, last_members) = match &self.last {
            Some(last) => (last.generation_id, last.members.clone()),
            None => (g.generation_id, g.members.clone()),
        };
        let departed: Vec<&LiveMember> = last_members
            .iter()
            .filter(|m| g.members.iter().all(|n| n.member_id != m.member_id))
            .collect();
        if state == Some(GroupState::PreparingRebalance) || g.generation_id != last_generation {
            let reason = if self.last.is_none() {
                "already under way when this page connected"
            } else {
                "a member joined, left or changed its subscription (seen by the coordinator)"
            };
            let owned = self.owned.clone();
            let round = self.open(now_ms, reason);
            for m in departed {
                round.left.push(Departure {
                    time_ms: now_ms,
                    member: m.member_id.clone(),
                    client: None,
                    client_id: Some(m.client_id.clone()),
                    why: "left the group or its session expired".to_owned(),
                    owned: owned.get(&m.member_id).cloned().unwrap_or_default(),
                });
            }
        }
        if g.generation_id != last_generation || self.last.is_none() {
            let leader =
                g.leader.as_ref().and_then(|l| g.members.iter().find(|m| &m.member_id == l));
            if let Some(round) = self.rounds.last_mut().filter(|r| r.ended_ms.is_none()) {
                round.generation = Some(g.generation_id);
                round.sync_started_ms.get_or_insert(now_ms);
                round.protocol = g.protocol_name.clone();
                round.kind = kind(g.protocol_name.as_deref());
                round.leader = leader.map(|m| m.client_id.clone());
            }
        }
        let settled =
            matches!(state, Some(GroupState::Stable | GroupState::Empty | GroupState::Dead));
        if settled {
            let before = std::mem::take(&mut self.owned);
            if let Some(round) = self.rounds.last_mut().filter(|r| r.ended_ms.is_none()) {
                round.ended_ms = Some(now_ms);
                round.ended_in = state;
                round.members = g
                    .members
                    .iter()
                    .map(|m| {
                        let owned = parts(m);
                        let had = before.get(&m.member_id);
                        let mut moved = MemberMove::new(m.member_id.clone());
                        moved.client_id = Some(m.client_id.clone());
                        moved.static_id = m.group_instance_id.clone();
                        moved.new = had.is_none();
                        moved.revoked = had
                            .map(|h| h.iter().filter(|tp| !owned.contains(tp)).cloned().collect())
                            .unwrap_or_default();
                        moved.added = owned
                            .iter()
                            .filter(|tp| had.is_none_or(|h| !h.contains(tp)))
                            .cloned()
                            .collect();
                        moved.owned = owned;
                        moved.synced = true;
                        moved
                    })
                    .collect();
            }
            self.owned = g.members.iter().map(|m| (m.member_id.clone(), parts(m))).collect();
        }
        self.last = Some(g.clone());
    }
}

#[cfg(test)]
mod tests {
    use kplay_live::LiveTopicPartition;

    use super::*;

    fn member(id: &str, partitions: &[i32]) -> LiveMember {
        LiveMember {
            member_id: id.to_owned(),
            client_id: format!("client-{id}"),
            assigned: partitions
                .iter()
                .map(|p| LiveTopicPartition { topic: "orders".to_owned(), partition: *p })
                .collect(),
            ..LiveMember::default()
        }
    }

    fn group(state: &str, generation_id: i32, members: Vec<LiveMember>) -> LiveGroup {
        LiveGroup {
            group_id: "billing".to_owned(),
            state: state.to_owned(),
            generation_id,
            protocol_type: Some("consumer".to_owned()),
            protocol_name: Some("range".to_owned()),
            leader: members.first().map(|m| m.member_id.clone()),
            members,
            ..LiveGroup::default()
        }
    }

    fn orders(partitions: &[i32]) -> Vec<TopicPartition> {
        partitions.iter().map(|p| TopicPartition::new("orders", *p)).collect()
    }

    #[test]
    fn a_group_stable_when_the_page_connects_has_no_round_yet() {
        let mut r = LiveRebalances::default();
        r.receive(0, &[group("Stable", 3, vec![member("a", &[0, 1, 2])])]);
        assert!(r.by_group().is_empty());
    }

    #[test]
    fn a_second_consumer_joining_is_a_round_with_its_phases_and_what_moved() {
        let mut r = LiveRebalances::default();
        r.receive(0, &[group("Stable", 1, vec![member("a", &[0, 1, 2])])]);
        r.receive(200, &[group("PreparingRebalance", 1, vec![member("a", &[0, 1, 2])])]);
        let both = || vec![member("a", &[0, 1]), member("b", &[2])];
        r.receive(400, &[group("CompletingRebalance", 2, both())]);
        r.receive(600, &[group("Stable", 2, both())]);
        let rounds = &r.by_group()["billing"];
        assert_eq!(rounds.len(), 1);
        let round = &rounds[0];
        assert_eq!(
            (round.started_ms, round.generation, round.sync_started_ms, round.ended_ms),
            (200, Some(2), Some(400), Some(600))
        );
        assert_eq!(round.ended_in, Some(GroupState::Stable));
        assert_eq!(round.kind, Some(RebalanceKind::Eager));
        assert_eq!(round.leader.as_deref(), Some("client-a"));
        let a = &round.members[0];
        assert_eq!((a.new, a.revoked.clone(), a.added.clone()), (false, orders(&[2]), vec![]));
        assert_eq!(a.kept(), orders(&[0, 1]));
        let b = &round.members[1];
        assert_eq!((b.new, b.revoked.clone(), b.added.clone()), (true, vec![], orders(&[2])));
    }

    #[test]
    fn a_member_that_leaves_is_a_departure_with_what_it_owned() {
        let mut r = LiveRebalances::default();
        let both = || vec![member("a", &[0, 1]), member("b", &[2])];
        r.receive(0, &[group("Stable", 2, both())]);
        // The next image already shows the new generation: the join phase fell between images.
        r.receive(200, &[group("CompletingRebalance", 3, vec![member("a", &[0, 1, 2])])]);
        r.receive(400, &[group("Stable", 3, vec![member("a", &[0, 1, 2])])]);
        let round = &r.by_group()["billing"][0];
        assert_eq!((round.started_ms, round.generation), (200, Some(3)));
        assert_eq!(round.left.len(), 1);
        assert_eq!(round.left[0].client_id.as_deref(), Some("client-b"));
        assert_eq!(round.left[0].owned, orders(&[2]));
        assert_eq!(round.members[0].added, orders(&[2]));
    }

    #[test]
    fn cooperative_assignors_make_cooperative_rounds_and_rounds_are_kept_in_order() {
        let mut r = LiveRebalances::default();
        let mut g = group("Stable", 1, vec![member("a", &[0])]);
        g.protocol_name = Some("cooperative-sticky".to_owned());
        r.receive(0, std::slice::from_ref(&g));
        for generation in 2..5 {
            g.state = "PreparingRebalance".to_owned();
            r.receive(i64::from(generation) * 100, std::slice::from_ref(&g));
            g.state = "Stable".to_owned();
            g.generation_id = generation;
            r.receive(i64::from(generation) * 100 + 50, std::slice::from_ref(&g));
        }
        let rounds = &r.by_group()["billing"];
        let generations: Vec<Option<i32>> = rounds.iter().map(|r| r.generation).collect();
        assert_eq!(generations, [Some(2), Some(3), Some(4)]);
        assert!(rounds.iter().all(|r| r.kind == Some(RebalanceKind::Cooperative)));
    }
}
