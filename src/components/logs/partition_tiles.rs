//! A topic too big to draw record by record: one tile per partition, coloured by health
//! (healthy, under-replicated, offline — also said in words), filled by how many records its
//! leader holds compared with the biggest partition. A tile opens its partition in the message
//! browser.

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
            <ol class="partition-tiles">
                { for t.partitions.iter().map(|p| {
                    let health = if p.offline() { "offline" } else if p.under_replicated() { "under-replicated" } else { "healthy" };
                    let fill = p.size() * 100 / biggest;
                    let at = BrowseAt { topic: t.name.clone(), partition: p.index, offset: p.log_start.max(0) };
                    let title = format!("{}-{}: {health}, leader {}, {} records (offsets {}–{}), HW {}",
                        t.name, p.index, p.leader.map_or("none".into(), |l| l.to_string()),
                        p.size(), p.log_start, p.log_end, p.high_watermark);
                    html! {
                        <li key={p.index}>
                            <button type="button" class={classes!("tile", health)}
                                data-partition={p.index.to_string()} data-health={health}
                                aria-label={title.clone()} title={title}
                                onclick={dispatch.to(move |_: MouseEvent| Msg::Browse(at.clone()))}>
                                <span class="tile-fill" style={format!("height: {fill}%")}></span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
