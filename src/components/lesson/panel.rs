//! The panel itself: title, section stepper, prose, tasks, progress and links.
//!
//! A section about one part of the board (its ```` ```board ```` block) brings that part into
//! view when it opens, beside the lesson's text, which stays put (the panel is sticky), and
//! offers a button to bring it back after the learner scrolls away. Where the board sits under
//! the lesson (a narrow screen), only the button does: scrolling there would carry the text
//! being read off the screen.

use std::rc::Rc;

use yew::prelude::*;

use super::nav::{LessonPicker, follow_along_link};
use super::task::TaskItem;
use crate::components::Dispatch;
use crate::components::code::CodeTabs;
use crate::model::lessons::{Board, Part};
use crate::route::Route;
use crate::state::{LessonView, Msg};

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The lesson, its section and its tasks done.
    pub view: Rc<LessonView>,
    /// The share fragment of the moment, for the follow-along link (only while it is shown).
    #[prop_or_default]
    pub fragment: Option<AttrValue>,
    /// Asks for the fragment (the follow-along link is being shown or hidden).
    pub on_follow: Callback<()>,
}

/// A lesson beside its live scenario.
#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("the app provides Dispatch");
    let LessonView { lesson, section, done } = &*props.view;
    let panel_ref = use_node_ref();
    let board = lesson.sections.get(*section).and_then(|s| s.board);
    {
        let panel_ref = panel_ref.clone();
        use_effect_with((lesson.slug, *section), move |_| {
            if let Some(board) = board.filter(|_| side_by_side(&panel_ref)) {
                bring_into_view(&panel_ref, board);
            }
        });
    }
    let count = lesson.sections.len();
    let Some(current) = lesson.sections.get(*section) else {
        return html! { <section class="lesson-panel">{ "This lesson has no sections." }</section> };
    };
    let parts = current.parts.iter().map(|part| match part {
        Part::Prose(text) => Html::from_html_unchecked(AttrValue::Static(text)),
        Part::Task(index) => html! {
            <TaskItem key={*index} index={*index} text={lesson.tasks[*index].text.clone()}
                done={done.contains(index)} />
        },
    });
    let previous = dispatch.to(|_: MouseEvent| Msg::PreviousSection);
    let next = dispatch.to(|_: MouseEvent| Msg::NextSection);
    let restart = dispatch.to(|_: MouseEvent| Msg::RestartLesson);
    let follow = props.on_follow.reform(|_: MouseEvent| ());
    let total = lesson.tasks.len();
    let lesson_ref: &'static crate::model::lessons::Lesson = lesson;
    let actions = use_memo(lesson.slug, move |_| Rc::new(lesson_ref.actions()));
    let show_board = board.map(|board| {
        let panel_ref = panel_ref.clone();
        let onclick = Callback::from(move |_: MouseEvent| bring_into_view(&panel_ref, board));
        html! {
            <button class="lesson-board" {onclick}>{ format!("Show {} ↘", board.title()) }</button>
        }
    });
    html! {
        <section class="lesson-panel" aria-label="Lesson" ref={panel_ref}>
            <LessonPicker current={lesson.slug} />
            <h2 class="lesson-title">{ lesson.title }</h2>
            <p class="lesson-summary">{ lesson.summary }</p>
            <nav class="lesson-steps" aria-label="Sections">
                <button class="section-previous" onclick={previous} disabled={*section == 0}
                    aria-keyshortcuts="PageUp">{ "← Back" }</button>
                <span class="section-position" aria-live="polite">
                    { format!("{} of {count}", section + 1) }
                </span>
                <button class="section-next" onclick={next} disabled={section + 1 >= count}
                    aria-keyshortcuts="PageDown">{ "Next →" }</button>
            </nav>
            <article class="lesson-section">
                if !current.heading.is_empty() { <h3>{ current.heading }</h3> }
                { for show_board }
                { for parts }
            </article>
            <details class="lesson-code">
                <summary>{ "This lesson in code: kafka-python, confluent-kafka, the command line" }</summary>
                <p class="lesson-code-note">{ "Generated from the lesson's scenario and tasks, for a real broker on localhost:9092 (kplay serve, for example)." }</p>
                <CodeTabs actions={(*actions).clone()} id="lesson-code" />
            </details>
            <footer class="lesson-footer">
                <p class="lesson-progress" aria-live="polite">
                    { format!("Tasks done: {} of {total}", done.len()) }
                    if total > 0 && done.len() >= total { <strong>{ " — lesson complete!" }</strong> }
                </p>
                <button class="lesson-restart" onclick={restart}>{ "Start this lesson again" }</button>
                <button class="lesson-follow" onclick={follow} aria-expanded={props.fragment.is_some().to_string()}>
                    { "Follow-along link" }
                </button>
                <a class="lesson-present" href={format!("{}&present", Route::lesson_query(lesson.slug, *section))}
                    title="Large type and high contrast for a projector; Page Down and Page Up move through the sections">
                    { "Present" }
                </a>
                if let Some(fragment) = &props.fragment {
                    <input class="follow-link" readonly=true aria-label="Follow-along link"
                        value={follow_along_link(lesson.slug, *section, fragment)} />
                }
            </footer>
        </section>
    }
}

/// The page (`main`) the lesson panel is on.
fn page_of(panel: &NodeRef) -> Option<web_sys::Element> {
    panel.cast::<web_sys::Element>()?.closest("main").ok()?
}

/// The element of `board` on this page, found from the lesson panel's own page.
fn board_element(panel: &NodeRef, board: Board) -> Option<web_sys::Element> {
    let selector = match board {
        Board::Brokers => "section.cluster",
        Board::Producers => "section.producers",
        Board::Logs => "section.logs",
        Board::Groups => "section.groups",
        Board::Events => "section.event-log",
        Board::Terminal => "section.terminal-panel",
        Board::Inspector => "section.inspector",
    };
    page_of(panel)?.query_selector(selector).ok()?
}

/// Scrolls the page so that `board` starts at the top of the window, smoothly unless the
/// learner asked the system for less motion.
fn bring_into_view(panel: &NodeRef, board: Board) {
    let Some(element) = board_element(panel, board) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    if !matches_media("(prefers-reduced-motion: reduce)") {
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
    }
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Whether the board stands beside the lesson (lessons.css: on screens wider than 70rem, and in
/// presenter mode), rather than under it.
fn side_by_side(panel: &NodeRef) -> bool {
    let board = page_of(panel).and_then(|page| page.query_selector(".board").ok()?);
    match (panel.cast::<web_sys::Element>(), board) {
        (Some(lesson), Some(board)) => {
            board.get_bounding_client_rect().left()
                >= lesson.get_bounding_client_rect().right() - 1.0
        }
        _ => false,
    }
}

fn matches_media(query: &str) -> bool {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}
