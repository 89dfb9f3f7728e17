//! The Groups tab: every consumer group in a table, and the chosen group's committed offset, log
//! end offset and lag per partition, as Kafdrop's consumer view shows them. The numbers are the
//! snapshot's (the same rows `kafka-consumer-groups.sh --describe` prints), not computed again.

use std::rc::Rc;

use yew::prelude::*;

use super::{GroupTable, LagTable};
use crate::model::snapshot::{GroupSnap, TopicSnap};

/// Props of [`GroupsPanel`].
#[derive(Properties, PartialEq)]
pub struct GroupsPanelProps {
    /// Every group.
    pub groups: Rc<Vec<GroupSnap>>,
    /// Every topic (for each partition's log start offset).
    pub topics: Rc<Vec<TopicSnap>>,
    /// The group shown in detail (`None`, or one that no longer exists: the first).
    pub group: Option<AttrValue>,
}

/// The group table and the chosen group's lag table.
#[component]
pub fn GroupsPanel(props: &GroupsPanelProps) -> Html {
    if props.groups.is_empty() {
        return html! {
            <p class="empty">{ "No consumer group yet: a consumer that subscribes with a group.id creates one." }</p>
        };
    }
    let chosen = props
        .group
        .as_deref()
        .and_then(|g| props.groups.iter().find(|x| x.id == g))
        .unwrap_or(&props.groups[0]);
    html! {
        <div class="groups-panel">
            <GroupTable groups={props.groups.clone()} chosen={AttrValue::from(chosen.id.clone())} />
            <LagTable key={chosen.id.clone()} group={chosen.clone()} topics={props.topics.clone()} />
        </div>
    }
}
