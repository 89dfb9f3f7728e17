//! The terminal against a seeded playground: what each command prints, and what it did to the
//! world.

mod consumer;
mod groups;
mod parsing;
mod producer;
mod topics;

use super::{Console, ConsoleInput, LineKind};
use crate::model::Playground;

/// The opening scenario, paused after `ms` of simulated time.
fn playground(ms: f64) -> Playground {
    let mut p = Playground::opening(7);
    play(&mut p, ms);
    p
}

/// Plays `ms` of real time in 50 ms frames.
pub(crate) fn play(p: &mut Playground, ms: f64) {
    p.set_playing(true);
    let mut left = ms;
    while left > 0.0 {
        p.frame(left.min(50.0));
        left -= 50.0;
    }
}

/// Plays while a console follows, as the page does frame by frame.
fn play_following(p: &mut Playground, c: &mut Console, ms: f64) {
    p.set_playing(true);
    let mut left = ms;
    while left > 0.0 {
        p.frame(left.min(50.0));
        c.follow(p);
        left -= 50.0;
    }
}

/// Types `line` and returns what it printed (not the echo), one string per line.
fn type_line(p: &mut Playground, c: &mut Console, line: &str) -> Vec<String> {
    let before = c.lines().count();
    c.input(p, ConsoleInput::Line(line.to_owned()));
    c.lines().skip(before).filter(|l| l.kind != LineKind::Input).map(|l| l.text.clone()).collect()
}

/// What the scenario holds now (to check that a refused command changed nothing).
fn actions(p: &Playground) -> Vec<kplay_sim::TimedAction> {
    p.world().actions().to_vec()
}

const BS: &str = "--bootstrap-server localhost:9092";
