//! The lessons as the build left them (`build.rs` writes `lessons.rs` from `www/lessons/*.md`),
//! read into [`Lesson`]s: their sections, their tasks with checks and solutions, and their
//! scenario.

use std::sync::OnceLock;

use kplay_core::Timestamp;
use kplay_sim::{Action, Player, Progress, Scenario, SimError, World};

use super::check::Check;
use super::script;
use crate::model::limits;
use crate::model::playground::run_options;

struct LessonSource {
    file: &'static str,
    front: &'static [(&'static str, &'static str)],
    scenario: &'static str,
    sections: &'static [SectionSource],
}

struct SectionSource {
    heading: &'static str,
    board: Option<&'static str>,
    parts: &'static [PartSource],
}

enum PartSource {
    Html(&'static str),
    Task(&'static str),
}

static SOURCES: &[LessonSource] = include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// One lesson.
#[derive(Debug)]
pub struct Lesson {
    /// Its name in links (`keys-and-ordering`): the file name without its number.
    pub slug: &'static str,
    /// Its title.
    pub title: &'static str,
    /// One sentence on what it teaches.
    pub summary: &'static str,
    /// Its scenario, in kplay's script language.
    pub scenario_text: &'static str,
    scenario: Vec<script::Line>,
    /// Its sections, in order.
    pub sections: Vec<Section>,
    /// Its tasks, in order (sections point at them).
    pub tasks: Vec<Task>,
}

/// A part of a lesson under one `##` heading.
#[derive(Debug)]
pub struct Section {
    /// The heading (empty for text before the first heading).
    pub heading: &'static str,
    /// The part of the board the section is about (its ```` ```board ```` block), brought into
    /// view when the section opens.
    pub board: Option<Board>,
    /// Prose and tasks, in order.
    pub parts: Vec<Part>,
}

/// A part of the board beside a lesson, by the name a lesson file gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Board {
    /// The brokers and their replicas.
    Brokers,
    /// The producers and their partitioners' choices.
    Producers,
    /// The partition logs.
    Logs,
    /// The consumer groups: members, lag, rebalances.
    Groups,
    /// The event log.
    Events,
    /// The terminal with Kafka's console tools.
    Terminal,
    /// The inspector's tables.
    Inspector,
}

impl Board {
    const ALL: [Board; 7] = [
        Board::Brokers,
        Board::Producers,
        Board::Logs,
        Board::Groups,
        Board::Events,
        Board::Terminal,
        Board::Inspector,
    ];

    /// Its name in a lesson file.
    pub fn name(self) -> &'static str {
        match self {
            Board::Brokers => "brokers",
            Board::Producers => "producers",
            Board::Logs => "logs",
            Board::Groups => "groups",
            Board::Events => "events",
            Board::Terminal => "terminal",
            Board::Inspector => "inspector",
        }
    }

    /// What a learner reads on the button that brings it into view.
    pub fn title(self) -> &'static str {
        match self {
            Board::Brokers => "the brokers",
            Board::Producers => "the producers",
            Board::Logs => "the partition logs",
            Board::Groups => "the consumer groups",
            Board::Events => "the event log",
            Board::Terminal => "the terminal",
            Board::Inspector => "the inspector",
        }
    }

    /// The part named `name`, or what the names are.
    pub fn parse(name: &str) -> Result<Board, String> {
        Board::ALL.into_iter().find(|b| b.name() == name).ok_or_else(|| {
            let names: Vec<_> = Board::ALL.iter().map(|b| b.name()).collect();
            format!("“{name}” is not a part of the board (one of: {})", names.join(", "))
        })
    }
}

/// Prose or a task.
#[derive(Debug)]
pub enum Part {
    /// HTML made from the lesson's Markdown.
    Prose(&'static str),
    /// The task with this index in [`Lesson::tasks`].
    Task(usize),
}

/// A "try this" task.
#[derive(Debug)]
pub struct Task {
    /// What to do.
    pub text: String,
    /// What must all hold for it to pass.
    pub checks: Vec<Check>,
    /// What does it, in the script language (`do:` lines).
    pub solution_text: Vec<&'static str>,
    /// The same, as actions.
    pub solution: Vec<Action>,
}

/// Every lesson, in file order; an error names the file and line that is wrong.
pub fn all() -> Result<&'static [Lesson], &'static str> {
    static LESSONS: OnceLock<Result<Vec<Lesson>, String>> = OnceLock::new();
    match LESSONS.get_or_init(|| SOURCES.iter().map(read).collect()) {
        Ok(lessons) => Ok(lessons),
        Err(e) => Err(e),
    }
}

/// The lesson called `slug`.
pub fn find(slug: &str) -> Option<&'static Lesson> {
    all().ok()?.iter().find(|l| l.slug == slug)
}

fn read(source: &LessonSource) -> Result<Lesson, String> {
    let file = source.file;
    let front = |key: &str| source.front.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let slug =
        file.trim_end_matches(".md").trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    let scenario = script::parse(source.scenario).map_err(|e| format!("{file}, scenario, {e}"))?;
    let mut tasks = Vec::new();
    let mut sections = Vec::new();
    for (number, s) in source.sections.iter().enumerate() {
        let board = s
            .board
            .map(Board::parse)
            .transpose()
            .map_err(|e| format!("{file}, section {}: {e}", number + 1))?;
        let mut parts = Vec::new();
        for part in s.parts {
            parts.push(match part {
                PartSource::Html(html) => Part::Prose(html),
                PartSource::Task(text) => {
                    tasks.push(
                        task(text).map_err(|e| format!("{file}, task {}: {e}", tasks.len() + 1))?,
                    );
                    Part::Task(tasks.len() - 1)
                }
            });
        }
        sections.push(Section { heading: s.heading, board, parts });
    }
    Ok(Lesson {
        slug,
        title: front("title").unwrap_or(slug),
        summary: front("summary").unwrap_or_default(),
        scenario_text: source.scenario,
        scenario,
        sections,
        tasks,
    })
}

fn task(text: &'static str) -> Result<Task, String> {
    let mut said = Vec::new();
    let mut checks = Vec::new();
    let mut solution_text = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(check) = line.strip_prefix("check:") {
            checks.push(Check::parse(check.trim())?);
        } else if let Some(step) = line.strip_prefix("do:") {
            solution_text.push(step.trim());
        } else {
            said.push(line);
        }
    }
    if checks.is_empty() {
        return Err("has no check: line".into());
    }
    if said.is_empty() {
        return Err("does not say what to do".into());
    }
    let solution = script::actions(&solution_text.join("\n"))?;
    Ok(Task { text: said.join(" "), checks, solution_text, solution })
}

/// Lessons are told apart by their slug (they are unique: a test says so).
impl PartialEq for Lesson {
    fn eq(&self, other: &Lesson) -> bool {
        self.slug == other.slug
    }
}

impl Lesson {
    /// The lesson's scenario with `seed`: its lines without `at` taken at time 0, the others
    /// at their times.
    pub fn scenario(&self, seed: u64) -> Result<Scenario, String> {
        let failed = |e: SimError| format!("“{}” could not be built: {e}", self.title);
        let mut world = World::new(seed, kplay_sim::Settings::default(), run_options());
        let (setup, timed): (Vec<_>, Vec<_>) =
            self.scenario.iter().partition(|l| l.at_ms.is_none());
        for (index, action) in setup.iter().flat_map(|l| l.actions.iter()).enumerate() {
            world
                .apply(action.clone())
                .map_err(|error| failed(SimError::Replay { index, error }))?;
        }
        let mut player = Player::new(world.scenario(), run_options()).map_err(failed)?;
        for line in timed {
            let at = Timestamp(line.at_ms.unwrap_or_default());
            if player.run_until(at, limits::MAX_STEP).map_err(failed)? == Progress::OutOfBudget {
                return Err(failed(SimError::StepLimit(player.world().steps())));
            }
            for action in &line.actions {
                player
                    .apply(action.clone())
                    .map_err(|e| format!("“{}”: {action}: {e}", self.title))?;
            }
        }
        let scenario = player.scenario().clone();
        limits::check_scenario(&scenario).map_err(|e| format!("“{}”: {e}", self.title))?;
        Ok(scenario)
    }

    /// Every action the lesson takes: its scenario, then each task's solution.
    pub fn actions(&self) -> Vec<Action> {
        let scenario = self.scenario.iter().flat_map(|l| l.actions.iter().cloned());
        scenario.chain(self.tasks.iter().flat_map(|t| t.solution.iter().cloned())).collect()
    }
}
