//! Brokers: add one (`node.id`, `broker.rack`), stop one cleanly or crash it, start it again,
//! and stop or crash whichever broker leads a chosen partition right now.

use std::rc::Rc;

use yew::prelude::*;

use super::SectionProps;
use super::field::{Picker, TextField, problems};
use super::form::{FormHandle, error, on_click, on_submit, setter, use_form};
use super::options::{self, selected};
use crate::components::use_dispatch;
use crate::model::forms::Facts;
use crate::model::forms::brokers::{AddBrokerForm, BrokerForm, BrokerOp, StopLeaderForm};

/// The broker forms.
pub fn brokers(facts: &Rc<Facts>) -> Html {
    html! {
        <>
            <AddBroker facts={facts.clone()} />
            <BrokerOps facts={facts.clone()} />
            <StopLeader facts={facts.clone()} />
        </>
    }
}

#[component]
fn AddBroker(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<AddBrokerForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let next = props.facts.next_broker().to_string();
    html! {
        <form class="action-form add-broker" {onsubmit} aria-labelledby="ab-title">
            <h3 id="ab-title">{ "Add a broker" }</h3>
            <div class="fields">
                <TextField id="ab-id" field="node.id" label="node.id" numeric=true
                    value={h.form.id.clone()} placeholder={next.clone()}
                    hint={format!("blank: {next}, the next free id")}
                    error={error(&h.errors, "node.id")} oninput={setter(&h, |f, v| f.id = v)} />
                <TextField id="ab-rack" field="broker.rack" label="broker.rack" value={h.form.rack.clone()}
                    placeholder="none" oninput={setter(&h, |f, v| f.rack = v)} />
            </div>
            { problems(h.errors.len()) }
            <button type="submit" class="add-broker-submit">{ "Add broker" }</button>
        </form>
    }
}

#[component]
fn BrokerOps(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<BrokerForm> = use_form();
    let op = |op: BrokerOp| {
        let facts = props.facts.clone();
        on_click(&h, &dispatch, move |f| f.action(&facts, op))
    };
    let mut brokers = options::brokers(&props.facts);
    let chosen = selected(&h.form.broker, &mut brokers);
    let running = chosen.parse().ok().and_then(|id| props.facts.broker(id)).map(|b| b.running);
    html! {
        <form class="action-form broker-ops" aria-labelledby="bo-title"
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3 id="bo-title">{ "Stop, crash or start a broker" }</h3>
            <div class="fields">
                <Picker id="bo-broker" field="broker" label="Broker" options={brokers} selected={chosen}
                    error={error(&h.errors, "broker")} onchange={setter(&h, |f, v| f.broker = v)} />
            </div>
            { problems(h.errors.len()) }
            <div class="buttons">
                <button type="button" class="stop-broker" onclick={op(BrokerOp::Stop)}
                    disabled={running == Some(false)}
                    title="A controlled shutdown: its partitions get new leaders first">{ "Stop cleanly" }</button>
                <button type="button" class="danger crash-broker" onclick={op(BrokerOp::Crash)}
                    disabled={running == Some(false)}
                    title="No controlled shutdown: the controller notices after broker.session.timeout.ms">{ "Crash" }</button>
                <button type="button" class="start-broker" onclick={op(BrokerOp::Start)}
                    disabled={running == Some(true)}>{ "Start" }</button>
            </div>
        </form>
    }
}

#[component]
fn StopLeader(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<StopLeaderForm> = use_form();
    let stop = |crash: bool| {
        let facts = props.facts.clone();
        on_click(&h, &dispatch, move |f| f.action(&facts, crash))
    };
    let (form, errors) = (&h.form, &h.errors);
    let mut topics = options::topics(&props.facts);
    let chosen = selected(&form.topic, &mut topics);
    let partition: usize = form.partition.trim().parse().unwrap_or(0);
    let leader = props.facts.topic(&chosen).and_then(|t| t.leaders.get(partition).copied());
    let hint = match leader {
        Some(Some(b)) => format!("led by broker {b} now"),
        Some(None) => "no leader now".to_owned(),
        None => String::new(),
    };
    html! {
        <form class="action-form stop-leader" aria-labelledby="sl-title"
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3 id="sl-title">{ "Stop a partition's leader" }</h3>
            <div class="fields">
                <Picker id="sl-topic" field="topic" label="Topic" options={topics} selected={chosen}
                    error={error(errors, "topic")} onchange={setter(&h, |f, v| f.topic = v)} />
                <TextField id="sl-partition" field="partition" label="Partition" numeric=true
                    value={form.partition.clone()} placeholder="0"
                    hint={(!hint.is_empty()).then(|| AttrValue::from(hint))}
                    error={error(errors, "partition")} oninput={setter(&h, |f, v| f.partition = v)} />
            </div>
            { problems(errors.len()) }
            <div class="buttons">
                <button type="button" class="stop-leader-clean" onclick={stop(false)}>{ "Stop its leader cleanly" }</button>
                <button type="button" class="danger crash-leader" onclick={stop(true)}>{ "Crash its leader" }</button>
            </div>
        </form>
    }
}
