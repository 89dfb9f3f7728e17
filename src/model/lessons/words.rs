//! Splitting a line of a lesson's script into words (as the terminal splits a command line:
//! quotes keep spaces together, `\"` is a quote) and reading `name=value` options from them,
//! with messages that name the line.
use std::str::FromStr;

use crate::model::console::words::split;
use kplay_core::vec_map::VecMap;

/// A line's words: the positional ones in order, and the `name=value` options.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Words without `=`, in order.
    pub(super) plain: Vec<String>,
    options: VecMap<String, String>,
}

impl Words {
    /// Splits `line` as the terminal splits a command line; an unclosed quote is an error.
    pub(super) fn split(line: &str) -> Result<Words, String> {
        let mut words = Words::default();
        for word in split(line).map_err(|_| "a quote is not closed".to_owned())? {
            words.push(word)?;
        }
        Ok(words)
    }

    fn push(&mut self, word: String) -> Result<(), String> {
        match word.split_once('=') {
            Some((name, value)) if is_name(name) => {
                if self.options.insert(name.to_owned(), value.to_owned()).is_some() {
                    return Err(format!("{name} is given twice"));
                }
            }
            _ => self.plain.push(word),
        }
        Ok(())
    }

    /// Takes option `name`, if given.
    pub(super) fn take(&mut self, name: &str) -> Option<String> {
        self.options.remove(name)
    }

    /// Takes option `name` and parses it, if given.
    pub(super) fn take_parsed<T: FromStr>(&mut self, name: &str) -> Result<Option<T>, String> {
        match self.options.remove(name) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| format!("{name}={v} is not a valid value")),
        }
    }

    /// Takes every remaining option whose name has a dot in it (Kafka configs).
    pub(super) fn take_configs(&mut self) -> Vec<(String, String)> {
        let names: Vec<String> = self.options.keys().filter(|k| k.contains('.')).cloned().collect();
        names.into_iter().filter_map(|k| self.options.remove_entry(&k)).collect()
    }

    /// The positional word at `index`, parsed, or a message saying what it should have been.
    pub(super) fn at<T: FromStr>(&self, index: usize, what: &str) -> Result<T, String> {
        let word = self.plain.get(index).ok_or_else(|| format!("{what} is missing"))?;
        word.parse().map_err(|_| format!("“{word}” is not a valid {what}"))
    }

    /// An error if options are left that nothing took, or more positional words than `count`.
    pub(super) fn done(&self, count: usize) -> Result<(), String> {
        if let Some(name) = self.options.keys().next() {
            return Err(format!("unknown option {name}"));
        }
        if let Some(extra) = self.plain.get(count) {
            return Err(format!("unexpected “{extra}”"));
        }
        Ok(())
    }
}

/// Whether `text` can name an option (`acks`, `retention.ms`), unlike `>=`.
fn is_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backslashes_escape_quotes() {
        let w = Words::split(r#"event "key \"alice\" ->" \\"#).unwrap();
        assert_eq!(w.plain, ["event", r#"key "alice" ->"#, "\\"]);
    }

    #[test]
    fn quotes_keep_spaces_and_options_are_split_from_words() {
        let mut w = Words::split(r#"produce 1 orders key=k1 value="hello world""#).unwrap();
        assert_eq!(w.plain, ["produce", "1", "orders"]);
        assert_eq!(w.take("value").as_deref(), Some("hello world"));
        assert_eq!(w.take("key").as_deref(), Some("k1"));
        assert!(w.done(3).is_ok());
        assert_eq!(w.done(2).unwrap_err(), "unexpected “orders”");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        assert_eq!(Words::split(r#"a "b"#).unwrap_err(), "a quote is not closed");
        assert_eq!(Words::split("a x=1 x=2").unwrap_err(), "x is given twice");
        let w = Words::split("stop-broker two y=1").unwrap();
        assert_eq!(w.at::<i32>(1, "broker id").unwrap_err(), "“two” is not a valid broker id");
        assert_eq!(w.done(2).unwrap_err(), "unknown option y");
    }
}
