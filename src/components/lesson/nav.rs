//! The way between lessons (a list with what is finished ticked) and the follow-along link.

use yew::prelude::*;

use crate::hooks::stored_progress;
use crate::model::lessons;
use crate::route::Route;

/// Props of [`LessonPicker`].
#[derive(Properties, PartialEq)]
pub struct LessonPickerProps {
    /// The lesson shown.
    pub current: &'static str,
}

/// Every lesson as a link (relative, so it works under any path), the current one marked.
#[component]
pub fn LessonPicker(props: &LessonPickerProps) -> Html {
    let Ok(all) = lessons::all() else { return html! {} };
    let progress = stored_progress();
    let items = all.iter().enumerate().map(|(n, lesson)| {
        let current = lesson.slug == props.current;
        let mark = if progress.finished(lesson) { " ✓" } else { "" };
        html! {
            <li class={classes!(current.then_some("current"))}>
                <a href={Route::lesson_query(lesson.slug, 0)}
                    aria-current={current.then_some("page")}>
                    { format!("{}. {}{mark}", n + 1, lesson.title) }
                </a>
            </li>
        }
    });
    html! {
        <details class="lesson-picker">
            <summary>{ "All lessons" }</summary>
            <ol>{ for items }</ol>
            <p><a href="./">{ "The playground, without a lesson" }</a></p>
        </details>
    }
}

/// A link that opens this lesson at this section and this moment of its scenario.
pub fn follow_along_link(slug: &str, section: usize, fragment: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
        .unwrap_or_default();
    format!("{base}{}#{fragment}", Route::lesson_query(slug, section))
}
