//! Copying text with `navigator.clipboard.writeText`, looked up at run time: the Clipboard API
//! exists only in secure contexts and may refuse (no permission, the page not focused), and
//! neither may break the page. The outcome is reported to a callback.

use js_sys::{Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// How a copy went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Copied {
    /// The text is on the clipboard.
    Done,
    /// The browser refused.
    Refused,
    /// This page has no clipboard API.
    Unavailable,
}

impl Copied {
    /// What the button's status line says.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Copied::Done => "Copied.",
            Copied::Refused => "The browser refused to copy: select the code and copy it.",
            Copied::Unavailable => "No clipboard on this page: select the code and copy it.",
        }
    }
}

/// Starts copying `text`; `done` hears how it went (at once when there is no clipboard).
pub(crate) fn copy(text: &str, done: Callback<Copied>) {
    let Some(write_text) = clipboard_write_text() else {
        done.emit(Copied::Unavailable);
        return;
    };
    let (clipboard, write_text) = write_text;
    let Ok(promise) = write_text.call1(&clipboard, &JsValue::from_str(text)) else {
        done.emit(Copied::Refused);
        return;
    };
    let then =
        Reflect::get(&promise, &"then".into()).ok().and_then(|t| t.dyn_into::<Function>().ok());
    let Some(then) = then else {
        done.emit(Copied::Done);
        return;
    };
    let ok = {
        let done = done.clone();
        Closure::once_into_js(move |_: JsValue| done.emit(Copied::Done))
    };
    let refused = Closure::once_into_js(move |_: JsValue| done.emit(Copied::Refused));
    let _ = then.call2(&promise, &ok, &refused);
}

/// `navigator.clipboard` and its `writeText`, if this page has them.
fn clipboard_write_text() -> Option<(JsValue, Function)> {
    let window = web_sys::window()?;
    let navigator = Reflect::get(&window, &"navigator".into()).ok()?;
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write_text =
        Reflect::get(&clipboard, &"writeText".into()).ok()?.dyn_into::<Function>().ok()?;
    Some((clipboard, write_text))
}
