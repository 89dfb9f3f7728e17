//! The Messages tab: the browser's controls, what is being read (whose log, its bounds, whether
//! it follows the newest records), the page of records or why there is none, and the page
//! controls.

use std::rc::Rc;

use yew::prelude::*;

use super::super::use_dispatch;
use super::{MessageForm, MessageTable};
use crate::model::messages::MessagePage;
use crate::model::snapshot::TopicSnap;
use crate::state::Msg;

/// Props of [`MessagesPanel`].
#[derive(Properties, PartialEq)]
pub struct MessagesPanelProps {
    /// The page (`None`: there is no topic to read).
    pub page: Option<Rc<MessagePage>>,
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
}

/// The message browser.
#[component]
pub fn MessagesPanel(props: &MessagesPanelProps) -> Html {
    let Some(page) = &props.page else {
        return html! { <p class="empty">{ "No topic yet: create one and produce to it to browse its records." }</p> };
    };
    html! {
        <div class="messages-panel">
            <MessageForm page={page.clone()} topics={props.topics.clone()} />
            { status(page) }
            if let Some(error) = &page.error {
                <p class="browse-error" role="alert">{ error.to_string() }
                    if has_log(page) { <span class="hint">{ " Oldest and Newest go back into the log." }</span> }
                </p>
            } else {
                <PageNav page={page.clone()} />
                <MessageTable page={(**page).clone()} />
                <PageNav page={page.clone()} />
            }
        </div>
    }
}

fn has_log(p: &MessagePage) -> bool {
    p.log_start >= 0
}

/// What is being read, said in a sentence or two.
fn status(p: &MessagePage) -> Html {
    let Some(broker) = p.broker else { return html! {} };
    let name = format!("{}-{}", p.at.topic, p.at.partition);
    let whose = match p.leader {
        Some(l) if l == broker => format!("{name} on broker {broker}, the leader"),
        Some(l) => format!(
            "{name} on broker {broker}, a follower (consumers read from the leader, broker {l}; this replica's own high watermark is {})",
            p.replica_high_watermark
        ),
        None => format!(
            "{name} on broker {broker}: the partition has no leader, so no consumer can read it now"
        ),
    };
    let position = if p.at.offset.is_none() {
        "Showing the newest records, following the log end as it grows."
    } else {
        "Showing a fixed range of offsets; Newest follows the log end."
    };
    html! {
        <div class="browse-status">
            <p>
                { format!("{whose}: log start offset {}, high watermark {}, log end offset {}. {position}",
                    p.log_start, p.high_watermark, p.log_end) }
            </p>
            if !p.broker_running {
                <p class="warn-text">{ format!("Broker {broker} is stopped: this is its log as it lies on disk, as kafka-dump-log.sh would print it. No client can fetch from it.") }</p>
            }
            if p.records().any(|r| r.above_high_watermark) {
                <p class="hint">{ "Records at or above the high watermark are not on every in-sync replica yet: no consumer can read them, and a failover may still remove them." }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PageNavProps {
    page: Rc<MessagePage>,
}

/// Previous and next pages.
#[component]
fn PageNav(props: &PageNavProps) -> Html {
    let dispatch = use_dispatch();
    let p = &props.page;
    let go = |to: Option<i64>| {
        let at = p.at.clone();
        dispatch.to(move |_: MouseEvent| Msg::Browse(at.from(to)))
    };
    html! {
        <nav class="browse-nav" aria-label="Pages of records">
            <button type="button" class="browse-previous" title="Older records" disabled={p.previous.is_none()} onclick={go(p.previous)}>
                { "‹ Previous" }
            </button>
            <button type="button" class="browse-next" title="Newer records" disabled={p.next.is_none()} onclick={go(p.next)}>
                { "Next ›" }
            </button>
        </nav>
    }
}
