//! The message line: what the last action did, or why it was refused (and that nothing changed).

use yew::prelude::*;

use super::super::use_dispatch;
use crate::model::Notice;
use crate::state::Msg;

/// Props of [`NoticeBar`].
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// The message, if any.
    pub notice: Option<Notice>,
}

/// The message, with a button to dismiss it.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let dispatch = use_dispatch();
    let Some(notice) = &props.notice else { return html! {} };
    let (class, role, text) = match notice {
        Notice::Info(text) => ("notice info", "status", text),
        Notice::Error(text) => ("notice error", "alert", text),
    };
    html! {
        <div class={class} role={role}>
            <span class="notice-text">{ text.clone() }</span>
            <button type="button" class="dismiss" aria-label="Dismiss the message"
                onclick={dispatch.to(|_: MouseEvent| Msg::DismissNotice)}>{ "×" }</button>
        </div>
    }
}
