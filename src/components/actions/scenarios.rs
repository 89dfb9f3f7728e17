//! Whole scenarios to load: the opening one, and the classic situations of
//! `kplay_sim::presets` — each with what it shows — played from their start with the current
//! seed. Loading one replaces what is on the page (a share link keeps the old one).

use kplay_sim::presets::PRESETS;
use yew::prelude::*;

use crate::components::use_dispatch;
use crate::state::Msg;

/// Props of [`Scenarios`].
#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    /// The seed they load with.
    pub seed: u64,
}

/// The scenario picker.
#[component]
pub fn Scenarios(props: &ScenariosProps) -> Html {
    let dispatch = use_dispatch();
    let seed = props.seed;
    let opening = dispatch.to(move |_: MouseEvent| Msg::Reset(seed));
    html! {
        <div class="scenarios">
            <p class="hint">{ format!("Each starts from its beginning with seed {seed}, replacing what is shown now; copy the share link first to keep it.") }</p>
            <ul class="scenario-list">
                <li class="scenario" data-preset="opening">
                    <h3>{ "The opening scenario" }</h3>
                    <p>{ "Three brokers, a topic orders of three partitions replicated three times, one producer sending keyed records and a group of two consumers." }</p>
                    <button type="button" class="load-scenario" onclick={opening}
                        aria-label="Load the opening scenario">{ "Load" }</button>
                </li>
                { for PRESETS.iter().map(|p| {
                    let name = p.name;
                    let load = dispatch.to(move |_: MouseEvent| Msg::LoadPreset(name.to_owned()));
                    html! {
                        <li class="scenario" data-preset={name}>
                            <h3>{ p.title }</h3>
                            <p>{ p.explains }</p>
                            <button type="button" class="load-scenario" onclick={load}
                                aria-label={format!("Load “{}”", p.title)}>{ "Load" }</button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
