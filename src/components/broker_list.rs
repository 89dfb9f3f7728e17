//! The cluster's brokers, side by side.

use kplay_core::BrokerId;
use yew::prelude::*;

use super::BrokerCard;
use crate::driver::BrokerView;

/// Props of [`BrokerList`].
#[derive(Properties, PartialEq)]
pub struct BrokerListProps {
    /// The brokers, by id.
    pub brokers: Vec<BrokerView>,
    /// Stops a broker.
    pub on_stop: Callback<BrokerId>,
    /// Starts a broker.
    pub on_start: Callback<BrokerId>,
}

/// A "Brokers" section with one card per broker.
#[component]
pub fn BrokerList(props: &BrokerListProps) -> Html {
    html! {
        <section class="brokers-section" aria-label="Brokers">
            <h2>{ "Brokers" }</h2>
            <ul class="brokers">
                { for props.brokers.iter().map(|b| html! {
                    <BrokerCard key={b.id.0} broker={b.clone()}
                        on_stop={props.on_stop.clone()} on_start={props.on_start.clone()} />
                }) }
            </ul>
        </section>
    }
}
