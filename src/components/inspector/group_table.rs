//! The consumer-group table: each group's state, members, coordinator, how many partitions it
//! describes, and its total lag.

use std::rc::Rc;

use yew::prelude::*;

use super::super::{use_dispatch, use_highlight};
use crate::model::chronicle::Touch;
use crate::model::snapshot::GroupSnap;
use crate::state::Msg;

/// Props of [`GroupTable`].
#[derive(Properties, PartialEq)]
pub struct GroupTableProps {
    /// Every group.
    pub groups: Rc<Vec<GroupSnap>>,
    /// The group shown in detail below.
    pub chosen: AttrValue,
}

/// The table of groups.
#[component]
pub fn GroupTable(props: &GroupTableProps) -> Html {
    let dispatch = use_dispatch();
    let highlight = use_highlight();
    html! {
        <div class="table-scroll" role="region" aria-label="Consumer groups" tabindex="0">
        <table class="inspector-table group-table">
            <caption>{ "Consumer groups" }<span class="caption-hint">{ " · choose one for its offsets and lag" }</span></caption>
            <thead>
                <tr>
                    <th scope="col">{ "Group" }</th>
                    <th scope="col">{ "State" }</th>
                    <th scope="col" class="num">{ "Members" }</th>
                    <th scope="col" class="num">{ "Generation" }</th>
                    <th scope="col" class="num" title="The broker leading the group's __consumer_offsets partition">{ "Coordinator" }</th>
                    <th scope="col" class="num">{ "Partitions" }</th>
                    <th scope="col" class="num" title="Sum of the lag of partitions with a committed offset">{ "Total lag" }</th>
                </tr>
            </thead>
            <tbody>
                { for props.groups.iter().map(|g| {
                    let current = props.chosen.as_str() == g.id;
                    let id = g.id.clone();
                    let touch = Touch::Group(g.id.clone());
                    let lit = highlight.has(&touch);
                    let unknown = g.rows.iter().filter(|r| r.lag.is_none()).count();
                    html! {
                        <tr key={g.id.clone()} data-group={g.id.clone()} data-touch={touch.key()}
                            class={classes!(current.then_some("current"), lit.then_some("highlighted"))}>
                            <th scope="row">
                                <button type="button" class="group-pick" aria-pressed={current.to_string()}
                                    onclick={dispatch.to(move |_: MouseEvent| Msg::ShowGroup(id.clone()))}>
                                    { g.id.clone() }
                                </button>
                            </th>
                            <td class={classes!("state", g.state)}>{ g.state }</td>
                            <td class="num members">{ g.members.len() }</td>
                            <td class="num generation">{ g.generation }</td>
                            <td class="num coordinator">{ g.coordinator.map_or("—".into(), |c| c.to_string()) }</td>
                            <td class="num partitions">{ g.rows.len() }</td>
                            <td class="num total-lag">
                                { g.total_lag() }
                                if unknown > 0 {
                                    <span class="hint">{ format!(" ({unknown} without a committed offset)") }</span>
                                }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}
