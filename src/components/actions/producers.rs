//! Adding a producer: its number and `client.id`, its topic, whose partitioner it behaves like,
//! `acks`, how fast it writes and with which keys — and, folded away, the rest of the Java
//! client's settings (`enable.idempotence`, `linger.ms`, `batch.size`, …) with their defaults.

use kplay_sim::action::AcksSpec;
use kplay_sim::partitioner::PartitionerKind;
use yew::prelude::*;

use super::SectionProps;
use super::field::{Picker, TextField, problems};
use super::form::{FormHandle, error, on_submit, setter, use_form};
use super::options::{self, at, index_of, indexed, selected};
use crate::components::use_dispatch;
use crate::model::forms::producers::{Idempotence, Keys, ProducerForm};

const ACKS: [AcksSpec; 3] = [AcksSpec::None, AcksSpec::Leader, AcksSpec::All];
const IDEMPOTENCE: [Idempotence; 3] = [Idempotence::Default, Idempotence::True, Idempotence::False];

fn acks_label(a: AcksSpec) -> String {
    match a {
        AcksSpec::None => "0 (no answer awaited)".into(),
        AcksSpec::Leader => "1 (the leader has it)".into(),
        AcksSpec::All => "all (every in-sync replica has it)".into(),
    }
}

fn idempotence_label(i: Idempotence) -> String {
    match i {
        Idempotence::Default => "default (true unless acks, retries or in-flight conflict)".into(),
        Idempotence::True => "true".into(),
        Idempotence::False => "false".into(),
    }
}

/// Fields that only matter for some key choices, and the rest folded under "More settings".
const FOLDED: [&str; 6] =
    ["enable.idempotence", "linger.ms", "batch.size", "max.in.flight", "retries", "value.bytes"];

/// The add-producer form.
#[component]
pub fn AddProducer(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<ProducerForm> = use_form();
    let more = use_state(|| false);
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let (form, errors) = (&h.form, &h.errors);
    let next = props.facts.next_client();
    let number = form.id.trim().parse().unwrap_or(next);
    let mut topics = options::topics(&props.facts);
    let topic = selected(&form.topic, &mut topics);
    let show_more = *more || FOLDED.iter().any(|f| errors.get(f).is_some());
    let toggle = {
        let more = more.clone();
        Callback::from(move |_: MouseEvent| more.set(!*more))
    };
    let key_fields = match form.keys {
        Keys::None => html! {},
        Keys::Uniform | Keys::Sequence => html! {
            <TextField id="pr-keys" field="keys" label="How many keys" numeric=true
                value={form.key_count.clone()} placeholder="6" error={error(errors, "keys")}
                oninput={setter(&h, |f, v| f.key_count = v)} />
        },
        Keys::HotKeys => html! {
            <>
                <TextField id="pr-keys" field="keys" label="How many keys" numeric=true
                    value={form.key_count.clone()} placeholder="6" error={error(errors, "keys")}
                    oninput={setter(&h, |f, v| f.key_count = v)} />
                <TextField id="pr-hot" field="hot.keys" label="Hot keys" numeric=true
                    value={form.hot_keys.clone()} placeholder="1" error={error(errors, "hot.keys")}
                    oninput={setter(&h, |f, v| f.hot_keys = v)} />
                <TextField id="pr-hot-share" field="hot.percent" label="Share for hot keys (%)"
                    numeric=true value={form.hot_percent.clone()} placeholder="80"
                    error={error(errors, "hot.percent")} oninput={setter(&h, |f, v| f.hot_percent = v)} />
            </>
        },
    };
    html! {
        <form class="action-form add-producer" {onsubmit} aria-labelledby="pr-title">
            <h3 id="pr-title">{ "Add a producer" }</h3>
            <div class="fields">
                <TextField id="pr-id" field="client" label="Client number" numeric=true
                    value={form.id.clone()} placeholder={next.to_string()}
                    error={error(errors, "client")} oninput={setter(&h, |f, v| f.id = v)} />
                <TextField id="pr-client-id" field="client.id" label="client.id"
                    value={form.client_id.clone()} placeholder={format!("producer-{number}")}
                    oninput={setter(&h, |f, v| f.client_id = v)} />
                <Picker id="pr-topic" field="topic" label="Topic" options={topics} selected={topic}
                    error={error(errors, "topic")} onchange={setter(&h, |f, v| f.topic = v)} />
                <Picker id="pr-partitioner" wide=true field="partitioner" label="Partitioner (whose client)"
                    options={indexed(&PartitionerKind::ALL, |k| k.label().to_owned())}
                    selected={index_of(&PartitionerKind::ALL, &form.partitioner)}
                    onchange={setter(&h, |f, v: String| {
                        if let Some(k) = at(&PartitionerKind::ALL, &v) { f.partitioner = k }
                    })} />
                <Picker id="pr-acks" wide=true field="acks" label="acks" options={indexed(&ACKS, acks_label)}
                    selected={index_of(&ACKS, &form.acks)}
                    onchange={setter(&h, |f, v: String| if let Some(a) = at(&ACKS, &v) { f.acks = a })} />
                <TextField id="pr-rate" field="rate" label="Records per second" numeric=true
                    value={form.rate.clone()} placeholder="0" hint="0: only the records you send"
                    error={error(errors, "rate")} oninput={setter(&h, |f, v| f.rate = v)} />
                <Picker id="pr-key-kind" wide=true field="key.distribution" label="Keys"
                    options={indexed(&Keys::ALL, |k| k.label().to_owned())}
                    selected={index_of(&Keys::ALL, &form.keys)}
                    onchange={setter(&h, |f, v: String| if let Some(k) = at(&Keys::ALL, &v) { f.keys = k })} />
                { key_fields }
            </div>
            <button type="button" class="more-toggle" aria-expanded={show_more.to_string()}
                aria-controls="pr-more" onclick={toggle}>
                { if show_more { "▾ More settings" } else { "▸ More settings" } }
            </button>
            if show_more {
                <div id="pr-more" class="fields">
                    <Picker id="pr-idempotence" wide=true field="enable.idempotence" label="enable.idempotence"
                        options={indexed(&IDEMPOTENCE, idempotence_label)}
                        selected={index_of(&IDEMPOTENCE, &form.idempotence)}
                        error={error(errors, "enable.idempotence")}
                        onchange={setter(&h, |f, v: String| if let Some(i) = at(&IDEMPOTENCE, &v) { f.idempotence = i })} />
                    <TextField id="pr-linger" field="linger.ms" label="linger.ms" numeric=true
                        value={form.linger_ms.clone()} placeholder="5" error={error(errors, "linger.ms")}
                        oninput={setter(&h, |f, v| f.linger_ms = v)} />
                    <TextField id="pr-batch" field="batch.size" label="batch.size (bytes)" numeric=true
                        value={form.batch_size.clone()} placeholder="16384" error={error(errors, "batch.size")}
                        oninput={setter(&h, |f, v| f.batch_size = v)} />
                    <TextField id="pr-in-flight" field="max.in.flight" numeric=true
                        label="max.in.flight.requests.per.connection" value={form.max_in_flight.clone()}
                        placeholder="5" error={error(errors, "max.in.flight")}
                        oninput={setter(&h, |f, v| f.max_in_flight = v)} />
                    <TextField id="pr-retries" field="retries" label="retries" numeric=true
                        value={form.retries.clone()} placeholder="2147483647" error={error(errors, "retries")}
                        oninput={setter(&h, |f, v| f.retries = v)} />
                    <TextField id="pr-value-bytes" field="value.bytes" label="Value size (bytes)" numeric=true
                        value={form.value_bytes.clone()} placeholder="100" error={error(errors, "value.bytes")}
                        oninput={setter(&h, |f, v| f.value_bytes = v)} />
                </div>
            }
            { problems(errors.len()) }
            <button type="submit" class="primary add-producer-submit">{ "Add producer" }</button>
        </form>
    }
}
