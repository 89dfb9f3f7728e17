//! Browser tests of the playground page: mount the real app (the cluster engine, compiled to
//! wasm) in headless Chromium and check that the DOM shows what the engine did, before and after
//! clicks.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` or `wasm-pack test --headless --chrome`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::driver::{Driver, INITIAL_RECORDS, PARTITIONS};
use support::{
    attrs, cell, click, count, data, fresh_root, keys, leader_of, marker, replica_end, texts,
    wait_until,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh root and waits for the cluster to be rendered.
async fn mounted() -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone());
    wait_until("the cluster is rendered", || {
        count(&root, ".broker") == 3 && (0..PARTITIONS).all(|p| marker(&root, p, "leo").is_some())
    })
    .await;
    (root, app)
}

fn stop_button(broker: i32) -> String {
    format!(".broker[data-broker-id=\"{broker}\"] button.stop")
}

#[wasm_bindgen_test]
async fn shows_three_brokers_three_led_partitions_and_the_produced_records() {
    let (root, app) = mounted().await;

    assert_eq!(data(&root, ".broker", "broker-id"), ["1", "2", "3"]);
    assert_eq!(count(&root, ".broker.running"), 3);
    assert_eq!(count(&root, ".broker .controller-badge"), 1, "exactly one controller");

    assert_eq!(data(&root, "table.partitions tbody tr", "partition"), ["0", "1", "2"]);
    let (driver, _) = Driver::start();
    let expected = driver.view();
    for p in &expected.partitions {
        let i = p.partition.0;
        let leader = leader_of(&root, i).expect("every partition has a leader");
        assert_eq!(Some(leader), p.leader.map(|l| l.0), "leader of {i}");
        assert_eq!(cell(&root, i, "replicas"), list(p));
        assert_eq!(cell(&root, i, "leader-epoch"), "0");
        assert_eq!((cell(&root, i, "hw"), cell(&root, i, "leo")), ("2".into(), "2".into()));
        assert_eq!((marker(&root, i, "hw"), marker(&root, i, "leo")), (Some(2), Some(2)));
    }
    // Record n went to partition n mod 3.
    assert_eq!(keys(&root, 0), ["order-0", "order-3"]);
    assert_eq!(keys(&root, 1), ["order-1", "order-4"]);
    assert_eq!(keys(&root, 2), ["order-2", "order-5"]);
    assert_eq!(count(&root, ".record"), INITIAL_RECORDS as usize);
    assert_eq!(count(&root, ".record.uncommitted"), 0, "acks=all: all below the HW");
    app.destroy();
}

/// A partition's replicas as the table writes them.
fn list(p: &kplay::driver::PartitionRow) -> String {
    p.replicas.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

#[wasm_bindgen_test]
async fn stopping_the_leader_of_partition_0_shows_a_new_leader() {
    let (root, app) = mounted().await;
    let old = leader_of(&root, 0).expect("a leader");

    click(&root, &stop_button(old));
    wait_until("partition 0 shows another leader", || {
        leader_of(&root, 0).is_some_and(|l| l != old)
    })
    .await;

    let new = leader_of(&root, 0).unwrap();
    assert_eq!(cell(&root, 0, "leader-epoch"), "1");
    assert!(!cell(&root, 0, "isr").contains(&old.to_string()), "the old leader left the ISR");
    assert_eq!(data(&root, ".broker.stopped", "broker-id"), [old.to_string()]);
    assert_eq!(attrs(&root, &stop_button(old), "aria-disabled"), ["true"]);
    let status = texts(&root, "[role=status]").join(" ");
    assert!(status.contains(&format!("orders-0: leader {old} → {new} (epoch 1)")), "{status}");
    assert!((0..PARTITIONS).all(|p| leader_of(&root, p).is_some_and(|l| l != old)));

    // Stopping it again changes nothing and says why.
    click(&root, &stop_button(old));
    wait_until("the refusal is shown", || !texts(&root, "[role=alert]").is_empty()).await;
    assert_eq!(
        texts(&root, "[role=alert]"),
        [format!("Broker {old} was not stopped: broker {old} is not running")]
    );
    assert_eq!(leader_of(&root, 0), Some(new));
    app.destroy();
}

#[wasm_bindgen_test]
async fn produce_advances_the_log_end_offset_marker() {
    let (root, app) = mounted().await;
    assert_eq!(data(&root, ".producer", "next-partition"), ["0"], "record 6 goes to 6 mod 3");
    let leo = marker(&root, 0, "leo").expect("a LEO marker");

    click(&root, "button.produce");
    wait_until("the LEO marker advances", || marker(&root, 0, "leo") == Some(leo + 1)).await;

    assert_eq!(keys(&root, 0).last().map(String::as_str), Some("order-6"));
    assert_eq!(marker(&root, 0, "hw"), Some(leo + 1), "acks=all: the HW follows");
    assert_eq!(cell(&root, 0, "leo"), (leo + 1).to_string());
    assert_eq!(marker(&root, 1, "leo"), Some(2), "other partitions unchanged");
    assert_eq!(data(&root, ".producer", "next-partition"), ["1"]);
    let status = texts(&root, "[role=status]").join(" ");
    assert!(status.contains(&format!("Produced order-6 to orders-0 at offset {leo}")), "{status}");
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_restarted_broker_catches_up_as_a_follower() {
    let (root, app) = mounted().await;
    let old = leader_of(&root, 0).expect("a leader");
    click(&root, &stop_button(old));
    wait_until("the broker stops", || count(&root, ".broker.stopped") == 1).await;
    // Records 6 to 9: partition 0 gets 6 and 9.
    for _ in 0..4 {
        let before = count(&root, ".record");
        click(&root, "button.produce");
        wait_until("the record is shown", || count(&root, ".record") == before + 1).await;
    }
    assert_eq!(marker(&root, 0, "leo"), Some(4));
    assert!(replica_end(&root, 0, old).starts_with("broker "), "a replica line per broker");
    assert!(replica_end(&root, 0, old).contains("LEO 2"), "{}", replica_end(&root, 0, old));
    assert!(replica_end(&root, 0, old).contains("stopped"));

    click(&root, &format!(".broker[data-broker-id=\"{old}\"] button.start"));
    wait_until("the broker runs again", || count(&root, ".broker.stopped") == 0).await;
    assert!(replica_end(&root, 0, old).contains("LEO 4"), "{}", replica_end(&root, 0, old));
    assert!(replica_end(&root, 0, old).contains("in sync"));
    assert!(cell(&root, 0, "isr").contains(&old.to_string()), "back in the ISR");
    assert_ne!(leader_of(&root, 0), Some(old), "it came back as a follower");
    app.destroy();
}
