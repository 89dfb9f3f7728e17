//! Turns the lessons in `www/lessons/*.md` into Rust data at build time, so a teacher writes
//! Markdown and the page carries ready HTML (no Markdown parser in the browser).
//!
//! Lesson files are named `NN-slug.md` (the number orders them, the slug names them in links;
//! other files, such as the directory's README, are not lessons). A lesson file starts with a front matter block (`---`, `key: value` lines, `---`) holding at
//! least `title` and `summary`. Its body is Markdown; `## ` headings split it into sections, and
//! three kinds of fenced blocks are not shown as code but kept for the app to read:
//! ```` ```scenario ```` (the lesson's starting scenario, in kplay's script language),
//! ```` ```task ```` (a "try this" task: what to do, its check, and the actions that do it) and
//! ```` ```board ```` (the part of the board a section is about, brought into view with it).
//! A file that breaks these rules stops the build with a message naming the file.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

const DIR: &str = "www/lessons";

struct Section {
    heading: String,
    board: Option<String>,
    parts: Vec<Part>,
}

enum Part {
    Html(String),
    Task(String),
}

struct Lesson {
    file: String,
    front: Vec<(String, String)>,
    scenario: String,
    sections: Vec<Section>,
}

fn main() {
    println!("cargo:rerun-if-changed={DIR}");
    let mut files: Vec<_> = fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("{DIR}: {e}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    files.sort();
    let lessons: Vec<Lesson> = files.iter().map(|path| read(path)).collect();
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("lessons.rs");
    fs::write(&out, render(&lessons)).expect("writing lessons.rs");
}

fn read(path: &Path) -> Lesson {
    let file = path.file_name().expect("a file name").to_string_lossy().into_owned();
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let rest =
        text.strip_prefix("---\n").unwrap_or_else(|| fail(&file, "must start with a --- line"));
    let (front, body) = rest
        .split_once("\n---\n")
        .unwrap_or_else(|| fail(&file, "the front matter has no closing ---"));
    let front: Vec<(String, String)> = front
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (k, v) =
                l.split_once(':').unwrap_or_else(|| fail(&file, &format!("not key: value: {l}")));
            (k.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    for key in ["title", "summary"] {
        if !front.iter().any(|(k, _)| k == key) {
            fail(&file, &format!("the front matter needs a {key}"));
        }
    }
    let (scenario, sections) = body_parts(body, &file);
    let Some(scenario) = scenario else { fail(&file, "needs a ```scenario block") };
    Lesson { file, front, scenario, sections }
}

fn fail(file: &str, why: &str) -> ! {
    panic!("lesson {file}: {why}")
}

fn body_parts(body: &str, file: &str) -> (Option<String>, Vec<Section>) {
    let mut scenario = None;
    let mut sections = vec![Section { heading: String::new(), board: None, parts: Vec::new() }];
    let mut pending: Vec<Event> = Vec::new();
    let mut special: Option<(String, String)> = None;
    let mut heading: Option<String> = None;
    let flush = |pending: &mut Vec<Event>, sections: &mut Vec<Section>| {
        if !pending.is_empty() {
            let mut out = String::new();
            html::push_html(&mut out, pending.drain(..));
            sections.last_mut().expect("a section").parts.push(Part::Html(out));
        }
    };
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        if let Some((kind, text)) = special.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (kind, text) = special.take().expect("inside a block");
                    if kind == "scenario" {
                        if scenario.replace(text).is_some() {
                            fail(file, "has two ```scenario blocks");
                        }
                    } else if kind == "board" {
                        let section = sections.last_mut().expect("a section");
                        if section.board.replace(text.trim().to_owned()).is_some() {
                            fail(file, "has two ```board blocks in one section");
                        }
                    } else {
                        flush(&mut pending, &mut sections);
                        sections.last_mut().expect("a section").parts.push(Part::Task(text));
                    }
                }
                _ => fail(file, &format!("unexpected Markdown inside a ```{kind} block")),
            }
            continue;
        }
        if let Some(h) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                    let h = heading.take().expect("inside a heading");
                    flush(&mut pending, &mut sections);
                    sections.push(Section { heading: h, board: None, parts: Vec::new() });
                }
                Event::Text(t) | Event::Code(t) => h.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if matches!(&*info, "scenario" | "task" | "board") =>
            {
                special = Some((info.to_string(), String::new()));
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => {
                heading = Some(String::new());
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                fail(file, "the title comes from the front matter: use ## for sections, not #");
            }
            other => pending.push(other),
        }
    }
    flush(&mut pending, &mut sections);
    if sections[0].parts.is_empty() && sections[0].board.is_none() {
        sections.remove(0);
    }
    (scenario, sections)
}

fn render(lessons: &[Lesson]) -> String {
    let mut out = String::from("&[\n");
    for lesson in lessons {
        let _ = writeln!(out, "LessonSource {{\n    file: {:?},", lesson.file);
        let _ = writeln!(out, "    front: &[");
        for (k, v) in &lesson.front {
            let _ = writeln!(out, "        ({k:?}, {v:?}),");
        }
        let _ = writeln!(out, "    ],\n    scenario: {:?},\n    sections: &[", lesson.scenario);
        for section in &lesson.sections {
            let _ = writeln!(
                out,
                "        SectionSource {{ heading: {:?}, board: {:?}, parts: &[",
                section.heading, section.board
            );
            for part in &section.parts {
                match part {
                    Part::Html(h) => {
                        let _ = writeln!(out, "            PartSource::Html({h:?}),");
                    }
                    Part::Task(t) => {
                        let _ = writeln!(out, "            PartSource::Task({t:?}),");
                    }
                }
            }
            let _ = writeln!(out, "        ] }},");
        }
        let _ = writeln!(out, "    ],\n}},");
    }
    out.push(']');
    out
}
