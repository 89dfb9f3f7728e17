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
//! - [`route`]: what the address's query asks for (the live view, a lesson, presenter or embed
//!   mode).
//!
//! [`start`] mounts the app on the page's `<body>` (what `main` does), or the live view when the
//! address has `?live`; [`mount`] and [`mount_live`] mount them in any element with a chosen
//! start or source (what the browser tests do).

mod app;
pub mod components;
pub mod hooks;
pub mod live;
pub mod model;
pub mod route;
pub mod state;

pub use app::{App, AppProps};
pub use hooks::Start;
use yew::AppHandle;

/// Mounts the app inside `root`, starting as `start` says, replacing nothing else on the page.
pub fn mount(root: web_sys::Element, start: Start) -> AppHandle<App> {
    mount_with(root, AppProps { start, ..AppProps::default() })
}

/// Mounts the app inside `root` with these props (presenter or embed mode, for example).
pub fn mount_with(root: web_sys::Element, props: AppProps) -> AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

/// Mounts the live view inside `root`, fed from `source`.
pub fn mount_live(root: web_sys::Element, source: live::LiveSource) -> AppHandle<live::LiveApp> {
    yew::Renderer::<live::LiveApp>::with_root_and_props(root, live::LiveAppProps { source })
        .render()
}

/// Mounts the app on the document's `<body>`: the live view of the server that served the page
/// if the address asks for it (`?live`), else the simulation, a lesson, presented or embedded as
/// the query says ([`route::Route`]).
pub fn start() {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let route = route::Route::parse(&search);
    if route.live {
        let props = live::LiveAppProps { source: live::LiveSource::same_host() };
        yew::Renderer::<live::LiveApp>::with_props(props).render();
        return;
    }
    let start = match route.lesson {
        Some(slug) => {
            let slug = if slug.is_empty() { first_lesson() } else { slug };
            Start::Lesson { slug, section: route.section, page: true }
        }
        // An embedded scenario shows its link's moment and leaves the visitor's own playground
        // (the address bar and `localStorage` of the site) alone.
        None if route.embed => Start::Fragment(
            web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default(),
        ),
        None => Start::Page,
    };
    let props = AppProps { start, present: route.present, embed: route.embed };
    yew::Renderer::<App>::with_props(props).render();
}

fn first_lesson() -> String {
    model::lessons::all()
        .ok()
        .and_then(|l| l.first())
        .map(|l| l.slug.to_owned())
        .unwrap_or_default()
}
