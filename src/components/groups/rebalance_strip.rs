//! A group's rebalances against time: over the last minute of simulated time, each join phase
//! (PreparingRebalance) and sync phase (CompletingRebalance) as a bar, labelled with the
//! generation it made, and the membership changes outside rebalances (a crash, a removal) as
//! marks, so the gap between a crash and the coordinator noticing it can be seen.

use yew::prelude::*;

use super::super::time_text;
use super::lag_chart::time_ticks;
use crate::model::chronicle::{GroupNote, Rebalance};

/// Props of [`RebalanceStrip`].
#[derive(Properties, PartialEq)]
pub struct RebalanceStripProps {
    /// The group's rebalances, oldest first.
    pub rebalances: Vec<Rebalance>,
    /// Its notes, oldest first.
    pub notes: Vec<GroupNote>,
    /// The window's start, in ms.
    pub from_ms: i64,
    /// The window's end (now), in ms.
    pub to_ms: i64,
}

const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 96.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 970.0;
/// The narrowest bar drawn, so that a phase of a few ms can still be seen.
const MIN_BAR: f64 = 4.0;
/// The room a label needs, in user units.
const LABEL_ROOM: f64 = 90.0;

/// The rebalance strip.
#[component]
pub fn RebalanceStrip(props: &RebalanceStripProps) -> Html {
    let (from, to) = (props.from_ms, props.to_ms.max(props.from_ms + 1));
    let x = |t: i64| LEFT + (t.clamp(from, to) - from) as f64 / (to - from) as f64 * (RIGHT - LEFT);
    let bar = |class: &'static str, start: i64, end: i64, title: String| {
        let (x0, x1) = (x(start), x(end));
        html! {
            <rect class={classes!("phase", class)} x={format!("{x0:.1}")} y="28" height="26"
                width={format!("{:.1}", (x1 - x0).max(MIN_BAR))}>
                <title>{ title }</title>
            </rect>
        }
    };
    let shown: Vec<&Rebalance> =
        props.rebalances.iter().filter(|r| r.ended_ms.unwrap_or(to) >= from).collect();
    let labels = labels(&shown, &x);
    html! {
        <svg class="rebalance-strip" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
            aria-label={format!("Rebalances from {} to {}", time_text(from), time_text(to))}>
            <line class="axis" x1={LEFT.to_string()} x2={RIGHT.to_string()} y1="62" y2="62" />
            { for time_ticks(from, to).into_iter().map(|t| html! {
                <g class="tick">
                    <line x1={format!("{:.1}", x(t))} x2={format!("{:.1}", x(t))} y1="62" y2="68" />
                    <text x={format!("{:.1}", x(t))} y="88" text-anchor="middle">{ format!("{} s", t / 1000) }</text>
                </g>
            }) }
            { for shown.iter().zip(labels).map(|(r, label)| {
                let sync_start = r.sync_started_ms.or(r.ended_ms).unwrap_or(to);
                html! {
                    <g class="strip-rebalance" data-generation={r.generation.map(|g| g.to_string()).unwrap_or_default()}>
                        { bar("join", r.started_ms, sync_start, format!("join phase (PreparingRebalance) from {}: {}", time_text(r.started_ms), r.reason)) }
                        if let Some(s) = r.sync_started_ms {
                            { bar("sync", s, r.ended_ms.unwrap_or(to), format!("sync phase (CompletingRebalance) of {}", name(r))) }
                        }
                        if let Some(label) = label {
                            <text class="strip-label" x={format!("{:.1}", x(r.started_ms))} y="20">{ label }</text>
                        }
                    </g>
                }
            }) }
            { for props.notes.iter().filter(|n| n.time_ms >= from).map(|n| {
                let cx = x(n.time_ms);
                html! {
                    <path class={classes!("strip-note", n.kind.name())}
                        d={format!("M {cx:.1} 56 l 8 14 l -16 0 z")}>
                        <title>{ format!("{}: {}", time_text(n.time_ms), n.text) }</title>
                    </path>
                }
            }) }
        </svg>
    }
}

/// How a rebalance is labelled: the generation it made.
fn name(r: &Rebalance) -> String {
    r.generation.map_or_else(|| "joining".to_owned(), |g| format!("gen {g}"))
}

/// Each rebalance's label; rebalances too close to the one before share its label
/// (`gen 2, 3`), so labels never overlap.
fn labels(shown: &[&Rebalance], x: &dyn Fn(i64) -> f64) -> Vec<Option<String>> {
    let mut labels: Vec<Option<String>> = Vec::with_capacity(shown.len());
    let mut last: Option<(usize, f64)> = None;
    for (i, r) in shown.iter().enumerate() {
        let at = x(r.started_ms);
        match last {
            Some((j, x0)) if at - x0 < LABEL_ROOM => {
                if let (Some(label), Some(g)) = (labels[j].as_mut(), r.generation) {
                    label.push_str(&format!(", {g}"));
                }
                labels.push(None);
            }
            _ => {
                labels.push(Some(name(r)));
                last = Some((i, at));
            }
        }
    }
    labels
}
