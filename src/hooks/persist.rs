//! Where a scenario comes from when the page opens, and where it goes as it changes: the
//! address bar's fragment (a share link) and `localStorage` (so a reload loses nothing).
//!
//! A link wins over what was stored. A link or a stored scenario that cannot be opened is
//! reported in a message and the opening scenario is shown instead; nothing else breaks.

use crate::model::opening::DEFAULT_SEED;
use crate::model::{Notice, Playground, Shared};

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
}

impl Start {
    /// Whether the app writes the address bar and `localStorage`.
    pub fn persists(&self) -> bool {
        matches!(self, Start::Page)
    }
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
/// page) and to `localStorage`. Failures (storage full or disabled) are ignored: saving is a
/// convenience, never a reason to break the page.
pub fn save(shared: &Shared) {
    let text = shared.encode();
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, &text);
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
