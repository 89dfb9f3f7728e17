//! The timeline: a slider over every step played on this branch. Moving it back rebuilds that
//! moment from the seed and the actions; moving it forward replays them.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::use_dispatch;
use crate::model::snapshot::Clock;
use crate::state::Msg;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The clock.
    pub clock: Clock,
}

/// The timeline slider, with the step shown and how far the timeline reaches.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let dispatch = use_dispatch();
    let clock = &props.clock;
    let on_seek = dispatch.to(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::Seek(input.value().parse().unwrap_or(0))
    });
    let on_start = dispatch.to(|_: MouseEvent| Msg::Seek(0));
    let horizon = clock.horizon.max(clock.step);
    html! {
        <div class="timeline">
            <button type="button" class="rewind" onclick={on_start}
                aria-label="Back to the start">{ "|◀" }</button>
            <input type="range" class="timeline-slider" min="0" max={horizon.to_string()}
                value={clock.step.to_string()} onchange={on_seek}
                aria-label="Timeline: the moment shown, in steps (left arrow steps back)"
                aria-valuetext={format!("step {} of {}", clock.step, horizon)} />
            <span class="timeline-reach">{ format!("{} / {} steps", clock.step, horizon) }</span>
        </div>
    }
}
