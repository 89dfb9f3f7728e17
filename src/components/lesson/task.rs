//! One "try this" task: what to do, whether it is done, and "show me".

use yew::prelude::*;

use crate::components::Dispatch;
use crate::state::Msg;

/// Props of [`TaskItem`].
#[derive(Properties, PartialEq)]
pub struct TaskItemProps {
    /// Its index in the lesson.
    pub index: usize,
    /// What to do.
    pub text: String,
    /// Whether it passed.
    pub done: bool,
}

/// A task, ticked when the simulation shows it done.
#[component]
pub fn TaskItem(props: &TaskItemProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("the app provides Dispatch");
    let index = props.index;
    let show_me = dispatch.to(move |_: MouseEvent| Msg::ShowMe(index));
    let state = if props.done { "done" } else { "to do" };
    html! {
        <div class={classes!("task", props.done.then_some("done"))} data-task={index.to_string()}>
            <span class="task-mark" role="img" aria-label={state}>{ if props.done { "✓" } else { "○" } }</span>
            <p class="task-text"><strong>{ "Try this: " }</strong>{ inline_code(&props.text) }</p>
            if !props.done {
                <button class="show-me" onclick={show_me}>{ "Show me" }</button>
            }
        </div>
    }
}

/// The task's text with `backticked` parts as code.
fn inline_code(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(n, part)| {
        if n % 2 == 1 {
            html! { <code>{ part.to_owned() }</code> }
        } else {
            html! { part.to_owned() }
        }
    });
    html! { <>{ for parts }</> }
}
