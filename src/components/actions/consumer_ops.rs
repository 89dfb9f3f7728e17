//! What can be done to running consumers: pause or resume one, have it commit now, close it or
//! crash it; move its position on a partition; and reset a group's committed offsets, which
//! Kafka's tool allows only while the group has no active members.

use std::rc::Rc;

use yew::prelude::*;

use super::SectionProps;
use super::field::{Picker, TextField, problems};
use super::form::{FormHandle, error, on_click, on_submit, setter, use_form};
use super::options::{self, at, index_of, indexed, selected};
use crate::components::use_dispatch;
use crate::model::forms::Facts;
use crate::model::forms::consumer_ops::{ConsumerPick, ResetOffsetsForm, SeekForm, Target};
use crate::model::forms::producers::RemoveClientForm;

/// The forms for running consumers.
pub fn consumer_ops(facts: &Rc<Facts>) -> Html {
    html! {
        <>
            <ConsumerButtons facts={facts.clone()} />
            <Seek facts={facts.clone()} />
            <ResetOffsets facts={facts.clone()} />
        </>
    }
}

#[component]
fn ConsumerButtons(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<ConsumerPick> = use_form();
    let facts = props.facts.clone();
    let pause = on_click(&h, &dispatch, move |f| f.pause_or_resume(&facts));
    let facts = props.facts.clone();
    let commit = on_click(&h, &dispatch, move |f| f.commit(&facts));
    let remove = |crash: bool| {
        let facts = props.facts.clone();
        on_click(&h, &dispatch, move |f| {
            RemoveClientForm { client: f.consumer.clone() }.action(&facts, false, crash)
        })
    };
    let mut consumers = options::clients(&props.facts, false);
    let chosen = selected(&h.form.consumer, &mut consumers);
    let paused =
        chosen.parse().ok().and_then(|id| props.facts.client(id)).is_some_and(|c| c.paused);
    // Removing files its message under "client"; show it on the one picker.
    let message = error(&h.errors, "consumer").or_else(|| error(&h.errors, "client"));
    html! {
        <form class="action-form consumer-ops" aria-labelledby="cb-title"
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3 id="cb-title">{ "Pause, commit or remove a consumer" }</h3>
            <div class="fields">
                <Picker id="cb-consumer" field="consumer" label="Consumer" options={consumers}
                    selected={chosen} error={message} onchange={setter(&h, |f, v| f.consumer = v)} />
            </div>
            { problems(h.errors.len()) }
            <div class="buttons">
                <button type="button" class="pause-consumer" onclick={pause}
                    title="Its application stops (or starts again) calling poll()">
                    { if paused { "Resume" } else { "Pause" } }
                </button>
                <button type="button" class="commit-consumer" onclick={commit}>{ "Commit now" }</button>
                <button type="button" class="close-consumer" onclick={remove(false)}
                    title="close(): commits (with auto commit) and leaves the group at once; a static member (group.instance.id) does not leave, and keeps its partitions until session.timeout.ms">{ "Close" }</button>
                <button type="button" class="danger crash-consumer" onclick={remove(true)}
                    title="No LeaveGroup: the group notices after session.timeout.ms">{ "Crash" }</button>
            </div>
        </form>
    }
}

fn target_fields<T: Clone + 'static>(
    h: &FormHandle<T>,
    prefix: &str,
    to: Target,
    value: &str,
    set_to: fn(&mut T, String),
    set_value: fn(&mut T, String),
) -> Html {
    html! {
        <>
            <Picker id={format!("{prefix}-to")} wide=true field="target" label="To"
                options={indexed(&Target::ALL, |t| t.label().to_owned())}
                selected={index_of(&Target::ALL, &to)} onchange={setter(h, set_to)} />
            if to.needs_value() {
                <TextField id={format!("{prefix}-value")} field="to"
                    label={if to == Target::Offset { "Offset" } else { "Timestamp (ms)" }}
                    numeric=true value={value.to_owned()} error={error(&h.errors, "to")}
                    oninput={setter(h, set_value)} />
            }
        </>
    }
}

#[component]
fn Seek(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<SeekForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let (form, errors) = (&h.form, &h.errors);
    let mut consumers = options::clients(&props.facts, false);
    let consumer = selected(&form.consumer, &mut consumers);
    let mut partitions: options::Options = consumer
        .parse()
        .ok()
        .and_then(|id| props.facts.client(id))
        .map(|c| {
            c.partitions
                .iter()
                .map(|(t, p)| AttrValue::from(format!("{t}-{p}")))
                .map(|tp| (tp.clone(), tp))
                .collect()
        })
        .unwrap_or_default();
    let partition = selected(&form.partition, &mut partitions);
    html! {
        <form class="action-form seek" {onsubmit} aria-labelledby="sk-title">
            <h3 id="sk-title">{ "Seek a consumer" }</h3>
            <div class="fields">
                <Picker id="sk-consumer" field="consumer" label="Consumer" options={consumers}
                    selected={consumer} error={error(errors, "consumer")}
                    onchange={setter(&h, |f, v| { f.consumer = v; f.partition.clear(); })} />
                <Picker id="sk-partition" field="partition" label="Partition (one it owns)"
                    options={partitions} selected={partition} error={error(errors, "partition")}
                    onchange={setter(&h, |f, v| f.partition = v)} />
                { target_fields(&h, "sk", form.to, &form.value,
                    |f, v| if let Some(t) = at(&Target::ALL, &v) { f.to = t },
                    |f, v| f.value = v) }
            </div>
            { problems(errors.len()) }
            <button type="submit" class="seek-submit">{ "Seek" }</button>
        </form>
    }
}

#[component]
fn ResetOffsets(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<ResetOffsetsForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let (form, errors) = (&h.form, &h.errors);
    let mut topics = options::topics(&props.facts);
    let topic = selected(&form.topic, &mut topics);
    let first = props.facts.groups.first().map(|g| g.id.clone()).unwrap_or_default();
    let group =
        if form.group.trim().is_empty() { first.clone() } else { form.group.trim().to_owned() };
    let state = props.facts.groups.iter().find(|g| g.id == group).map(|g| {
        format!(
            "{} now, {} members; Kafka resets only a group with no active members",
            g.state, g.members
        )
    });
    html! {
        <form class="action-form reset-offsets" {onsubmit} aria-labelledby="ro-title">
            <h3 id="ro-title">{ "Reset a group's offsets" }</h3>
            <p class="hint"><code>{ "kafka-consumer-groups.sh --reset-offsets --execute" }</code></p>
            <datalist id="ro-groups">
                { for props.facts.groups.iter().map(|g| html! { <option value={g.id.clone()} /> }) }
            </datalist>
            <div class="fields">
                <TextField id="ro-group" field="group" label="--group" value={form.group.clone()}
                    placeholder={first} list="ro-groups" hint={state}
                    error={error(errors, "group")} oninput={setter(&h, |f, v| f.group = v)} />
                <Picker id="ro-topic" field="topic" label="--topic" options={topics} selected={topic}
                    error={error(errors, "topic")} onchange={setter(&h, |f, v| f.topic = v)} />
                { target_fields(&h, "ro", form.to, &form.value,
                    |f, v| if let Some(t) = at(&Target::ALL, &v) { f.to = t },
                    |f, v| f.value = v) }
            </div>
            { problems(errors.len()) }
            <button type="submit" class="reset-offsets-submit">{ "Reset offsets" }</button>
        </form>
    }
}
