//! kplay's web app: the kplay engine running in the browser, shown as it works.
//!
//! # Layout
//!
//! - [`driver`]: the model — a `kplay-core` cluster of three brokers on a virtual clock — and the
//!   snapshot of it the page renders. No yew, tested natively.
//! - [`state`]: the reducer over the driver; the only place that changes it.
//! - [`hooks`]: the hook that owns the reducer and hands out callbacks.
//! - [`components`]: one component per file, rendering snapshots.
//! - [`App`]: the root component, which lays out the page.
//!
//! [`start`] mounts the app on the page's `<body>` (what `main` does); [`mount`] mounts it in
//! any element (what the browser tests do).

mod app;
pub mod components;
pub mod driver;
pub mod hooks;
pub mod state;

pub use app::App;
use yew::AppHandle;

/// Mounts the app inside `root`, replacing nothing else on the page.
pub fn mount(root: web_sys::Element) -> AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}

/// Mounts the app on the document's `<body>`.
pub fn start() -> AppHandle<App> {
    yew::Renderer::<App>::new().render()
}
