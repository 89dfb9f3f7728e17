//! Helpers for the groups panel's browser tests: mounting the page until the panel is drawn,
//! playing a model on, the consumers tests add, and the `--describe` table as the page prints
//! it and as the model computes it.

use kplay::Start;
use kplay::model::opening::TOPIC;
use kplay::model::snapshot::{GroupSnap, LagRow};
use kplay::model::{Playground, Snapshot, Speed};
use kplay_sim::Action;
use kplay_sim::action::{ConsumerSpec, Membership, OffsetReset};
use web_sys::Element;

use super::{count, fresh_root, text, texts, wait_until};

/// Mounts the app in a fresh root and waits for the groups panel to be rendered.
pub async fn mounted(start: Start) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone(), start);
    wait_until("the groups panel is rendered", || count(&root, "section.groups") == 1).await;
    (root, app)
}

/// Plays `seconds` more of simulated time at `speed` percent, then pauses.
pub fn play_more(p: &mut Playground, seconds: f64, speed: u32) {
    p.set_playing(true);
    p.set_speed(Speed::new(speed).expect("a playground speed"));
    let frames = seconds * 100.0 / f64::from(speed) * 60.0;
    for _ in 0..frames.ceil() as usize {
        p.frame(1000.0 / 60.0);
    }
    p.set_playing(false);
}

/// A consumer of `orders` in `group`, reading from the start.
pub fn consumer(id: u32, group: &str, assignor: &str) -> Action {
    let mut spec = ConsumerSpec::group(&format!("consumer-{id}"), group, &[TOPIC]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    if let Membership::Group { assignors, .. } = &mut spec.membership {
        *assignors = vec![assignor.to_owned()];
    }
    Action::AddConsumer { id, spec }
}

/// The newest entry of the shown group's rebalance list, when it is a rebalance.
pub const NEWEST: &str = "ol.rebalance-list > li:first-child > article.rebalance";

/// A value as the page prints a missing one: `-`.
pub fn dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// A `--describe` row as the page should print it.
pub fn row_cells(group: &str, r: &LagRow) -> Vec<String> {
    vec![
        group.to_owned(),
        r.topic.clone(),
        r.partition.to_string(),
        dash(r.committed),
        if r.log_end >= 0 { r.log_end.to_string() } else { "-".into() },
        dash(r.lag),
        dash(r.consumer_id.clone()),
        dash(r.host()),
        dash(r.owner_client_id.clone()),
    ]
}

/// The `--describe` rows the page shows, cell by cell.
pub fn shown_rows(root: &Element) -> Vec<Vec<String>> {
    texts(root, ".group-detail tr.lag-row td").chunks(9).map(<[String]>::to_vec).collect()
}

/// A group of the snapshot, by id.
pub fn group(s: &Snapshot, id: &str) -> GroupSnap {
    s.group(id).expect("the group").clone()
}

/// The shown group's generation, as the page says it.
pub fn generation(root: &Element) -> String {
    text(root, ".group-detail dd.generation")
}
