//! One group in detail: its state (and, when not Stable, what that means now), generation,
//! assignor and whether it rebalances eagerly or cooperatively, coordinator and leader; its
//! members and the consumers still joining; why some members are idle; its lag table; its
//! rebalances.

use yew::prelude::*;

use super::super::{time_text, use_highlight};
use super::{LagTable, MemberCard, Rebalances};
use crate::model::chronicle::{GroupNote, Rebalance, Touch};
use crate::model::snapshot::{ConsumerSnap, GroupSnap};

/// Props of [`GroupDetail`].
#[derive(Properties, PartialEq)]
pub struct GroupDetailProps {
    /// The group.
    pub group: GroupSnap,
    /// Its rebalances, oldest first.
    pub rebalances: Vec<Rebalance>,
    /// Its notes, oldest first.
    pub notes: Vec<GroupNote>,
    /// Consumers that subscribe to it but are not members (yet).
    pub joining: Vec<ConsumerSnap>,
    /// Now, in ms.
    pub now_ms: i64,
}

/// A group, in detail.
#[component]
pub fn GroupDetail(props: &GroupDetailProps) -> Html {
    let highlight = use_highlight();
    let g = &props.group;
    let touch = Touch::Group(g.id.clone());
    let lit = highlight.has(&touch);
    let leader = g.members.iter().find(|m| m.leader);
    let stable = g.state == "Stable";
    let kind = g.kind.map(|k| k.name());
    html! {
        <article class={classes!("group-detail", lit.then_some("highlighted"))}
            data-group={g.id.clone()} data-touch={touch.key()} aria-label={format!("Group {}", g.id)}>
            <header class="group-head">
                <h3>{ format!("Group {}", g.id) }</h3>
                <span class={classes!("badge", "group-state", format!("state-{}", g.state))}>{ g.state }</span>
            </header>
            <dl class="group-facts">
                <div><dt>{ "generation" }</dt><dd class="generation">{ g.generation }</dd></div>
                <div><dt>{ "assignor" }</dt><dd class="assignor">
                    { g.protocol.clone().unwrap_or_else(|| "-".into()) }
                    if let Some(k) = kind { { format!(" ({k})") } }
                </dd></div>
                <div><dt>{ "coordinator" }</dt><dd class="coordinator">
                    { g.coordinator.map_or_else(|| "none".to_owned(), |b| format!("broker {b}")) }
                </dd></div>
                <div><dt>{ "leader" }</dt><dd class="leader">
                    { leader.map_or_else(|| "-".to_owned(), |m| m.client_id.clone()) }
                </dd></div>
                <div><dt>{ "members" }</dt><dd class="member-count">{ g.members.len() }</dd></div>
            </dl>
            if let Some(meaning) = &g.state_meaning {
                <p class={classes!("state-meaning", format!("state-{}", g.state))} role="status">
                    <strong>{ format!("{}: ", g.state) }</strong>{ meaning.clone() }
                    if let Some(since) = g.rebalancing_since_ms {
                        { format!(" Rebalancing since {} ({} ms).", time_text(since), props.now_ms - since) }
                    }
                </p>
            }
            if let Some(why) = &g.idle { <p class="idle-reason" role="note">{ why.clone() }</p> }
            <h4>{ "Members" }</h4>
            if g.members.is_empty() {
                <p class="empty">{ "No members." }</p>
            } else {
                <ul class="members">
                    { for g.members.iter().map(|m| html! {
                        <MemberCard key={m.member_id.clone()} member={m.clone()} {stable} />
                    }) }
                </ul>
            }
            if !props.joining.is_empty() {
                <ul class="joining" aria-label="Consumers not in the group yet">
                    { for props.joining.iter().map(|c| html! {
                        <li class="joining-consumer" data-client={c.id.to_string()} data-touch={Touch::Client(c.id).key()}>
                            <strong>{ c.client_id.clone() }</strong>{ format!(" subscribes but is not a member yet: {}", c.phase) }
                            if c.paused { { " (paused: a consumer joins from poll, so it waits)" } }
                        </li>
                    }) }
                </ul>
            }
            <h4>{ "Lag" }</h4>
            if g.rows.is_empty() {
                <p class="empty">{ "No partitions: no member subscribes to a topic that exists, and nothing is committed." }</p>
            } else {
                <LagTable group={g.id.clone()} rows={g.rows.clone()} lag_ms={g.lag_ms} />
            }
            <Rebalances rebalances={props.rebalances.clone()} notes={props.notes.clone()} now_ms={props.now_ms} />
        </article>
    }
}
