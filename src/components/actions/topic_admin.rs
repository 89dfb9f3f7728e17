//! What can be done to a topic that exists: delete it, add partitions (`kafka-topics.sh
//! --alter --partitions`; Kafka never removes any), and set or reset one of its configs
//! (`kafka-configs.sh --alter --add-config` / `--delete-config`).

use std::rc::Rc;

use yew::prelude::*;

use super::SectionProps;
use super::field::{Picker, TextField, problems};
use super::form::{FormHandle, error, on_click, on_submit, setter, use_form};
use super::options::{self, selected};
use crate::components::use_dispatch;
use crate::model::forms::Facts;
use crate::model::forms::topics::{
    AddPartitionsForm, DeleteTopicForm, TopicConfigForm, choices, kafka_default,
};

/// Delete, grow and configure topics.
pub fn topic_admin(facts: &Rc<Facts>) -> Html {
    html! {
        <>
            <DeleteTopic facts={facts.clone()} />
            <AddPartitions facts={facts.clone()} />
            <TopicConfig facts={facts.clone()} />
        </>
    }
}

#[component]
fn DeleteTopic(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<DeleteTopicForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let mut topics = options::topics(&props.facts);
    let chosen = selected(&h.form.topic, &mut topics);
    html! {
        <form class="action-form delete-topic" {onsubmit} aria-labelledby="dt-title">
            <h3 id="dt-title">{ "Delete a topic" }</h3>
            <div class="fields">
                <Picker id="dt-topic" field="topic" label="Topic" options={topics} selected={chosen}
                    error={error(&h.errors, "topic")} onchange={setter(&h, |f, v| f.topic = v)} />
            </div>
            { problems(h.errors.len()) }
            <button type="submit" class="danger delete-topic-submit">{ "Delete topic" }</button>
        </form>
    }
}

#[component]
fn AddPartitions(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<AddPartitionsForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let mut topics = options::topics(&props.facts);
    let chosen = selected(&h.form.topic, &mut topics);
    let now = props.facts.topic(&chosen).map(|t| t.partitions);
    html! {
        <form class="action-form add-partitions" {onsubmit} aria-labelledby="ap-title">
            <h3 id="ap-title">{ "Add partitions" }</h3>
            <div class="fields">
                <Picker id="ap-topic" field="topic" label="Topic" options={topics} selected={chosen}
                    error={error(&h.errors, "topic")} onchange={setter(&h, |f, v| f.topic = v)} />
                <TextField id="ap-count" field="count" label="New partition count" numeric=true
                    value={h.form.count.clone()}
                    placeholder={now.map(|n| AttrValue::from((n + 1).to_string()))}
                    hint={now.map(|n| AttrValue::from(format!("it has {n}; keyed records may move to other partitions")))}
                    error={error(&h.errors, "count")} oninput={setter(&h, |f, v| f.count = v)} />
            </div>
            { problems(h.errors.len()) }
            <button type="submit" class="add-partitions-submit">{ "Add partitions" }</button>
        </form>
    }
}

#[component]
fn TopicConfig(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<TopicConfigForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.set(&facts).map(|a| vec![a]));
    let facts = props.facts.clone();
    let on_reset = on_click(&h, &dispatch, move |f| f.reset(&facts));
    let (form, errors) = (&h.form, &h.errors);
    let mut topics = options::topics(&props.facts);
    let chosen = selected(&form.topic, &mut topics);
    let name = form.name.clone();
    let current = props
        .facts
        .topic(&chosen)
        .and_then(|t| t.overrides.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()));
    let default = kafka_default(&name);
    let now = match &current {
        Some(v) => format!("now {v} (set on the topic; Kafka's default is {default})"),
        None => format!("now Kafka's default, {default}"),
    };
    let value_field = match choices(&name) {
        Some(values) => {
            // Choosing such a config sets its first value, so what shows is what is sent.
            let options: options::Options =
                values.iter().map(|v| (AttrValue::from(*v), AttrValue::from(*v))).collect();
            html! {
                <Picker id="tc-value" field="value" label="Value" {options}
                    selected={AttrValue::from(form.value.clone())} hint={now}
                    error={error(errors, "value")} onchange={setter(&h, |f, v| f.value = v)} />
            }
        }
        None => html! {
            <TextField id="tc-value" field="value" label="Value" value={form.value.clone()}
                placeholder={default} hint={now} error={error(errors, "value")}
                oninput={setter(&h, |f, v| f.value = v)} />
        },
    };
    html! {
        <form class="action-form topic-config" {onsubmit} aria-labelledby="tc-title">
            <h3 id="tc-title">{ "Change a topic config" }</h3>
            <div class="fields">
                <Picker id="tc-topic" field="topic" label="Topic" options={topics} selected={chosen}
                    error={error(errors, "topic")} onchange={setter(&h, |f, v| f.topic = v)} />
                <Picker id="tc-config" field="config" label="Config" options={options::configs()}
                    selected={AttrValue::from(name.clone())} error={error(errors, "config")}
                    onchange={setter(&h, |f, v: String| {
                        f.value = choices(&v).map_or(String::new(), |c| c[0].to_owned());
                        f.name = v;
                    })} />
                { value_field }
            </div>
            { problems(errors.len()) }
            <div class="buttons">
                <button type="submit" class="set-config">{ "Set" }</button>
                <button type="button" class="reset-config" onclick={on_reset}>{ "Reset to default" }</button>
            </div>
        </form>
    }
}
