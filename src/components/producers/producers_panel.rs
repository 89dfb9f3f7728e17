//! Every producer, one card each.

use std::rc::Rc;

use yew::prelude::*;

use super::ProducerCard;
use crate::model::snapshot::ProducerSnap;

/// The most producers whose newest choices start open; with more, each list opens on demand.
pub const CHOICES_OPEN_MAX: usize = 3;

/// Props of [`Producers`].
#[derive(Properties, PartialEq)]
pub struct ProducersProps {
    /// The producers.
    pub producers: Rc<Vec<ProducerSnap>>,
    /// Whether the clock runs (records fly only then).
    pub playing: bool,
}

/// The producers panel.
#[component]
pub fn Producers(props: &ProducersProps) -> Html {
    html! {
        <section class="producers" aria-label="Producers">
            <h2>
                { "Producers" }
                <small>{ " each record's partition: the key's hash, or the partitioner's rule for keyless records" }</small>
            </h2>
            if props.producers.is_empty() {
                <p class="empty">{ "No producer yet." }</p>
            }
            <div class={classes!("producer-cards", (!props.playing).then_some("paused"))}>
                { for props.producers.iter().map(|p| html! {
                    <ProducerCard key={p.id} producer={p.clone()} playing={props.playing}
                        choices_open={props.producers.len() <= CHOICES_OPEN_MAX} />
                }) }
            </div>
        </section>
    }
}
