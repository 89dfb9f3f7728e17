//! The topic list: one row per topic with its partitions, replication factor, how many
//! partitions are under-replicated or offline, the records its leaders hold, and the configs set
//! on it — AKHQ's topic list, with Kafka's names.

use std::rc::Rc;

use yew::prelude::*;

use super::super::use_dispatch;
use super::size_text;
use crate::model::snapshot::TopicSnap;
use crate::state::Msg;

/// Props of [`TopicList`].
#[derive(Properties, PartialEq)]
pub struct TopicListProps {
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic whose partitions are listed below.
    pub shown: Option<AttrValue>,
    /// Whether internal topics are listed.
    pub show_internal: bool,
}

/// The table of topics.
#[component]
pub fn TopicList(props: &TopicListProps) -> Html {
    let dispatch = use_dispatch();
    let listed: Vec<&TopicSnap> =
        props.topics.iter().filter(|t| props.show_internal || !t.internal).collect();
    if listed.is_empty() {
        return html! { <p class="empty">{ "No topic yet: create one to see it here." }</p> };
    }
    html! {
        <div class="table-scroll" role="region" aria-label="Topics" tabindex="0">
        <table class="inspector-table topic-list">
            <caption>{ "Topics" }<span class="caption-hint">{ " · choose one to list its partitions" }</span></caption>
            <thead>
                <tr>
                    <th scope="col">{ "Topic" }</th>
                    <th scope="col" class="num">{ "Partitions" }</th>
                    <th scope="col" class="num">{ "Replication factor" }</th>
                    <th scope="col" class="num" title="Partitions with fewer in-sync replicas than replicas">{ "Under-replicated" }</th>
                    <th scope="col" class="num" title="Partitions without a leader">{ "Offline" }</th>
                    <th scope="col" class="num" title="Records in the leaders' logs (compaction and retention remove some)">{ "Records" }</th>
                    <th scope="col" class="num">{ "Size" }</th>
                    <th scope="col">{ "Config overrides" }</th>
                </tr>
            </thead>
            <tbody>
                { for listed.iter().map(|t| {
                    let current = props.shown.as_deref() == Some(t.name.as_str());
                    let under = t.partitions.iter().filter(|p| p.under_replicated()).count();
                    let offline = t.partitions.iter().filter(|p| p.offline()).count();
                    let records: usize = t.partitions.iter().filter_map(|p| p.log_size).map(|s| s.records).sum();
                    let bytes: usize = t.partitions.iter().filter_map(|p| p.log_size).map(|s| s.bytes).sum();
                    let name = t.name.clone();
                    html! {
                        <tr key={t.name.clone()} data-topic={t.name.clone()}
                            class={classes!(current.then_some("current"), t.internal.then_some("internal"))}>
                            <th scope="row">
                                <button type="button" class="topic-pick" aria-pressed={current.to_string()}
                                    onclick={dispatch.to(move |_: MouseEvent| Msg::ShowTopic(name.clone()))}>
                                    { t.name.clone() }
                                </button>
                                if t.internal { <span class="badge internal-badge">{ "internal" }</span> }
                            </th>
                            <td class="num partitions">{ t.partitions.len() }</td>
                            <td class="num replication-factor">{ t.replication_factor }</td>
                            <td class={classes!("num", "under-replicated", (under > 0).then_some("warn"))}>{ under }</td>
                            <td class={classes!("num", "offline", (offline > 0).then_some("bad"))}>{ offline }</td>
                            <td class="num records">{ records }</td>
                            <td class="num size">{ size_text(bytes) }</td>
                            <td class="overrides">
                                if t.overrides.is_empty() {
                                    <span class="hint">{ "defaults" }</span>
                                } else {
                                    { for t.overrides.iter().map(|(k, v)| html! { <code class="override">{ format!("{k}={v}") }</code> }) }
                                }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}
