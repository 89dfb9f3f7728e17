//! The root component: lays out the page around the playground hook and hands every component
//! the dispatcher and the highlight through contexts.

use yew::prelude::*;

use crate::components::actions::ActionsPanel;
use crate::components::cluster::Brokers;
use crate::components::console::Terminal;
use crate::components::controls::{NoticeBar, Timeline, Toolbar};
use crate::components::events::EventLog;
use crate::components::groups::GroupsPanel;
use crate::components::inspector::Inspector;
use crate::components::lesson::LessonPanel;
use crate::components::logs::TopicLogs;
use crate::components::producers::Producers;
use crate::components::{Dispatch, Highlight};
use crate::hooks::{Start, use_calm_snapshot, use_playground};
use crate::model::Snapshot;

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Where the first scenario comes from (the page: a link, `localStorage`, or the opening).
    #[prop_or_default]
    pub start: Start,
    /// Presenter mode: large type, high contrast, the lesson a section at a time (`?present`).
    #[prop_or_default]
    pub present: bool,
    /// Embed mode: the scenario alone, for an iframe (`?embed`).
    #[prop_or_default]
    pub embed: bool,
}

/// The playground page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let handle = use_playground(props.start.clone());
    let state = &*handle.state;
    let s = &state.snapshot;
    // What people read (tables, lists, forms) refreshes a few times a second while playing.
    let calm = use_calm_snapshot(s);
    // Encoding the whole scenario is not free: only while the link is on show.
    let link_shown = use_state(|| false);
    let share_link = link_shown.then(|| {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .map(|l| {
                format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
            })
            .unwrap_or_default();
        AttrValue::from(format!("{base}#{}", state.shared().fragment()))
    });
    let on_share = {
        let link_shown = link_shown.clone();
        Callback::from(move |()| link_shown.set(!*link_shown))
    };
    let follow_shown = use_state(|| false);
    let on_follow = {
        let follow_shown = follow_shown.clone();
        Callback::from(move |()| follow_shown.set(!*follow_shown))
    };
    let fragment = follow_shown.then(|| AttrValue::from(state.shared().fragment()));
    let lesson = state.lesson.as_ref().filter(|_| !props.embed).map(|view| {
        html! { <LessonPanel view={view.clone()} {fragment} {on_follow} /> }
    });
    let classes = classes!(
        "kplay",
        (state.prefs.projector || props.present).then_some("projector"),
        props.present.then_some("presenter"),
        props.embed.then_some("embedded"),
        lesson.is_some().then_some("with-lesson"),
    );
    if props.embed {
        return html! {
            <ContextProvider<Dispatch> context={Dispatch(handle.dispatch.clone())}>
            <ContextProvider<Highlight> context={Highlight(state.highlight.clone())}>
            <main class={classes}>
                <Toolbar clock={s.clock.clone()} projector={state.prefs.projector} {share_link} {on_share} />
                <NoticeBar notice={state.notice.clone()} />
                { board(s, &calm) }
                <p class="embed-credit"><a href="./" target="_blank" rel="noopener">{ "Open kplay ↗" }</a></p>
            </main>
            </ContextProvider<Highlight>>
            </ContextProvider<Dispatch>>
        };
    }
    html! {
        <ContextProvider<Dispatch> context={Dispatch(handle.dispatch.clone())}>
        <ContextProvider<Highlight> context={Highlight(state.highlight.clone())}>
        <main class={classes}>
            <header class="page-header">
                <h1>{ "kplay" }</h1>
                <p class="tagline">{ "A Kafka cluster, its producers and consumers, simulated in your browser." }</p>
                <nav class="site-nav" aria-label="kplay">
                    <a href="./" aria-current={state.lesson.is_none().then_some("page")}>{ "Playground" }</a>
                    <a href="?lessons" aria-current={state.lesson.is_some().then_some("page")}>{ "Lessons" }</a>
                </nav>
            </header>
            <Toolbar clock={s.clock.clone()} projector={state.prefs.projector} {share_link} {on_share} />
            <Timeline clock={s.clock.clone()} />
            <NoticeBar notice={state.notice.clone()} />
            <div class="lesson-layout">
            { lesson }
            <div class="board">
                { board(s, &calm) }
                <aside class="board-side">
                    <ActionsPanel cluster={calm.cluster.clone()} topics={calm.topics.clone()}
                        producers={calm.producers.clone()} consumers={calm.consumers.clone()}
                        groups={calm.groups.clone()} room={calm.room} seed={calm.clock.seed}
                        notice={state.notice.clone()} />
                    <EventLog events={s.events.clone()} playing={s.clock.playing} />
                </aside>
            </div>
            </div>
            <Terminal console={state.console.clone()} />
            <Inspector tab={state.prefs.tab} topics={calm.topics.clone()}
                shown_topic={calm.shown_topic.clone().map(AttrValue::from)} groups={calm.groups.clone()}
                group={calm.shown_group.clone().map(AttrValue::from)} messages={calm.messages.clone()} />
            <Differences />
        </main>
        </ContextProvider<Highlight>>
        </ContextProvider<Dispatch>>
    }
}

/// The scenario's main panels: brokers, producers, logs and groups.
fn board(s: &Snapshot, calm: &Snapshot) -> Html {
    html! {
        <div class="board-main">
            <Brokers cluster={s.cluster.clone()} />
            <Producers producers={s.producers.clone()} playing={s.clock.playing} />
            <TopicLogs topics={s.topics.clone()} shown={s.shown_topic.clone().map(AttrValue::from)}
                consumers={s.consumers.clone()} />
            <GroupsPanel groups={calm.groups.clone()} consumers={calm.consumers.clone()}
                rebalances={calm.rebalances.clone()} notes={calm.group_notes.clone()}
                lag_chart={calm.lag_chart.clone()} shown={calm.shown_group.clone().map(AttrValue::from)}
                now_ms={calm.clock.time_ms} />
        </div>
    }
}

/// Where the simulation differs from Kafka on purpose, said on the page.
#[component]
fn Differences() -> Html {
    html! {
        <details class="differences">
            <summary>{ "Where this simulation differs from Kafka, on purpose" }</summary>
            <ul>
                <li>{ "The controller's decisions reach every broker at once: the KRaft metadata log is not simulated, and the controller is the lowest-id running broker that reaches a majority of the running brokers, at once; KRaft elects one among a fixed set of voters (stopped ones count towards its majority) after an election timeout." }</li>
                <li>{ "Committed offsets are kept by the group coordinator, not written as records to __consumer_offsets (whose partition leaders still decide which broker coordinates a group); it has 10 partitions here, not 50, and at most as many replicas as running brokers." }</li>
                <li>{ "The simulated producers are not transactional, so the last stable offset is always the high watermark here (kplay serve runs real clients' transactions)." }</li>
                <li>{ "Consumer groups use the classic rebalance protocol (JoinGroup and SyncGroup, group.protocol=classic); the consumer protocol of KIP-848 is not simulated. In the kafka-consumer-groups.sh table, HOST is the simulated client's name, not its address." }</li>
                <li>{ "Topic configs outside the create-topic form (compression.type, flush.ms, preallocate, segment.index.bytes and the rest of Kafka's) are accepted and described as in Kafka, but change nothing here." }</li>
                <li>{ "Retention is checked every 10 s (log.retention.check.interval.ms, 5 minutes in Kafka) and segment.bytes may be as small as 14 bytes, so that segments and retention can be watched." }</li>
                <li>{ "Time is simulated: it jumps from event to event, and every run with the same seed and actions is identical." }</li>
            </ul>
        </details>
    }
}
