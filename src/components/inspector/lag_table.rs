//! One group's partitions, as Kafdrop's consumer view lists them: the partition's log start
//! offset, the group's committed offset, the log end offset (the high watermark, as
//! `kafka-consumer-groups.sh` reads LOG-END-OFFSET) and the lag between them, and who owns it.

use std::rc::Rc;

use yew::prelude::*;

use super::super::use_highlight;
use super::{Pager, offset_text};
use crate::model::chronicle::Touch;
use crate::model::snapshot::{GroupSnap, LagRow, TopicSnap};

/// Rows per page.
const ROWS_PER_PAGE: usize = 50;

/// Props of [`LagTable`].
#[derive(Properties, PartialEq)]
pub struct LagTableProps {
    /// The group.
    pub group: GroupSnap,
    /// Every topic (for each partition's log start offset).
    pub topics: Rc<Vec<TopicSnap>>,
}

/// The group's lag table with its page controls.
#[component]
pub fn LagTable(props: &LagTableProps) -> Html {
    let page = use_state(|| 0_usize);
    let highlight = use_highlight();
    let g = &props.group;
    let total = g.rows.len();
    let pages = super::page_count(total, ROWS_PER_PAGE);
    let shown = (*page).min(pages - 1);
    let rows =
        &g.rows[(shown * ROWS_PER_PAGE).min(total)..((shown + 1) * ROWS_PER_PAGE).min(total)];
    let on_page = {
        let page = page.clone();
        Callback::from(move |p: usize| page.set(p))
    };
    let log_start = |r: &LagRow| {
        props
            .topics
            .iter()
            .find(|t| t.name == r.topic)
            .and_then(|t| t.partitions.get(r.partition as usize))
            .map_or(-1, |p| p.log_start)
    };
    html! {
        <div class="group-lag" data-group={g.id.clone()}>
            if g.rows.is_empty() {
                <p class="empty">{ format!("{} has no partitions to describe: no member subscribes to a topic and nothing is committed.", g.id) }</p>
            } else {
                <Pager page={shown} rows={total} per_page={ROWS_PER_PAGE} noun="partitions" on_page={on_page.clone()} />
                <div class="table-scroll" role="region" aria-label={format!("Offsets and lag of {}", g.id)} tabindex="0">
                <table class="inspector-table lag">
                    <caption>{ format!("{}: offsets and lag", g.id) }
                        <span class="caption-hint">{ format!(" · total lag {}", g.total_lag()) }</span></caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Partition" }</th>
                            <th scope="col" class="num">{ "Log start offset" }</th>
                            <th scope="col" class="num" title="CURRENT-OFFSET: where the group resumes">{ "Committed offset" }</th>
                            <th scope="col" class="num" title="LOG-END-OFFSET as kafka-consumer-groups.sh reads it: the high watermark">{ "Log end offset" }</th>
                            <th scope="col" class="num">{ "Lag" }</th>
                            <th scope="col">{ "Owner" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| {
                            let touch = Touch::Partition(r.topic.clone(), r.partition);
                            let lit = highlight.has(&touch);
                            html! {
                            <tr key={format!("{}-{}", r.topic, r.partition)} data-topic={r.topic.clone()} data-partition={r.partition.to_string()}
                                data-touch={touch.key()} class={classes!(lit.then_some("highlighted"))}>
                                <th scope="row">{ format!("{}-{}", r.topic, r.partition) }</th>
                                <td class="num log-start">{ offset_text(log_start(r)) }</td>
                                <td class="num committed">{ r.committed.map_or("none".into(), |c| c.to_string()) }</td>
                                <td class="num log-end">{ offset_text(r.log_end) }</td>
                                <td class={classes!("num", "lag", r.lag.is_some_and(|l| l > 0).then_some("lagging"))}>
                                    { r.lag.map_or("—".into(), |l| l.to_string()) }
                                </td>
                                <td class="owner">{ r.owner_client_id.clone().unwrap_or_else(|| "unassigned".into()) }</td>
                            </tr>
                        }}) }
                    </tbody>
                </table>
                </div>
                <Pager page={shown} rows={total} per_page={ROWS_PER_PAGE} noun="partitions" {on_page} />
            }
        </div>
    }
}
