//! One broker: its id, whether it runs, a controller badge, what it leads, and the buttons that
//! stop and start it.

use kplay_core::BrokerId;
use yew::prelude::*;

use crate::driver::{BrokerView, TOPIC};

/// Props of [`BrokerCard`].
#[derive(Properties, PartialEq)]
pub struct BrokerCardProps {
    /// The broker.
    pub broker: BrokerView,
    /// Called with the broker's id when "Stop (clean)" is clicked.
    pub on_stop: Callback<BrokerId>,
    /// Called with the broker's id when "Start" is clicked.
    pub on_start: Callback<BrokerId>,
}

/// A broker card; a stopped broker is greyed out.
///
/// The button that does not apply is marked `aria-disabled` rather than `disabled`, so keyboard
/// focus stays on it after a click; clicking it anyway only produces the engine's refusal.
#[component]
pub fn BrokerCard(props: &BrokerCardProps) -> Html {
    let b = &props.broker;
    let id = b.id;
    let state = if b.running { "running" } else { "stopped" };
    let role = if b.controller { ", active controller" } else { "" };
    let leads = if b.leads.is_empty() {
        "leads no partition".to_owned()
    } else {
        let names: Vec<_> = b.leads.iter().map(|p| format!("{TOPIC}-{p}")).collect();
        format!("leads {}", names.join(", "))
    };
    let on_stop = props.on_stop.reform(move |_: MouseEvent| id);
    let on_start = props.on_start.reform(move |_: MouseEvent| id);
    html! {
        <li class={classes!("broker", state)} data-broker-id={id.to_string()}
            aria-label={format!("Broker {id}, {state}{role}, {leads}")}>
            <div class="broker-head">
                <span class="broker-name">{ format!("Broker {id}") }</span>
                if b.controller {
                    <span class="badge controller-badge" title="The active controller: it elects \
                        leaders and tracks the ISR">{ "controller" }</span>
                }
            </div>
            <div class="broker-state">
                <span class={classes!("state-dot", state)} aria-hidden="true"></span>
                { state }
            </div>
            <div class="broker-leads">{ leads }</div>
            <div class="broker-actions">
                <button type="button" class="stop" onclick={on_stop}
                    aria-disabled={(!b.running).to_string()}
                    aria-label={format!("Stop broker {id} cleanly (controlled shutdown)")}>
                    { "Stop (clean)" }
                </button>
                <button type="button" class="start" onclick={on_start}
                    aria-disabled={b.running.to_string()}
                    aria-label={format!("Start broker {id}")}>
                    { "Start" }
                </button>
            </div>
        </li>
    }
}
