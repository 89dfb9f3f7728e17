//! DescribeGroups, ListGroups and DeleteGroups: what `kafka-consumer-groups.sh` sees and does.
//!
//! As Kafka's `GroupMetadata.summary`: member metadata and assignments, and the protocol, are
//! only shown for a `Stable` group; an unknown group describes as `Dead` with no error. Only an
//! `Empty` group can be deleted; deleting it drops its committed offsets and its timers.

use bytes::Bytes;

use crate::api::{DescribedGroup, DescribedMember, ListedGroup};
use crate::error::ErrorCode;
use crate::event::{Event, GroupStateReason};
use crate::ids::GroupId;
use crate::vec_map::VecMap;

use super::GroupState;
use super::ctx::Ctx;
use super::state::Group;

/// Describes one group.
pub(crate) fn describe_group(
    groups: &VecMap<GroupId, Group>,
    group_id: &GroupId,
) -> DescribedGroup {
    let Some(g) = groups.get(group_id) else {
        return DescribedGroup {
            error: None,
            group_id: group_id.clone(),
            group_state: GroupState::Dead,
            protocol_type: String::new(),
            protocol: String::new(),
            members: Vec::new(),
        };
    };
    let stable = g.state == GroupState::Stable;
    let members = g
        .members
        .iter()
        .map(|m| DescribedMember {
            member_id: m.member_id.clone(),
            group_instance_id: m.group_instance_id.clone(),
            client_id: m.client_id.clone(),
            client_host: m.client_host.clone(),
            member_metadata: if stable { g.member_metadata(m) } else { Bytes::new() },
            member_assignment: if stable { m.assignment.clone() } else { Bytes::new() },
        })
        .collect();
    DescribedGroup {
        error: None,
        group_id: group_id.clone(),
        group_state: g.state,
        protocol_type: g.protocol_type.clone().unwrap_or_default(),
        protocol: if stable { g.protocol_name.clone().unwrap_or_default() } else { String::new() },
        members,
    }
}

/// Lists the groups coordinated here, by id, optionally only those in `states_filter`.
pub(crate) fn list_groups(
    groups: &VecMap<GroupId, Group>,
    states_filter: &[GroupState],
    coordinated_here: &dyn Fn(&GroupId) -> bool,
) -> Vec<ListedGroup> {
    groups
        .values()
        .filter(|g| states_filter.is_empty() || states_filter.contains(&g.state))
        .filter(|g| coordinated_here(&g.group_id))
        .map(|g| ListedGroup {
            group_id: g.group_id.clone(),
            protocol_type: g.protocol_type.clone().unwrap_or_default(),
            group_state: g.state,
        })
        .collect()
}

/// Deletes an empty group and its offsets.
pub(crate) fn delete_group(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    group_id: &GroupId,
) -> Option<ErrorCode> {
    let Some(g) = groups.get_mut(group_id) else {
        return Some(ErrorCode::GroupIdNotFound);
    };
    match g.state {
        GroupState::Dead => return Some(ErrorCode::GroupIdNotFound),
        GroupState::Empty => {}
        GroupState::PreparingRebalance | GroupState::CompletingRebalance | GroupState::Stable => {
            return Some(ErrorCode::NonEmptyGroup);
        }
    }
    g.transition(cx, GroupState::Dead, GroupStateReason::Deleted);
    groups.remove(group_id);
    cx.timers.cancel_group(group_id);
    cx.emit(Event::GroupDeleted { group: group_id.clone() });
    None
}
