//! The toolbar: play/pause, step, speed, the seed and reset, projector mode and the share link.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::{time_text, use_dispatch};
use crate::model::Speed;
use crate::model::prefs::SPEEDS;
use crate::model::snapshot::Clock;
use crate::state::Msg;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The clock.
    pub clock: Clock,
    /// Whether projector mode is on.
    pub projector: bool,
    /// The share link for this moment, when it is on show.
    pub share_link: Option<AttrValue>,
    /// Shows or hides the share link.
    pub on_share: Callback<()>,
}

/// The playground's controls.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let dispatch = use_dispatch();
    let clock = &props.clock;
    let seed_ref = use_node_ref();
    let seed_error = use_state(|| None::<String>);

    let on_play = dispatch.to(|_: MouseEvent| Msg::TogglePlay);
    let on_step = dispatch.to(|_: MouseEvent| Msg::Step);
    let on_speed = dispatch.to(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let percent = input.value().parse().unwrap_or(100);
        Msg::SetSpeed(Speed::new(percent).unwrap_or_default())
    });
    let on_reset = {
        let dispatch = dispatch.clone();
        let seed_ref = seed_ref.clone();
        let seed_error = seed_error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = seed_ref.cast::<HtmlInputElement>() else { return };
            match input.value().trim().parse::<u64>() {
                Ok(seed) => {
                    seed_error.set(None);
                    dispatch.send(Msg::Reset(seed));
                }
                Err(_) => seed_error.set(Some(format!(
                    "“{}” is not a seed: type a whole number from 0 to {}",
                    input.value(),
                    u64::MAX
                ))),
            }
        })
    };
    let on_projector = dispatch.to(|_: MouseEvent| Msg::ToggleProjector);
    let on_share = props.on_share.reform(|_: MouseEvent| ());
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });

    let (play_label, play_text) = if clock.playing {
        ("Pause (space)", "❚❚ Pause")
    } else {
        ("Play (space)", "▶ Play")
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Simulation controls">
            <button type="button" class="play" onclick={on_play} aria-label={play_label}
                aria-pressed={clock.playing.to_string()}>{ play_text }</button>
            <button type="button" class="step" onclick={on_step}
                aria-label="Step one event (right arrow)">{ "Step ›" }</button>
            <label class="speed">
                { "Speed " }
                <select onchange={on_speed} aria-label="Speed (up and down arrows)">
                    { for SPEEDS.iter().map(|s| {
                        let speed = Speed::new(*s).unwrap_or_default();
                        html! {
                            <option value={s.to_string()} selected={*s == clock.speed.percent()}>
                                { speed.label() }
                            </option>
                        }
                    }) }
                </select>
            </label>
            <span class="clock" aria-live="off" title="Simulated time and steps">
                <strong class="clock-time">{ time_text(clock.time_ms) }</strong>
                <span class="clock-step">{ format!(" · step {}", clock.step) }</span>
                if clock.behind {
                    <span class="badge behind" title="This computer cannot simulate that fast: \
                        the clock runs slower than the chosen speed">{ "slower than asked" }</span>
                }
            </span>
            <form class="seed" onsubmit={on_reset}>
                <label>
                    { "Seed " }
                    <input ref={seed_ref} type="text" inputmode="numeric" size="8"
                        value={clock.seed.to_string()} aria-label="Seed"
                        aria-invalid={seed_error.is_some().to_string()} />
                </label>
                <button type="submit" class="reset"
                    title="Start the opening scenario again with this seed">{ "Reset" }</button>
                if let Some(error) = &*seed_error {
                    <span class="field-error" role="alert">{ error.clone() }</span>
                }
            </form>
            <button type="button" class="projector" onclick={on_projector}
                aria-pressed={props.projector.to_string()}
                title="Large type and high contrast, for a projector (p)">{ "Projector" }</button>
            <button type="button" class="share" onclick={on_share}
                aria-expanded={props.share_link.is_some().to_string()}>{ "Share" }</button>
            if let Some(link) = &props.share_link {
                <label class="share-link">
                    { "This moment, as a link: " }
                    <input type="text" readonly=true value={link.clone()}
                        onfocus={select_all} aria-label="Share link" />
                </label>
            }
        </div>
    }
}
