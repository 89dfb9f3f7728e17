//! The topic picker and the drawn topic's partition logs (or, for a big topic, its tiles), with
//! the legend of markers and keys.
use std::rc::Rc;

use yew::prelude::*;

use super::super::use_dispatch;
use super::log_parts::ConsumerNames;
use super::{KeyLegend, PartitionLog, PartitionTiles};
use crate::model::snapshot::{ConsumerSnap, TopicSnap};
use crate::state::Msg;
use kplay_core::vec_map::VecMap;

/// Props of [`TopicLogs`].
#[derive(Properties, PartialEq)]
pub struct TopicLogsProps {
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic drawn.
    pub shown: Option<AttrValue>,
    /// The consumers, to name their positions.
    #[prop_or_default]
    pub consumers: Rc<Vec<ConsumerSnap>>,
}

fn legend() -> Html {
    html! {
        <p class="legend">
            <strong class="log-start">{ "start" }</strong>{ " log start offset: the oldest record kept. " }
            <strong class="hw">{ "HW" }</strong>{ " high watermark: records before it are on every in-sync replica and consumers can read them; dashed cells above it are not yet. " }
            <strong class="leo">{ "LEO" }</strong>{ " log end offset: the offset the next record gets. " }
            <strong>{ "@n" }</strong>{ " a segment and its base offset. " }
            <span class="mark position">{ "▼" }</span>{ " where a consumer reads next, " }
            <span class="mark committed">{ "✓" }</span>{ " a group's committed offset. Faded, struck-through cells just went away." }
        </p>
    }
}

/// The drawn topic's logs.
#[component]
pub fn TopicLogs(props: &TopicLogsProps) -> Html {
    let dispatch = use_dispatch();
    let names: ConsumerNames = {
        let map: VecMap<u32, (String, Option<String>)> = props
            .consumers
            .iter()
            .map(|c| (c.id, (c.client_id.clone(), c.group.clone())))
            .collect();
        Rc::new(map)
    };
    let user: Vec<&TopicSnap> = props.topics.iter().filter(|t| !t.internal).collect();
    let shown = props.shown.as_deref().and_then(|s| user.iter().find(|t| t.name == s)).copied();
    html! {
        <section class="logs" aria-label="Partition logs">
            <h2>{ "Partition logs" }<small>{ " the leader's copy, newest records" }</small></h2>
            if user.len() > 1 {
                <nav class="topic-picker" aria-label="Topic to draw">
                    { for user.iter().map(|t| {
                        let name = t.name.clone();
                        let current = shown.is_some_and(|s| s.name == t.name);
                        html! {
                            <button type="button" class={classes!("topic-tab", current.then_some("current"))}
                                aria-pressed={current.to_string()}
                                onclick={dispatch.to(move |_: MouseEvent| Msg::ShowTopic(name.clone()))}>
                                { t.name.clone() }
                            </button>
                        }
                    }) }
                </nav>
            }
            { match shown {
                None => html! { <p class="empty">{ "No topic yet: create one to see its partitions." }</p> },
                Some(t) if t.detailed => html! {
                    <>
                        { legend() }
                        <KeyLegend keys={t.keys_in_view()} />
                        if !t.overrides.is_empty() {
                            <p class="topic-configs">
                                { "Configs: " }
                                <code>{ t.overrides.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ") }</code>
                            </p>
                        }
                        <div class="partition-logs">
                            { for t.partitions.iter().map(|p| html! {
                                <PartitionLog key={p.index} topic={AttrValue::from(t.name.clone())}
                                    partition={p.clone()} names={names.clone()} />
                            }) }
                        </div>
                    </>
                },
                Some(t) => html! { <PartitionTiles topic={t.clone()} /> },
            } }
        </section>
    }
}
