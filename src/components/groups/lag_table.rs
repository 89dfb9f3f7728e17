//! A group's lag as `kafka-consumer-groups.sh --describe --group <id>` prints it: one row per
//! partition, CURRENT-OFFSET the group's committed offset, LOG-END-OFFSET the high watermark,
//! `-` where there is nothing to say.

use yew::prelude::*;

use super::super::use_highlight;
use crate::model::chronicle::Touch;
use crate::model::snapshot::LagRow;

/// Props of [`LagTable`].
#[derive(Properties, PartialEq)]
pub struct LagTableProps {
    /// The group.
    pub group: AttrValue,
    /// Its rows.
    pub rows: Vec<LagRow>,
    /// How old its oldest unread record is, in ms, as last sampled.
    #[prop_or_default]
    pub lag_ms: Option<i64>,
}

fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// The `--describe` table.
#[component]
pub fn LagTable(props: &LagTableProps) -> Html {
    let highlight = use_highlight();
    let total: i64 = props.rows.iter().filter_map(|r| r.lag).sum();
    let unknown = props.rows.iter().filter(|r| r.lag.is_none()).count();
    let mut summary = if unknown == props.rows.len() {
        "no committed offsets yet, so no lag to compute (LAG -): the group commits once its members read".to_owned()
    } else {
        format!("total lag {total} records")
    };
    if unknown > 0 && unknown < props.rows.len() {
        summary.push_str(&format!(" ({unknown} partitions with no committed offset yet: LAG -)"));
    }
    if let Some(ms) = props.lag_ms.filter(|ms| *ms > 0) {
        summary.push_str(&format!("; the oldest unread record waits {:.1} s", ms as f64 / 1000.0));
    }
    html! {
        <div class="lag-table-wrap">
            <table class="lag-table" data-group={props.group.clone()}>
                <caption>
                    <code>{ format!("$ kafka-consumer-groups.sh --describe --group {}", props.group) }</code>
                </caption>
                <thead>
                    <tr>
                        { for ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"]
                            .iter().map(|h| html! { <th scope="col">{ *h }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for props.rows.iter().map(|r| {
                        let touch = Touch::Partition(r.topic.clone(), r.partition);
                        let lagging = r.lag.is_some_and(|l| l > 0);
                        html! {
                            <tr class={classes!("lag-row", highlight.has(&touch).then_some("highlighted"), lagging.then_some("lagging"))}
                                data-touch={touch.key()} data-topic={r.topic.clone()} data-partition={r.partition.to_string()}>
                                <td>{ props.group.clone() }</td>
                                <td>{ r.topic.clone() }</td>
                                <td class="num">{ r.partition }</td>
                                <td class="num current-offset">{ or_dash(r.committed) }</td>
                                <td class="num log-end-offset">{ if r.log_end >= 0 { r.log_end.to_string() } else { "-".into() } }</td>
                                <td class="num lag">{ or_dash(r.lag) }</td>
                                <td class="consumer-id">{ or_dash(r.consumer_id.clone()) }</td>
                                <td class="host">{ or_dash(r.host()) }</td>
                                <td class="client-id">{ or_dash(r.owner_client_id.clone()) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <p class="lag-summary">{ summary }</p>
            <p class="hint">{ "As the tool prints it: CURRENT-OFFSET is the group's committed offset, not a member's position, and LOG-END-OFFSET the high watermark; HOST is where the member's connection came from (in the simulation, the simulated client's name)." }</p>
        </div>
    }
}
