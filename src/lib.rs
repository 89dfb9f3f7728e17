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
//!
//! [`start`] mounts the app on the page's `<body>` (what `main` does); [`mount`] mounts it in
//! any element with a chosen start (what the browser tests do).

mod app;
pub mod components;
pub mod hooks;
pub mod model;
pub mod state;

pub use app::{App, AppProps};
pub use hooks::Start;
use yew::AppHandle;

/// Mounts the app inside `root`, starting as `start` says, replacing nothing else on the page.
pub fn mount(root: web_sys::Element, start: Start) -> AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, AppProps { start }).render()
}

/// Mounts the app on the document's `<body>`.
pub fn start() -> AppHandle<App> {
    yew::Renderer::<App>::new().render()
}
