//! kplay's web app: a simulated Kafka cluster running in the browser, shown as it works.
//!
//! # Layout
//!
//! - [`model`]: the playground — a `kplay-sim` world on a timeline, its clock, the view, share
//!   links — and the snapshots the page renders. No yew, tested natively.
//! - [`state`]: the reducer over the playground; the only place that changes it.
//! - [`hooks`]: the hooks that own the reducer and its effects (the animation-frame clock, the
//!   keyboard, the address bar and `localStorage`).
//! - [`components`]: what the page shows, grouped by area, rendering snapshots.
//! - [`App`]: the root component, which lays out the page.
//! - [`live`]: the live view (`?live`), which draws a real `kplay serve` cluster with the same
//!   components.
//!
//! [`start`] mounts the app on the page's `<body>` (what `main` does), or the live view when the
//! address has `?live`; [`mount`] and [`mount_live`] mount them in any element with a chosen
//! start or source (what the browser tests do).

mod app;
pub mod components;
pub mod hooks;
pub mod live;
pub mod model;
pub mod state;

pub use app::{App, AppProps};
pub use hooks::Start;
use yew::AppHandle;

/// Mounts the app inside `root`, starting as `start` says, replacing nothing else on the page.
pub fn mount(root: web_sys::Element, start: Start) -> AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, AppProps { start }).render()
}

/// Mounts the live view inside `root`, fed from `source`.
pub fn mount_live(root: web_sys::Element, source: live::LiveSource) -> AppHandle<live::LiveApp> {
    yew::Renderer::<live::LiveApp>::with_root_and_props(root, live::LiveAppProps { source })
        .render()
}

/// Mounts the app on the document's `<body>`: the live view of the server that served the page
/// if the address asks for it (`?live`), else the simulation.
pub fn start() {
    if wants_live(&web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()) {
        let props = live::LiveAppProps { source: live::LiveSource::same_host() };
        yew::Renderer::<live::LiveApp>::with_props(props).render();
    } else {
        yew::Renderer::<App>::new().render();
    }
}

/// Whether a query string (`?live`, `?x=1&live`) asks for the live view.
pub fn wants_live(search: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|p| p == "live" || p.starts_with("live="))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_live_view_is_asked_for_with_live_in_the_query() {
        assert!(super::wants_live("?live"));
        assert!(super::wants_live("?x=1&live"));
        assert!(super::wants_live("?live=1"));
        assert!(!super::wants_live(""));
        assert!(!super::wants_live("?lively"));
    }
}
