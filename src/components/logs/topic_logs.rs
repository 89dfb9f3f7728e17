//! The topic picker and the drawn topic's partition logs (or, for a big topic, a summary).

use std::rc::Rc;

use yew::prelude::*;

use super::super::use_dispatch;
use super::PartitionLog;
use crate::model::chronicle::Gone;
use crate::model::snapshot::{DETAILED_PARTITIONS, TopicSnap};
use crate::state::Msg;

/// Props of [`TopicLogs`].
#[derive(Properties, PartialEq)]
pub struct TopicLogsProps {
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic drawn.
    pub shown: Option<AttrValue>,
    /// Records that just went away.
    pub gone: Rc<Vec<Gone>>,
}

/// The drawn topic's logs.
#[component]
pub fn TopicLogs(props: &TopicLogsProps) -> Html {
    let dispatch = use_dispatch();
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
            <p class="legend">
                <strong>{ "LSO" }</strong>{ " log start offset: the oldest record kept. " }
                <strong>{ "HW" }</strong>{ " high watermark: records before it are on every in-sync replica, and consumers can read them. " }
                <strong>{ "LEO" }</strong>{ " log end offset: the offset the next record gets. Colours are keys." }
            </p>
            { match shown {
                None => html! { <p class="empty">{ "No topic yet: create one to see its partitions." }</p> },
                Some(t) if t.detailed => html! {
                    <div class="partition-logs">
                        { for t.partitions.iter().map(|p| html! {
                            <PartitionLog key={p.index} topic={AttrValue::from(t.name.clone())}
                                partition={p.clone()}
                                gone={props.gone.iter().filter(|g| g.partition.topic.as_str() == t.name && g.partition.partition.0 == p.index).cloned().collect::<Vec<_>>()} />
                        }) }
                    </div>
                },
                Some(t) => summary(t),
            } }
        </section>
    }
}

/// A big topic: one small tile per partition, coloured by health, with its offsets in the title.
fn summary(t: &TopicSnap) -> Html {
    html! {
        <div class="topic-summary">
            <p>{ format!(
                "{} has {} partitions, more than the {DETAILED_PARTITIONS} drawn record by record; each tile is one partition.",
                t.name, t.partitions.len()
            ) }</p>
            <ol class="partition-tiles">
                { for t.partitions.iter().map(|p| {
                    let health = if p.offline() { "offline" } else if p.under_replicated() { "under-replicated" } else { "healthy" };
                    html! {
                        <li class={classes!("tile", health)} data-partition={p.index.to_string()}
                            title={format!("{}-{}: leader {}, HW {}, LEO {}", t.name, p.index,
                                p.leader.map_or("none".into(), |l| l.to_string()), p.high_watermark, p.log_end)}>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
