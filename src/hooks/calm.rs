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

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// `live` itself when not `playing` or when `fresh(kept)` says the kept value will not do;
/// otherwise the value taken at most `every_ms` (real ms) ago.
#[hook]
pub fn use_calm<T: Clone + 'static>(
    live: &T,
    playing: bool,
    every_ms: f64,
    stale: impl Fn(&T) -> bool,
) -> T {
    let kept = use_mut_ref(|| (f64::NEG_INFINITY, live.clone()));
    let mut kept = kept.borrow_mut();
    let now = now_ms();
    if !playing || now - kept.0 >= every_ms || stale(&kept.1) {
        *kept = (now, live.clone());
    }
    kept.1.clone()
}

/// The snapshot for the panels people read: refreshed every [`CALM_MS`] while playing, and at
/// once when the view changes (another topic or group shown, the message browser opened).
#[hook]
pub fn use_calm_snapshot(live: &Snapshot) -> Snapshot {
    use_calm(live, live.clock.playing, CALM_MS, |kept: &Snapshot| {
        kept.shown_topic != live.shown_topic
            || kept.shown_group != live.shown_group
            || kept.messages.is_some() != live.messages.is_some()
    })
}
