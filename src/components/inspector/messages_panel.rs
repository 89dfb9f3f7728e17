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
            if let Some(note) = &page.note {
                <p class="browse-note" role="note">{ note.clone() }</p>
            }
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
        Some(l) if l == broker => format!("Reading {name} on broker {broker}, its leader."),
        Some(l) => format!(
            "Reading {name} on broker {broker}, a follower: consumers read from the leader, broker {l}."
        ),
        None => format!(
            "Reading {name} on broker {broker}: the partition has no leader, so no consumer can read it now."
        ),
    };
    let own = if p.leader.is_some_and(|l| l != broker) {
        format!(" (the leader's; this replica's own: {})", p.replica_high_watermark)
    } else {
        String::new()
    };
    let position = if p.at.offset.is_none() {
        " Showing the newest records, following the log end as it grows."
    } else {
        " Showing a fixed range of offsets; Newest follows the log end."
    };
    html! {
        <div class="browse-status">
            <p>{ whose }{ position }</p>
            <p class="browse-bounds">
                { "Log start offset " }<strong class="bound-start">{ p.log_start }</strong>
                { " · high watermark " }<strong class="bound-hw">{ p.high_watermark }</strong>{ own }
                { " · log end offset " }<strong class="bound-end">{ p.log_end }</strong>
            </p>
            if !p.broker_running {
                <p class="warn-text">{ format!("Broker {broker} is stopped: this is its log as it lies on disk, as kafka-dump-log.sh would print it. No client can fetch from it.") }</p>
            }
            <p class="hint">
                { "Read straight from the broker's log, as kafka-dump-log.sh reads it: a consumer (and so Kafdrop or AKHQ) sees only the records below the high watermark." }
                if p.records().any(|r| r.above_high_watermark) {
                    { " Records at or above it are not on every in-sync replica yet: no consumer can read them, and a failover may still remove them." }
                }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PageNavProps {
    page: Rc<MessagePage>,
}

/// Previous and next pages (nothing when the page is all there is).
#[component]
fn PageNav(props: &PageNavProps) -> Html {
    let dispatch = use_dispatch();
    let p = &props.page;
    if p.previous.is_none() && p.next.is_none() {
        return html! {};
    }
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
