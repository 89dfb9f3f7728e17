//! Writing source text: a listing assembled line by line with its imports kept apart (so they
//! can be printed once, at the top, whatever the actions needed), and literals quoted the way
//! Python and bash read them back, so a topic name or a key a visitor typed can never break
//! the generated code.

use kplay_core::vec_map::{VecMap, VecSet};

/// A listing being written: imports, then body lines.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    modules: VecSet<&'static str>,
    from_imports: VecMap<&'static str, VecSet<&'static str>>,
    written_once: VecSet<&'static str>,
    lines: Vec<String>,
}

impl Listing {
    /// Adds `line` at `indent` levels of four spaces.
    pub(crate) fn line(&mut self, indent: usize, line: impl AsRef<str>) {
        self.lines.push(format!("{}{}", "    ".repeat(indent), line.as_ref()));
    }

    /// A blank line, unless the listing is empty or already ends with one.
    pub(crate) fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Exactly `n` blank lines at the end (none at the start of a listing), as PEP 8 puts two
    /// around top-level functions.
    pub(crate) fn blanks(&mut self, n: usize) {
        if self.lines.is_empty() {
            return;
        }
        let trailing = self.lines.iter().rev().take_while(|l| l.is_empty()).count();
        for _ in trailing..n {
            self.lines.push(String::new());
        }
    }

    /// `# text` at `indent`, one comment line per line of `text`.
    pub(crate) fn comment(&mut self, indent: usize, text: &str) {
        for l in text.lines() {
            self.line(indent, if l.is_empty() { "#".to_owned() } else { format!("# {l}") });
        }
    }

    /// Whether `what` (a helper written once per listing) is still to be written; it counts
    /// as written from now on.
    pub(crate) fn first_time(&mut self, what: &'static str) -> bool {
        self.written_once.insert(what)
    }

    /// `import module` (Python).
    pub(crate) fn import(&mut self, module: &'static str) {
        self.modules.insert(module);
    }

    /// `from module import name` (Python).
    pub(crate) fn import_from(&mut self, module: &'static str, name: &'static str) {
        self.from_imports.entry(module).or_default().insert(name);
    }

    /// The whole text: `header` lines, the imports (standard library first, as PEP 8 groups
    /// them), then the body, ending in one newline.
    pub(crate) fn finish(mut self, header: &[&str]) -> String {
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut out: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        let mut imports: Vec<String> = self.modules.iter().map(|m| format!("import {m}")).collect();
        if !imports.is_empty() && !self.from_imports.is_empty() {
            imports.push(String::new());
        }
        for (module, names) in &self.from_imports {
            let names: Vec<&str> = names.iter().copied().collect();
            imports.push(format!("from {module} import {}", names.join(", ")));
        }
        if !imports.is_empty() {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(imports);
        }
        if !out.is_empty() && !self.lines.is_empty() {
            out.push(String::new());
            // PEP 8: two blank lines before a top-level definition.
            if self.lines[0].starts_with("class ") || self.lines[0].starts_with("def ") {
                out.push(String::new());
            }
        }
        out.extend(self.lines);
        let mut text = out.join("\n");
        text.push('\n');
        text
    }
}

/// A `{'k': 'v'}` dict of text.
pub(crate) fn py_dict(pairs: &[(String, String)]) -> String {
    let items: Vec<String> =
        pairs.iter().map(|(k, v)| format!("{}: {}", py_str(k), py_str(v))).collect();
    format!("{{{}}}", items.join(", "))
}

/// A Python string literal: single quotes, escapes for quotes, backslashes and control
/// characters.
pub(crate) fn py_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Python bytes value for `s` as UTF-8: `b'...'` when it is plain ASCII, else
/// `'...'.encode()`.
pub(crate) fn py_bytes(s: &str) -> String {
    if s.is_ascii() { format!("b{}", py_str(s)) } else { format!("{}.encode()", py_str(s)) }
}

/// A word bash reads back as `s`: bare when it is only safe characters, else single-quoted.
pub(crate) fn sh_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_.,:/=@+%".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Python's reserved words, which no generated name may be.
const PY_KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// `client_id` as a Python name (`orders-app` -> `orders_app`), or `None` if it does not make
/// one (empty, starting with a digit, a keyword).
pub(crate) fn py_name(client_id: &str) -> Option<String> {
    let mut name = String::new();
    for c in client_id.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    let starts_well = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    (starts_well && !PY_KEYWORDS.contains(&name.as_str())).then_some(name)
}

/// Seconds between records at `per_sec` records a second, as a decimal (`0.1`, `0.333`).
pub(crate) fn interval_secs(per_sec: u32) -> String {
    let millis = 1000.0 / f64::from(per_sec.max(1));
    let text = format!("{:.3}", millis / 1000.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_any_text() {
        assert_eq!(py_str("it's"), r"'it\'s'");
        assert_eq!(py_str("a\\b\nc"), r"'a\\b\nc'");
        assert_eq!(py_bytes("key-1"), "b'key-1'");
        assert_eq!(py_bytes("clé"), "'clé'.encode()");
        assert_eq!(sh_word("orders"), "orders");
        assert_eq!(sh_word("it's here"), r"'it'\''s here'");
        assert_eq!(sh_word(""), "''");
    }

    #[test]
    fn client_ids_become_python_names() {
        assert_eq!(py_name("orders-app").as_deref(), Some("orders_app"));
        assert_eq!(py_name("Consumer 1").as_deref(), Some("consumer_1"));
        assert_eq!(py_name("1st"), None);
        assert_eq!(py_name("class"), None);
        assert_eq!(py_name("--"), None);
        assert_eq!(interval_secs(10), "0.1");
        assert_eq!(interval_secs(3), "0.333");
        assert_eq!(interval_secs(1), "1");
    }

    #[test]
    fn imports_come_first_once() {
        let mut l = Listing::default();
        l.import("time");
        l.import_from("kafka", "KafkaProducer");
        l.line(0, "x = 1");
        l.import("time");
        l.import_from("kafka", "KafkaConsumer");
        assert_eq!(
            l.finish(&[]),
            "import time\n\nfrom kafka import KafkaConsumer, KafkaProducer\n\nx = 1\n"
        );
    }
}
