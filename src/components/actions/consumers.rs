//! Adding consumers: one, or a whole group of N at once, that `subscribe` in a group
//! (`group.id`, topics, `partition.assignment.strategy`, `group.instance.id`), or a standalone
//! consumer that `assign`s itself partitions; how they commit, where they start
//! (`auto.offset.reset`), how long their application takes per record — and, folded away, the
//! group protocol's timeouts with the Java client's defaults.

use std::rc::Rc;

use kplay_sim::action::OffsetReset;
use yew::prelude::*;

use super::SectionProps;
use super::field::{Check, Picker, TextField, problems};
use super::form::{FormHandle, FormState, error, on_submit, setter, use_form};
use super::options::{self, at, index_of, indexed, selected};
use crate::components::use_dispatch;
use crate::model::forms::consumers::{
    Commit, ConsumerForm, JAVA_DEFAULT_ASSIGNORS, SUGGESTED_ASSIGNORS,
};

const RESETS: [OffsetReset; 3] = [OffsetReset::Latest, OffsetReset::Earliest, OffsetReset::None];

fn reset_label(r: OffsetReset) -> String {
    match r {
        OffsetReset::Latest => "latest (only new records)".into(),
        OffsetReset::Earliest => "earliest (from the log start)".into(),
        OffsetReset::None => "none (no committed offset is an error)".into(),
    }
}

const MODES: [bool; 2] = [false, true];

fn mode_label(standalone: bool) -> String {
    if standalone {
        "assign(partitions): standalone".into()
    } else {
        "subscribe(topics) in a group".into()
    }
}

/// The fields folded under "Group protocol timeouts".
const FOLDED: [&str; 4] =
    ["session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms", "max.poll.records"];

/// The add-consumers form.
#[component]
pub fn AddConsumers(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<ConsumerForm> = use_form();
    let more = use_state(|| false);
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.actions(&facts));
    let (form, errors) = (&h.form, &h.errors);
    let next = props.facts.next_client();
    let number = form.id.trim().parse().unwrap_or(next);
    let show_more = *more || FOLDED.iter().any(|f| errors.get(f).is_some());
    let toggle = {
        let more = more.clone();
        Callback::from(move |_: MouseEvent| more.set(!*more))
    };
    let group_hint = (!props.facts.groups.is_empty()).then(|| {
        let groups: Vec<&str> = props.facts.groups.iter().map(|g| g.id.as_str()).collect();
        AttrValue::from(format!("groups now: {}", groups.join(", ")))
    });
    html! {
        <form class="action-form add-consumers" {onsubmit} aria-labelledby="co-title">
            <h3 id="co-title">{ "Add consumers" }</h3>
            <datalist id="co-groups">
                { for props.facts.groups.iter().map(|g| html! { <option value={g.id.clone()} /> }) }
            </datalist>
            <datalist id="co-assignor-lists">
                { for SUGGESTED_ASSIGNORS.iter().map(|a| html! { <option value={*a} /> }) }
            </datalist>
            <div class="fields">
                <Picker id="co-mode" wide=true field="mode" label="How it gets partitions"
                    options={indexed(&MODES, mode_label)} selected={index_of(&MODES, &form.standalone)}
                    onchange={setter(&h, |f, v: String| if let Some(m) = at(&MODES, &v) { f.standalone = m })} />
                if !form.standalone {
                    <TextField id="co-count" field="count" label="How many" numeric=true
                        value={form.count.clone()} placeholder="1" hint="several: a group at once"
                        error={error(errors, "count")} oninput={setter(&h, |f, v| f.count = v)} />
                }
                <TextField id="co-id" field="client" label="Client number" numeric=true
                    value={form.id.clone()} placeholder={next.to_string()}
                    hint="several take the numbers that follow"
                    error={error(errors, "client")} oninput={setter(&h, |f, v| f.id = v)} />
                <TextField id="co-client-id" field="client.id" label="client.id"
                    value={form.client_id.clone()} placeholder={format!("consumer-{number}")}
                    oninput={setter(&h, |f, v| f.client_id = v)} />
                <TextField id="co-group" field="group.id" label="group.id" value={form.group_id.clone()}
                    list="co-groups"
                    placeholder={if form.standalone { "none: no commits" } else { "required" }}
                    hint={group_hint} error={error(errors, "group.id")}
                    oninput={setter(&h, |f, v| f.group_id = v)} />
            </div>
            if form.standalone { { assignment(&h, props) } } else { { subscription(&h, props) } }
            <div class="fields">
                <Picker id="co-commit" wide=true field="commit" label="Commits"
                    options={indexed(&Commit::ALL, |c| c.label().to_owned())}
                    selected={index_of(&Commit::ALL, &form.commit)} error={error(errors, "commit")}
                    onchange={setter(&h, |f, v: String| if let Some(c) = at(&Commit::ALL, &v) { f.commit = c })} />
                if matches!(form.commit, Commit::Auto | Commit::Default) {
                    <TextField id="co-interval" field="auto.commit.interval.ms" label="auto.commit.interval.ms"
                        numeric=true value={form.auto_commit_interval_ms.clone()} placeholder="5000"
                        error={error(errors, "auto.commit.interval.ms")}
                        oninput={setter(&h, |f, v| f.auto_commit_interval_ms = v)} />
                }
                <Picker id="co-reset" wide=true field="auto.offset.reset" label="auto.offset.reset"
                    options={indexed(&RESETS, reset_label)} selected={index_of(&RESETS, &form.auto_offset_reset)}
                    onchange={setter(&h, |f, v: String| if let Some(r) = at(&RESETS, &v) { f.auto_offset_reset = r })} />
                <TextField id="co-processing" field="processing.ms" label="Processing time per record (ms)"
                    numeric=true value={form.processing_ms.clone()} placeholder="0"
                    error={error(errors, "processing.ms")} oninput={setter(&h, |f, v| f.processing_ms = v)} />
            </div>
            <button type="button" class="more-toggle" aria-expanded={show_more.to_string()}
                aria-controls="co-more" onclick={toggle}>
                { if show_more { "▾ Group protocol timeouts" } else { "▸ Group protocol timeouts" } }
            </button>
            if show_more { { timeouts(&h) } }
            { problems(errors.len()) }
            <button type="submit" class="primary add-consumers-submit">
                { if form.standalone { "Add consumer" } else { "Add consumers" } }
            </button>
        </form>
    }
}

fn subscription(h: &FormHandle<ConsumerForm>, props: &SectionProps) -> Html {
    let (form, errors) = (&h.form, &h.errors);
    html! {
        <div class="fields">
            <fieldset class="topic-set" aria-describedby="co-topics-error">
                <legend>{ "subscribe to" }</legend>
                { for props.facts.topics.iter().map(|t| {
                    let name = t.name.clone();
                    let handle = h.clone();
                    let onchange = Callback::from(move |on: bool| {
                        let name = name.clone();
                        handle.dispatch(Rc::new(move |s: &mut FormState<ConsumerForm>| {
                            if on { s.form.topics.insert(name.clone()); } else { s.form.topics.remove(&name); }
                        }));
                    });
                    html! {
                        <Check field={t.name.clone()} label={t.name.clone()}
                            checked={form.topics.contains(&t.name)} {onchange} />
                    }
                }) }
                if props.facts.topics.is_empty() { <span class="hint">{ "no topic yet" }</span> }
            </fieldset>
            if let Some(message) = errors.get("topics") {
                <span class="field-error" id="co-topics-error">{ message.to_owned() }</span>
            }
            <TextField id="co-assignors" wide=true field="partition.assignment.strategy"
                label="partition.assignment.strategy" value={form.assignors.clone()}
                placeholder={JAVA_DEFAULT_ASSIGNORS} list="co-assignor-lists"
                hint="most preferred first; the group uses the first all members offer"
                error={error(errors, "partition.assignment.strategy")}
                oninput={setter(h, |f, v| f.assignors = v)} />
            <TextField id="co-instance" field="group.instance.id" label="group.instance.id"
                value={form.group_instance_id.clone()} placeholder="none: a dynamic member"
                hint="static membership; several get -1, -2, … appended"
                oninput={setter(h, |f, v| f.group_instance_id = v)} />
        </div>
    }
}

fn assignment(h: &FormHandle<ConsumerForm>, props: &SectionProps) -> Html {
    let (form, errors) = (&h.form, &h.errors);
    let mut topics = options::topics(&props.facts);
    let topic = selected(&form.assign_topic, &mut topics);
    html! {
        <div class="fields">
            <Picker id="co-assign-topic" field="assign.topic" label="assign: topic" options={topics}
                selected={topic} error={error(errors, "assign.topic")}
                onchange={setter(h, |f, v| f.assign_topic = v)} />
            <TextField id="co-assign-partitions" field="assign.partitions" label="Partitions"
                value={form.assign_partitions.clone()} placeholder="all, or e.g. 0, 2"
                error={error(errors, "assign.partitions")}
                oninput={setter(h, |f, v| f.assign_partitions = v)} />
        </div>
    }
}

fn timeouts(h: &FormHandle<ConsumerForm>) -> Html {
    let (form, errors) = (&h.form, &h.errors);
    html! {
        <div id="co-more" class="fields">
            <TextField id="co-session" field="session.timeout.ms" label="session.timeout.ms" numeric=true
                value={form.session_timeout_ms.clone()} placeholder="45000"
                hint="the broker accepts 6000 to 1800000"
                error={error(errors, "session.timeout.ms")} oninput={setter(h, |f, v| f.session_timeout_ms = v)} />
            <TextField id="co-heartbeat" field="heartbeat.interval.ms" label="heartbeat.interval.ms"
                numeric=true value={form.heartbeat_interval_ms.clone()} placeholder="3000"
                error={error(errors, "heartbeat.interval.ms")}
                oninput={setter(h, |f, v| f.heartbeat_interval_ms = v)} />
            <TextField id="co-poll-interval" field="max.poll.interval.ms" label="max.poll.interval.ms"
                numeric=true value={form.max_poll_interval_ms.clone()} placeholder="300000"
                error={error(errors, "max.poll.interval.ms")}
                oninput={setter(h, |f, v| f.max_poll_interval_ms = v)} />
            <TextField id="co-poll-records" field="max.poll.records" label="max.poll.records" numeric=true
                value={form.max_poll_records.clone()} placeholder="500"
                error={error(errors, "max.poll.records")} oninput={setter(h, |f, v| f.max_poll_records = v)} />
        </div>
    }
}
