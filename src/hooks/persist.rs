//! Where a scenario comes from when the page opens, and where it goes as it changes: the
//! address bar's fragment (a share link) and `localStorage` (so a reload loses nothing).
//!
//! A link wins over what was stored. A link or a stored scenario that cannot be opened is
//! reported in a message and the opening scenario is shown instead; nothing else breaks.

use crate::model::lessons::{self, progress::LessonRun, progress::Progress};
use crate::model::opening::DEFAULT_SEED;
use crate::model::{Notice, Playground, Shared};
use kplay_core::vec_map::VecSet;

/// The `localStorage` key of the current scenario.
pub const STORAGE_KEY: &str = "kplay.scenario";

/// How the app finds its first scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Start {
    /// From the address bar's fragment, else `localStorage`, else the opening scenario; and keep
    /// both up to date as things change. What the real page does.
    #[default]
    Page,
    /// The opening scenario with this seed, paused, touching neither the address bar nor
    /// `localStorage` (for tests and embedding).
    Paused(u64),
    /// This fragment, as if it were in the address bar, touching neither (for tests).
    Fragment(String),
    /// A lesson, at a section. From the page (`page`), the address bar's fragment holds the
    /// moment if it has one, and what the learner finished comes from and goes to
    /// `localStorage` (the playground's own stored scenario is left alone).
    Lesson {
        /// The lesson's slug.
        slug: String,
        /// The section to show first.
        section: usize,
        /// Whether this is the real page (else a test: nothing is read or written).
        page: bool,
    },
}

impl Start {
    /// Whether the app writes the address bar (and `localStorage`).
    pub fn persists(&self) -> bool {
        matches!(self, Start::Page | Start::Lesson { page: true, .. })
    }

    /// Whether the scenario itself is kept in `localStorage` (the playground's, not a lesson's).
    pub fn stores_scenario(&self) -> bool {
        matches!(self, Start::Page)
    }
}

/// The `localStorage` key of what learners finished.
pub const PROGRESS_KEY: &str = "kplay.lessons";

/// What learners finished, as stored (nothing if storage is unavailable).
pub fn stored_progress() -> Progress {
    let text = storage().and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten());
    Progress::decode(&text.unwrap_or_default())
}

/// Stores the tasks done in one lesson, keeping the others'. Failures are ignored.
pub fn save_progress(slug: &str, done: &VecSet<usize>) {
    let mut progress = stored_progress();
    progress.set(slug, done);
    if let Some(storage) = storage() {
        let _ = storage.set_item(PROGRESS_KEY, &progress.encode());
    }
}

/// The lesson the app starts with, and its playground; an unknown slug opens the first lesson
/// with a message saying so.
pub fn initial_lesson(start: &Start) -> Option<(Playground, Option<LessonRun>)> {
    let Start::Lesson { slug, section, page } = start else { return None };
    let (lesson, notice) = match lessons::find(slug) {
        Some(lesson) => (lesson, None),
        None => {
            let lessons = match lessons::all() {
                Ok(all) => all,
                Err(e) => {
                    let mut p = Playground::opening(DEFAULT_SEED);
                    p.set_notice(Some(Notice::Error(format!(
                        "the lessons could not be read: {e}"
                    ))));
                    return Some((p, None));
                }
            };
            let first = lessons.first()?;
            (first, Some(format!("There is no lesson called “{slug}”; here is the first one.")))
        }
    };
    let done = if *page { stored_progress().done(lesson.slug) } else { Default::default() };
    let hash = if *page && notice.is_none() {
        window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
    } else {
        String::new()
    };
    let mut playground = match Shared::from_fragment(&hash) {
        Some(read) => open(Some(read), "This link could not be opened"),
        None => Playground::lesson(lesson, DEFAULT_SEED, Default::default()).unwrap_or_else(|e| {
            let mut p = Playground::opening(DEFAULT_SEED);
            p.set_notice(Some(Notice::Error(e)));
            p
        }),
    };
    if let Some(notice) = notice {
        playground.set_notice(Some(Notice::Error(notice)));
    }
    Some((playground, Some(LessonRun::new(lesson, *section, done))))
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Opens what a link or stored text holds, or the opening scenario with a message saying why
/// not.
fn open(text: Option<Result<Shared, crate::model::LinkError>>, from: &str) -> Playground {
    match text {
        None => Playground::opening(DEFAULT_SEED),
        Some(read) => match read.and_then(Playground::from_shared) {
            Ok(playground) => playground,
            Err(e) => {
                let mut p = Playground::opening(DEFAULT_SEED);
                p.set_notice(Some(Notice::Error(format!(
                    "{from}: {e}. Showing the opening scenario instead."
                ))));
                p
            }
        },
    }
}

/// The playground the app starts with.
pub fn initial_playground(start: &Start) -> Playground {
    match start {
        Start::Lesson { .. } => Playground::opening(DEFAULT_SEED),
        Start::Paused(seed) => {
            let mut p = Playground::opening(*seed);
            p.set_playing(false);
            p
        }
        Start::Fragment(fragment) => {
            open(Shared::from_fragment(fragment), "This link could not be opened")
        }
        Start::Page => {
            let hash = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            if let Some(read) = Shared::from_fragment(&hash) {
                return open(Some(read), "This link could not be opened");
            }
            let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
            open(
                stored.map(|s| Shared::decode(&s)),
                "The scenario saved in this browser could not be restored",
            )
        }
    }
}

/// Writes the current moment to the address bar (replacing the entry, so Back still leaves the
/// page) and, if `store`, to `localStorage`. Failures (storage full or disabled) are ignored: saving is a
/// convenience, never a reason to break the page.
pub fn save(shared: &Shared, store: bool) {
    if let Some(storage) = storage().filter(|_| store) {
        let _ = storage.set_item(STORAGE_KEY, &shared.encode());
    }
    let Some(window) = window() else { return };
    let location = window.location();
    let path = format!(
        "{}{}#{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        shared.fragment()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}
