//! What a group's state means while it is not Stable, and why some of its members have nothing
//! to read — in words, with the configs that decide it and this moment's numbers.

use kplay_core::group::{Group, GroupState};
use kplay_sim::World;

use super::MemberSnap;

/// What the group's state means now, or `None` while it is Stable.
pub fn state_meaning(world: &World, g: &Group) -> Option<String> {
    let n = g.members().len();
    match g.state() {
        GroupState::Stable => None,
        GroupState::Empty => Some(
            "no members: nobody reads for this group. It keeps its committed offsets, so a consumer that joins starts from them; with no members they can be moved (kafka-consumer-groups.sh --reset-offsets)."
                .into(),
        ),
        GroupState::PreparingRebalance => {
            let joined = g.members().iter().filter(|m| m.is_awaiting_join()).count();
            let delay = world.settings().group_initial_rebalance_delay_ms;
            let initial = if delay > 0 {
                format!(
                    " A group that was Empty first waits group.initial.rebalance.delay.ms ({delay} ms here) for more members to arrive."
                )
            } else {
                String::new()
            };
            let pending = g.pending_members().count();
            let progress = if pending > 0 {
                format!(
                    "{joined} of {n} members have rejoined, and {pending} new member(s) are expected back with the member id the coordinator just gave them (MEMBER_ID_REQUIRED)."
                )
            } else if joined == n && n > 0 {
                format!(
                    "All {n} members have joined; the coordinator still waits out group.initial.rebalance.delay.ms, restarted by each new member (up to the rebalance timeout), in case more arrive."
                )
            } else {
                format!("{joined} of {n} members have rejoined.")
            };
            Some(format!(
                "waiting for members to (re)join. Each member learns of the rebalance from its next heartbeat (heartbeat.interval.ms) and sends JoinGroup; the coordinator waits for every known member, at most the rebalance timeout (the largest max.poll.interval.ms, {} ms here).{initial} {progress}",
                g.rebalance_timeout_ms()
            ))
        }
        GroupState::CompletingRebalance => {
            let waiting = g.members().iter().filter(|m| m.is_awaiting_sync()).count();
            let leader = g
                .leader()
                .and_then(|l| g.member(l))
                .map_or_else(|| "the leader".to_owned(), |m| m.client_id().to_owned());
            let protocol = g.protocol_name().unwrap_or("its assignor");
            Some(format!(
                "every member has rejoined, in generation {}; the leader, {leader}, computes the assignment with {protocol} and sends it in SyncGroup, and the coordinator hands each member its part. {waiting} of {n} members are waiting for theirs.",
                g.generation().0
            ))
        }
        GroupState::Dead => Some(
            "the group no longer exists: it was deleted, or its coordinator unloaded it.".into(),
        ),
    }
}

/// Why members own nothing, if any do while the group is Stable.
pub fn idle_reason(
    state: GroupState,
    members: &[MemberSnap],
    subscribed: usize,
    protocol: Option<&str>,
) -> Option<String> {
    if state != GroupState::Stable {
        return None;
    }
    let idle: Vec<&str> =
        members.iter().filter(|m| m.idle()).map(|m| m.client_id.as_str()).collect();
    if idle.is_empty() {
        return None;
    }
    let names = idle.join(", ");
    let m = members.len();
    Some(if m > subscribed {
        format!(
            "{m} members share {subscribed} partitions: a partition is read by one member of a group at a time, so {} (here {names}) {} nothing to read. More partitions, not more consumers, let a group read faster.",
            plural(m - subscribed, "member"),
            if m - subscribed == 1 { "has" } else { "have" }
        )
    } else {
        format!(
            "{names} got no partition from the {} assignor in this generation.",
            protocol.unwrap_or("chosen")
        )
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
