//! Records travelling from their producer to the partition chosen for them: one lane per
//! partition (or one shared lane for a topic with many), each record a chip in its key's colour
//! moving along it. Positions come from simulated time, so a paused page holds still and a link
//! opens the flights where they were; each chip is keyed by its record's stable id.

use yew::prelude::*;

use crate::model::snapshot::{FlightSnap, ProducerSnap};

/// The most partitions drawn as one lane each; a bigger topic shares one lane.
pub const LANES_MAX: i32 = 12;

/// Props of [`FlightLanes`].
#[derive(Properties, PartialEq)]
pub struct FlightLanesProps {
    /// The producer.
    pub producer: ProducerSnap,
}

/// Which row a record flies in, from its id alone, so it never jumps between rows.
fn low_row(id: &str) -> bool {
    id.split('-').filter_map(|n| n.parse::<u64>().ok()).sum::<u64>() % 2 == 1
}

/// One record; `low` puts it on the lane's lower row, so that neighbours overlap less.
fn chip(f: &FlightSnap, labelled: bool, low: bool) -> Html {
    let key = f.key.clone().unwrap_or_else(|| "∅".into());
    let label = if labelled { format!("{key} → P{}", f.partition) } else { key.clone() };
    html! {
        <span key={f.id.clone()} class={classes!("flight", format!("key-{}", f.colour), low.then_some("low"))}
            data-flight-id={f.id.clone()} data-partition={f.partition.to_string()}
            data-key={f.key.clone().unwrap_or_default()}
            style={format!("--p: {}", f.progress)}
            title={format!("a record with key {key} on its way to partition {}", f.partition)}>
            { label }
        </span>
    }
}

/// The lanes.
#[component]
pub fn FlightLanes(props: &FlightLanesProps) -> Html {
    let p = &props.producer;
    if p.partitions == 0 {
        return html! {
            <p class="hint">{ format!("Topic {} does not exist (yet).", p.topic) }</p>
        };
    }
    let lane = |index: Option<i32>| {
        let flights: Vec<&FlightSnap> =
            p.flights.iter().filter(|f| index.is_none_or(|i| f.partition == i)).collect();
        let name =
            index.map_or_else(|| format!("{} partitions", p.partitions), |i| format!("P{i}"));
        html! {
            <li class="lane" data-partition={index.map(|i| i.to_string()).unwrap_or_default()}>
                <span class="lane-from" aria-hidden="true">{ "▶" }</span>
                <span class="lane-track">
                    { for flights.iter().map(|f| chip(f, index.is_none(), low_row(&f.id))) }
                </span>
                <span class="lane-to">{ name }</span>
            </li>
        }
    };
    html! {
        <ol class="flight-lanes" aria-label={format!("Records on their way to {}", p.topic)}
            title="Each record's trip to its partition is drawn over about a second of real time, whatever the speed; in the simulation it reaches the leader within milliseconds of its batch being sent.">
            if p.partitions <= LANES_MAX {
                { for (0..p.partitions).map(|i| lane(Some(i))) }
            } else {
                { lane(None) }
            }
        </ol>
    }
}
