//! The app's state as a reducer: messages in, a new state with a fresh snapshot out.
//!
//! The [`Playground`] is not `Clone` (the world holds the engine), so the state shares it and
//! the reducer is its only writer. Components never see it: they render the immutable
//! [`Snapshot`] taken after each message, and yew skips those whose part did not change.

use std::cell::RefCell;
use std::rc::Rc;

use kplay_sim::Action;
use yew::Reducible;

use crate::model::chronicle::Touch;
use crate::model::console::{Console, ConsoleInput};
use crate::model::lessons::Lesson;
use crate::model::lessons::progress::LessonRun;
use crate::model::prefs::BrowseAt;
use crate::model::{Notice, Playground, Shared, Snapshot, Speed, Tab};
use kplay_core::vec_map::VecSet;

mod lesson;

/// What successive states share: the playground and the lesson's run (neither is `Clone`-cheap;
/// the reducer is their only writer).
struct Parts {
    playground: Rc<RefCell<Playground>>,
    lesson_run: Rc<RefCell<Option<LessonRun>>>,
}

/// Something the visitor (or the clock) did.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// `real_ms` of real time passed (an animation frame).
    Frame(f64),
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Run exactly one event (pauses first).
    Step,
    /// Play at this speed.
    SetSpeed(Speed),
    /// One speed faster.
    Faster,
    /// One speed slower.
    Slower,
    /// Move the timeline to the moment after this many steps (pauses first).
    Seek(u64),
    /// Start the opening scenario again with this seed.
    Reset(u64),
    /// Take an action.
    Apply(Action),
    /// Take several actions in turn, stopping at the first refused one.
    ApplyAll(Vec<Action>),
    /// Load the named preset scenario (`kplay_sim::presets`), with the current seed.
    LoadPreset(String),
    /// Open what a share link (or `localStorage`) held.
    Load(Box<Shared>),
    /// Show a message (for example, why a link could not be opened).
    Notify(Notice),
    /// Dismiss the message.
    DismissNotice,
    /// Draw this topic's logs.
    ShowTopic(String),
    /// Show this group in detail.
    ShowGroup(String),
    /// Switch the inspector's tab.
    ShowTab(Tab),
    /// Move the message browser.
    Browse(BrowseAt),
    /// Projector mode on or off.
    ToggleProjector,
    /// Highlight what an event touched (`None`: nothing).
    Highlight(Option<Vec<Touch>>),
    /// Show this section of the lesson.
    LessonSection(usize),
    /// The lesson's next section (a clicker's Page Down).
    NextSection,
    /// The lesson's previous section (Page Up).
    PreviousSection,
    /// Take the `do:` actions of the lesson's task with this index ("show me").
    ShowMe(usize),
    /// Start the lesson again: its scenario from the start, no task done.
    RestartLesson,
    /// Something typed into the terminal (a line, Ctrl-C, Ctrl-D, clear).
    Console(ConsoleInput),
}

/// The app's state.
#[derive(Debug)]
pub struct State {
    playground: Rc<RefCell<Playground>>,
    lesson_run: Rc<RefCell<Option<LessonRun>>>,
    /// The lesson on the page, if any.
    pub lesson: Option<Rc<LessonView>>,
    /// The world as it is now.
    pub snapshot: Rc<Snapshot>,
    /// The message for the visitor.
    pub notice: Option<Notice>,
    /// What is highlighted, as [`Touch::key`]s.
    pub highlight: Rc<Vec<String>>,
    /// The view, as the playground holds it.
    pub prefs: crate::model::ViewPrefs,
    /// Bumped whenever the scenario or the view changes (not on plain frames): when to save.
    pub saved_revision: u64,
    /// The terminal: its scrollback, history and what runs in it.
    pub console: Rc<Console>,
}

/// What the lesson panel draws: the lesson, the section shown, the tasks done.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonView {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// The section shown.
    pub section: usize,
    /// The tasks passed.
    pub done: VecSet<usize>,
}

impl State {
    /// A state around `playground`.
    pub fn new(playground: Playground) -> State {
        State::with_lesson(playground, None)
    }

    /// A state around `playground` running `lesson`.
    pub fn with_lesson(playground: Playground, lesson: Option<LessonRun>) -> State {
        let parts = Parts {
            playground: Rc::new(RefCell::new(playground)),
            lesson_run: Rc::new(RefCell::new(lesson)),
        };
        State::after(parts, None, Rc::new(Vec::new()), 0, Rc::new(Console::default()))
    }

    fn after(
        parts: Parts,
        before: Option<Rc<LessonView>>,
        highlight: Rc<Vec<String>>,
        revision: u64,
        console: Rc<Console>,
    ) -> State {
        let Parts { playground, lesson_run } = parts;
        let p = playground.borrow();
        let (snapshot, notice, prefs) =
            (Rc::new(p.snapshot()), p.notice().cloned(), p.prefs.clone());
        let lesson = lesson_run.borrow_mut().as_mut().map(|run| {
            run.observe(&snapshot, &p.chronicle().log);
            let view =
                LessonView { lesson: run.lesson, section: run.section, done: run.done.clone() };
            match before {
                Some(b) if *b == view => b,
                _ => Rc::new(view),
            }
        });
        drop(p);
        State {
            playground,
            lesson_run,
            lesson,
            snapshot,
            notice,
            highlight,
            prefs,
            saved_revision: revision,
            console,
        }
    }

    fn parts(&self) -> Parts {
        Parts { playground: Rc::clone(&self.playground), lesson_run: Rc::clone(&self.lesson_run) }
    }

    /// What a share link needs to rebuild this moment.
    pub fn shared(&self) -> Shared {
        self.playground.borrow().shared()
    }
}

impl Default for State {
    fn default() -> Self {
        State::new(Playground::opening(crate::model::opening::DEFAULT_SEED))
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let (highlight, revision, console) = match msg {
            Msg::Frame(real_ms) => {
                if !self.playground.borrow_mut().frame(real_ms) {
                    return self;
                }
                let (console, acted) = followed(&self.console, &mut self.playground.borrow_mut());
                (Rc::clone(&self.highlight), self.saved_revision + u64::from(acted), console)
            }
            Msg::Highlight(touches) => {
                let keys = touches.unwrap_or_default().iter().map(Touch::key).collect();
                (Rc::new(keys), self.saved_revision, Rc::clone(&self.console))
            }
            Msg::Console(input) => {
                let mut console = (*self.console).clone();
                console.input(&mut self.playground.borrow_mut(), input);
                (Rc::clone(&self.highlight), self.saved_revision + 1, Rc::new(console))
            }
            Msg::LessonSection(_)
            | Msg::NextSection
            | Msg::PreviousSection
            | Msg::ShowMe(_)
            | Msg::RestartLesson => {
                let mut p = self.playground.borrow_mut();
                lesson::update(&mut p, &mut self.lesson_run.borrow_mut(), msg);
                let (console, _) = followed(&self.console, &mut p);
                (Rc::clone(&self.highlight), self.saved_revision + 1, console)
            }
            Msg::Reset(seed) if self.lesson_run.borrow().is_some() => {
                let mut p = self.playground.borrow_mut();
                if let Some(run) = self.lesson_run.borrow_mut().as_mut() {
                    lesson::restart(&mut p, run, seed);
                }
                let (console, _) = followed(&self.console, &mut p);
                (Rc::clone(&self.highlight), self.saved_revision + 1, console)
            }
            other => {
                update(&mut self.playground.borrow_mut(), other);
                let (console, _) = followed(&self.console, &mut self.playground.borrow_mut());
                (Rc::clone(&self.highlight), self.saved_revision + 1, console)
            }
        };
        Rc::new(State::after(self.parts(), self.lesson.clone(), highlight, revision, console))
    }
}

/// The terminal after it kept up with the world (a console consumer printing what it was
/// handed, a session ending because the timeline no longer has its client), and whether that
/// changed the scenario.
fn followed(console: &Rc<Console>, p: &mut Playground) -> (Rc<Console>, bool) {
    if !console.is_following() {
        return (Rc::clone(console), false);
    }
    let mut next = (**console).clone();
    let acted = next.follow(p);
    if next.revision == console.revision && next.session() == console.session() && !acted {
        (Rc::clone(console), false)
    } else {
        (Rc::new(next), acted)
    }
}

/// Applies a message that changes the scenario or the view.
fn update(p: &mut Playground, msg: Msg) {
    match msg {
        Msg::TogglePlay => {
            let playing = !p.prefs.playing;
            p.set_playing(playing);
        }
        Msg::Step => {
            p.set_playing(false);
            p.step();
        }
        Msg::SetSpeed(speed) => p.set_speed(speed),
        Msg::Faster => {
            let speed = p.prefs.speed.faster();
            p.set_speed(speed);
        }
        Msg::Slower => {
            let speed = p.prefs.speed.slower();
            p.set_speed(speed);
        }
        Msg::Seek(step) => {
            p.set_playing(false);
            p.seek(step);
        }
        Msg::Reset(seed) => p.reset(seed),
        Msg::Apply(action) => {
            // The outcome is in the notice either way.
            let _ = p.apply(action);
        }
        Msg::ApplyAll(actions) => {
            // The outcome is in the notice either way.
            let _ = p.apply_all(actions);
        }
        Msg::LoadPreset(name) => {
            match Playground::preset(&name, p.world().seed(), p.prefs.clone()) {
                Ok(loaded) => *p = loaded,
                Err(e) => p.set_notice(Some(Notice::Error(format!("{e}; nothing changed")))),
            }
        }
        Msg::Load(shared) => match Playground::from_shared(*shared) {
            Ok(loaded) => *p = loaded,
            Err(e) => {
                p.set_notice(Some(Notice::Error(format!("{e}; showing what was here before"))))
            }
        },
        Msg::Notify(notice) => p.set_notice(Some(notice)),
        Msg::DismissNotice => p.set_notice(None),
        Msg::ShowTopic(topic) => p.prefs.topic = Some(topic),
        Msg::ShowGroup(group) => p.prefs.group = Some(group),
        Msg::ShowTab(tab) => p.prefs.tab = tab,
        Msg::Browse(at) => {
            p.prefs.tab = Tab::Messages;
            p.prefs.browse = Some(at);
        }
        Msg::ToggleProjector => p.prefs.projector = !p.prefs.projector,
        // Handled by the reducer.
        Msg::Frame(_)
        | Msg::Highlight(_)
        | Msg::LessonSection(_)
        | Msg::NextSection
        | Msg::PreviousSection
        | Msg::ShowMe(_)
        | Msg::RestartLesson
        | Msg::Console(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dispatch(state: Rc<State>, msg: Msg) -> Rc<State> {
        state.reduce(msg)
    }

    #[test]
    fn frames_advance_the_clock_only_while_playing() {
        let s = Rc::new(State::default());
        let s = dispatch(s, Msg::Frame(500.0));
        assert!(s.snapshot.clock.time_ms >= 250, "a frame is capped at 250 ms of real time");
        let s = dispatch(s, Msg::TogglePlay);
        let t = s.snapshot.clock.time_ms;
        let after = dispatch(Rc::clone(&s), Msg::Frame(100.0));
        assert!(Rc::ptr_eq(&after, &s), "a paused frame changes nothing, not even the snapshot");
        assert_eq!(after.snapshot.clock.time_ms, t);
    }

    #[test]
    fn saving_follows_changes_of_the_scenario_or_view_not_frames() {
        let s = Rc::new(State::default());
        let r = s.saved_revision;
        let s = dispatch(s, Msg::Frame(16.0));
        assert_eq!(s.saved_revision, r);
        let s = dispatch(s, Msg::ToggleProjector);
        assert!(s.prefs.projector);
        assert_eq!(s.saved_revision, r + 1);
    }

    #[test]
    fn a_bad_load_keeps_the_scenario_and_says_why() {
        let s = Rc::new(State::default());
        let s = dispatch(s, Msg::Frame(200.0));
        let before = s.shared();
        let mut broken = before.clone();
        broken.scenario.actions.push(kplay_sim::TimedAction {
            step: 0,
            time: 0,
            action: Action::StopBroker { id: 99, crash: true },
        });
        let s = dispatch(s, Msg::Load(Box::new(broken)));
        assert_eq!(s.shared().scenario, before.scenario);
        assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.contains("could not be replayed")));
    }

    #[test]
    fn a_preset_loads_at_its_start_and_plays() {
        let s = Rc::new(State::default());
        let s = dispatch(s, Msg::Frame(200.0));
        let seed = s.snapshot.clock.seed;
        let s = dispatch(s, Msg::LoadPreset("idle-consumers".into()));
        assert_eq!(s.snapshot.clock.step, 0);
        assert_eq!(s.snapshot.clock.seed, seed, "the seed is kept");
        assert!(s.snapshot.clock.playing);
        assert_eq!(s.snapshot.consumers.len(), 4, "its setup is taken at step 0");
        assert!(
            matches!(&s.notice, Some(Notice::Info(m)) if m.contains("More consumers than partitions"))
        );
        let before = s.shared();
        let s = dispatch(s, Msg::LoadPreset("nothing-by-that-name".into()));
        assert_eq!(s.shared().scenario, before.scenario);
        assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.contains("nothing changed")));
    }

    #[test]
    fn a_group_of_actions_stops_at_the_first_refusal_and_says_how_far_it_got() {
        let s = Rc::new(State::default());
        let add = |id| Action::AddBroker { id, rack: None };
        let s = dispatch(s, Msg::ApplyAll(vec![add(7), add(8)]));
        assert_eq!(s.snapshot.cluster.brokers.len(), 5);
        assert!(
            matches!(&s.notice, Some(Notice::Info(m)) if m.contains("add broker 7, and 1 more"))
        );
        let s = dispatch(s, Msg::ApplyAll(vec![add(9), add(9), add(10)]));
        assert_eq!(s.snapshot.cluster.brokers.len(), 6, "broker 10 is not added");
        assert!(
            matches!(&s.notice, Some(Notice::Error(m)) if m.starts_with("took 1 of 3 actions, then could not add broker 9")),
            "{:?}",
            s.notice
        );
    }

    #[test]
    fn terminal_input_acts_through_the_playground_and_frames_print_what_a_consumer_reads() {
        let s = Rc::new(State::default());
        let line = |l: &str| Msg::Console(ConsoleInput::Line(l.to_owned()));
        let bs = "--bootstrap-server localhost:9092";
        let s = dispatch(s, line(&format!("kafka-topics.sh {bs} --create --topic audit")));
        assert!(s.snapshot.topic("audit").is_some(), "the snapshot has the new topic");
        assert!(s.console.lines().any(|l| l.text == "Created topic audit."));
        assert!(
            matches!(
                s.shared().scenario.actions.last().map(|a| &a.action),
                Some(Action::CreateTopic { name, .. }) if name == "audit"
            ),
            "the share link keeps it"
        );
        let s = dispatch(
            s,
            line(&format!("kafka-console-consumer.sh {bs} --topic orders --from-beginning")),
        );
        let printed = |s: &State| {
            s.console.lines().filter(|l| l.kind == crate::model::console::LineKind::Out).count()
        };
        let before = printed(&s);
        let mut s = s;
        for _ in 0..120 {
            s = dispatch(s, Msg::Frame(50.0));
        }
        assert!(printed(&s) > before, "frames print the records its consumer is handed");
        let s = dispatch(s, Msg::Console(ConsoleInput::Interrupt));
        assert!(s.console.lines().last().unwrap().text.starts_with("Processed a total of "));
        let r = s.saved_revision;
        let s = dispatch(s, line("kafka-topics.sh --describe"));
        assert_eq!(s.saved_revision, r + 1);
        assert!(
            s.console.lines().last().unwrap().text.contains("--bootstrap-server must be specified")
        );
    }

    #[test]
    fn highlighting_marks_what_an_event_touched() {
        let s = Rc::new(State::default());
        let s = dispatch(s, Msg::Highlight(Some(vec![Touch::Broker(2)])));
        assert_eq!(*s.highlight, ["broker-2"]);
        let s = dispatch(s, Msg::Highlight(None));
        assert!(s.highlight.is_empty());
    }
}
