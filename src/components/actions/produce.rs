//! Having a producer send one record — key, value (or a tombstone), headers, and a partition if
//! the visitor wants to choose it rather than the partitioner — and removing a producer, with a
//! clean `close()` or as a crash.

use std::rc::Rc;

use yew::prelude::*;

use super::SectionProps;
use super::field::{Check, Picker, TextField, problems};
use super::form::{FormHandle, error, on_click, on_submit, setter, use_form};
use super::options::{self, selected};
use crate::components::use_dispatch;
use crate::model::forms::Facts;
use crate::model::forms::producers::{ProduceForm, RemoveClientForm};

/// The produce and remove-producer forms.
pub fn produce(facts: &Rc<Facts>) -> Html {
    html! {
        <>
            <SendRecord facts={facts.clone()} />
            <RemoveProducer facts={facts.clone()} />
        </>
    }
}

#[component]
fn SendRecord(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<ProduceForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let (form, errors) = (&h.form, &h.errors);
    let mut producers = options::clients(&props.facts, true);
    let producer = selected(&form.producer, &mut producers);
    let own = producer
        .parse()
        .ok()
        .and_then(|id| props.facts.client(id))
        .and_then(|c| c.topic.clone())
        .unwrap_or_default();
    let mut topics = vec![(AttrValue::from(""), AttrValue::from(format!("its own ({own})")))];
    topics.extend(options::topics(&props.facts));
    html! {
        <form class="action-form produce" {onsubmit} aria-labelledby="po-title">
            <h3 id="po-title">{ "Produce a record" }</h3>
            <div class="fields">
                <Picker id="po-producer" field="producer" label="Producer" options={producers}
                    selected={producer} error={error(errors, "producer")}
                    onchange={setter(&h, |f, v| f.producer = v)} />
                <Picker id="po-topic" field="topic" label="Topic" options={topics}
                    selected={form.topic.clone()} error={error(errors, "topic")}
                    onchange={setter(&h, |f, v| f.topic = v)} />
                <TextField id="po-key" field="key" label="Key" value={form.key.clone()}
                    placeholder="none (null)" oninput={setter(&h, |f, v| f.key = v)} />
                if !form.tombstone {
                    <TextField id="po-value" field="value" label="Value" value={form.value.clone()}
                        error={error(errors, "value")} oninput={setter(&h, |f, v| f.value = v)} />
                }
                <Check field="tombstone" label="Tombstone (a null value: deletes the key when compacted)"
                    checked={form.tombstone} onchange={setter(&h, |f, v| f.tombstone = v)} />
                <TextField id="po-headers" wide=true field="headers" label="Headers (name=value, one a line)"
                    multiline=true value={form.headers.clone()} placeholder="none"
                    error={error(errors, "headers")} oninput={setter(&h, |f, v| f.headers = v)} />
                <TextField id="po-partition" field="partition" label="Partition" numeric=true
                    value={form.partition.clone()} placeholder="the partitioner chooses"
                    error={error(errors, "partition")} oninput={setter(&h, |f, v| f.partition = v)} />
            </div>
            { problems(errors.len()) }
            <button type="submit" class="primary produce-submit">{ "Send" }</button>
        </form>
    }
}

#[component]
fn RemoveProducer(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<RemoveClientForm> = use_form();
    let remove = |crash: bool| {
        let facts = props.facts.clone();
        on_click(&h, &dispatch, move |f| f.action(&facts, true, crash))
    };
    let mut producers = options::clients(&props.facts, true);
    let chosen = selected(&h.form.client, &mut producers);
    html! {
        <form class="action-form remove-producer" aria-labelledby="rp-title"
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3 id="rp-title">{ "Remove a producer" }</h3>
            <div class="fields">
                <Picker id="rp-client" field="client" label="Producer" options={producers}
                    selected={chosen} error={error(&h.errors, "client")}
                    onchange={setter(&h, |f, v| f.client = v)} />
            </div>
            { problems(h.errors.len()) }
            <p class="hint">{ "Close here is close(Duration.ZERO): records still queued are dropped, not sent (Java's plain close() waits to send them). A crash sends nothing more either." }</p>
            <div class="buttons">
                <button type="button" class="close-producer" onclick={remove(false)}>{ "Close" }</button>
                <button type="button" class="danger crash-producer" onclick={remove(true)}>{ "Crash" }</button>
            </div>
        </form>
    }
}
