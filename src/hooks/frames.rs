//! The clock: one message per animation frame with the real time since the last one, for as
//! long as the component is mounted.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

/// Calls `on_frame` with the milliseconds since the previous frame, every animation frame.
#[hook]
pub fn use_animation_frames(on_frame: Callback<f64>) {
    use_effect_with((), move |()| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
        schedule(Rc::clone(&handle), on_frame, None);
        move || {
            // Dropping the pending frame cancels it, which ends the chain.
            handle.borrow_mut().take();
        }
    });
}

fn schedule(
    handle: Rc<RefCell<Option<AnimationFrame>>>,
    on_frame: Callback<f64>,
    last: Option<f64>,
) {
    let next = Rc::clone(&handle);
    let frame = request_animation_frame(move |now| {
        on_frame.emit(last.map_or(0.0, |l| (now - l).max(0.0)));
        // Keep going only if nobody cancelled meanwhile.
        if next.borrow().is_some() {
            schedule(next, on_frame, Some(now));
        }
    });
    *handle.borrow_mut() = Some(frame);
}
