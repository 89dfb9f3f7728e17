//! The player's timeline: going back and playing forward again shows the same events; runs cut
//! into frames add up to one run; a new action at an earlier moment starts a new branch.

mod golden;

use kplay_core::Timestamp;
use kplay_sim::world::{RunOptions, World};
use kplay_sim::{Action, Player, Progress};

/// The golden scenario's world and a player over its recorded script, at step 0.
fn golden_player() -> (World, Player) {
    let original = golden::run();
    let player = Player::new(original.scenario(), RunOptions::default()).unwrap();
    (original, player)
}

#[test]
fn playing_the_script_again_gives_the_same_trace() {
    let (original, mut player) = golden_player();
    assert_eq!(player.horizon(), original.actions().last().unwrap().step);
    while player.world().steps() < original.steps() {
        assert!(player.step().unwrap());
    }
    assert_eq!(player.world().trace().hash(), original.trace().hash());
    assert!(!player.has_scripted_future());
}

#[test]
fn frames_of_time_with_a_step_budget_add_up_to_one_run() {
    let (original, mut player) = golden_player();
    // 16 ms frames of at most 40 steps each, carrying on where the budget ran out, until the
    // original's end time; every scripted action is taken at its step and time.
    let end = original.now();
    let mut frame_end = Timestamp(0);
    let mut out_of_budget = 0;
    while player.world().now() < end {
        match player.run_until(frame_end, 40).unwrap() {
            Progress::Reached => frame_end = Timestamp((frame_end.0 + 16).min(end.0)),
            Progress::OutOfBudget => out_of_budget += 1,
            Progress::Idle => unreachable!("run_until never reports idle"),
        }
    }
    assert!(out_of_budget > 0, "the budget was hit at least once");
    assert_eq!(player.world().steps(), original.steps());
    assert_eq!(player.world().trace().hash(), original.trace().hash());
}

#[test]
fn seeking_back_and_forth_rebuilds_each_moment() {
    let (original, mut player) = golden_player();
    player.seek(original.steps()).unwrap();
    assert_eq!(player.world().trace().hash(), original.trace().hash());

    let half = original.steps() / 2;
    assert_eq!(player.seek(half).unwrap(), Progress::Reached);
    let rebuilt = World::replay(&original.scenario(), RunOptions::default(), half).unwrap();
    assert_eq!(player.world().trace().hash(), rebuilt.trace().hash());
    assert_eq!(player.horizon(), original.steps(), "going back keeps the timeline's reach");

    player.seek(original.steps()).unwrap();
    assert_eq!(player.world().trace().hash(), original.trace().hash());
}

#[test]
fn an_action_at_an_earlier_moment_starts_a_new_branch() {
    let (original, mut player) = golden_player();
    let recorded = original.actions().len();
    // Just after the broker crash (the script's second-to-last group of actions).
    let crash_step = original.actions()[recorded - 3].step;
    player.seek(crash_step + 10).unwrap();
    player.apply(Action::Heal).unwrap();
    assert_eq!(player.scenario().actions.len(), recorded - 1, "the restart and close are gone");
    assert_eq!(player.scenario().actions.last().unwrap().action, Action::Heal);
    assert!(!player.has_scripted_future());
    assert_eq!(player.horizon(), crash_step + 10);

    // The branch replays like any scenario.
    player.run_for(2_000, u64::MAX).unwrap();
    let replayed =
        World::replay(player.scenario(), RunOptions::default(), player.world().steps()).unwrap();
    assert_eq!(replayed.trace().hash(), player.world().trace().hash());
}

#[test]
fn a_refused_action_keeps_the_script() {
    let (original, mut player) = golden_player();
    player.seek(10).unwrap();
    let err = player.apply(Action::StartBroker { id: 99 }).unwrap_err();
    assert!(!err.to_string().is_empty());
    assert_eq!(player.scenario().actions, original.scenario().actions);
    assert!(player.has_scripted_future());
}

#[test]
fn a_runaway_seek_stops_at_the_time_limit() {
    // Metrics are sampled forever, so a world never runs out of events: a seek far beyond what
    // was played is bounded only by the run's limits, and stops with an error, not a hang.
    let options = RunOptions { max_time_ms: 500, ..RunOptions::default() };
    let mut player = Player::new(kplay_sim::Scenario::new(1), options).unwrap();
    let err = player.seek(1_000_000).unwrap_err();
    assert!(matches!(err, kplay_sim::SimError::TimeLimit(500)), "{err}");
    assert!(player.world().now().0 <= 500);
}
