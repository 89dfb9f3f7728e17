//! Hostile input, generated: share links with bytes changed, added, removed or cut off, and
//! terminal lines made of the tools' own words in any order. Each is refused with a reason or
//! does something; nothing panics, and what opens can be played and drawn.
//!
//! 256 cases each by default; `KPLAY_FUZZ_CASES=20000 cargo test --release -p kplay --lib
//! hostile` searches longer.

use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;
use proptest::sample::Index;

use super::console::tests::play;
use super::console::{Console, ConsoleInput};
use super::{Playground, Shared, ViewPrefs, lessons};

/// Real links, with many kinds of action in them: lessons' scenarios with every task done.
fn links() -> &'static [Vec<u8>] {
    static LINKS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    LINKS.get_or_init(|| {
        ["keys-and-ordering", "rebalancing", "failure-and-durability", "retention-and-compaction"]
            .iter()
            .map(|slug| {
                let lesson = lessons::find(slug).expect("a lesson by that name");
                let mut p = Playground::lesson(lesson, 3, ViewPrefs::default()).expect(slug);
                play(&mut p, 2_000.0);
                for task in &lesson.tasks {
                    let _ = p.apply_all(task.solution.clone());
                    play(&mut p, 500.0);
                }
                URL_SAFE_NO_PAD.decode(p.shared().encode()).expect("its own link")
            })
            .collect()
    })
}

#[derive(Clone, Debug)]
enum Damage {
    Set(Index, u8),
    Insert(Index, u8),
    Remove(Index),
    Cut(Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Damage::Set(at, b)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Damage::Insert(at, b)),
        2 => any::<Index>().prop_map(Damage::Remove),
        1 => any::<Index>().prop_map(Damage::Cut),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match damage {
        Damage::Set(at, b) => bytes[at.index(len)] = *b,
        Damage::Insert(at, b) => bytes.insert(at.index(len), *b),
        Damage::Remove(at) => {
            bytes.remove(at.index(len));
        }
        Damage::Cut(at) => bytes.truncate(at.index(len)),
    }
}

/// Words the console tools know, and some they do not, for lines typed in any order.
const WORDS: &[&str] = &[
    "kafka-topics.sh",
    "kafka-console-producer.sh",
    "kafka-console-consumer.sh",
    "kafka-consumer-groups.sh",
    "help",
    "--bootstrap-server",
    "localhost:9092",
    "--broker-list",
    "--create",
    "--delete",
    "--list",
    "--describe",
    "--alter",
    "--topic",
    "orders",
    "t",
    "--group",
    "billing",
    "--partitions",
    "-1",
    "0",
    "3",
    "100000",
    "--replication-factor",
    "--config",
    "retention.ms=1",
    "cleanup.policy=compact",
    "--from-beginning",
    "--max-messages",
    "--property",
    "parse.key=true",
    "key.separator=:",
    "print.key=true",
    "--reset-offsets",
    "--to-earliest",
    "--to-latest",
    "--to-offset",
    "--execute",
    "--dry-run",
    "--members",
    "--state",
    "--all-groups",
    "--if-not-exists",
    "--under-replicated-partitions",
    "--zookeeper",
    "\"",
    "'",
    "=",
    "k:v",
    "",
    "é",
    "--",
    "-",
];

/// Cases per property: 256, or `KPLAY_FUZZ_CASES`.
fn cases() -> u32 {
    std::env::var("KPLAY_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..10).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_link_is_refused_with_a_reason_or_opens_and_plays(
        which in any::<Index>(),
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let mut bytes = links()[which.index(links().len())].clone();
        for d in &damages {
            apply(&mut bytes, d);
        }
        match Shared::decode(&URL_SAFE_NO_PAD.encode(&bytes)) {
            Err(e) => prop_assert!(e.to_string().starts_with("the link")),
            Ok(shared) => match Playground::from_shared(shared) {
                Err(e) => prop_assert!(e.to_string().starts_with("the link")),
                Ok(mut p) => {
                    play(&mut p, 1_000.0);
                    let _ = p.snapshot();
                }
            },
        }
    }

    #[test]
    fn any_line_in_the_terminal_is_answered_and_a_refused_one_changes_nothing(
        lines in prop::collection::vec(line(), 1..6),
    ) {
        let mut p = Playground::opening(7);
        play(&mut p, 500.0);
        let mut console = Console::default();
        for line in lines {
            let before_actions = p.world().actions().to_vec();
            let before_lines = console.lines().count();
            let may_have_changed = console.input(&mut p, ConsoleInput::Line(line.clone()));
            prop_assert!(console.lines().count() > before_lines, "{line:?} printed nothing");
            if !may_have_changed {
                prop_assert_eq!(p.world().actions(), &before_actions[..], "{:?}", line);
            }
            console.input(&mut p, ConsoleInput::Interrupt);
            play(&mut p, 200.0);
            console.follow(&mut p);
        }
        let _ = p.snapshot();
    }
}
