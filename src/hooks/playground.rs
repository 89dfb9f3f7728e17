//! The playground hook: owns the reducer, runs the clock, listens to the keyboard, and keeps
//! the address bar and `localStorage` up to date.

use yew::prelude::*;

use crate::state::{Msg, State};

use super::persist::{Start, initial_lesson, initial_playground, save, save_progress};
use super::{use_animation_frames, use_keyboard};

/// How often, in real ms, a playing page saves its moment even when nothing else changed.
const SAVE_EVERY_MS: f64 = 2_000.0;

/// The state and a way to change it.
pub struct PlaygroundHandle {
    /// The current state.
    pub state: UseReducerHandle<State>,
    /// Sends a message to the reducer (stable across renders).
    pub dispatch: Callback<Msg>,
}

/// Starts the playground as `start` says, once, and drives it.
#[hook]
pub fn use_playground(start: Start) -> PlaygroundHandle {
    let persists = start.persists();
    let store = start.stores_scenario();
    let state = use_reducer(move || match initial_lesson(&start) {
        Some((playground, lesson)) => State::with_lesson(playground, lesson),
        None => State::new(initial_playground(&start)),
    });
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |msg: Msg, ()| dispatcher.dispatch(msg))
    };

    // The clock, and a save every few seconds of play.
    let since_save = use_mut_ref(|| 0.0_f64);
    let on_frame = {
        let dispatch = dispatch.clone();
        let state = state.clone();
        let since_save = since_save.clone();
        use_callback((), move |real_ms: f64, ()| {
            dispatch.emit(Msg::Frame(real_ms));
            let mut since = since_save.borrow_mut();
            *since += real_ms;
            if persists && *since >= SAVE_EVERY_MS {
                *since = 0.0;
                save(&state.shared(), store);
            }
        })
    };
    use_animation_frames(on_frame);
    use_keyboard(dispatch.clone(), state.snapshot.clock.step);

    // Save whenever the scenario or the view changes.
    {
        let state = state.clone();
        use_effect_with(state.saved_revision, move |_| {
            if persists {
                save(&state.shared(), store);
            }
        });
    }
    // Remember what the learner finished, whenever that changes.
    {
        let done = state.lesson.as_ref().map(|v| (v.lesson.slug, v.done.clone()));
        use_effect_with(done, move |done| {
            if let (true, Some((slug, done))) = (persists, done) {
                save_progress(slug, done);
            }
        });
    }
    PlaygroundHandle { state, dispatch }
}
