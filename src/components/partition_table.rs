//! The topic's partitions as a table, in the shape AKHQ and Kafdrop show them: partition, leader,
//! leader epoch, replicas, in-sync replicas, high watermark and log end offset.

use yew::prelude::*;

use super::broker_list_text;
use crate::driver::PartitionRow;

/// Props of [`PartitionTable`].
#[derive(Properties, PartialEq)]
pub struct PartitionTableProps {
    /// The topic's name.
    pub topic: AttrValue,
    /// Its partitions, by index.
    pub partitions: Vec<PartitionRow>,
}

/// The partition table; an offline partition's leader cell says so.
#[component]
pub fn PartitionTable(props: &PartitionTableProps) -> Html {
    html! {
        <section class="partitions-section" aria-label={format!("Partitions of {}", props.topic)}>
            <h2>{ "Topic " }<code>{ props.topic.clone() }</code></h2>
            <table class="partitions">
                <thead>
                    <tr>
                        <th scope="col">{ "Partition" }</th>
                        <th scope="col">{ "Leader" }</th>
                        <th scope="col">{ "Leader epoch" }</th>
                        <th scope="col">{ "Replicas" }</th>
                        <th scope="col">{ "In-sync replicas" }</th>
                        <th scope="col" title="High watermark">{ "High watermark" }</th>
                        <th scope="col" title="Log end offset">{ "Log end offset" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.partitions.iter().map(row) }
                </tbody>
            </table>
        </section>
    }
}

fn row(p: &PartitionRow) -> Html {
    let leader = match p.leader {
        Some(l) => html! { <td class="leader" data-leader={l.to_string()}>{ l.to_string() }</td> },
        None => html! { <td class="leader offline" data-leader="">{ "none (offline)" }</td> },
    };
    let offset =
        |o: Option<kplay_core::Offset>| o.map_or_else(|| "–".to_owned(), |o| o.to_string());
    let under_replicated = p.isr.len() < p.replicas.len();
    html! {
        <tr key={p.partition.0} data-partition={p.partition.to_string()}>
            <th scope="row" class="partition">{ p.partition.to_string() }</th>
            { leader }
            <td class="leader-epoch">{ p.leader_epoch.to_string() }</td>
            <td class="replicas">{ broker_list_text(&p.replicas) }</td>
            <td class="isr">
                { broker_list_text(&p.isr) }
                if under_replicated {
                    <span class="badge under-replicated"
                        title="Fewer in-sync replicas than replicas">{ "under-replicated" }</span>
                }
            </td>
            <td class="hw">{ offset(p.high_watermark) }</td>
            <td class="leo">{ offset(p.log_end_offset) }</td>
        </tr>
    }
}
