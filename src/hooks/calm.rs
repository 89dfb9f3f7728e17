//! Calmer views for what people read rather than watch: tables, lists and forms. While the clock
//! plays, a new snapshot arrives every frame; at a thousand records a second those panels would be
//! rewritten sixty times a second, which nobody can read and which costs most of a frame. So they
//! see a value refreshed a few times a second while playing, and always the current one when
//! paused, stepped or moved on the timeline. The logs, the brokers and the records in flight stay
//! live.

use yew::prelude::*;

use crate::model::snapshot::Snapshot;

/// While playing, the calm snapshot is at most this old (real ms).
pub const CALM_MS: f64 = 250.0;

/// When a calm value refreshes: real ms after each multiple of its period. Panels that refresh
/// together would make one slow frame out of several quick ones, so each kind gets its own
/// moment within [`CALM_MS`]: the calm snapshot's panels at its start, the producers' choice
/// lists a third of the way in, the event log (every other period) two thirds of the way in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Phase(pub f64);

impl Phase {
    /// The calm snapshot's panels (groups, inspector, forms).
    pub const PANELS: Phase = Phase(0.0);
    /// The producers' newest choices.
    pub const CHOICES: Phase = Phase(CALM_MS / 3.0);
    /// The event log.
    pub const EVENTS: Phase = Phase(2.0 * CALM_MS / 3.0);
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The period of real time `now` falls in, for a value refreshed every `every_ms` at `phase`.
fn slot(now: f64, every_ms: f64, phase: Phase) -> i64 {
    ((now - phase.0) / every_ms).floor() as i64
}

/// `live` itself when not `playing` or when `fresh(kept)` says the kept value will not do;
/// otherwise the value taken in the current period of `every_ms` real ms (periods start `phase`
/// after each multiple of `every_ms`).
#[hook]
pub fn use_calm<T: Clone + 'static>(
    live: &T,
    playing: bool,
    every_ms: f64,
    phase: Phase,
    stale: impl Fn(&T) -> bool,
) -> T {
    let kept = use_mut_ref(|| (i64::MIN, live.clone()));
    let mut kept = kept.borrow_mut();
    let now = slot(now_ms(), every_ms, phase);
    if !playing || now != kept.0 || stale(&kept.1) {
        *kept = (now, live.clone());
    }
    kept.1.clone()
}

/// The snapshot for the panels people read: refreshed every [`CALM_MS`] while playing, and at
/// once when the view changes (another topic or group shown, the message browser opened).
#[hook]
pub fn use_calm_snapshot(live: &Snapshot) -> Snapshot {
    use_calm(live, live.clock.playing, CALM_MS, Phase::PANELS, |kept: &Snapshot| {
        kept.shown_topic != live.shown_topic
            || kept.shown_group != live.shown_group
            || kept.messages.is_some() != live.messages.is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_refreshes_at_its_own_moment() {
        // Every 250 ms from 0 for the panels, from 83⅓ for the choices; the event log, every
        // 500 ms, from 166⅔: no two refresh in the same millisecond.
        let changes = |every: f64, phase| {
            (1..1000)
                .filter(|t| {
                    slot(f64::from(*t), every, phase) != slot(f64::from(t - 1), every, phase)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(changes(CALM_MS, Phase::PANELS), vec![250, 500, 750]);
        assert_eq!(changes(CALM_MS, Phase::CHOICES), vec![84, 334, 584, 834]);
        assert_eq!(changes(2.0 * CALM_MS, Phase::EVENTS), vec![167, 667]);
    }
}
