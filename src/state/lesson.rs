//! The reducer's part for lessons: moving between sections, "show me", and starting a lesson
//! again (its scenario rebuilt from the start, its tasks undone).

use super::Msg;
use crate::model::lessons::progress::LessonRun;
use crate::model::{Notice, Playground};

/// Applies a lesson message; without a lesson on the page it does nothing.
pub(super) fn update(p: &mut Playground, run: &mut Option<LessonRun>, msg: Msg) {
    let Some(run) = run.as_mut() else { return };
    let last = run.lesson.sections.len().saturating_sub(1);
    match msg {
        Msg::LessonSection(section) => run.section = section.min(last),
        Msg::NextSection => run.section = (run.section + 1).min(last),
        Msg::PreviousSection => run.section = run.section.saturating_sub(1),
        Msg::ShowMe(index) => {
            if let Some(task) = run.lesson.tasks.get(index) {
                // The outcome is in the notice either way.
                let _ = p.apply_all(task.solution.clone());
                p.set_playing(true);
            }
        }
        Msg::RestartLesson => {
            let seed = p.world().seed();
            restart(p, run, seed);
        }
        _ => {}
    }
}

/// Rebuilds the lesson's scenario with `seed` and forgets what was done.
pub(super) fn restart(p: &mut Playground, run: &mut LessonRun, seed: u64) {
    match Playground::lesson(run.lesson, seed, p.prefs.clone()) {
        Ok(fresh) => {
            *p = fresh;
            run.restart();
            p.set_notice(Some(Notice::Info(format!("“{}” started again", run.lesson.title))));
        }
        Err(e) => p.set_notice(Some(Notice::Error(format!("{e}; nothing changed")))),
    }
}
