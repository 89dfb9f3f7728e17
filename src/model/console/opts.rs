//! Options as Kafka's tools read them (with joptsimple, abbreviations off): `--name value` or
//! `--name=value`, options that take no value, values that may repeat; and joptsimple's own
//! messages when a line is wrong, which the tools print as they are.
use std::fmt;

use kplay_core::vec_map::VecMap;

/// Whether an option takes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// A flag: `--list`.
    Nothing,
    /// A value is required: `--topic orders`.
    Value,
    /// A value may follow: `--compression-codec [gzip]`.
    MaybeValue,
}

/// One option a tool accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Its name, without the dashes.
    pub name: &'static str,
    /// Whether it takes a value.
    pub takes: Takes,
}

/// A flag called `name`.
pub const fn flag(name: &'static str) -> Spec {
    Spec { name, takes: Takes::Nothing }
}

/// An option called `name` that takes a value.
pub const fn value(name: &'static str) -> Spec {
    Spec { name, takes: Takes::Value }
}

/// An option called `name` whose value may be left out.
pub const fn maybe_value(name: &'static str) -> Spec {
    Spec { name, takes: Takes::MaybeValue }
}

/// What joptsimple refuses, with its messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionError {
    /// `--zookeeper` where the tool has no such option.
    Unrecognized(String),
    /// `--topic` as the last word.
    MissingArgument(String),
    /// `--list=x`: a flag given a value.
    UnexpectedArgument(String),
    /// `--partitions three`.
    NotANumber {
        /// The option.
        option: String,
        /// What was given.
        given: String,
    },
}

impl OptionError {
    /// The exception's class, as the JVM names it when it escapes `main`.
    pub fn class(&self) -> &'static str {
        match self {
            OptionError::Unrecognized(_) => "joptsimple.UnrecognizedOptionException",
            OptionError::MissingArgument(_) => "joptsimple.OptionMissingRequiredArgumentException",
            OptionError::UnexpectedArgument(_) => "joptsimple.OptionArgumentConversionException",
            OptionError::NotANumber { .. } => "joptsimple.OptionArgumentConversionException",
        }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionError::Unrecognized(name) => write!(f, "{name} is not a recognized option"),
            OptionError::MissingArgument(name) => {
                write!(f, "Option ['{name}'] requires an argument")
            }
            OptionError::UnexpectedArgument(name) => {
                write!(f, "Option ['{name}'] does not accept an argument")
            }
            OptionError::NotANumber { option, given } => {
                write!(f, "Cannot parse argument '{given}' of option ['{option}']")
            }
        }
    }
}

/// The options a command line gave, each with its values in order, and the words that were
/// not options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    values: VecMap<&'static str, Vec<String>>,
    /// Words that are not options (the tools ignore them).
    pub positional: Vec<String>,
}

impl Parsed {
    /// Whether `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// The first value given to `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    /// Every value given to `name`, in order.
    pub fn values(&self, name: &str) -> &[String] {
        self.values.get(name).map_or(&[], Vec::as_slice)
    }

    /// The value of `name` as a whole number, as joptsimple converts an `Integer` option.
    pub fn number(&self, name: &'static str) -> Result<Option<i64>, OptionError> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v.trim().parse::<i32>().map(|n| Some(i64::from(n))).map_err(|_| {
                OptionError::NotANumber { option: name.to_owned(), given: v.to_owned() }
            }),
        }
    }

    /// Which of `names` were given, in the order of `names`.
    pub fn which<'a>(&self, names: &[&'a str]) -> Vec<&'a str> {
        names.iter().copied().filter(|n| self.has(n)).collect()
    }
}

/// Reads `args` against a tool's `specs`.
pub fn parse(specs: &[Spec], args: &[String]) -> Result<Parsed, OptionError> {
    let mut parsed = Parsed::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            parsed.positional.extend(words.cloned());
            break;
        }
        let Some(body) = word.strip_prefix("--") else {
            // A single dash starts a cluster of short options, which the tools have none of.
            match word.strip_prefix('-').and_then(|b| b.chars().next()) {
                Some(short) => return Err(OptionError::Unrecognized(short.to_string())),
                None => parsed.positional.push(word.clone()),
            }
            continue;
        };
        if body.is_empty() {
            parsed.positional.push(word.clone());
            continue;
        }
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (body, None),
        };
        let spec = specs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| OptionError::Unrecognized(name.to_owned()))?;
        let value = match (spec.takes, inline) {
            (Takes::Nothing, Some(_)) => {
                return Err(OptionError::UnexpectedArgument(spec.name.to_owned()));
            }
            (Takes::Nothing, None) => None,
            (_, Some(v)) => Some(v),
            (Takes::Value, None) => Some(
                words.next().cloned().ok_or_else(|| OptionError::MissingArgument(name.into()))?,
            ),
            (Takes::MaybeValue, None) => None,
        };
        let entry = parsed.values.entry(spec.name).or_default();
        entry.extend(value);
    }
    Ok(parsed)
}

/// `key=value` pairs as the tools read `--property` and `--config`: split at the first `=`;
/// a pair without one has an empty value.
pub fn key_values(pairs: &[String]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (p.clone(), String::new()),
        })
        .collect()
}
