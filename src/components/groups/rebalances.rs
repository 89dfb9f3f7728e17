//! A group's rebalance history: what eager and cooperative rebalancing mean for this group, the
//! strip of rebalances against time, then the newest rebalances and membership notes, newest
//! first. A cooperative rebalance and its second round are shown together, as the two rounds
//! they are.

use yew::prelude::*;

use super::super::time_text;
use super::{PartitionChips, RebalanceCard, RebalanceStrip};
use crate::model::chronicle::{GroupNote, Rebalance, RebalanceKind};
use crate::model::snapshot::groups::CHART_WINDOW_MS;

/// Props of [`Rebalances`].
#[derive(Properties, PartialEq)]
pub struct RebalancesProps {
    /// The group's rebalances, oldest first.
    pub rebalances: Vec<Rebalance>,
    /// Its notes, oldest first.
    pub notes: Vec<GroupNote>,
    /// Now, in ms.
    pub now_ms: i64,
}

/// How many rebalances are listed (the strip and the log show the others).
pub const REBALANCES_LISTED: usize = 6;

/// One entry of the list.
enum Item<'a> {
    One(&'a Rebalance),
    TwoRounds(&'a Rebalance, &'a Rebalance),
    Note(&'a GroupNote),
}

impl Item<'_> {
    fn time_ms(&self) -> i64 {
        match self {
            Item::One(r) | Item::TwoRounds(r, _) => r.started_ms,
            Item::Note(n) => n.time_ms,
        }
    }
}

/// The newest rebalances (pairing cooperative rounds) and the notes since the oldest of them.
fn items<'a>(rebalances: &'a [Rebalance], notes: &'a [GroupNote]) -> Vec<Item<'a>> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < rebalances.len() {
        let r = &rebalances[i];
        match rebalances.get(i + 1).filter(|next| next.second_round && r.is_cooperative()) {
            Some(next) => {
                items.push(Item::TwoRounds(r, next));
                i += 2;
            }
            None => {
                items.push(Item::One(r));
                i += 1;
            }
        }
    }
    let kept = items.split_off(items.len().saturating_sub(REBALANCES_LISTED));
    let since = kept.first().map_or(i64::MIN, Item::time_ms);
    let mut all: Vec<Item<'_>> = kept;
    all.extend(notes.iter().filter(|n| n.time_ms >= since).map(Item::Note));
    // Newest first; a note before the rebalance it caused when they share a time.
    kplay_core::sort::sort_by_key(&mut all, |item| {
        (std::cmp::Reverse(item.time_ms()), matches!(item, Item::Note(_)))
    });
    all
}

fn explain(kind: RebalanceKind) -> &'static str {
    match kind {
        RebalanceKind::Eager => {
            "Eager rebalancing: every member gives up all its partitions before it rejoins, so nothing is read until the new assignment arrives. The members' assignors decide it: range, roundrobin and sticky are eager, and so is any list that includes one of them, like Java's default [range, cooperative-sticky]."
        }
        RebalanceKind::Cooperative => {
            "Cooperative rebalancing: members keep reading what they own while they rejoin and give up only the partitions that move; those are handed over in a second rebalance right after. Two rounds, but only the moved partitions pause. Every assignor a member lists must be cooperative (cooperative-sticky)."
        }
    }
}

/// The rebalance history.
#[component]
pub fn Rebalances(props: &RebalancesProps) -> Html {
    let now = props.now_ms;
    let list = items(&props.rebalances, &props.notes);
    let scale_ms = list
        .iter()
        .flat_map(|item| match item {
            Item::One(r) => vec![*r],
            Item::TwoRounds(a, b) => vec![*a, *b],
            Item::Note(_) => Vec::new(),
        })
        .map(|r| r.join_ms(now) + r.sync_ms(now).unwrap_or(0))
        .max()
        .unwrap_or(1);
    let kind = props.rebalances.iter().rev().find_map(|r| r.kind);
    let card = |r: &Rebalance, round: Option<u8>| {
        html! {
            <RebalanceCard key={r.started_ms} rebalance={r.clone()} {scale_ms} now_ms={r.ended_ms.unwrap_or(now)} {round} />
        }
    };
    let older = props.rebalances.len().saturating_sub(
        list.iter()
            .map(|i| match i {
                Item::One(_) => 1,
                Item::TwoRounds(..) => 2,
                Item::Note(_) => 0,
            })
            .sum(),
    );
    html! {
        <section class="rebalances" aria-label="Rebalances">
            <h4>{ "Rebalances" }<small>{ " newest first" }</small></h4>
            if let Some(k) = kind { <p class={classes!("kind-explained", k.name())}>{ explain(k) }</p> }
            <RebalanceStrip rebalances={props.rebalances.clone()} notes={props.notes.clone()}
                from_ms={(now - CHART_WINDOW_MS).max(0)} to_ms={now} />
            <p class="legend phase-keys">
                <span class="key join" aria-hidden="true"></span>{ "join phase (PreparingRebalance) " }
                <span class="key sync" aria-hidden="true"></span>{ "sync phase (CompletingRebalance) " }
                <span class="key note" aria-hidden="true"></span>{ "membership change" }
            </p>
            <ol class="rebalance-list">
                { for list.iter().map(|item| match item {
                    Item::One(r) => html! { <li class="item">{ card(r, None) }{ pending_round(r, props.rebalances.last()) }</li> },
                    Item::TwoRounds(a, b) => html! {
                        <li class="item two-rounds" aria-label="A cooperative rebalance in two rounds">
                            <p class="two-rounds-head">
                                <strong>{ "Cooperative rebalance, two rounds. " }</strong>
                                { "Round 1 revoked only what moves: " }
                                <PartitionChips partitions={a.revoked()} kind="revoked" none="nothing" />
                                { "; round 2 handed it over, once every member had heard of it at its next heartbeat." }
                            </p>
                            { card(a, Some(1)) }
                            { card(b, Some(2)) }
                        </li>
                    },
                    Item::Note(n) => html! {
                        <li class={classes!("item", "note", n.kind.name())}
                            data-client={n.client.map(|c| c.to_string()).unwrap_or_default()}>
                            <span class="note-time">{ time_text(n.time_ms) }</span>{ " " }{ n.text.clone() }
                        </li>
                    },
                }) }
            </ol>
            if older > 0 {
                <p class="hint">{ format!("{older} older rebalances are not listed.") }</p>
            }
        </section>
    }
}

/// Under a cooperative rebalance that revoked partitions and is the newest: the second round
/// to come.
fn pending_round(r: &Rebalance, newest: Option<&Rebalance>) -> Html {
    let newest = newest.is_some_and(|n| std::ptr::eq(n, r));
    if !(newest && r.is_cooperative() && r.ended_in.is_some() && !r.revoked().is_empty()) {
        return html! {};
    }
    html! {
        <p class="round-to-come">
            { "The members that gave up " }
            <PartitionChips partitions={r.revoked()} kind="revoked" />
            { " rejoin at once: a second round will hand them over." }
        </p>
    }
}
