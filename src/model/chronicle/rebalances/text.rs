//! The rebalance log's sentences: why a rebalance started, why a member was removed, what a
//! client's crash or close means for its group — naming members by their `client.id`, with the
//! configs that decide the timing.

use kplay_core::event::{MemberRemovedReason, RebalanceReason};

use super::clients::Seen;
use super::record::NoteKind;

/// Why a rebalance started, from the coordinator's reason and what the log knows.
pub(super) fn reason(reason: &RebalanceReason, seen: &Seen, group: &str) -> String {
    match reason {
        RebalanceReason::MemberJoined(m) => {
            let name = seen.name(m.as_str());
            match seen.static_id(m.as_str()) {
                Some(id) => format!("{name} joined as static member {id} (group.instance.id)"),
                None => format!("{name} joined"),
            }
        }
        RebalanceReason::MetadataChanged(m) => format!(
            "{} rejoined with a different subscription (topics or assignors)",
            seen.name(m.as_str())
        ),
        RebalanceReason::LeaderRejoined(m) => format!(
            "the leader, {}, rejoined to have the assignment computed again",
            seen.name(m.as_str())
        ),
        RebalanceReason::MemberRemoved(m) => {
            let name = seen.name(m.as_str());
            match seen.removed_why(m.as_str()) {
                Some(why) => format!("{name} left: {why}"),
                None => format!("{name} left"),
            }
        }
        RebalanceReason::Client(why) => match seen.last_joining(group) {
            Some(name) => format!("{name} rejoined: {why}"),
            None => format!("a member rejoined: {why}"),
        },
    }
}

/// Why the coordinator removed a member.
pub(super) fn removed(why: &MemberRemovedReason, seen: &Seen, member: &str) -> String {
    match why {
        MemberRemovedReason::LeaveGroup => match seen.left_reason(member) {
            Some(reason) => format!("it said goodbye (LeaveGroup): {reason}"),
            None => "it said goodbye (LeaveGroup)".into(),
        },
        MemberRemovedReason::SessionTimeout => match seen.session_timeout_ms(member) {
            Some(ms) => format!("no heartbeat within session.timeout.ms ({ms} ms)"),
            None => "no heartbeat within session.timeout.ms".into(),
        },
        MemberRemovedReason::RebalanceTimeout => {
            "it did not rejoin within the rebalance timeout (max.poll.interval.ms)".into()
        }
        MemberRemovedReason::SyncTimeout => {
            "it did not ask for its assignment (SyncGroup) within the rebalance timeout".into()
        }
        MemberRemovedReason::Replaced { by } => {
            format!("{} took over its group.instance.id", seen.name(by.as_str()))
        }
        MemberRemovedReason::PendingExpired => {
            "it never came back with the member id it was given".into()
        }
        MemberRemovedReason::GroupMaxSizeReached => {
            "the group was over group.max.size and it had not rejoined".into()
        }
    }
}

/// A static member coming back under a new member id, through client `by_client`.
pub(super) fn replaced(
    seen: &Seen,
    static_id: &str,
    old: &str,
    new: &str,
    by_client: Option<u32>,
) -> String {
    let name = by_client.and_then(|c| seen.client_name(c)).unwrap_or(new);
    format!(
        "static member {static_id} came back as {name} (member id {new}): it takes over the partitions of {old} without a rebalance"
    )
}

/// What a client's crash or close means for its group.
pub(super) fn client_removed(
    client_id: &str,
    static_id: Option<&str>,
    session_timeout_ms: i32,
    crash: bool,
) -> (NoteKind, String) {
    let timeout = format!("session.timeout.ms = {session_timeout_ms} ms");
    if crash {
        let text = format!(
            "{client_id} crashed: it sends no LeaveGroup, so the coordinator counts it as a member, its partitions unread, until its session times out ({timeout})"
        );
        return (NoteKind::Crashed, text);
    }
    let text = match static_id {
        Some(id) => format!(
            "{client_id} (static member {id}) closed: a static member sends no LeaveGroup, so its partitions wait for it to come back with group.instance.id {id}, or for its session to time out ({timeout})"
        ),
        None => format!("{client_id} closed: it sent LeaveGroup, so the group rebalances at once"),
    };
    (NoteKind::Closed, text)
}
