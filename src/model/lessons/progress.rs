//! What a learner finished, kept in `localStorage` as short text (`slug=0,2;other=1`), and the
//! running lesson: which section is shown, what it watched, which tasks passed.
//!
//! A task that passed stays passed (a broker started again does not undo "stop a broker"),
//! until the learner resets the lesson.

use super::Lesson;
use super::check::{Check, Watched};
use crate::model::Snapshot;
use crate::model::chronicle::EventLog;
use kplay_core::vec_map::{VecMap, VecSet};

/// The tasks done in each lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    done: VecMap<String, VecSet<usize>>,
}

impl Progress {
    /// Reads stored text; anything unreadable is skipped (progress is a convenience).
    pub fn decode(text: &str) -> Progress {
        let mut done = VecMap::new();
        for entry in text.split(';') {
            let Some((slug, tasks)) = entry.split_once('=') else { continue };
            let tasks: VecSet<usize> = tasks.split(',').filter_map(|t| t.parse().ok()).collect();
            if !slug.is_empty() && !tasks.is_empty() {
                done.insert(slug.to_owned(), tasks);
            }
        }
        Progress { done }
    }

    /// The text to store.
    pub fn encode(&self) -> String {
        let entries = self.done.iter().map(|(slug, tasks)| {
            let tasks: Vec<String> = tasks.iter().map(usize::to_string).collect();
            format!("{slug}={}", tasks.join(","))
        });
        entries.collect::<Vec<_>>().join(";")
    }

    /// The tasks done in `slug`.
    pub fn done(&self, slug: &str) -> VecSet<usize> {
        self.done.get(slug).cloned().unwrap_or_default()
    }

    /// Records the tasks done in `slug` (none: forgets the lesson).
    pub fn set(&mut self, slug: &str, tasks: &VecSet<usize>) {
        if tasks.is_empty() {
            self.done.remove(slug);
        } else {
            self.done.insert(slug.to_owned(), tasks.clone());
        }
    }

    /// Whether every task of `lesson` is done.
    pub fn finished(&self, lesson: &Lesson) -> bool {
        self.done.get(lesson.slug).is_some_and(|d| d.len() >= lesson.tasks.len())
    }
}

/// The lesson on the page.
#[derive(Clone, Debug)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// The section shown.
    pub section: usize,
    /// The tasks passed.
    pub done: VecSet<usize>,
    watched: Watched,
}

impl LessonRun {
    /// `lesson` at `section`, with the tasks already done.
    pub fn new(lesson: &'static Lesson, section: usize, done: VecSet<usize>) -> LessonRun {
        let section = section.min(lesson.sections.len().saturating_sub(1));
        LessonRun { lesson, section, done, watched: Watched::default() }
    }

    /// Looks at a snapshot and the events logged since the last look; returns whether a task
    /// newly passed.
    pub fn observe(&mut self, snap: &Snapshot, log: &EventLog) -> bool {
        let wanted: Vec<&str> = self
            .lesson
            .tasks
            .iter()
            .flat_map(|t| &t.checks)
            .filter_map(|c| if let Check::Event(text) = c { Some(text.as_str()) } else { None })
            .collect();
        self.watched.watch(snap, log, &wanted);
        let mut passed = false;
        for (index, task) in self.lesson.tasks.iter().enumerate() {
            if !self.done.contains(&index)
                && task.checks.iter().all(|c| c.holds(snap, &self.watched))
            {
                self.done.insert(index);
                passed = true;
            }
        }
        passed
    }

    /// Starts the lesson again: nothing done, nothing watched, the first section.
    pub fn restart(&mut self) {
        *self = LessonRun::new(self.lesson, 0, VecSet::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips_and_skips_what_it_cannot_read() {
        let mut p = Progress::default();
        p.set("keys", &VecSet::from([0, 2]));
        p.set("groups", &VecSet::from([1]));
        assert_eq!(p.encode(), "groups=1;keys=0,2");
        assert_eq!(Progress::decode(&p.encode()), p);
        let read = Progress::decode("keys=0,x,2;;=3;junk;groups=");
        assert_eq!(read.done("keys"), VecSet::from([0, 2]));
        assert!(read.done("groups").is_empty());
        p.set("keys", &VecSet::new());
        assert_eq!(p.encode(), "groups=1");
    }
}
