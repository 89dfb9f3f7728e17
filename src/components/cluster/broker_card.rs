//! One broker: whether it runs, whether it is the controller, the replicas it holds (leader or
//! follower, in or out of the ISR), the groups it coordinates, and its buttons.

use yew::prelude::*;

use super::super::{use_dispatch, use_highlight};
use crate::model::chronicle::Touch;
use crate::model::snapshot::BrokerSnap;
use crate::state::Msg;
use kplay_sim::Action;

/// Props of [`BrokerCard`].
#[derive(Properties, PartialEq)]
pub struct BrokerCardProps {
    /// The broker.
    pub broker: BrokerSnap,
}

/// A broker card; a stopped broker is greyed out.
#[component]
pub fn BrokerCard(props: &BrokerCardProps) -> Html {
    let dispatch = use_dispatch();
    let highlight = use_highlight();
    let b = &props.broker;
    let id = b.id;
    let state = if b.running { "running" } else { "stopped" };
    let lit = highlight.has(&Touch::Broker(id));
    let stop =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::StopBroker { id, crash: false }));
    let crash =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::StopBroker { id, crash: true }));
    let start = dispatch.to(move |_: MouseEvent| Msg::Apply(Action::StartBroker { id }));
    let role = if b.controller { ", the active controller" } else { "" };
    html! {
        <li class={classes!("broker", state, lit.then_some("highlighted"))}
            data-broker-id={id.to_string()} data-touch={Touch::Broker(id).key()}
            aria-label={format!("Broker {id}, {state}{role}, leads {} of {} replicas", b.leaders, b.replica_count)}>
            <div class="broker-head">
                <span class="broker-name">{ format!("Broker {id}") }</span>
                if b.controller {
                    <span class="badge controller-badge"
                        title="The active controller: it elects leaders and tracks the ISR">{ "controller" }</span>
                }
                if let Some(rack) = &b.rack {
                    <span class="badge rack" title="broker.rack">{ format!("rack {rack}") }</span>
                }
            </div>
            <div class="broker-state">
                <span class={classes!("state-dot", state)} aria-hidden="true"></span>
                { state }
                if !b.running && !b.fenced {
                    <span class="hint">{ " (the controller has not noticed yet: broker.session.timeout.ms)" }</span>
                }
                if b.isolated { <span class="badge isolated">{ "cut off" }</span> }
                if b.slow_ms > 0 { <span class="badge slow">{ format!("+{} ms", b.slow_ms) }</span> }
            </div>
            <div class="broker-summary">{ format!("leads {} · holds {} replicas", b.leaders, b.replica_count) }</div>
            if !b.replicas.is_empty() {
                <ul class="replicas" aria-label="Replicas on this broker">
                    { for b.replicas.iter().map(|r| {
                        let role = if r.leader { "leader" } else if r.in_isr { "follower" } else { "out-of-sync" };
                        html! {
                            <li class={classes!("replica", role)}
                                data-touch={Touch::Partition(r.topic.clone(), r.partition).key()}
                                title={format!("{}-{}: {role}, log end offset {}", r.topic, r.partition, r.log_end)}>
                                { format!("{}-{}", r.topic, r.partition) }
                                <span class="replica-role">{ if r.leader { " L" } else if r.in_isr { " F" } else { " ✕" } }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
            if !b.coordinates.is_empty() {
                <div class="coordinates">{ format!("coordinates {}", b.coordinates.join(", ")) }</div>
            }
            <div class="broker-actions">
                if b.running {
                    <button type="button" class="stop" onclick={stop}
                        aria-label={format!("Stop broker {id} cleanly (controlled shutdown)")}>{ "Stop" }</button>
                    <button type="button" class="crash" onclick={crash}
                        aria-label={format!("Crash broker {id} (no controlled shutdown)")}>{ "Crash" }</button>
                } else {
                    <button type="button" class="start" onclick={start}
                        aria-label={format!("Start broker {id}")}>{ "Start" }</button>
                }
            </div>
        </li>
    }
}
