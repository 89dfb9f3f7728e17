//! Browser tests of the cluster, the partition logs and the producers: each opens an exact
//! moment (a share link) and checks that what the page draws — cells and their key colours,
//! markers, segments, ghosts of removed records, replica bars, brokers' states, records in
//! flight and partition choices — is what the model computes for that same moment; and that the
//! buttons and the form do what they say.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p kplay --test logs`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::Start;
use kplay::components::producers::CHOICES_OPEN_MAX;
use kplay::model::Playground;
use kplay::model::forms::producers::ProduceForm;
use kplay::model::opening::TOPIC;
use kplay::model::prefs::{BrowseAt, Tab, ViewPrefs};
use kplay::model::share::{Shared, VERSION};
use kplay::model::snapshot::{Mark, PartitionSnap, Snapshot};
use kplay_sim::action::{Action, KeyDistribution, ProducerSpec};
use kplay_sim::{Scenario, Settings, TimedAction};
use support::{
    attrs, click, count, data, elements, fire, fresh_root, played, text, texts, wait_until,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Opens `model`'s moment in a fresh root and waits for its brokers; returns the page and the
/// model exactly as the page rebuilt it (a link rebuilds by steps, so it is the same moment to
/// the millisecond).
async fn opened(model: &Playground) -> (Element, yew::AppHandle<kplay::App>, Snapshot) {
    let brokers = model.snapshot().cluster.brokers.len();
    let root = fresh_root();
    let app = kplay::mount(root.clone(), Start::Fragment(model.shared().fragment()));
    wait_until("the brokers are rendered", || count(&root, ".broker") == brokers).await;
    let same = Playground::from_shared(model.shared()).expect("the link replays");
    (root, app, same.snapshot())
}

/// A paused playground running `actions` (all taken at the start) with `settings`, drawing
/// `topic`.
fn scenario(settings: Settings, actions: Vec<Action>, topic: &str) -> Playground {
    let scenario = Scenario {
        seed: 7,
        settings,
        actions: actions
            .into_iter()
            .map(|action| TimedAction { step: 0, time: 0, action })
            .collect(),
    };
    let view = ViewPrefs { topic: Some(topic.into()), ..ViewPrefs::default() };
    Playground::from_shared(Shared { v: VERSION, scenario, step: 0, view }).expect("it replays")
}

/// Three brokers and a topic `events` of `partitions` partitions (replication factor 3) with
/// `configs`.
fn three_brokers_and_events(partitions: i32, configs: &[(&str, &str)]) -> Vec<Action> {
    let mut actions: Vec<Action> = (1..=3).map(|id| Action::AddBroker { id, rack: None }).collect();
    actions.push(Action::CreateTopic {
        name: "events".into(),
        partitions,
        replication_factor: 3,
        configs: configs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    });
    actions
}

/// Three brokers, a two-partition topic `events` with `configs` (maintenance every second), a
/// producer of `keys` keys at 10 records/s.
fn events_topic(configs: &[(&str, &str)], keys: u32) -> Playground {
    let settings = Settings { log_retention_check_interval_ms: 1_000, ..Settings::default() };
    let mut actions = three_brokers_and_events(2, configs);
    let spec = ProducerSpec {
        rate_per_sec: 10,
        keys: KeyDistribution::Uniform { keys },
        linger_ms: 0,
        ..ProducerSpec::new("producer-1", "events")
    };
    actions.push(Action::AddProducer { id: 1, spec });
    scenario(settings, actions, "events")
}

/// Plays 100 ms frames until `found` holds (at most `seconds`), then pauses.
fn play_until(p: &mut Playground, seconds: i64, found: impl Fn(&Snapshot) -> bool) {
    for _ in 0..seconds * 10 {
        p.frame(100.0);
        if found(&p.snapshot()) {
            p.set_playing(false);
            return;
        }
    }
    panic!("not found within {seconds} s");
}

fn play(p: &mut Playground, seconds: f64) {
    p.set_playing(true);
    for _ in 0..(seconds * 10.0) as usize {
        p.frame(100.0);
    }
    p.set_playing(false);
}

fn in_partition(index: i32, selector: &str) -> String {
    format!(".partition-log[data-partition=\"{index}\"] {selector}")
}

fn has_class(e: &Element, class: &str) -> bool {
    e.get_attribute("class").unwrap_or_default().split_whitespace().any(|c| c == class)
}

fn numbers(values: Vec<String>) -> Vec<i64> {
    values.iter().map(|v| v.parse().expect("a number")).collect()
}

fn marker(root: &Element, index: i32, class: &str) -> Vec<i64> {
    numbers(texts(root, &in_partition(index, &format!(".marker.{class} .marker-value"))))
}

/// Checks one partition's drawing against the model: cells, colours, markers, replica bars.
fn assert_partition(root: &Element, p: &PartitionSnap) {
    let i = p.index;
    let window = p.log.as_ref().expect("a detailed partition");
    let live = in_partition(i, ".record:not(.ghost)");
    let model_cells: Vec<(i64, u8)> = window.cells.iter().map(|c| (c.offset, c.colour)).collect();
    let shown: Vec<(i64, u8)> = numbers(data(root, &live, "offset"))
        .into_iter()
        .zip(data(root, &live, "colour").iter().map(|c| c.parse().unwrap()))
        .collect();
    assert_eq!(shown, model_cells, "cells and key colours of partition {i}");
    for (e, c) in elements(root, &live).iter().zip(&window.cells) {
        assert!(has_class(e, &format!("key-{}", c.colour)), "colour class of {}", c.offset);
        let uncommitted = c.offset >= p.high_watermark;
        assert_eq!(has_class(e, "uncommitted"), uncommitted, "offset {} vs HW", c.offset);
    }
    assert_eq!(marker(root, i, "log-start"), [p.log_start], "log start of {i}");
    assert_eq!(marker(root, i, "hw"), [p.high_watermark], "HW of {i}");
    assert_eq!(marker(root, i, "leo"), [p.log_end], "LEO of {i}");
    let bars = in_partition(i, ".replica-end");
    let ends: Vec<(i32, i64, i64)> =
        p.replica_ends.iter().map(|r| (r.broker, r.log_end, r.high_watermark)).collect();
    let shown: Vec<(i32, i64, i64)> = data(root, &bars, "broker-id")
        .iter()
        .zip(numbers(data(root, &bars, "log-end")))
        .zip(numbers(data(root, &bars, "high-watermark")))
        .map(|((b, e), h)| (b.parse().unwrap(), e, h))
        .collect();
    assert_eq!(shown, ends, "replica bars of {i}");
}

#[wasm_bindgen_test]
async fn cells_colours_markers_and_flags_are_the_model_s() {
    let model = played(1, 12.0);
    let (root, app, s) = opened(&model).await;
    let topic = s.topic(TOPIC).unwrap();
    for p in &topic.partitions {
        assert_partition(&root, p);
        let positions: Vec<(String, i64)> = p
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Position { client, offset } => Some((client.to_string(), *offset)),
                Mark::Committed { .. } => None,
            })
            .collect();
        let flags = in_partition(p.index, ".log-mark.position");
        let shown: Vec<(String, i64)> = data(&root, &flags, "client")
            .into_iter()
            .zip(numbers(data(&root, &flags, "offset")))
            .collect();
        assert_eq!(sorted(shown), sorted(positions), "consumers' flags on {}", p.index);
        let committed: Vec<(String, i64)> = p
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Committed { group, offset } => Some((group.clone(), *offset)),
                Mark::Position { .. } => None,
            })
            .collect();
        let flags = in_partition(p.index, ".log-mark.committed");
        let shown: Vec<(String, i64)> = data(&root, &flags, "group")
            .into_iter()
            .zip(numbers(data(&root, &flags, "offset")))
            .collect();
        assert_eq!(shown, committed, "committed offsets on {}", p.index);
    }
    let flagged: usize = topic.partitions.iter().map(|p| p.marks.len()).sum();
    assert!(flagged >= 3, "the group reads and commits by now: {flagged} marks");
    assert!(text(&root, ".log-mark.position").contains("consumer-"), "flags name the consumer");
    let legend: Vec<String> =
        topic.keys_in_view().iter().map(|(k, _)| k.clone().unwrap_or_default()).collect();
    assert_eq!(data(&root, ".key-legend .key-chip", "key"), legend);
    app.destroy();
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

#[wasm_bindgen_test]
async fn segments_are_drawn_as_the_log_s_segments() {
    let mut model = events_topic(&[("segment.bytes", "400")], 4);
    play(&mut model, 6.0);
    let (root, app, s) = opened(&model).await;
    for p in &s.topic("events").unwrap().partitions {
        assert_partition(&root, p);
        let window = p.log.as_ref().unwrap();
        let boxes = in_partition(p.index, ".segment:not(.ghost)");
        let bases: Vec<i64> = window.segments.iter().map(|s| s.base_offset).collect();
        assert!(bases.len() >= 3, "small segments: {bases:?}");
        assert_eq!(numbers(data(&root, &boxes, "base-offset")), bases, "segments of {}", p.index);
        let active: Vec<String> = window.segments.iter().map(|s| s.active.to_string()).collect();
        assert_eq!(data(&root, &boxes, "active"), active);
        for cell in elements(&root, &in_partition(p.index, ".record:not(.ghost)")) {
            let offset: i64 = cell.get_attribute("data-offset").unwrap().parse().unwrap();
            let seg = cell.closest(".segment").unwrap().expect("a cell sits in a segment box");
            let base: i64 = seg.get_attribute("data-base-offset").unwrap().parse().unwrap();
            assert_eq!(
                Some(base),
                window.segment_of(offset).map(|s| s.base_offset),
                "offset {offset}"
            );
        }
    }
    app.destroy();
}

#[wasm_bindgen_test]
async fn retention_shows_ghosts_then_the_log_start_has_moved() {
    let mut model = events_topic(&[("segment.bytes", "400"), ("retention.ms", "2000")], 4);
    play_until(&mut model, 30, |s| {
        s.topic("events")
            .unwrap()
            .partitions
            .iter()
            .any(|p| p.log.as_ref().is_some_and(|w| w.deleted.iter().any(|d| d.fade > 50)))
    });
    let (root, app, s) = opened(&model).await;
    let mut ghosts_seen = 0;
    for p in &s.topic("events").unwrap().partitions {
        assert_partition(&root, p);
        let window = p.log.as_ref().unwrap();
        let boxes = in_partition(p.index, ".segment.ghost");
        let model_ghosts: Vec<(i64, i64, String)> = window
            .deleted
            .iter()
            .map(|d| (d.base_offset, d.next_offset, d.fade.to_string()))
            .collect();
        let shown: Vec<(i64, i64, String)> = numbers(data(&root, &boxes, "base-offset"))
            .into_iter()
            .zip(numbers(data(&root, &boxes, "next-offset")))
            .zip(data(&root, &boxes, "fade"))
            .map(|((a, b), f)| (a, b, f))
            .collect();
        assert_eq!(shown, model_ghosts, "ghost segments of {}", p.index);
        let offsets: Vec<i64> =
            window.deleted.iter().flat_map(|d| d.base_offset..d.next_offset).collect();
        let cells = in_partition(p.index, ".record.ghost[data-rule=\"retention.ms\"]");
        assert_eq!(numbers(data(&root, &cells, "offset")), offsets, "ghost cells of {}", p.index);
        assert!(
            offsets.iter().all(|o| *o < p.log_start),
            "removed offsets lie before the log start"
        );
        assert!(attrs(&root, &boxes, "style").iter().all(|s| s.starts_with("opacity")));
        let notes: Vec<String> = p.removals.iter().map(|n| n.text.clone()).collect();
        assert_eq!(texts(&root, &in_partition(p.index, ".gone-line")), notes);
        ghosts_seen += offsets.len();
    }
    assert!(ghosts_seen > 0, "retention deleted something");
    assert!(text(&root, ".gone-line").contains("older than retention.ms"));
    app.destroy();

    // A few simulated seconds later the ghosts are gone and the log start stays where it moved.
    let before = s;
    play(&mut model, 3.5);
    let (root, app, later) = opened(&model).await;
    for (p, was) in later
        .topic("events")
        .unwrap()
        .partitions
        .iter()
        .zip(&before.topic("events").unwrap().partitions)
    {
        assert_partition(&root, p);
        let window = was.log.as_ref().unwrap();
        for d in &window.deleted {
            let selector = in_partition(
                p.index,
                &format!(".segment.ghost[data-base-offset=\"{}\"]", d.base_offset),
            );
            assert_eq!(count(&root, &selector), 0, "the ghost of {} faded away", d.base_offset);
            assert!(p.log_start >= d.next_offset, "the log start moved past {}", d.next_offset);
        }
    }
    app.destroy();
}

#[wasm_bindgen_test]
async fn compaction_ghosts_fill_the_gaps_with_their_keys() {
    let configs = [
        ("cleanup.policy", "compact"),
        ("segment.bytes", "400"),
        ("min.cleanable.dirty.ratio", "0.01"),
    ];
    let mut model = events_topic(&configs, 3);
    play_until(&mut model, 30, |s| {
        s.topic("events")
            .unwrap()
            .partitions
            .iter()
            .any(|p| p.log.as_ref().is_some_and(|w| w.compacted.iter().any(|g| g.fade > 50)))
    });
    let (root, app, s) = opened(&model).await;
    let mut seen = 0;
    for p in &s.topic("events").unwrap().partitions {
        assert_partition(&root, p);
        let window = p.log.as_ref().unwrap();
        let ghosts = in_partition(p.index, ".record.ghost[data-rule=\"compaction\"]");
        let model_ghosts: Vec<(i64, String, String)> = window
            .compacted
            .iter()
            .map(|g| (g.offset, g.colour.to_string(), g.key.clone()))
            .collect();
        let shown: Vec<(i64, String, String)> = numbers(data(&root, &ghosts, "offset"))
            .into_iter()
            .zip(data(&root, &ghosts, "colour"))
            .zip(data(&root, &ghosts, "key"))
            .map(|((o, c), k)| (o, c, k))
            .collect();
        assert_eq!(shown, model_ghosts, "compacted ghosts of {}", p.index);
        for (e, g) in elements(&root, &ghosts).iter().zip(&window.compacted) {
            assert_eq!(e.get_attribute("title").unwrap(), g.why());
        }
        seen += shown.len();
    }
    assert!(seen > 0);
    app.destroy();
}

#[wasm_bindgen_test]
async fn with_many_producers_the_choice_lists_open_on_demand() {
    let mut actions = three_brokers_and_events(3, &[]);
    let producers = CHOICES_OPEN_MAX as u32 + 1;
    for id in 1..=producers {
        let spec = ProducerSpec {
            rate_per_sec: 10,
            keys: KeyDistribution::Uniform { keys: 5 },
            ..ProducerSpec::new(&format!("producer-{id}"), "events")
        };
        actions.push(Action::AddProducer { id, spec });
    }
    let mut model = scenario(Settings::default(), actions, "events");
    play(&mut model, 3.0);
    let (root, app, s) = opened(&model).await;
    assert_eq!(count(&root, ".producer details.choices"), producers as usize);
    assert_eq!(count(&root, ".producer details.choices[open]"), 0, "every list starts closed");
    assert_eq!(count(&root, ".choice"), 0, "a closed list is not drawn");

    let producer = &s.producers[1];
    let card = format!(".producer[data-client=\"{}\"]", producer.id);
    let details = root
        .query_selector(&format!("{card} details.choices"))
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlDetailsElement>()
        .unwrap();
    details.set_open(true);
    wait_until("the opened list is drawn", || count(&root, &format!("{card} .choice")) > 0).await;
    let shown = data(&root, &format!("{card} .choice"), "choice-id");
    let model_choices: Vec<String> = producer.choices.iter().map(|c| c.id.clone()).collect();
    assert_eq!(shown, model_choices, "the opened list is the model's newest choices");
    assert_eq!(count(&root, ".choice"), shown.len(), "the other lists stay closed");
    app.destroy();
}

#[wasm_bindgen_test]
async fn producers_show_their_settings_flights_and_choices() {
    let model = played(1, 8.0);
    let (root, app, s) = opened(&model).await;
    let producer = &s.producers[0];
    let card = format!(".producer[data-client=\"{}\"]", producer.id);
    let choices = format!("{card} .choice");
    let model_choices: Vec<(String, String)> = producer
        .choices
        .iter()
        .map(|c| (c.key.clone().unwrap_or_default(), c.partition.to_string()))
        .collect();
    let shown: Vec<(String, String)> =
        data(&root, &choices, "key").into_iter().zip(data(&root, &choices, "partition")).collect();
    assert_eq!(shown, model_choices, "key → partition, newest first");
    let reasons = texts(&root, &format!("{choices} .choice-reason"));
    assert_eq!(reasons, producer.choices.iter().map(|c| c.reason.clone()).collect::<Vec<_>>());
    assert!(reasons.iter().all(|r| r.contains("murmur2(") && r.contains("% 3 =")));

    let flights = format!("{card} .flight");
    let model_flights: Vec<(String, String, String)> = producer
        .flights
        .iter()
        .map(|f| (f.id.clone(), f.partition.to_string(), format!("--p: {}", f.progress)))
        .collect();
    let shown: Vec<(String, String, String)> = data(&root, &flights, "flight-id")
        .into_iter()
        .zip(data(&root, &flights, "partition"))
        .zip(attrs(&root, &flights, "style"))
        .map(|((a, b), c)| (a, b, c))
        .collect();
    assert!(!model_flights.is_empty(), "records are on their way");
    assert_eq!(sorted(shown), sorted(model_flights), "records in flight, where the model has them");
    for f in &producer.flights {
        let lane = format!(
            "{card} .lane[data-partition=\"{}\"] .flight[data-flight-id=\"{}\"]",
            f.partition, f.id
        );
        assert_eq!(count(&root, &lane), 1, "flight {} flies in its partition's lane", f.id);
    }
    let settings = text(&root, &format!("{card} .settings"));
    for expected in [producer.partitioner.as_str(), "acks", producer.acks, "linger.ms"] {
        assert!(settings.contains(expected), "{expected} in {settings}");
    }
    let counts = texts(&root, &format!("{card} .counts dd"));
    let model_counts =
        [producer.records, producer.acknowledged, producer.failed, producer.in_flight];
    assert_eq!(counts, model_counts.map(|c| c.to_string()));
    app.destroy();
}

fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement =
        root.query_selector(selector).unwrap().unwrap().dyn_into().unwrap();
    input.set_value(value);
    fire(root, selector, "input");
}

#[wasm_bindgen_test]
async fn the_produce_form_refuses_a_bad_partition_and_sends_a_good_record() {
    let model = played(1, 4.0);
    let (root, app, s) = opened(&model).await;
    let producer = &s.producers[0];
    let form = ".producer[data-client=\"1\"] form.produce-one";
    type_into(&root, &format!("{form} .produce-key"), "hello");
    type_into(&root, &format!("{form} .produce-value"), "world");
    type_into(&root, &format!("{form} .produce-partition"), "7");
    click(&root, &format!("{form} .produce-send"));
    let typed = ProduceForm {
        key: "hello".into(),
        value: "world".into(),
        partition: "7".into(),
        ..ProduceForm::default()
    };
    let expected = typed.action_of(producer).unwrap_err();
    wait_until("the form says what is wrong", || {
        text(&root, &format!("{form} .field-error")) == expected
    })
    .await;
    assert!(!text(&root, ".notice").contains("send key"), "nothing was sent");
    let key: HtmlInputElement =
        root.query_selector(&format!("{form} .produce-key")).unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(key.value(), "hello", "what was typed stays");

    type_into(&root, &format!("{form} .produce-partition"), "1");
    click(&root, &format!("{form} .produce-send"));
    wait_until("the action is taken", || text(&root, ".notice").contains("send key \"hello\""))
        .await;
    assert_eq!(count(&root, &format!("{form} .field-error")), 0);
    let chosen = ".choice[data-key=\"hello\"]";
    wait_until("the record gets its partition", || {
        if count(&root, chosen) == 0 {
            click(&root, "button.step");
        }
        count(&root, chosen) == 1
    })
    .await;
    assert_eq!(data(&root, chosen, "partition"), ["1"]);
    assert!(text(&root, &format!("{chosen} .choice-reason")).contains("names partition 1"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn brokers_show_their_state_and_add_broker_adds_a_card() {
    let mut model = played(1, 4.0);
    model.apply(Action::StopBroker { id: 2, crash: true }).unwrap();
    model.apply(Action::StopBroker { id: 3, crash: false }).unwrap();
    let (root, app, s) = opened(&model).await;
    let states: Vec<&str> = s.cluster.brokers.iter().map(|b| b.status.class()).collect();
    assert_eq!(data(&root, ".broker", "status"), states);
    assert_eq!(states, ["running", "unnoticed", "fenced"]);
    assert!(
        text(&root, ".broker[data-broker-id=\"2\"] .state-why")
            .contains("broker.session.timeout.ms")
    );
    for b in &s.cluster.brokers {
        let chips = format!(".broker[data-broker-id=\"{}\"] .replica", b.id);
        let roles: Vec<String> = b
            .replicas
            .iter()
            .map(|r| {
                if r.leader {
                    "leader"
                } else if r.in_isr {
                    "follower"
                } else {
                    "out-of-sync"
                }
                .to_owned()
            })
            .collect();
        assert_eq!(data(&root, &chips, "role"), roles, "replica roles on broker {}", b.id);
    }

    click(&root, "button.add-broker");
    wait_until("a fourth card", || count(&root, ".broker") == 4).await;
    assert_eq!(data(&root, ".broker", "broker-id"), ["1", "2", "3", "4"]);
    assert_eq!(data(&root, ".broker[data-broker-id=\"4\"]", "status"), ["running"]);
    assert!(text(&root, "button.add-broker").contains("Add broker 5"));
    assert!(text(&root, ".notice").contains("add broker 4"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_thousand_partitions_and_fifty_brokers_are_summarised() {
    let mut actions: Vec<Action> =
        (1..=50).map(|id| Action::AddBroker { id, rack: None }).collect();
    actions.push(Action::CreateTopic {
        name: "wide".into(),
        partitions: 1_000,
        replication_factor: 2,
        configs: vec![],
    });
    let mut model = scenario(Settings::default(), actions, "wide");
    play(&mut model, 0.3);
    model.apply(Action::StopBroker { id: 7, crash: false }).unwrap();
    let (root, app, s) = opened(&model).await;
    let topic = s.topic("wide").unwrap();
    assert_eq!(count(&root, "button.tile"), 1_000);
    assert_eq!(count(&root, ".record"), 0, "no cells");
    assert_eq!(count(&root, ".partition-log"), 0);
    let health: Vec<&str> = topic
        .partitions
        .iter()
        .map(|p| {
            if p.offline() {
                "offline"
            } else if p.under_replicated() {
                "under-replicated"
            } else {
                "healthy"
            }
        })
        .collect();
    assert_eq!(data(&root, "button.tile", "health"), health);
    assert!(health.contains(&"under-replicated"), "broker 7's partitions lost a replica");
    assert_eq!(count(&root, ".broker.compact"), 50);
    assert_eq!(count(&root, ".brokers .replica"), 0, "compact cards list no replicas");
    assert_eq!(data(&root, ".broker[data-broker-id=\"7\"]", "status"), ["fenced"]);

    // A tile opens its partition in the message browser: the view (as a link keeps it) says so.
    click(&root, "button.tile[data-partition=\"517\"]");
    click(&root, "button.share");
    wait_until("the link is shown", || count(&root, ".share-link input") == 1).await;
    let input: HtmlInputElement =
        root.query_selector(".share-link input").unwrap().unwrap().dyn_into().unwrap();
    let fragment = input.value().split_once('#').expect("a fragment").1.to_owned();
    let view = Shared::from_fragment(&fragment).unwrap().unwrap().view;
    let expected = BrowseAt::newest("wide", 517).from(Some(topic.partitions[517].log_start.max(0)));
    assert_eq!(view.browse, Some(expected));
    assert_eq!(view.tab, Tab::Messages);
    app.destroy();
}
