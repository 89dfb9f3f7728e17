//! Every lesson loads, none of its tasks passes before it is done, and each passes once its
//! `do:` lines are taken and the simulation has run a while.

use super::progress::LessonRun;
use super::*;
use crate::model::{Playground, ViewPrefs};
use kplay_core::vec_map::VecSet;

/// How long (simulated ms) a task may take to pass after its solution.
const PATIENCE_MS: i64 = 90_000;

fn run(playground: &mut Playground, lesson: &mut LessonRun, ms: i64) {
    let until = playground.world().now().0 + ms;
    while playground.world().now().0 < until {
        playground.frame(100.0);
        lesson.observe(&playground.snapshot(), &playground.chronicle().log);
    }
}

#[test]
fn every_lesson_reads_and_its_tasks_pass_when_done() {
    let lessons = all().expect("every lesson reads");
    assert!(!lessons.is_empty());
    for lesson in lessons {
        let mut playground =
            Playground::lesson(lesson, 1, ViewPrefs::default()).expect(lesson.slug);
        let mut run_ = LessonRun::new(lesson, 0, VecSet::new());
        run(&mut playground, &mut run_, 10_000);
        assert!(
            run_.done.is_empty(),
            "{}: tasks {:?} passed before anything was done",
            lesson.slug,
            run_.done
        );
        for (index, task) in lesson.tasks.iter().enumerate() {
            playground
                .apply_all(task.solution.clone())
                .unwrap_or_else(|e| panic!("{} task {}: {e}", lesson.slug, index + 1));
            let start = playground.world().now().0;
            while !run_.done.contains(&index) {
                assert!(
                    playground.world().now().0 - start < PATIENCE_MS,
                    "{} task {} (“{}”) did not pass within {PATIENCE_MS} ms of its solution",
                    lesson.slug,
                    index + 1,
                    task.text
                );
                run(&mut playground, &mut run_, 500);
            }
        }
    }
}

#[test]
fn slugs_are_unique_and_link_safe() {
    let lessons = all().expect("every lesson reads");
    let slugs: VecSet<&str> = lessons.iter().map(|l| l.slug).collect();
    assert_eq!(slugs.len(), lessons.len());
    for slug in slugs {
        assert!(
            slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{slug}"
        );
    }
}

#[test]
fn a_lessons_code_is_generated_from_its_scenario_and_tasks() {
    use crate::model::code::{command_line, confluent_kafka, kafka_python};
    let lesson = find("keys-and-ordering").expect("the lesson");
    let actions = lesson.actions();
    let python = kafka_python(&actions);
    assert!(python.contains("key=b'alice'"), "{python}");
    assert!(python.contains("'orders'"), "{python}");
    let confluent = confluent_kafka(&actions);
    assert!(confluent.contains("'partitioner': 'murmur2_random'"), "{confluent}");
    let shell = command_line(&actions);
    assert!(shell.contains("kafka-topics.sh") && shell.contains("--partitions 3"), "{shell}");
    assert!(shell.contains("--partitions 4"), "the task that grows the topic: {shell}");
}

#[test]
fn a_section_names_the_part_of_the_board_it_is_about() {
    let lesson = find("keys-and-ordering").expect("the keys lesson");
    let boards: Vec<_> = lesson.sections.iter().map(|s| s.board).collect();
    assert_eq!(boards, [None, Some(Board::Producers), Some(Board::Producers)]);
    for board in [Board::Brokers, Board::Logs, Board::Groups, Board::Terminal] {
        assert_eq!(Board::parse(board.name()), Ok(board));
    }
    let wrong = Board::parse("partitions").unwrap_err();
    assert!(wrong.contains("“partitions” is not a part of the board"), "{wrong}");
    assert!(
        wrong.contains("brokers, producers, logs, groups, events, terminal, inspector"),
        "{wrong}"
    );
}
