//! The brokers, side by side, with the cluster's health in one line and a button that adds a
//! broker; a big cluster gets compact cards.

use std::rc::Rc;

use kplay_sim::Action;
use yew::prelude::*;

use super::super::use_dispatch;
use super::{BrokerCard, CompactBroker};
use crate::model::snapshot::ClusterSnap;
use crate::state::Msg;

/// Props of [`Brokers`].
#[derive(Properties, PartialEq)]
pub struct BrokersProps {
    /// The cluster.
    pub cluster: Rc<ClusterSnap>,
}

/// Every broker, and a summary line.
#[component]
pub fn Brokers(props: &BrokersProps) -> Html {
    let dispatch = use_dispatch();
    let c = &props.cluster;
    let running = c.brokers.iter().filter(|b| b.running).count();
    let next = c.next_broker_id();
    let refusal = c.add_broker_refusal();
    let add =
        dispatch.to(move |_: MouseEvent| Msg::Apply(Action::AddBroker { id: next, rack: None }));
    html! {
        <section class={classes!("cluster", c.compact.then_some("compact"))} aria-label="Brokers">
            <div class="section-head">
                <h2>
                    { "Brokers" }
                    <small>{ format!(
                        " {running} of {} running · {} partitions, {} under-replicated, {} offline",
                        c.brokers.len(), c.partitions, c.under_replicated, c.offline
                    ) }</small>
                </h2>
                <button type="button" class="add-broker" onclick={add} disabled={refusal.is_some()}
                    title={refusal.clone().unwrap_or_else(|| format!("Add broker {next}: it joins with no replicas; new topics and partitions use it"))}>
                    { format!("+ Add broker {next}") }
                </button>
            </div>
            if !c.isolated_groups.is_empty() {
                <p class="network-note" role="note">
                    { "Network partition: " }
                    { c.isolated_groups.iter().map(|g| format!("[{}]", g.join(", "))).collect::<Vec<_>>().join(" ") }
                    { " cannot reach the rest." }
                </p>
            }
            if !c.cut_links.is_empty() {
                <p class="network-note cut-links" role="note">
                    { "Links cut: " }
                    { c.cut_links.iter().map(|(a, b)| format!("{a} – {b}")).collect::<Vec<_>>().join(", ") }
                    { " (each still reaches every other node)." }
                </p>
            }
            if !c.compact {
                <p class="legend replica-legend">
                    <span class="replica leader">{ "L" }</span>{ " leads the partition · " }
                    <span class="replica follower">{ "F" }</span>{ " in-sync follower (in the ISR) · " }
                    <span class="replica out-of-sync">{ "✕" }</span>{ " follower out of sync" }
                </p>
            }
            <ul class="brokers">
                { for c.brokers.iter().map(|b| if c.compact {
                    html! { <CompactBroker key={b.id} broker={b.clone()} /> }
                } else {
                    html! { <BrokerCard key={b.id} broker={b.clone()} /> }
                }) }
            </ul>
        </section>
    }
}
