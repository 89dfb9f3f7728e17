//! One topic's partitions, as AKHQ's topic detail lists them: leader, replicas, ISR, whether
//! under-replicated, the leader's log start offset, high watermark and log end offset, what its
//! log holds, and the leader epoch. Paged, so a thousand partitions cost one page of rows.

use std::rc::Rc;

use yew::prelude::*;

use super::super::{id_list, use_dispatch, use_highlight};
use super::{Pager, offset_text, size_text};
use crate::model::chronicle::Touch;
use crate::model::prefs::BrowseAt;
use crate::model::snapshot::{PartitionSnap, TopicSnap};
use crate::state::Msg;

/// Partitions per page.
pub const PARTITIONS_PER_PAGE: usize = 50;

/// Props of [`PartitionTable`].
#[derive(Properties, PartialEq)]
pub struct PartitionTableProps {
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic listed.
    pub topic: AttrValue,
}

/// The partition table with its page controls.
#[component]
pub fn PartitionTable(props: &PartitionTableProps) -> Html {
    let page = use_state(|| 0_usize);
    let Some(topic) = props.topics.iter().find(|t| t.name == props.topic.as_str()) else {
        return html! {};
    };
    let total = topic.partitions.len();
    let pages = super::page_count(total, PARTITIONS_PER_PAGE);
    let shown = (*page).min(pages - 1);
    let rows = &topic.partitions
        [(shown * PARTITIONS_PER_PAGE).min(total)..((shown + 1) * PARTITIONS_PER_PAGE).min(total)];
    let on_page = {
        let page = page.clone();
        Callback::from(move |p: usize| page.set(p))
    };
    html! {
        <div class="partition-table" data-topic={topic.name.clone()}>
            <Pager page={shown} rows={total} per_page={PARTITIONS_PER_PAGE} noun="partitions" on_page={on_page.clone()} />
            <div class="table-scroll" role="region" aria-label={format!("Partitions of {}", topic.name)} tabindex="0">
            <table class="inspector-table partitions">
                <caption>{ format!("Partitions of {}", topic.name) }
                    <span class="caption-hint">{ format!(" · {total} in all; offsets are the leader's") }</span></caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{ "Partition" }</th>
                        <th scope="col" class="num">{ "Leader" }</th>
                        <th scope="col">{ "Replicas" }</th>
                        <th scope="col" title="In-sync replicas">{ "ISR" }</th>
                        <th scope="col">{ "Under-replicated" }</th>
                        <th scope="col" class="num">{ "Log start offset" }</th>
                        <th scope="col" class="num" title="Consumers read up to here">{ "High watermark" }</th>
                        <th scope="col" class="num">{ "Log end offset" }</th>
                        <th scope="col" class="num">{ "Records" }</th>
                        <th scope="col" class="num">{ "Size" }</th>
                        <th scope="col" class="num">{ "Leader epoch" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Messages" }</span></th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|p| row(&topic.name, p)) }
                </tbody>
            </table>
            </div>
            <Pager page={shown} rows={total} per_page={PARTITIONS_PER_PAGE} noun="partitions" {on_page} />
        </div>
    }
}

fn row(topic: &str, p: &PartitionSnap) -> Html {
    html! { <PartitionRow key={p.index} topic={AttrValue::from(topic.to_owned())} partition={p.clone()} /> }
}

#[derive(Properties, PartialEq)]
struct PartitionRowProps {
    topic: AttrValue,
    partition: PartitionSnap,
}

#[component]
fn PartitionRow(props: &PartitionRowProps) -> Html {
    let dispatch = use_dispatch();
    let highlight = use_highlight();
    let p = &props.partition;
    let touch = Touch::Partition(props.topic.to_string(), p.index);
    let lit = highlight.has(&touch);
    let name = format!("{}-{}", props.topic, p.index);
    let out_of_sync: Vec<i32> = p.replicas.iter().copied().filter(|b| !p.isr.contains(b)).collect();
    let under = if p.under_replicated() {
        let brokers = if out_of_sync.len() == 1 { "broker" } else { "brokers" };
        format!("yes: {brokers} {} not in sync", id_list(&out_of_sync))
    } else {
        "no".into()
    };
    let (topic, index) = (props.topic.to_string(), p.index);
    let browse = dispatch.to(move |_: MouseEvent| Msg::Browse(BrowseAt::newest(&topic, index)));
    html! {
        <tr data-partition={p.index.to_string()} data-touch={touch.key()}
            class={classes!(p.offline().then_some("offline"), p.under_replicated().then_some("under"), lit.then_some("highlighted"))}>
            <th scope="row" class="num">{ p.index }</th>
            <td class="num leader">
                { match p.leader { Some(l) => l.to_string(), None => "none: offline".into() } }
            </td>
            <td class="replicas">{ id_list(&p.replicas) }</td>
            <td class="isr">{ id_list(&p.isr) }</td>
            <td class={classes!("under-replicated", p.under_replicated().then_some("warn"))}>{ under }</td>
            <td class="num log-start">{ offset_text(p.log_start) }</td>
            <td class="num high-watermark">{ offset_text(p.high_watermark) }</td>
            <td class="num log-end">{ offset_text(p.log_end) }</td>
            <td class="num records">{ p.log_size.map_or("—".into(), |s| s.records.to_string()) }</td>
            <td class="num size" title={p.log_size.map(|s| format!("{} segment(s)", s.segments))}>
                { p.log_size.map_or("—".into(), |s| size_text(s.bytes)) }
            </td>
            <td class="num leader-epoch">{ p.leader_epoch }</td>
            <td><button type="button" class="browse" onclick={browse}
                aria-label={format!("View the messages of {name}")}>{ "Messages" }</button></td>
        </tr>
    }
}
