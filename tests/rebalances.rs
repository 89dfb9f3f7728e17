//! Browser tests of the rebalance timeline: a new consumer makes a new generation, a crash is
//! noticed only after the session timeout while a clean close rebalances at once, and a
//! cooperative rebalance shows its two rounds — each compared with the model at the same
//! moment.
//!
//! Run with `cargo test --target wasm32-unknown-unknown`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::components::time_text;
use kplay::model::opening::GROUP;
use kplay_sim::Action;
use support::groups::{
    NEWEST, consumer, dash, generation, group, mounted, play_more, row_cells, shown_rows,
};
use support::{click, count, data, played, start_at, text, texts, wait_until};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_new_consumer_shows_a_new_generation_with_the_new_member() {
    let mut model = played(1, 8.0);
    let before = group(&model.snapshot(), GROUP).generation;
    model.apply(consumer(9, GROUP, "range")).unwrap();
    play_more(&mut model, 6.0, 100);
    let (root, app) = mounted(start_at(&model)).await;
    let g = group(&model.snapshot(), GROUP);
    assert!(g.generation > before);
    assert_eq!(generation(&root), g.generation.to_string());
    assert_eq!(count(&root, ".group-detail li.member[data-client=\"9\"]"), 1, "the new member");
    assert_eq!(count(&root, ".group-detail li.member"), g.members.len());

    // The newest rebalance made this generation, because consumer-9 joined, and lists it as new.
    let newest = NEWEST;
    assert_eq!(data(&root, newest, "generation"), [g.generation.to_string()]);
    assert!(text(&root, &format!("{newest} .rebalance-why")).contains("consumer-9 joined"));
    assert_eq!(count(&root, &format!("{newest} tr.move[data-client=\"9\"] .new-badge")), 1);
    // Eager: the old members gave up everything before rejoining.
    let gave_up =
        texts(&root, &format!("{newest} tr.move:not([data-client=\"9\"]) td.revoked .chip"));
    assert!(gave_up.len() >= 2, "{gave_up:?}");
    assert_eq!(shown_rows(&root), g.rows.iter().map(|r| row_cells(GROUP, r)).collect::<Vec<_>>());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_crash_is_noticed_only_after_the_session_timeout() {
    let mut model = played(1, 10.0);
    let (root, app) = mounted(start_at(&model)).await;
    let g = group(&model.snapshot(), GROUP);
    let crashed = g.member_of(3).expect("consumer-3 is a member").member_id.clone();

    // Through the page: the member stays, its client gone, the group still Stable.
    click(&root, "li.member[data-client=\"3\"] button.crash");
    wait_until("the member's client is gone", || count(&root, "li.member.gone") == 1).await;
    assert_eq!(data(&root, "li.member.gone", "member-id"), [crashed.as_str()]);
    assert_eq!(data(&root, "li.member.gone", "client"), ["3"]);
    assert_eq!(
        (generation(&root), text(&root, ".group-head .group-state")),
        (g.generation.to_string(), "Stable".into())
    );
    assert!(text(&root, "li.note.crashed").contains("consumer-3 crashed"));
    model.apply(Action::RemoveClient { id: 3, crash: true }).unwrap();
    let gone = group(&model.snapshot(), GROUP).members.into_iter().find(|m| m.member_id == crashed);
    let gone = gone.expect("still a member");
    let expires = gone.session_expires_ms.expect("a session timer");
    let status = text(&root, "li.member.gone .member-status");
    let crashed_at = time_text(gone.removed.expect("crashed").time_ms);
    assert!(status.contains(&format!("its client crashed at {crashed_at}")), "{status}");
    assert!(status.contains(&format!("until its session expires at {}", time_text(expires))));
    app.destroy();

    // Just before the session expires: still a member.
    let mut early = model;
    let wait_ms = expires - early.snapshot().clock.time_ms - 1_500;
    play_more(&mut early, wait_ms as f64 / 1000.0, 1_000);
    assert!(early.snapshot().clock.time_ms < expires);
    let (root, app) = mounted(start_at(&early)).await;
    assert_eq!(count(&root, "li.member.gone"), 1, "not noticed yet");
    assert_eq!(generation(&root), g.generation.to_string());
    app.destroy();

    // After it: removed, and a rebalance that says why.
    let mut late = early;
    play_more(&mut late, 6.0, 100);
    let s = late.snapshot();
    let after = group(&s, GROUP);
    let (root, app) = mounted(start_at(&late)).await;
    assert_eq!(
        (count(&root, "li.member.gone"), generation(&root)),
        (0, after.generation.to_string())
    );
    assert!(after.generation > g.generation);
    let why = text(&root, &format!("{NEWEST} .rebalance-why"));
    assert!(
        why.contains("consumer-3 left: no heartbeat within session.timeout.ms (45000 ms)"),
        "{why}"
    );
    let notes = texts(&root, "li.note .note-time");
    let removed = s.group_notes[GROUP].iter().rev().find(|n| n.text.contains("removed")).unwrap();
    assert!(notes.contains(&time_text(removed.time_ms)));
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_cooperative_rebalance_shows_its_two_rounds() {
    let mut model = played(1, 2.0);
    model.apply(consumer(5, "shipping", "cooperative-sticky")).unwrap();
    model.apply(consumer(6, "shipping", "cooperative-sticky")).unwrap();
    play_more(&mut model, 10.0, 200);
    model.apply(consumer(7, "shipping", "cooperative-sticky")).unwrap();
    play_more(&mut model, 8.0, 200);
    model.prefs.group = Some("shipping".into());
    let s = model.snapshot();
    let list = &s.rebalances["shipping"];
    let second = list.iter().rposition(|r| r.second_round).expect("a second round");
    let (one, two) = (&list[second - 1], &list[second]);
    let (root, app) = mounted(start_at(&model)).await;
    assert_eq!(data(&root, "article.group-detail", "group"), ["shipping"]);
    let block = "li.two-rounds";
    assert_eq!(count(&root, block), 1);
    assert_eq!(
        data(&root, &format!("{block} article.rebalance"), "generation"),
        [dash(one.generation), dash(two.generation)]
    );
    let moved: Vec<String> = one.revoked().iter().map(ToString::to_string).collect();
    assert_eq!(texts(&root, &format!("{block} .two-rounds-head .chip")), moved);
    let received =
        texts(&root, &format!("{block} article.rebalance:nth-of-type(2) td.added .chip"));
    assert_eq!(received, moved, "round two hands over what round one revoked");
    assert!(text(&root, ".kind-explained").starts_with("Cooperative rebalancing"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn closing_a_consumer_says_goodbye_and_the_group_rebalances_at_once() {
    let mut model = played(1, 10.0);
    let (root, app) = mounted(start_at(&model)).await;
    click(&root, "li.member[data-client=\"3\"] button.close");
    wait_until("consumer-3 closed", || count(&root, "li.member.gone[data-client=\"3\"]") == 1)
        .await;
    assert!(text(&root, "li.member.gone .member-status").contains("sent LeaveGroup"));
    app.destroy();

    model.apply(Action::RemoveClient { id: 3, crash: false }).unwrap();
    play_more(&mut model, 0.5, 100);
    let (root, app) = mounted(start_at(&model)).await;
    let g = group(&model.snapshot(), GROUP);
    assert_eq!(data(&root, ".group-detail li.member", "client"), ["2"]);
    assert_eq!(g.state, "PreparingRebalance", "removed at once, not after session.timeout.ms");
    assert_eq!(text(&root, ".group-head .group-state"), g.state);
    assert!(text(&root, "p.state-meaning").starts_with("PreparingRebalance: waiting for members"));
    let why = text(&root, &format!("{NEWEST} .rebalance-why"));
    assert!(
        why.ends_with("consumer-3 left: it said goodbye (LeaveGroup): the consumer closed"),
        "{why}"
    );
    app.destroy();
}
