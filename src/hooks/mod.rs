//! Hooks: where the app's state and its effects live — the animation-frame clock, the keyboard,
//! the address bar and `localStorage` — so components stay plain functions of their props.

mod calm;
mod frames;
mod keyboard;
mod persist;
mod playground;

pub use calm::{CALM_MS, Phase, use_calm, use_calm_snapshot};
pub use frames::use_animation_frames;
pub use keyboard::{key_message, use_keyboard};
pub use persist::{
    PROGRESS_KEY, STORAGE_KEY, Start, initial_lesson, initial_playground, save, save_progress,
    stored_progress,
};
pub use playground::{PlaygroundHandle, use_playground};
