//! The engine as the page drives it, without the page: a scenario read from a share link's bytes,
//! replayed to a moment and written back, every preset started and played through its script,
//! and the trace written out as the event log's text. `scripts/size-probe.sh` builds this the way
//! trunk builds the site and prints both weights, so what the engine alone costs the page is
//! measured, not guessed.

use kplay_core::Timestamp;
use kplay_sim::presets::PRESETS;
use kplay_sim::{Player, Scenario};
use wasm_bindgen::prelude::wasm_bindgen;

/// Replays the scenario in `link` (postcard bytes, as a share link holds them) for `ms`, then
/// plays every preset for `ms` with `seed`; returns the trace hashes and the trace as text.
#[wasm_bindgen]
pub fn run(link: &[u8], seed: u64, ms: i64) -> String {
    let mut out = String::new();
    if let Ok(scenario) = postcard::from_bytes::<Scenario>(link)
        && let Ok(mut player) = Player::new(scenario, Default::default())
    {
        let _ = player.run_until(Timestamp(ms), 1_000_000);
        let written = postcard::to_allocvec(player.scenario()).unwrap_or_default();
        out += &format!("{:x} {}\n", player.world().trace().hash(), written.len());
    }
    for preset in PRESETS {
        let Ok(mut world) = preset.start(seed, Default::default()) else { continue };
        for (at, action) in preset.script() {
            let _ = world.run_until(Timestamp(at));
            let _ = world.apply(action);
        }
        let _ = world.run_for(ms);
        out += &format!("{} {:x}\n", preset.name, world.trace().hash());
        for entry in world.trace().entries() {
            out += &format!("{entry}\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_probe_runs_the_engine() {
        let text = super::run(&[], 1, 2_000);
        assert!(text.lines().count() > kplay_sim::presets::PRESETS.len(), "{text}");
    }
}
