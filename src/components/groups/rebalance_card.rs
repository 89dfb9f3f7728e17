//! One rebalance: its generation, why it started, its join phase (PreparingRebalance) and sync
//! phase (CompletingRebalance) drawn to a common scale, who led and with which assignor, and
//! what each member gave up, received and owns after; members that left and what they held.

use yew::prelude::*;

use super::super::time_text;
use super::PartitionChips;
use crate::model::chronicle::Rebalance;

/// Props of [`RebalanceCard`].
#[derive(Properties, PartialEq)]
pub struct RebalanceCardProps {
    /// The rebalance.
    pub rebalance: Rebalance,
    /// The duration drawn full width, in ms (the longest of the rebalances shown).
    pub scale_ms: i64,
    /// Now, in ms (for one still under way).
    pub now_ms: i64,
    /// Its round, when it is one of a cooperative rebalance's two.
    #[prop_or_default]
    pub round: Option<u8>,
}

fn width(ms: i64, scale_ms: i64) -> String {
    let percent = ms as f64 * 100.0 / scale_ms.max(1) as f64;
    format!("width: max(6px, {:.2}%)", percent.min(100.0))
}

/// A rebalance, as a card.
#[component]
pub fn RebalanceCard(props: &RebalanceCardProps) -> Html {
    let r = &props.rebalance;
    let now = props.now_ms;
    let join_ms = r.join_ms(now);
    let sync_ms = r.sync_ms(now);
    let title = match (props.round, r.generation) {
        (Some(n), Some(g)) => format!("Round {n} · generation {g}"),
        (Some(n), None) => format!("Round {n} · joining"),
        (None, Some(g)) => format!("Generation {g}"),
        (None, None) => "Joining".into(),
    };
    let kind = r.kind.map(|k| k.name());
    let under_way = r.ended_ms.is_none();
    let phases = match sync_ms {
        Some(s) => format!("join phase {join_ms} ms, sync phase {s} ms"),
        None => format!("join phase {join_ms} ms so far"),
    };
    html! {
        <article class={classes!("rebalance", kind, under_way.then_some("under-way"), r.cut_short().then_some("cut-short"))}
            data-generation={r.generation.map(|g| g.to_string()).unwrap_or_default()}
            data-started={r.started_ms.to_string()}
            aria-label={format!("{title}: {}", r.reason)}>
            <header class="rebalance-head">
                <strong class="rebalance-title">{ title }</strong>
                if let Some(p) = &r.protocol { <span class="badge assignor">{ p.clone() }</span> }
                if let Some(k) = kind { <span class={classes!("badge", "kind", k)}>{ k }</span> }
                <span class="rebalance-time">{ format!("at {}", time_text(r.started_ms)) }</span>
                if under_way { <span class="badge under-way-badge">{ "under way" }</span> }
                if r.cut_short() {
                    <span class="badge cut-short-badge" title="A member (re)joined before every member had its assignment, so the coordinator started over">{ "cut short" }</span>
                }
            </header>
            <p class="rebalance-why"><span class="label">{ "Why: " }</span>{ r.reason.clone() }</p>
            <div class="phases" role="img" aria-label={phases.clone()} title={phases}>
                <span class="phase join" style={width(join_ms, props.scale_ms)}></span>
                if let Some(s) = sync_ms { <span class="phase sync" style={width(s, props.scale_ms)}></span> }
            </div>
            <p class="phase-legend legend">
                <span class="key join" aria-hidden="true"></span>
                <span class="phase-text">{ format!("join (PreparingRebalance) {join_ms} ms") }</span>
                if let Some(s) = sync_ms {
                    <span class="key sync" aria-hidden="true"></span>
                    <span class="phase-text">{ format!("sync (CompletingRebalance) {s} ms") }</span>
                }
            </p>
            if let (Some(leader), Some(p)) = (r.leader_name(), &r.protocol) {
                <p class="rebalance-leader">{ format!("{leader} led: it ran the {p} assignor on every member's subscription and sent the assignment in SyncGroup.") }</p>
            }
            if r.generation.is_some() && r.members.is_empty() {
                <p class="rebalance-empty">{ "No member rejoined: the group is Empty. Its committed offsets stay." }</p>
            }
            if !r.members.is_empty() { { moves(r) } }
            if !r.left.is_empty() {
                <ul class="departures" aria-label="Members that left">
                    { for r.left.iter().map(|d| html! {
                        <li class="departure" data-client={d.client.map(|c| c.to_string()).unwrap_or_default()}>
                            <strong>{ d.name().to_owned() }</strong>{ format!(" left at {}: {}", time_text(d.time_ms), d.why) }
                            if !d.owned.is_empty() {
                                { " — its partitions " }<PartitionChips partitions={d.owned.clone()} kind="lost" />{ " went back to the group" }
                            }
                        </li>
                    }) }
                </ul>
            }
        </article>
    }
}

fn moves(r: &Rebalance) -> Html {
    html! {
        <table class="moves">
            <thead>
                <tr>
                    <th scope="col">{ "member" }</th>
                    <th scope="col">{ "gave up" }</th>
                    <th scope="col">{ "received" }</th>
                    <th scope="col">{ "owns after" }</th>
                </tr>
            </thead>
            <tbody>
                { for r.members.iter().map(|m| {
                    let leader = r.leader.as_deref() == Some(m.member.as_str());
                    html! {
                        <tr class="move" data-member-id={m.member.clone()}
                            data-client={m.client.map(|c| c.to_string()).unwrap_or_default()}>
                            <th scope="row" title={m.member.clone()}>
                                { m.name().to_owned() }
                                if leader { <span class="badge leader-badge">{ "leader" }</span> }
                                if m.new { <span class="badge new-badge">{ "new" }</span> }
                                if let Some(id) = &m.static_id { <span class="badge static-badge">{ format!("static: {id}") }</span> }
                            </th>
                            <td class="revoked"><PartitionChips partitions={m.revoked.clone()} kind="revoked" none="nothing" /></td>
                            <td class="added">
                                if m.synced {
                                    <PartitionChips partitions={m.added.clone()} kind="added" none="nothing" />
                                } else if r.ended_ms.is_some() {
                                    <span class="chips-none">{ "no assignment in this generation" }</span>
                                } else {
                                    <span class="chips-none">{ "waiting for its assignment" }</span>
                                }
                            </td>
                            <td class="owned">
                                if m.synced { <PartitionChips partitions={m.owned.clone()} kind="owned" none="nothing" /> }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
