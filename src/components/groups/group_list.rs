//! Every group on one line each (state, generation, members, lag), with a button that shows it
//! in detail: what keeps twenty groups usable.

use std::rc::Rc;

use yew::prelude::*;

use super::super::{use_dispatch, use_highlight};
use crate::model::chronicle::Touch;
use crate::model::snapshot::GroupSnap;
use crate::state::Msg;

/// Props of [`GroupList`].
#[derive(Properties, PartialEq)]
pub struct GroupListProps {
    /// Every group.
    pub groups: Rc<Vec<GroupSnap>>,
    /// The group shown in detail.
    pub shown: Option<AttrValue>,
}

/// One line per group.
#[component]
pub fn GroupList(props: &GroupListProps) -> Html {
    let dispatch = use_dispatch();
    let highlight = use_highlight();
    html! {
        <table class="group-list">
            <caption>{ "Every group, one line each; choose one to see it in detail." }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "group" }</th>
                    <th scope="col">{ "state" }</th>
                    <th scope="col">{ "generation" }</th>
                    <th scope="col">{ "members" }</th>
                    <th scope="col">{ "lag" }</th>
                    <th scope="col">{ "oldest unread" }</th>
                </tr>
            </thead>
            <tbody>
                { for props.groups.iter().map(|g| {
                    let current = props.shown.as_deref() == Some(g.id.as_str());
                    let touch = Touch::Group(g.id.clone());
                    let id = g.id.clone();
                    let show = dispatch.to(move |_: MouseEvent| Msg::ShowGroup(id.clone()));
                    let idle = g.members.iter().filter(|m| m.idle()).count();
                    html! {
                        <tr class={classes!("group-line", current.then_some("current"), highlight.has(&touch).then_some("highlighted"))}
                            data-group={g.id.clone()} data-touch={touch.key()}>
                            <th scope="row">
                                <button type="button" class="show-group" onclick={show} aria-pressed={current.to_string()}
                                    aria-label={format!("Show group {} in detail", g.id)}>{ g.id.clone() }</button>
                            </th>
                            <td><span class={classes!("group-state", format!("state-{}", g.state))}>{ g.state }</span></td>
                            <td class="num">{ g.generation }</td>
                            <td class="num">
                                { g.members.len() }
                                if idle > 0 { <span class="hint">{ format!(" ({idle} idle)") }</span> }
                            </td>
                            <td class="num">{ g.total_lag() }</td>
                            <td class="num">{ g.lag_ms.map_or_else(|| "-".to_owned(), |ms| format!("{:.1} s", ms as f64 / 1000.0)) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
