//! The named scenarios a visitor can load ([`kplay_sim::presets::PRESETS`]) as scenarios the
//! playground's timeline plays from their start.
//!
//! A preset is a setup (actions at time 0) and a script (actions at later times); a scenario
//! records actions by step. So the script is taken once, running the world to each scripted
//! time, which records each action at the step it fell due — and the playground then replays
//! the whole of it from step 0, as it would a share link.

use kplay_core::Timestamp;
use kplay_sim::presets::{PRESETS, Preset};
use kplay_sim::{Player, Progress, Scenario, SimError};

use super::limits;
use super::playground::run_options;

/// The preset called `name`, and its scenario with `seed`.
pub fn scenario(name: &str, seed: u64) -> Result<(&'static Preset, Scenario), String> {
    let preset = kplay_sim::presets::preset(name).ok_or_else(|| {
        let known: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        format!("there is no scenario called “{name}” (there are: {})", known.join(", "))
    })?;
    let failed = |e: SimError| format!("“{}” could not be built: {e}", preset.title);
    let setup = preset.start(seed, run_options()).map_err(failed)?.scenario();
    let setup_len = setup.actions.len();
    let mut player = Player::new(setup, run_options()).map_err(failed)?;
    for (index, (at, action)) in preset.script().into_iter().enumerate() {
        if player.run_until(Timestamp(at), limits::MAX_STEP).map_err(failed)?
            == Progress::OutOfBudget
        {
            return Err(failed(SimError::StepLimit(player.world().steps())));
        }
        player
            .apply(action)
            .map_err(|error| failed(SimError::Replay { index: setup_len + index, error }))?;
    }
    let scenario = player.scenario().clone();
    limits::check_scenario(&scenario).map_err(|e| format!("“{}”: {e}", preset.title))?;
    Ok((preset, scenario))
}

#[cfg(test)]
mod tests {
    use kplay_sim::Action;

    use super::*;

    #[test]
    fn every_preset_builds_a_scenario_that_fits_in_a_link() {
        for preset in PRESETS {
            let (found, scenario) = scenario(preset.name, 3).expect(preset.name);
            assert_eq!(found.name, preset.name);
            assert_eq!(scenario.seed, 3);
            let scripted = preset.script();
            let recorded: Vec<&Action> = scenario.actions.iter().map(|t| &t.action).collect();
            for (at, action) in &scripted {
                let timed = scenario.actions.iter().find(|t| &t.action == action).expect("kept");
                assert_eq!(timed.time, *at, "{}: taken when the script says", preset.name);
                assert!(timed.step > 0, "{}: recorded after the setup", preset.name);
            }
            assert!(recorded.len() > scripted.len(), "{}: the setup is recorded", preset.name);
            assert!(
                scenario.actions[..recorded.len() - scripted.len()].iter().all(|t| t.step == 0)
            );
        }
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones() {
        let err = scenario("no-such-thing", 1).unwrap_err();
        assert!(err.contains("no-such-thing") && err.contains("keys-keep-order"), "{err}");
    }
}
