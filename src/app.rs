//! The root component: owns the reducer and lays out the page.

use yew::prelude::*;

use crate::components::{PartitionLog, ProduceButton, StatusLine};
use crate::playground::SEGMENT_BYTES;
use crate::state::{Action, State};

/// The playground page: a partition log of the real engine, and a button that produces to it.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let onproduce = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Produce))
    };
    html! {
        <main class="kplay">
            <header>
                <h1>{ "kplay" }</h1>
                <p class="tagline">
                    { "A Kafka partition log, running in your browser as WebAssembly. Each \
                       Produce appends one keyed record; the active segment rolls when the next \
                       record would take it past " }
                    <code>{ format!("segment.bytes={SEGMENT_BYTES}") }</code>{ "." }
                </p>
            </header>
            <ProduceButton {onproduce} next_key={state.next_key} />
            <StatusLine status={state.status.clone()} />
            <PartitionLog view={state.view.clone()} />
        </main>
    }
}
