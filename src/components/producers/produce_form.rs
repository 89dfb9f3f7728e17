//! "Produce one record": a key, a value (or a tombstone) and an optional partition, sent by one
//! producer. What is typed stays until it is changed; a mistake gets a message saying what to
//! fix, and nothing is sent.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::use_dispatch;
use crate::model::forms::producers::ProduceForm;
use crate::model::snapshot::ProducerSnap;
use crate::state::Msg;

/// Props of [`ProduceOne`].
#[derive(Properties, PartialEq)]
pub struct ProduceOneProps {
    /// The producer that sends.
    pub producer: ProducerSnap,
}

/// The form.
#[component]
pub fn ProduceOne(props: &ProduceOneProps) -> Html {
    let dispatch = use_dispatch();
    let form = use_state(ProduceForm::default);
    let error = use_state(|| None::<String>);
    let p = &props.producer;

    let edit = |set: fn(&mut ProduceForm, &HtmlInputElement)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            set(&mut next, &input);
            form.set(next);
        })
    };
    let on_key = edit(|f, i| f.key = i.value());
    let on_value = edit(|f, i| f.value = i.value());
    let on_partition = edit(|f, i| f.partition = i.value());
    let on_tombstone = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            form.set(ProduceForm { tombstone: input.checked(), ..(*form).clone() });
        })
    };
    let on_submit = {
        let form = form.clone();
        let error = error.clone();
        let producer = p.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.action_of(&producer) {
                Ok(action) => {
                    error.set(None);
                    dispatch.send(Msg::Apply(action));
                }
                Err(why) => error.set(Some(why)),
            }
        })
    };
    let error_id = format!("produce-error-{}", p.id);
    let max = (p.partitions > 0).then(|| (p.partitions - 1).to_string());
    html! {
        <form class="produce-one" onsubmit={on_submit}
            aria-label={format!("Produce one record with {}", p.client_id)}>
            <span class="produce-title">{ "Produce one record" }</span>
            <label>
                { "key " }
                <input type="text" class="produce-key" size="8" value={form.key.clone()}
                    oninput={on_key} placeholder="none" />
            </label>
            <label>
                { "value " }
                <input type="text" class="produce-value" size="10" value={form.value.clone()}
                    oninput={on_value} disabled={form.tombstone} />
            </label>
            <label title="A null value: on a compacted topic it deletes the key">
                <input type="checkbox" class="produce-tombstone" checked={form.tombstone}
                    onchange={on_tombstone} />
                { " tombstone" }
            </label>
            <label>
                { "partition " }
                <input type="text" inputmode="numeric" class="produce-partition" size="3"
                    value={form.partition.clone()} oninput={on_partition}
                    placeholder={max.map_or_else(|| "auto".to_owned(), |m| format!("0–{m}"))}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| error_id.clone())} />
            </label>
            <button type="submit" class="produce-send">{ "Send" }</button>
            if let Some(why) = &*error {
                <p class="field-error" id={error_id} role="alert">{ why.clone() }</p>
            }
        </form>
    }
}
