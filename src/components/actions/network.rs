//! The network: cut a set of brokers and clients off from all the others (a network partition:
//! what crosses it is lost, and the connections with it), cut or restore one link between two
//! nodes, heal everything, set how one link behaves, and slow a node down.

use std::rc::Rc;

use kplay_sim::Action;
use yew::prelude::*;

use super::field::{Check, Picker, TextField, problems};
use super::form::{FormHandle, FormState, error, on_click, on_submit, setter, use_form};
use super::options::{self, selected};
use crate::components::use_dispatch;
use crate::model::forms::Facts;
use crate::model::forms::facts::node_key;
use crate::model::forms::network::{CutLinkForm, IsolateForm, LinkForm, SlowNodeForm};
use crate::state::Msg;

/// Props of [`network`] and its forms.
#[derive(Properties, PartialEq)]
pub struct NetworkProps {
    /// What the forms check against.
    pub facts: Rc<Facts>,
    /// The nodes cut off now, group by group.
    pub isolated: Vec<Vec<String>>,
    /// The single links cut now.
    #[prop_or_default]
    pub cut_links: Vec<(String, String)>,
}

/// The network forms.
pub fn network(props: &NetworkProps) -> Html {
    html! {
        <>
            <Isolate facts={props.facts.clone()} isolated={props.isolated.clone()} />
            <CutLink facts={props.facts.clone()} isolated={Vec::new()} cut_links={props.cut_links.clone()} />
            <Link facts={props.facts.clone()} />
            <SlowNode facts={props.facts.clone()} />
        </>
    }
}

#[component]
fn Isolate(props: &NetworkProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<IsolateForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let heal = dispatch.to(|_: MouseEvent| Msg::Apply(Action::Heal));
    let nodes = props.facts.nodes();
    html! {
        <form class="action-form isolate" {onsubmit} aria-labelledby="is-title">
            <h3 id="is-title">{ "Partition the network" }</h3>
            <fieldset class="node-set" aria-describedby="is-error">
                <legend>{ "Cut these off from all the others" }</legend>
                { for nodes.into_iter().map(|(node, label)| {
                    let handle = h.clone();
                    let onchange = Callback::from(move |on: bool| {
                        handle.dispatch(Rc::new(move |s: &mut FormState<IsolateForm>| {
                            if on { s.form.nodes.insert(node); } else { s.form.nodes.remove(&node); }
                        }));
                    });
                    html! {
                        <Check field={node_key(node)} {label} checked={h.form.nodes.contains(&node)} {onchange} />
                    }
                }) }
            </fieldset>
            if let Some(message) = h.errors.get("nodes") {
                <span class="field-error" id="is-error">{ message.to_owned() }</span>
            }
            if props.isolated.is_empty() {
                <p class="hint">{ "Every node reaches every other now." }</p>
            } else {
                <p class="hint cut-now">{ format!("Cut off now: {}", props.isolated.iter().map(|g| g.join(" + ")).collect::<Vec<_>>().join("; ")) }</p>
            }
            { problems(h.errors.len()) }
            <div class="buttons">
                <button type="submit" class="danger isolate-submit">{ "Cut them off" }</button>
                <button type="button" class="heal" onclick={heal}>{ "Heal the network" }</button>
            </div>
        </form>
    }
}

#[component]
fn CutLink(props: &NetworkProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<CutLinkForm> = use_form();
    let (cut, restore) = (props.facts.clone(), props.facts.clone());
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&cut, true).map(|a| vec![a]));
    let onrestore = on_click(&h, &dispatch, move |f| f.action(&restore, false));
    let (form, errors) = (&h.form, &h.errors);
    let ((a_options, a), (b_options, b)) = options::node_pair(&props.facts, &form.a, &form.b);
    html! {
        <form class="action-form cut-link" {onsubmit} aria-labelledby="cl-title">
            <h3 id="cl-title">{ "Cut one link" }</h3>
            <p class="hint">{ "Only these two stop reaching each other; each still reaches every other node. A broker cut from the controller is fenced after broker.session.timeout.ms." }</p>
            <div class="fields">
                <Picker id="cl-a" field="a" label="Between" options={a_options} selected={a}
                    error={error(errors, "a")} onchange={setter(&h, |f, v| f.a = v)} />
                <Picker id="cl-b" field="b" label="and" options={b_options} selected={b}
                    error={error(errors, "b")} onchange={setter(&h, |f, v| f.b = v)} />
            </div>
            if !props.cut_links.is_empty() {
                <p class="hint cut-now">{ format!("Cut now: {}", props.cut_links.iter().map(|(a, b)| format!("{a} – {b}")).collect::<Vec<_>>().join(", ")) }</p>
            }
            { problems(errors.len()) }
            <div class="buttons">
                <button type="submit" class="danger cut-link-submit">{ "Cut this link" }</button>
                <button type="button" class="restore-link" onclick={onrestore}>{ "Restore it" }</button>
            </div>
        </form>
    }
}

#[component]
fn Link(props: &super::SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<LinkForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let (form, errors) = (&h.form, &h.errors);
    let ((a_options, a), (b_options, b)) = options::node_pair(&props.facts, &form.a, &form.b);
    html! {
        <form class="action-form link" {onsubmit} aria-labelledby="ln-title">
            <h3 id="ln-title">{ "Set a link's latency and loss" }</h3>
            <div class="fields">
                <Picker id="ln-a" field="a" label="Between" options={a_options} selected={a}
                    error={error(errors, "a")} onchange={setter(&h, |f, v| f.a = v)} />
                <Picker id="ln-b" field="b" label="and" options={b_options} selected={b}
                    error={error(errors, "b")} onchange={setter(&h, |f, v| f.b = v)} />
                <TextField id="ln-latency" field="latency" label="Latency (ms, each way)" numeric=true
                    value={form.latency_ms.clone()} placeholder="1" error={error(errors, "latency")}
                    oninput={setter(&h, |f, v| f.latency_ms = v)} />
                <TextField id="ln-jitter" field="jitter" label="Jitter (ms, up to)" numeric=true
                    value={form.jitter_ms.clone()} placeholder="0" error={error(errors, "jitter")}
                    oninput={setter(&h, |f, v| f.jitter_ms = v)} />
                <TextField id="ln-loss" field="loss" label="Packet loss (%)" value={form.loss_percent.clone()}
                    placeholder="0" hint="a lost packet is sent again 200 ms later (TCP)"
                    error={error(errors, "loss")} oninput={setter(&h, |f, v| f.loss_percent = v)} />
            </div>
            { problems(errors.len()) }
            <button type="submit" class="link-submit">{ "Set link" }</button>
        </form>
    }
}

#[component]
fn SlowNode(props: &super::SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<SlowNodeForm> = use_form();
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let mut nodes = options::nodes(&props.facts);
    let node = selected(&h.form.node, &mut nodes);
    html! {
        <form class="action-form slow-node" {onsubmit} aria-labelledby="sn-title">
            <h3 id="sn-title">{ "Slow a node down" }</h3>
            <div class="fields">
                <Picker id="sn-node" field="node" label="Node" options={nodes} selected={node}
                    error={error(&h.errors, "node")} onchange={setter(&h, |f, v| f.node = v)} />
                <TextField id="sn-extra" field="extra" label="Extra latency (ms)" numeric=true
                    value={h.form.extra_latency_ms.clone()}
                    hint="on all its traffic; 0 makes it normal again"
                    error={error(&h.errors, "extra")} oninput={setter(&h, |f, v| f.extra_latency_ms = v)} />
            </div>
            { problems(h.errors.len()) }
            <button type="submit" class="slow-submit">{ "Slow it down" }</button>
        </form>
    }
}
