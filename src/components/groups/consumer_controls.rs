//! One consumer's buttons: pause or resume its application's processing, commit its positions
//! now, close it cleanly (it commits and sends LeaveGroup) or crash it (it sends nothing, and
//! its group notices only when its session times out).

use kplay_sim::Action;
use yew::prelude::*;

use super::super::use_dispatch;
use crate::state::Msg;

/// Props of [`ConsumerControls`].
#[derive(Properties, PartialEq)]
pub struct ConsumerControlsProps {
    /// The consumer's client number.
    pub client: u32,
    /// Its `client.id`, to label the buttons.
    pub client_id: AttrValue,
    /// Whether its application is paused.
    pub paused: bool,
}

/// Pause/resume, commit now, close, crash.
#[component]
pub fn ConsumerControls(props: &ConsumerControlsProps) -> Html {
    let dispatch = use_dispatch();
    let id = props.client;
    let name = &props.client_id;
    let paused = props.paused;
    let toggle =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::PauseConsumer { id, paused: !paused }));
    let commit = dispatch.to(move |_: MouseEvent| Msg::Apply(Action::Commit { id }));
    let close =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::RemoveClient { id, crash: false }));
    let crash =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::RemoveClient { id, crash: true }));
    let (toggle_class, toggle_text, toggle_label) = if paused {
        ("resume", "Resume", format!("Resume {name}: its application calls poll again"))
    } else {
        (
            "pause",
            "Pause",
            format!(
                "Pause {name}: its application stops calling poll, so it reads nothing and its lag grows"
            ),
        )
    };
    html! {
        <div class="consumer-controls" role="group" aria-label={format!("Controls of {name}")}>
            <button type="button" class={toggle_class} onclick={toggle} aria-pressed={paused.to_string()}
                aria-label={toggle_label.clone()} title={toggle_label}>{ toggle_text }</button>
            <button type="button" class="commit" onclick={commit}
                aria-label={format!("Commit {name}'s processed offsets now (OffsetCommit)")}
                title="Commit the offsets processed so far, now (OffsetCommit)">{ "Commit" }</button>
            <button type="button" class="close" onclick={close}
                aria-label={format!("Close {name} cleanly: it leaves the group (LeaveGroup)")}
                title="Close cleanly: it commits first if auto commit is on, then sends LeaveGroup (a dynamic member), so the group rebalances at once">{ "Close" }</button>
            <button type="button" class="crash" onclick={crash}
                aria-label={format!("Crash {name}: no LeaveGroup; the group notices after session.timeout.ms")}
                title="Crash: no LeaveGroup, no last commit; the coordinator notices after session.timeout.ms">{ "Crash" }</button>
        </div>
    }
}
