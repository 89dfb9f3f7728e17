//! The forms checked against a real playground: each typed form becomes the action the engine
//! expects (and the world changes as it should), and each wrong field gets its message.

mod brokers;
mod consumers;
mod producers;
mod topics;

use kplay_sim::Action;

use super::{Errors, Facts};
use crate::model::Playground;

/// The opening scenario after `seconds` (its group is stable after about 3.5 s).
fn opening(seconds: f64) -> Playground {
    let mut p = Playground::opening(1);
    play(&mut p, seconds);
    p
}

/// Plays `seconds` of real time in 60 fps frames.
fn play(p: &mut Playground, seconds: f64) {
    for _ in 0..(seconds * 60.0) as usize {
        p.frame(1000.0 / 60.0);
    }
}

fn facts(p: &Playground) -> Facts {
    Facts::of(&p.snapshot())
}

/// The message of the one wrong field, which must be `field`.
fn only_error<T: std::fmt::Debug>(result: Result<T, Errors>, field: &str) -> String {
    let errors = result.expect_err("the form is refused");
    assert_eq!(errors.len(), 1, "one wrong field: {errors:?}");
    errors.get(field).unwrap_or_else(|| panic!("{field} is the wrong one: {errors:?}")).to_owned()
}

/// Applies what a form built, which the engine must accept.
fn take(p: &mut Playground, action: Action) {
    let shown = action.to_string();
    p.apply(action).unwrap_or_else(|e| panic!("{shown}: {e}"));
}
