//! The root component: lays out the page around the cluster hook.

use yew::prelude::*;

use crate::components::{BrokerList, PartitionLog, PartitionTable, ProduceBar, StatusLine};
use crate::hooks::use_cluster;

/// The playground page: a three-broker cluster of the real engine, its partitions and logs, and
/// buttons that produce and stop or start brokers.
#[component]
pub fn App() -> Html {
    let cluster = use_cluster();
    let state = &*cluster.state;
    let view = &state.view;
    let topic = AttrValue::from(view.topic.clone());
    html! {
        <main class="kplay">
            <header class="page-header">
                <h1>{ "kplay" }</h1>
                <p class="tagline">
                    { "A three-broker Kafka cluster running in your browser as WebAssembly." }
                </p>
                <p class="clock" title="Virtual time: each action lets one second pass">
                    { format!("virtual time {}.{} s", view.now.0 / 1000, view.now.0 % 1000 / 100) }
                </p>
            </header>
            <ProduceBar next={state.next.clone()} on_produce={cluster.on_produce.clone()} />
            <StatusLine outcome={state.outcome.clone()} />
            <BrokerList brokers={view.brokers.clone()} on_stop={cluster.on_stop.clone()}
                on_start={cluster.on_start.clone()} />
            <PartitionTable topic={topic.clone()} partitions={view.partitions.clone()} />
            <section class="logs-section" aria-label="Partition logs">
                <h2>{ "Partition logs " }<small>{ "(the leader's copy)" }</small></h2>
                <p class="legend">
                    <strong>{ "HW" }</strong>{ " high watermark: records before it are on every \
                        in-sync replica, and consumers can read them. " }
                    <strong>{ "LEO" }</strong>{ " log end offset: the offset the next record \
                        gets." }
                </p>
                { for view.partitions.iter().map(|p| html! {
                    <PartitionLog key={p.partition.0} topic={topic.clone()} partition={p.clone()} />
                }) }
            </section>
        </main>
    }
}
