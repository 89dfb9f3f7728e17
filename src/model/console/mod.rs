//! The terminal: Kafka's console tools typed against the simulated cluster.
//!
//! A learner who has read a Kafka tutorial knows `kafka-topics.sh`, `kafka-console-producer.sh`,
//! `kafka-console-consumer.sh` and `kafka-consumer-groups.sh`; typing them here, with the real
//! flags, and getting the real tools' output and error messages, ties what the page shows to
//! what they will see on a real cluster.
//!
//! The terminal never writes the world itself: every change is an [`Action`](kplay_sim::Action)
//! taken through the [`Playground`], so it is recorded, replayed, and kept in share links like
//! any other. Reading (`--describe`, `--list`) uses the playground's snapshot and world.
//!
//! - [`words`]: a command line split as a shell splits it; [`opts`]: options as joptsimple reads
//!   them, with its messages.
//! - [`topics`], [`producer`], [`consumer`], [`groups`] (with [`describe`]): one file per tool.
//!
//! A console producer or consumer is a *session*: the producer reads lines until Ctrl-C or
//! Ctrl-D; the consumer prints what its simulated consumer is handed as the world plays
//! ([`Console::follow`]) until Ctrl-C or `--max-messages`.

pub mod consumer;
pub mod describe;
pub mod groups;
mod help;
pub mod opts;
pub mod producer;
pub mod props;
pub mod topics;
pub mod words;

#[cfg(test)]
pub(crate) mod tests;

use std::collections::VecDeque;
use std::rc::Rc;

use super::Playground;

/// Lines the terminal keeps.
pub const SCROLLBACK: usize = 2_000;

/// Commands the history keeps.
pub const HISTORY: usize = 200;

/// What the terminal was told: a line typed, or a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleInput {
    /// A line typed and Enter pressed.
    Line(String),
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-D (end of input).
    EndOfInput,
    /// Clear the screen (the scrollback, not the history).
    Clear,
}

/// What a line of the scrollback is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// What was typed, after its prompt.
    Input,
    /// What a tool printed on standard output.
    Out,
    /// What a tool printed on standard error.
    Err,
}

/// One line of the scrollback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Which stream it is.
    pub kind: LineKind,
    /// Its text.
    pub text: String,
}

/// What a tool printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed(pub Vec<Line>);

impl Printed {
    /// Adds a line of standard output.
    pub fn out(&mut self, text: impl Into<String>) {
        self.0.push(Line { kind: LineKind::Out, text: text.into() });
    }

    /// Adds a line of standard error.
    pub fn err(&mut self, text: impl Into<String>) {
        self.0.push(Line { kind: LineKind::Err, text: text.into() });
    }

    /// Output of only `text` on standard error.
    pub fn error(text: impl Into<String>) -> Printed {
        let mut p = Printed::default();
        p.err(text);
        p
    }

    /// The text of every line, standard output and error interleaved as printed.
    pub fn text(&self) -> String {
        self.0.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}

/// What the terminal is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Session {
    /// Waiting for a command.
    Shell,
    /// `kafka-console-producer.sh`: each line is a record.
    Producer(producer::ProducerSession),
    /// `kafka-console-consumer.sh`: printing what its consumer is handed.
    Consumer(consumer::ConsumerSession),
}

/// The terminal: its scrollback, its history, and what is running in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Console {
    lines: VecDeque<Rc<Line>>,
    history: Vec<String>,
    session: Session,
    /// Console producers closed but still sending what they had (as `close()` flushes).
    closing: Vec<u32>,
    /// Bumped whenever the scrollback changes.
    pub revision: u64,
}

impl Default for Console {
    fn default() -> Self {
        Console {
            lines: VecDeque::new(),
            history: Vec::new(),
            session: Session::Shell,
            closing: Vec::new(),
            revision: 0,
        }
    }
}

impl Console {
    /// The scrollback, oldest first.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().map(|l| &**l)
    }

    /// Commands typed at the shell prompt, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// What is running.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The prompt shown before what is typed next.
    pub fn prompt(&self) -> &'static str {
        match self.session {
            Session::Shell => "$ ",
            Session::Producer(_) => ">",
            Session::Consumer(_) => "",
        }
    }

    /// Whether anything runs that must follow the world as it plays.
    pub fn is_following(&self) -> bool {
        !matches!(self.session, Session::Shell) || !self.closing.is_empty()
    }

    /// Handles what was typed. Returns whether the scenario may have changed.
    pub fn input(&mut self, p: &mut Playground, input: ConsoleInput) -> bool {
        let acted = match input {
            ConsoleInput::Line(line) => self.submit(p, &line),
            ConsoleInput::Interrupt => {
                self.push(LineKind::Input, format!("{}^C", self.prompt()));
                self.stop(p)
            }
            ConsoleInput::EndOfInput => match self.session {
                Session::Producer(_) => self.stop(p),
                _ => false,
            },
            ConsoleInput::Clear => {
                self.lines.clear();
                self.revision += 1;
                false
            }
        };
        self.follow(p) || acted
    }

    fn submit(&mut self, p: &mut Playground, line: &str) -> bool {
        self.push(LineKind::Input, format!("{}{line}", self.prompt()));
        match &mut self.session {
            Session::Shell => {
                if !line.trim().is_empty() && self.history.last().is_none_or(|l| l != line) {
                    self.history.push(line.to_owned());
                    if self.history.len() > HISTORY {
                        self.history.remove(0);
                    }
                }
                self.run(p, line)
            }
            Session::Producer(session) => {
                let (printed, done) = session.send(p, line);
                let client = session.client;
                self.print(printed);
                if done {
                    self.closing.push(client);
                    self.session = Session::Shell;
                }
                true
            }
            // A running consumer reads nothing from the terminal: what is typed is only echoed.
            Session::Consumer(_) => false,
        }
    }

    /// Runs a command typed at the shell prompt.
    fn run(&mut self, p: &mut Playground, line: &str) -> bool {
        let words = match words::split(line) {
            Ok(words) => words,
            Err(e) => {
                self.print(Printed::error(e.to_string()));
                return false;
            }
        };
        let Some((command, args)) = words.split_first() else { return false };
        match tool_name(command) {
            "kafka-topics" => {
                let printed = topics::run(p, args);
                self.print(printed);
                true
            }
            "kafka-consumer-groups" => {
                let printed = groups::run(p, args);
                self.print(printed);
                true
            }
            "kafka-console-producer" => match producer::start(p, args) {
                Ok((session, notes)) => {
                    self.session = Session::Producer(session);
                    self.print(notes);
                    self.print(Printed(vec![hint(
                        "Type a line to send it as a record; Ctrl-D or Ctrl-C to stop.",
                    )]));
                    true
                }
                Err(printed) => {
                    self.print(printed);
                    false
                }
            },
            "kafka-console-consumer" => match consumer::start(p, args) {
                Ok((session, notes)) => {
                    self.session = Session::Consumer(session);
                    self.print(notes);
                    self.print(Printed(vec![hint(
                        "Consuming as the simulation plays; Ctrl-C to stop.",
                    )]));
                    true
                }
                Err(printed) => {
                    self.print(printed);
                    false
                }
            },
            "help" => {
                self.print(help::text());
                false
            }
            "clear" => {
                self.lines.clear();
                self.revision += 1;
                false
            }
            "history" => {
                let mut printed = Printed::default();
                for (i, h) in self.history.iter().enumerate() {
                    printed.out(format!("{:>5}  {h}", i + 1));
                }
                self.print(printed);
                false
            }
            _ => {
                self.print(Printed::error(format!("bash: {command}: command not found")));
                false
            }
        }
    }

    /// Stops what runs (Ctrl-C): the producer closes, the consumer closes and says how many
    /// records it printed. Returns whether the scenario changed.
    fn stop(&mut self, p: &mut Playground) -> bool {
        match std::mem::replace(&mut self.session, Session::Shell) {
            Session::Shell => false,
            Session::Producer(session) => {
                self.closing.push(session.client);
                true
            }
            Session::Consumer(mut session) => {
                let printed = session.close(p);
                self.print(printed);
                true
            }
        }
    }

    /// Keeps up with the world: prints what the console consumer was handed since last time,
    /// ends a session whose client the timeline no longer has, and removes closed producers once
    /// they have sent everything. Returns whether the scenario changed.
    pub fn follow(&mut self, p: &mut Playground) -> bool {
        let mut acted = producer::finish_closing(p, &mut self.closing);
        match &mut self.session {
            Session::Shell => {}
            Session::Producer(session) => {
                if !session.alive(p) {
                    self.session = Session::Shell;
                    self.print(Printed::error(producer::GONE));
                }
            }
            Session::Consumer(session) => {
                let (printed, done) = session.follow(p);
                acted |= done;
                self.print(printed);
                if done {
                    self.session = Session::Shell;
                }
            }
        }
        acted
    }

    fn push(&mut self, kind: LineKind, text: String) {
        self.print(Printed(vec![Line { kind, text }]));
    }

    fn print(&mut self, printed: Printed) {
        if printed.0.is_empty() {
            return;
        }
        for line in printed.0 {
            self.lines.push_back(Rc::new(line));
        }
        while self.lines.len() > SCROLLBACK {
            self.lines.pop_front();
        }
        self.revision += 1;
    }
}

/// What the terminal says of an option the real tool has but this playground does not simulate.
fn not_simulated(tool: &str, option: &str) -> Printed {
    Printed::error(format!(
        "kplay: {tool} --{option} is not simulated in this playground; `help` lists what is"
    ))
}

/// The number the next client gets: one more than the highest the scenario has used, so a
/// removed client's number (still shown among the page's removals) is not given again.
fn next_client(p: &Playground) -> u32 {
    let world = p.world();
    let added = world.actions().iter().filter_map(|t| match &t.action {
        kplay_sim::Action::AddProducer { id, .. } | kplay_sim::Action::AddConsumer { id, .. } => {
            Some(*id)
        }
        _ => None,
    });
    world.all_clients().map(|(id, _)| id).chain(added).map(|id| id + 1).max().unwrap_or(1)
}

/// A line the terminal itself prints (not a tool), on standard error like a tool's notes.
fn hint(text: &str) -> Line {
    Line { kind: LineKind::Err, text: format!("# {text}") }
}

/// The tool a command names, however it is written: `kafka-topics.sh`, `bin/kafka-topics.sh`,
/// `./bin/kafka-topics.sh`, or `kafka-topics` as Confluent's packages install it.
fn tool_name(command: &str) -> &str {
    let base = command.rsplit('/').next().unwrap_or(command);
    base.strip_suffix(".sh").unwrap_or(base)
}
