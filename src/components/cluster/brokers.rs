//! The brokers, side by side, with the cluster's health in one line.

use std::rc::Rc;

use yew::prelude::*;

use super::BrokerCard;
use crate::model::snapshot::ClusterSnap;

/// Props of [`Brokers`].
#[derive(Properties, PartialEq)]
pub struct BrokersProps {
    /// The cluster.
    pub cluster: Rc<ClusterSnap>,
}

/// Every broker, and a summary line.
#[component]
pub fn Brokers(props: &BrokersProps) -> Html {
    let c = &props.cluster;
    let running = c.brokers.iter().filter(|b| b.running).count();
    html! {
        <section class="cluster" aria-label="Brokers">
            <h2>
                { "Brokers" }
                <small>{ format!(
                    " {running} of {} running · {} partitions, {} under-replicated, {} offline",
                    c.brokers.len(), c.partitions, c.under_replicated, c.offline
                ) }</small>
            </h2>
            if !c.isolated_groups.is_empty() {
                <p class="network-note" role="note">
                    { "Network partition: " }
                    { c.isolated_groups.iter().map(|g| format!("[{}]", g.join(", "))).collect::<Vec<_>>().join(" ") }
                    { " cannot reach the rest." }
                </p>
            }
            <ul class="brokers">
                { for c.brokers.iter().map(|b| html! { <BrokerCard key={b.id} broker={b.clone()} /> }) }
            </ul>
        </section>
    }
}
