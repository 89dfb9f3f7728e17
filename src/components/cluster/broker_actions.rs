//! A broker's buttons: stop it cleanly, crash it, or start it again.

use kplay_sim::Action;
use yew::prelude::*;

use super::super::use_dispatch;
use crate::state::Msg;

/// Props of [`BrokerActions`].
#[derive(Properties, PartialEq)]
pub struct BrokerActionsProps {
    /// The broker.
    pub id: i32,
    /// Whether it runs.
    pub running: bool,
}

/// Stop and Crash for a running broker, Start for a stopped one.
#[component]
pub fn BrokerActions(props: &BrokerActionsProps) -> Html {
    let dispatch = use_dispatch();
    let id = props.id;
    let stop =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::StopBroker { id, crash: false }));
    let crash =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::StopBroker { id, crash: true }));
    let start = dispatch.to(move |_: MouseEvent| Msg::Apply(Action::StartBroker { id }));
    html! {
        <div class="broker-actions">
            if props.running {
                <button type="button" class="stop" onclick={stop}
                    title="Controlled shutdown: leadership moves away first"
                    aria-label={format!("Stop broker {id} cleanly (controlled shutdown)")}>{ "Stop" }</button>
                <button type="button" class="crash" onclick={crash}
                    title="The process dies: the controller notices after broker.session.timeout.ms"
                    aria-label={format!("Crash broker {id} (no controlled shutdown)")}>{ "Crash" }</button>
            } else {
                <button type="button" class="start" onclick={start}
                    aria-label={format!("Start broker {id}")}>{ "Start" }</button>
            }
        </div>
    }
}
