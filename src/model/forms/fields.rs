//! Reading what was typed into one field: whole numbers within bounds, names that must not be
//! blank, `key=value` lines. Each reader records a message for its field in [`Errors`] when the
//! text is wrong, and the form then builds nothing.
//!
//! A blank field takes the value its placeholder shows (Kafka's default, or the next free
//! number), so that a visitor only types what they want to change.

use kplay_core::vec_map::VecMap;

/// What is wrong with a form, field by field (the first problem found for each field).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Errors(VecMap<&'static str, String>);

impl Errors {
    /// The message for `field`, if it is wrong.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// Whether every field is right.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields are wrong.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Every wrong field and its message, by field name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(k, v)| (*k, v.as_str()))
    }

    /// Records `message` for `field`, unless the field already has one.
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    /// `value`, if no field is wrong.
    pub fn or<T>(self, value: T) -> Result<T, Errors> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }
}

/// Reads a whole number from `low` to `high`; blank gives `blank` (a default), or asks for a
/// number if there is none. On a problem it records it and returns `low` (what the form then
/// builds is thrown away).
pub fn whole(
    errors: &mut Errors,
    field: &'static str,
    text: &str,
    blank: Option<i64>,
    low: i64,
    high: i64,
) -> i64 {
    let range = format!("type a whole number from {low} to {high}");
    let text = text.trim();
    if text.is_empty() {
        return blank.unwrap_or_else(|| {
            errors.add(field, format!("this is empty: {range}"));
            low
        });
    }
    let Ok(value) = text.parse::<i64>() else {
        let message = if text.parse::<f64>().is_ok() {
            format!("“{text}” is not a whole number: {range}")
        } else {
            format!("“{text}” is not a number: {range}")
        };
        errors.add(field, message);
        return low;
    };
    if value < 0 && low >= 0 {
        errors.add(field, format!("{value} is negative: {range}"));
        low
    } else if value < low {
        errors.add(field, format!("{value} is too small: {range}"));
        low
    } else if value > high {
        errors.add(field, format!("{value} is too large: {range}"));
        low
    } else {
        value
    }
}

/// Reads a name that must not be blank (leading and trailing spaces dropped); `what` names it
/// in the message.
pub fn required(errors: &mut Errors, field: &'static str, text: &str, what: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        errors.add(field, format!("type {what}: it cannot be empty"));
    }
    text.to_owned()
}

/// Reads an optional name: blank is `None`.
pub fn optional(text: &str) -> Option<String> {
    Some(text.trim()).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// Reads `key=value` lines (or comma-separated pairs on one line); blank lines are skipped.
/// `what` names the pairs in messages (`a config`, `a header`).
pub fn pairs(
    errors: &mut Errors,
    field: &'static str,
    text: &str,
    what: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in text.split(['\n', ',']).map(str::trim).filter(|l| !l.is_empty()) {
        match item.split_once('=') {
            Some((key, value)) if !key.trim().is_empty() => {
                out.push((key.trim().to_owned(), value.trim().to_owned()));
            }
            Some(_) => errors.add(field, format!("“{item}” has no name before “=”")),
            None => errors.add(field, format!("“{item}” is not {what}: write name=value")),
        }
    }
    out
}

/// Reads a comma-separated list of whole numbers from `low` to `high` (partitions), each once.
pub fn numbers(
    errors: &mut Errors,
    field: &'static str,
    text: &str,
    low: i64,
    high: i64,
) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for item in text.split([',', ' ']).map(str::trim).filter(|i| !i.is_empty()) {
        let value = whole(errors, field, item, None, low, high);
        if out.contains(&value) {
            errors.add(field, format!("{value} is listed twice"));
        }
        out.push(value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, blank: Option<i64>) -> Result<i64, String> {
        let mut e = Errors::default();
        let v = whole(&mut e, "f", text, blank, 0, 100);
        e.or(v).map_err(|e| e.get("f").unwrap().to_owned())
    }

    #[test]
    fn whole_numbers_say_what_is_wrong_and_what_to_type() {
        assert_eq!(read(" 42 ", None), Ok(42));
        assert_eq!(read("", Some(7)), Ok(7), "blank takes the default");
        assert_eq!(read("", None).unwrap_err(), "this is empty: type a whole number from 0 to 100");
        assert_eq!(
            read("abc", None).unwrap_err(),
            "“abc” is not a number: type a whole number from 0 to 100"
        );
        assert_eq!(
            read("1.5", None).unwrap_err(),
            "“1.5” is not a whole number: type a whole number from 0 to 100"
        );
        assert_eq!(
            read("-3", None).unwrap_err(),
            "-3 is negative: type a whole number from 0 to 100"
        );
        assert_eq!(
            read("101", None).unwrap_err(),
            "101 is too large: type a whole number from 0 to 100"
        );
        let mut e = Errors::default();
        whole(&mut e, "f", "0", None, 1, 5);
        assert_eq!(e.get("f"), Some("0 is too small: type a whole number from 1 to 5"));
    }

    #[test]
    fn the_first_problem_of_a_field_is_kept() {
        let mut e = Errors::default();
        e.add("f", "first");
        e.add("f", "second");
        assert_eq!(e.get("f"), Some("first"));
        assert_eq!(e.len(), 1);
        assert_eq!(e.or(()), Err(Errors(VecMap::from([("f", "first".to_owned())]))));
    }

    #[test]
    fn names_and_pairs() {
        let mut e = Errors::default();
        assert_eq!(required(&mut e, "n", "  orders ", "a name"), "orders");
        assert!(e.is_empty());
        required(&mut e, "n", "   ", "a topic name");
        assert_eq!(e.get("n"), Some("type a topic name: it cannot be empty"));
        assert_eq!(optional("  "), None);
        assert_eq!(optional(" a "), Some("a".into()));

        let mut e = Errors::default();
        let got = pairs(&mut e, "p", "a=1\n\n b = two , c=", "a header");
        assert_eq!(
            got,
            [("a".into(), "1".into()), ("b".into(), "two".into()), ("c".into(), String::new())]
        );
        assert!(e.is_empty());
        pairs(&mut e, "p", "novalue", "a header");
        assert_eq!(e.get("p"), Some("“novalue” is not a header: write name=value"));
        let mut e = Errors::default();
        pairs(&mut e, "p", "=3", "a config");
        assert_eq!(e.get("p"), Some("“=3” has no name before “=”"));
    }

    #[test]
    fn number_lists() {
        let mut e = Errors::default();
        assert_eq!(numbers(&mut e, "p", "0, 2 3", 0, 5), [0, 2, 3]);
        assert!(e.is_empty());
        numbers(&mut e, "p", "1, 1", 0, 5);
        assert_eq!(e.get("p"), Some("1 is listed twice"));
        let mut e = Errors::default();
        numbers(&mut e, "p", "7", 0, 5);
        assert!(e.get("p").unwrap().starts_with("7 is too large"));
    }
}
