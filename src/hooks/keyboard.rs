//! Keyboard control: space plays and pauses, → steps one event, ← goes one event back, ↑ and ↓
//! change the speed, `p` toggles projector mode, Page Down and Page Up (a presentation clicker's
//! keys) move through a lesson's sections. Keys typed into a form field are left alone.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Msg;

/// What a key does, if anything (`step` is the current step, for going back).
pub fn key_message(key: &str, step: u64) -> Option<Msg> {
    match key {
        " " | "Spacebar" => Some(Msg::TogglePlay),
        "ArrowRight" => Some(Msg::Step),
        "ArrowLeft" => Some(Msg::Seek(step.saturating_sub(1))),
        "ArrowUp" | "+" => Some(Msg::Faster),
        "ArrowDown" | "-" => Some(Msg::Slower),
        "p" | "P" => Some(Msg::ToggleProjector),
        "PageDown" => Some(Msg::NextSection),
        "PageUp" => Some(Msg::PreviousSection),
        _ => None,
    }
}

fn typing_into_a_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    // A focused button or disclosure (<summary>) takes space and Enter for itself.
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "SUMMARY")
        || target.has_attribute("contenteditable")
}

/// Listens for the playground's keys on the whole window while mounted.
#[hook]
pub fn use_keyboard(dispatch: Callback<Msg>, step: u64) {
    let step_ref = use_mut_ref(|| step);
    *step_ref.borrow_mut() = step;
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        let listener = EventListener::new(&window, "keydown", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if event.ctrl_key() || event.meta_key() || event.alt_key() || typing_into_a_field(event)
            {
                return;
            }
            if let Some(msg) = key_message(&event.key(), *step_ref.borrow()) {
                event.prevent_default();
                dispatch.emit(msg);
            }
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_the_playground_controls() {
        assert_eq!(key_message(" ", 5), Some(Msg::TogglePlay));
        assert_eq!(key_message("ArrowRight", 5), Some(Msg::Step));
        assert_eq!(key_message("ArrowLeft", 5), Some(Msg::Seek(4)));
        assert_eq!(key_message("ArrowLeft", 0), Some(Msg::Seek(0)));
        assert_eq!(key_message("ArrowUp", 0), Some(Msg::Faster));
        assert_eq!(key_message("PageDown", 0), Some(Msg::NextSection));
        assert_eq!(key_message("PageUp", 0), Some(Msg::PreviousSection));
        assert_eq!(key_message("x", 0), None);
    }
}
