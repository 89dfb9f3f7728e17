//! The live view (`?live`): what real clients do to `kplay serve`, drawn with the simulation
//! view's components — brokers, partition logs with their markers, groups, the inspector and
//! the event log — from the images the server streams.
//!
//! The simulation's controls (play, step, seed, timeline, actions, producers) are not here: a
//! real cluster runs in real time and cannot be paused or replayed, and the page says so at the
//! top. Where the images come from is a [`LiveSource`], so tests hand in messages directly.

mod socket;
mod state;
use std::rc::Rc;

use yew::prelude::*;

pub use socket::{LiveSource, use_live_source};
pub use state::{LiveMsg, LiveState};

use crate::components::cluster::Brokers;
use crate::components::events::EventLog;
use crate::components::groups::GroupsPanel;
use crate::components::inspector::Inspector;
use crate::components::logs::TopicLogs;
use crate::components::{Dispatch, Highlight, time_text};
use crate::model::chronicle::Category;
use crate::model::live::{Connection, LiveSnapshot};
use kplay_core::vec_map::VecMap;

/// Props of [`LiveApp`].
#[derive(Properties, PartialEq)]
pub struct LiveAppProps {
    /// Where the images come from.
    pub source: LiveSource,
}

/// The live page.
#[component]
pub fn LiveApp(props: &LiveAppProps) -> Html {
    let state = use_reducer(LiveState::default);
    let send = {
        let state = state.dispatcher();
        Callback::from(move |m: LiveMsg| state.dispatch(m))
    };
    use_live_source(props.source.clone(), send.clone());
    let dispatch = Dispatch(send.reform(LiveMsg::View));
    html! {
        <ContextProvider<Dispatch> context={dispatch}>
        <ContextProvider<Highlight> context={Highlight(state.highlight.clone())}>
        <main class="kplay live">
            <header class="page-header">
                <h1>{ "kplay" }</h1>
                <p class="tagline">{ "Live from kplay serve: the cluster real Kafka clients are using." }</p>
            </header>
            <p class="live-banner" role="note">
                <strong>{ "Live from kplay serve. " }</strong>
                { "Real clients, in real time: what you see is the cluster as it is now, not a simulation, so it cannot be paused, stepped or replayed. Times count from when this page first heard from the server." }
            </p>
            { status(&state.connection, state.snapshot.as_deref()) }
            if let Some(notice) = &state.notice {
                <p class="notice error live-notice" role="alert">{ notice.clone() }</p>
            }
            if let Some(s) = &state.snapshot {
                { board(s, &state) }
            } else {
                <p class="live-waiting">{ "Waiting for the cluster's first picture from kplay serve…" }</p>
            }
        </main>
        </ContextProvider<Highlight>>
        </ContextProvider<Dispatch>>
    }
}

fn status(connection: &Connection, snapshot: Option<&LiveSnapshot>) -> Html {
    let (class, text) = match connection {
        Connection::Connecting => ("connecting", "Connecting to kplay serve…".to_owned()),
        Connection::Open => (
            "open",
            match snapshot {
                Some(s) => format!("Connected · {}", time_text(s.time_ms)),
                None => "Connected".to_owned(),
            },
        ),
        Connection::Lost { retry_in_ms } => (
            "lost",
            format!(
                "Connection to kplay serve lost (is it still running?). Trying again in {} s; what is shown is the last picture received.",
                retry_in_ms.div_ceil(1000)
            ),
        ),
    };
    html! { <p class={classes!("live-status", class)} role="status">{ text }</p> }
}

fn board(s: &LiveSnapshot, state: &LiveState) -> Html {
    let none = Rc::new(Vec::new());
    html! {
        <>
        <div class="board">
            <div class="board-main">
                <Brokers cluster={s.cluster.clone()} />
                <TopicLogs topics={s.topics.clone()} shown={s.shown_topic.clone().map(AttrValue::from)} />
                <GroupsPanel groups={s.groups.clone()} consumers={none} rebalances={s.rebalances.clone()}
                    notes={Rc::new(VecMap::new())} lag_chart={s.lag_chart.clone()}
                    shown={s.shown_group.clone().map(AttrValue::from)} now_ms={s.time_ms} />
            </div>
            <aside class="board-side">
                <EventLog events={s.events.clone()} categories={&Category::ENGINE[..]} />
            </aside>
        </div>
        <Inspector tab={state.tab} topics={s.topics.clone()}
            shown_topic={s.shown_topic.clone().map(AttrValue::from)} groups={s.groups.clone()}
            group={s.shown_group.clone().map(AttrValue::from)} messages={s.messages.clone()} />
        </>
    }
}
