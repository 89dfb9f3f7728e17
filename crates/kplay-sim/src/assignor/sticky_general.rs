//! The sticky assignors' general algorithm (Java's `GeneralAssignmentBuilder`, without racks),
//! used when members subscribe to different topics.
//!
//! 1. Each member keeps its checked previous partitions of topics it still subscribes to.
//! 2. Unassigned partitions, topics with fewer potential members first, each go to the member
//!    with the fewest partitions (ties: member id) among those subscribed to the topic.
//! 3. Partitions are then moved, one at a time, from a member to one with at least two fewer
//!    that could take them, until the assignment is balanced (no partition can move to a member
//!    with two or more fewer). A partition's previous owner from an older generation gets it
//!    back first; moves that would undo an earlier move pick the partition that undoes it
//!    (`sticky_movements`). If the moves do not improve the balance score, they are reverted.
//!
//! Topics with a single potential member, and members that cannot gain or lose anything, are
//! left out of step 3. The result keeps Java's list order for each member.

use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{MemberId, TopicName, TopicPartition};

use super::Group;
use super::sticky::{Claims, Stickiness, member_data, remove_first};
use super::sticky_movements::PartitionMovements;
use crate::java::{JavaOrderedId as JavaId, compare_strings};

/// Java's `prevAssignment`: for partitions claimed by members of older generations than the
/// newest, the most recent such owner and its generation.
type PrevAssignment = VecMap<TopicPartition, (MemberId, i32)>;

struct Builder<'g, 'a> {
    group: &'g Group<'a>,
    current: VecMap<MemberId, Vec<TopicPartition>>,
    topic_members: VecMap<TopicName, Vec<MemberId>>,
    member_topics: VecMap<MemberId, Vec<TopicName>>,
    owner: VecMap<TopicPartition, MemberId>,
    /// Java's `sortedCurrentSubscriptions`: members by (partition count, id).
    by_size: VecSet<(usize, JavaId)>,
    revocation_required: bool,
    movements: PartitionMovements,
}

pub(crate) fn assign(
    kind: Stickiness,
    group: &Group<'_>,
    claims: &Claims,
) -> VecMap<MemberId, Vec<TopicPartition>> {
    let mut topic_members: VecMap<TopicName, Vec<MemberId>> =
        group.topics.iter().map(|(t, _)| (t.clone(), Vec::new())).collect();
    let mut member_topics = VecMap::new();
    for (id, member) in &group.members {
        let mut topics = Vec::new();
        for topic in &member.subscription.topics {
            if let Some(members) = topic_members.get_mut(topic) {
                topics.push(topic.clone());
                members.push((*id).clone());
            }
        }
        member_topics.insert((*id).clone(), topics);
    }
    let current = claims.owned.clone();
    let owner = current
        .iter()
        .flat_map(|(id, list)| list.iter().map(move |tp| (tp.clone(), id.clone())))
        .collect();
    let mut b = Builder {
        group,
        current,
        topic_members,
        member_topics,
        owner,
        by_size: VecSet::new(),
        revocation_required: false,
        movements: PartitionMovements::default(),
    };

    let mut prev = PrevAssignment::new();
    for (id, member) in &group.members {
        let data = member_data(kind, &member.subscription);
        let generation = match data.generation {
            Some(g) if g < claims.max_generation => g,
            None if claims.max_generation > -1 => -1,
            _ => continue,
        };
        for tp in data.partitions {
            match prev.get(&tp) {
                Some((_, g)) if *g >= generation => {}
                _ => {
                    prev.insert(tp, ((*id).clone(), generation));
                }
            }
        }
    }

    let assigned = b.keep_owned_partitions();
    let mut sorted_all = b.sorted_all_partitions();
    let mut unassigned: Vec<TopicPartition> =
        sorted_all.iter().filter(|tp| !assigned.contains(tp)).cloned().collect();
    let ids: Vec<MemberId> = b.current.keys().cloned().collect();
    for id in &ids {
        b.sorted_add(id);
    }
    b.balance(&prev, &mut sorted_all, &mut unassigned);
    b.current
}

impl Builder<'_, '_> {
    fn size(&self, id: &MemberId) -> usize {
        self.current.get(id).map_or(0, Vec::len)
    }

    fn sorted_add(&mut self, id: &MemberId) {
        self.by_size.insert((self.size(id), JavaId(id.clone())));
    }

    fn sorted_remove(&mut self, id: &MemberId) {
        self.by_size.remove(&(self.size(id), JavaId(id.clone())));
    }

    /// Step 1: drops claims on topics a member no longer subscribes to.
    fn keep_owned_partitions(&mut self) -> VecSet<TopicPartition> {
        let mut assigned = VecSet::new();
        for (id, list) in self.current.iter_mut() {
            let subscribed = self.group.by_id.get(id).map(|m| &m.subscription.topics);
            list.retain(|tp| {
                if !self.topic_members.contains_key(&tp.topic) {
                    self.owner.remove(tp);
                    false
                } else if !subscribed.is_some_and(|topics| topics.contains(&tp.topic)) {
                    self.revocation_required = true;
                    false
                } else {
                    assigned.insert(tp.clone());
                    true
                }
            });
        }
        assigned
    }

    /// All partitions, topics with fewer potential members first, then by name.
    fn sorted_all_partitions(&self) -> Vec<TopicPartition> {
        let mut topics: Vec<_> = self.group.topics.iter().collect();
        let members = |t: &TopicName| self.topic_members.get(t).map_or(0, Vec::len);
        kplay_core::sort::sort_by(&mut topics, |a, b| {
            members(&a.0).cmp(&members(&b.0)).then(compare_strings(a.0.as_str(), b.0.as_str()))
        });
        topics
            .into_iter()
            .flat_map(|(t, n)| (0..*n).map(move |p| TopicPartition::new(t.clone(), p)))
            .collect()
    }

    fn max_assignment_size(&self, topics: &[TopicName]) -> usize {
        if topics.len() == self.group.topics.len() {
            self.group.total_partitions()
        } else {
            topics.iter().map(|t| self.group.count(t).unwrap_or(0) as usize).sum()
        }
    }

    fn topic_can_move(&self, topic: &TopicName) -> bool {
        self.topic_members.get(topic).is_some_and(|m| m.len() >= 2)
    }

    fn member_can_move(&self, id: &MemberId) -> bool {
        let topics = self.member_topics.get(id).map_or(&[][..], Vec::as_slice);
        let partitions = self.current.get(id).map_or(&[][..], Vec::as_slice);
        partitions.len() < self.max_assignment_size(topics)
            || partitions.iter().any(|tp| self.topic_can_move(&tp.topic))
    }

    /// Gives `tp` to the member with the fewest partitions that subscribes to its topic.
    fn assign_to_least_loaded(&mut self, tp: &TopicPartition) {
        let chosen = self.by_size.iter().map(|(_, id)| &id.0).find(|id| {
            self.member_topics.get(*id).is_some_and(|topics| topics.contains(&tp.topic))
        });
        if let Some(id) = chosen.cloned() {
            self.sorted_remove(&id);
            self.current.entry(id.clone()).or_default().push(tp.clone());
            self.owner.insert(tp.clone(), id.clone());
            self.sorted_add(&id);
        }
    }

    fn balance(
        &mut self,
        prev: &PrevAssignment,
        sorted_all: &mut Vec<TopicPartition>,
        unassigned: &mut Vec<TopicPartition>,
    ) {
        let initializing = self.by_size.last().is_none_or(|(size, _)| *size == 0);
        for tp in unassigned.iter() {
            if self.topic_members.get(&tp.topic).is_some_and(|m| !m.is_empty()) {
                self.assign_to_least_loaded(tp);
            }
        }
        sorted_all.retain(|tp| self.topic_can_move(&tp.topic));
        unassigned.retain(|tp| self.topic_can_move(&tp.topic));

        let mut fixed = VecMap::new();
        let ids: Vec<MemberId> = self.member_topics.keys().cloned().collect();
        for id in ids {
            if !self.member_can_move(&id) {
                self.sorted_remove(&id);
                fixed.insert(id.clone(), self.current.remove(&id).unwrap_or_default());
            }
        }

        let before = self.current.clone();
        let owner_before = self.owner.clone();
        if !self.revocation_required {
            self.reassign(unassigned, prev);
        }
        let moved = self.reassign(sorted_all, prev);
        if !initializing && moved && score(&self.current) >= score(&before) {
            self.current = before;
            self.owner = owner_before;
        }
        self.current.extend(fixed);
    }

    /// Step 3 over `partitions`; whether anything moved.
    fn reassign(&mut self, partitions: &[TopicPartition], prev: &PrevAssignment) -> bool {
        let mut moved = false;
        loop {
            let mut modified = false;
            for tp in partitions {
                if self.is_balanced() {
                    break;
                }
                let Some(owner) = self.owner.get(tp).cloned() else { continue };
                let size = self.size(&owner);
                if let Some((prev_owner, _)) = prev.get(tp)
                    && self.current.contains_key(prev_owner)
                    && size > self.size(prev_owner) + 1
                {
                    self.move_towards(tp, prev_owner.clone());
                    (moved, modified) = (true, true);
                    continue;
                }
                let others = self.topic_members.get(&tp.topic).map_or(&[][..], Vec::as_slice);
                let lighter = others
                    .iter()
                    .any(|other| self.current.get(other).is_some_and(|l| size > l.len() + 1));
                if lighter {
                    let target = self.by_size.iter().map(|(_, id)| &id.0).find(|id| {
                        self.member_topics.get(*id).is_some_and(|t| t.contains(&tp.topic))
                    });
                    if let Some(target) = target.cloned() {
                        self.move_towards(tp, target);
                        (moved, modified) = (true, true);
                    }
                }
            }
            if !modified {
                return moved;
            }
        }
    }

    /// Moves `tp` (or the partition that undoes an earlier move) to `new`.
    fn move_towards(&mut self, tp: &TopicPartition, new: MemberId) {
        let Some(owner) = self.owner.get(tp).cloned() else { return };
        let tp = self.movements.partition_to_move(tp, &owner, &new);
        let Some(old) = self.owner.get(&tp).cloned() else { return };
        self.sorted_remove(&old);
        self.sorted_remove(&new);
        self.movements.move_partition(&tp, &old, &new);
        if let Some(list) = self.current.get_mut(&old) {
            remove_first(list, &tp);
        }
        self.current.entry(new.clone()).or_default().push(tp.clone());
        self.owner.insert(tp, new.clone());
        self.sorted_add(&new);
        self.sorted_add(&old);
    }

    /// Balanced: counts within one, or no member could take a partition from one with two more.
    fn is_balanced(&self) -> bool {
        let (Some((min, _)), Some((max, _))) = (self.by_size.first(), self.by_size.last()) else {
            return true;
        };
        if min + 1 >= *max {
            return true;
        }
        for (count, id) in &self.by_size {
            let topics = self.member_topics.get(&id.0).map_or(&[][..], Vec::as_slice);
            if *count == self.max_assignment_size(topics) {
                continue;
            }
            let mine = self.current.get(&id.0).map_or(&[][..], Vec::as_slice);
            for topic in topics {
                for p in 0..self.group.count(topic).unwrap_or(0) {
                    let tp = TopicPartition::new(topic.clone(), p);
                    if mine.contains(&tp) {
                        continue;
                    }
                    if self.owner.get(&tp).is_some_and(|o| count + 1 < self.size(o)) {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// Java's balance score: the sum of count differences over all pairs of members.
fn score(assignment: &VecMap<MemberId, Vec<TopicPartition>>) -> usize {
    let sizes: Vec<usize> = assignment.values().map(Vec::len).collect();
    let mut score = 0;
    for (i, a) in sizes.iter().enumerate() {
        for b in &sizes[i + 1..] {
            score += a.abs_diff(*b);
        }
    }
    score
}
