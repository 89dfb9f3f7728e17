//! One producer: its settings as Kafka names them, its counts, its records in flight, its newest
//! partition choices and the form that sends one record.

use yew::prelude::*;

use super::super::use_highlight;
use super::{ChoiceList, FlightLanes, ProduceOne};
use crate::hooks::{CALM_MS, Phase, use_calm};
use crate::model::chronicle::Touch;
use crate::model::snapshot::ProducerSnap;

/// Props of [`ProducerCard`].
#[derive(Properties, PartialEq)]
pub struct ProducerCardProps {
    /// The producer.
    pub producer: ProducerSnap,
    /// Whether the clock runs (the newest choices then refresh a few times a second).
    #[prop_or_default]
    pub playing: bool,
    /// Whether the newest choices start open.
    #[prop_or(true)]
    pub choices_open: bool,
}

fn setting(name: &'static str, value: String, title: &'static str) -> Html {
    html! {
        <li class="setting" {title}>
            <span class="setting-name">{ name }</span>
            <span class="setting-value">{ value }</span>
        </li>
    }
}

fn count(name: &'static str, class: &'static str, value: u64, title: &'static str) -> Html {
    html! {
        <div class={classes!("count", class)} {title}>
            <dt>{ name }</dt>
            <dd>{ value.to_string() }</dd>
        </div>
    }
}

/// A producer card.
#[component]
pub fn ProducerCard(props: &ProducerCardProps) -> Html {
    let highlight = use_highlight();
    let p = &props.producer;
    let choices = use_calm(&p.choices, props.playing, CALM_MS, Phase::CHOICES, |_| false);
    let touch = Touch::Client(p.id);
    let lit = highlight.has(&touch);
    let rate = if p.rate_per_sec == 0 {
        "only by hand".to_owned()
    } else {
        format!("{} records/s", p.rate_per_sec)
    };
    html! {
        <article class={classes!("producer", lit.then_some("highlighted"))}
            data-client={p.id.to_string()} data-touch={touch.key()}
            aria-label={format!("Producer {} (client {})", p.client_id, p.id)}>
            <h3>
                { p.client_id.clone() }
                <small>{ format!(" client {} → topic {}", p.id, p.topic) }</small>
            </h3>
            <ul class="settings" aria-label="Settings">
                { setting("partitioner", p.partitioner.clone(), "Whose partitioner this producer behaves like") }
                { setting("acks", p.acks.to_owned(), "How many replicas must have a record before it is acknowledged") }
                { setting("enable.idempotence", p.idempotent.to_string(), "Retries cannot write a record twice") }
                { setting("linger.ms", p.linger_ms.to_string(), "How long a batch waits for more records") }
                { setting("batch.size", p.batch_size.to_string(), "The most bytes in one batch") }
                { setting("rate", rate, "How often this producer sends a record by itself") }
                { setting("keys", p.keys.clone(), "Which keys its records carry") }
            </ul>
            <dl class="counts">
                { count("sent", "sent", p.records, "Records handed to the producer") }
                { count("acknowledged", "acknowledged", p.acknowledged, "Records the cluster confirmed") }
                { count("failed", "failed", p.failed, "Records that failed for good") }
                { count("in flight", "in-flight", p.in_flight, "Records batched or sent, not acknowledged yet") }
            </dl>
            <FlightLanes producer={p.clone()} />
            <ChoiceList {choices} open={props.choices_open} />
            <ProduceOne producer={p.clone()} />
        </article>
    }
}
