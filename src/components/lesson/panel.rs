//! The panel itself: title, section stepper, prose, tasks, progress and links.

use std::rc::Rc;

use yew::prelude::*;

use super::nav::{LessonPicker, follow_along_link};
use super::task::TaskItem;
use crate::components::Dispatch;
use crate::components::code::CodeTabs;
use crate::model::lessons::Part;
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
    html! {
        <section class="lesson-panel" aria-label="Lesson">
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
