//! The consumer groups panel: one line per group when there are several, the group shown in
//! detail, the standalone consumers, and lag over time.
use std::rc::Rc;

use yew::prelude::*;

use super::{GroupDetail, GroupList, LagChartView, StandaloneConsumers};
use crate::model::chronicle::{GroupNote, Rebalance};
use crate::model::snapshot::{ConsumerSnap, GroupSnap, LagChart};
use kplay_core::vec_map::VecMap;

/// Props of [`GroupsPanel`].
#[derive(Properties, PartialEq)]
pub struct GroupsPanelProps {
    /// Every group.
    pub groups: Rc<Vec<GroupSnap>>,
    /// Every consumer.
    pub consumers: Rc<Vec<ConsumerSnap>>,
    /// Each group's rebalances.
    pub rebalances: Rc<VecMap<String, Vec<Rebalance>>>,
    /// Each group's notes.
    pub notes: Rc<VecMap<String, Vec<GroupNote>>>,
    /// Lag over time.
    pub lag_chart: Rc<LagChart>,
    /// The group shown in detail.
    pub shown: Option<AttrValue>,
    /// Now, in ms.
    pub now_ms: i64,
}

/// The consumer groups panel.
#[component]
pub fn GroupsPanel(props: &GroupsPanelProps) -> Html {
    let shown = props.shown.as_deref().and_then(|id| props.groups.iter().find(|g| g.id == id));
    let members: usize = props.groups.iter().map(|g| g.members.len()).sum();
    html! {
        <section class="groups" aria-label="Consumer groups">
            <h2>
                { "Consumer groups" }
                <small>{ format!(" {} groups · {members} members", props.groups.len()) }{ consumers_text(props.consumers.len()) }</small>
            </h2>
            if props.groups.len() > 1 {
                <GroupList groups={props.groups.clone()} shown={props.shown.clone()} />
            }
            { match shown {
                Some(g) => {
                    let joining: Vec<ConsumerSnap> = props.consumers.iter()
                        .filter(|c| c.subscribes && c.group.as_deref() == Some(g.id.as_str()) && g.member_of(c.id).is_none())
                        .cloned()
                        .collect();
                    html! {
                        <GroupDetail key={g.id.clone()} group={g.clone()}
                            rebalances={props.rebalances.get(&g.id).cloned().unwrap_or_default()}
                            notes={props.notes.get(&g.id).cloned().unwrap_or_default()}
                            {joining} now_ms={props.now_ms} />
                    }
                }
                None => html! { <p class="empty">{ "No consumer group yet: a consumer that subscribes joins one." }</p> },
            } }
            <StandaloneConsumers consumers={props.consumers.clone()} />
            <LagChartView chart={props.lag_chart.clone()} shown={props.shown.clone()} />
        </section>
    }
}

/// The simulated consumers, counted beside the groups (none in the live view, whose clients
/// are real and known only as members).
fn consumers_text(consumers: usize) -> String {
    if consumers == 0 { String::new() } else { format!(" · {consumers} consumers") }
}
