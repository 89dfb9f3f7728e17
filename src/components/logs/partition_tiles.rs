//! A topic too big to draw record by record: one tile per partition, coloured by health
//! (healthy, under-replicated, offline — also said in words), filled by how many records its
//! leader holds compared with the biggest partition. A tile opens its partition in the message
//! browser.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::use_dispatch;
use crate::model::prefs::BrowseAt;
use crate::model::snapshot::{DETAILED_PARTITIONS, TopicSnap};
use crate::state::Msg;

/// Props of [`PartitionTiles`].
#[derive(Properties, PartialEq)]
pub struct PartitionTilesProps {
    /// The topic.
    pub topic: TopicSnap,
}

/// The tiles.
#[component]
pub fn PartitionTiles(props: &PartitionTilesProps) -> Html {
    let dispatch = use_dispatch();
    let t = &props.topic;
    let biggest = t.partitions.iter().map(|p| p.size()).max().unwrap_or(0).max(1);
    let offline = t.partitions.iter().filter(|p| p.offline()).count();
    let under = t.partitions.iter().filter(|p| !p.offline() && p.under_replicated()).count();
    let records: i64 = t.partitions.iter().map(|p| p.size()).sum();
    // One listener for every tile: the clicked tile says which partition it is.
    let on_click = {
        let starts: Vec<i64> = t.partitions.iter().map(|p| p.log_start.max(0)).collect();
        let topic = t.name.clone();
        Callback::from(move |e: MouseEvent| {
            let tile = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("button.tile").ok().flatten());
            let partition = tile
                .and_then(|el| el.get_attribute("data-partition"))
                .and_then(|p| p.parse::<i32>().ok())
                .filter(|p| (0..starts.len() as i32).contains(p));
            if let Some(partition) = partition {
                let offset = starts[partition as usize];
                dispatch.send(Msg::Browse(BrowseAt::newest(&topic, partition).from(Some(offset))));
            }
        })
    };
    html! {
        <div class="topic-summary">
            <p>{ format!(
                "{} has {} partitions, more than the {DETAILED_PARTITIONS} drawn record by record: {records} records, {under} under-replicated, {offline} offline.",
                t.name, t.partitions.len()
            ) }</p>
            <p class="legend">
                <span class="tile-key healthy"></span>{ " healthy " }
                <span class="tile-key under-replicated"></span>{ " under-replicated " }
                <span class="tile-key offline"></span>{ " offline · the fill is the partition's size next to the biggest; choose a tile to browse its records." }
            </p>
            <ol class="partition-tiles" onclick={on_click}>
                { for t.partitions.iter().map(|p| {
                    let health = if p.offline() { "offline" } else if p.under_replicated() { "under-replicated" } else { "healthy" };
                    let fill = p.size() * 100 / biggest;
                    let title = format!("{}-{}: {health}, leader {}, {} records (offsets {}–{}), HW {}",
                        t.name, p.index, p.leader.map_or("none".into(), |l| l.to_string()),
                        p.size(), p.log_start, p.log_end, p.high_watermark);
                    html! {
                        <li key={p.index}>
                            <button type="button" class={classes!("tile", health)}
                                data-partition={p.index.to_string()} data-health={health}
                                aria-label={title.clone()} title={title}>
                                <span class="tile-fill" style={format!("height: {fill}%")}></span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
