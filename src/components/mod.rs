//! The page's components, grouped by what they show, each rendering part of a
//! [`Snapshot`](crate::model::Snapshot).
//!
//! Components take plain data as props. To change anything they send a [`Msg`] through the
//! [`Dispatch`] context, and they read what is highlighted (what the pointed-at event touched)
//! from the [`Highlight`] context; none holds the world or any state of its own beyond what a
//! form is typing.
//!
//! [`code`] is for lessons: the lesson's actions as kafka-python, confluent-kafka and
//! command-line code, in tabs.

pub mod actions;
pub mod cluster;
pub mod code;
pub mod console;
pub mod controls;
pub mod events;
pub mod groups;
pub mod inspector;
pub mod lesson;
pub mod logs;
pub mod producers;

use std::rc::Rc;

use yew::prelude::*;

use crate::model::chronicle::Touch;
use crate::state::Msg;

/// Sends a message to the app's reducer; provided by the app to every component.
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub Callback<Msg>);

impl Dispatch {
    /// Sends `msg`.
    pub fn send(&self, msg: Msg) {
        self.0.emit(msg);
    }

    /// A callback that sends the message `f` makes of its argument.
    pub fn to<T: 'static>(&self, f: impl Fn(T) -> Msg + 'static) -> Callback<T> {
        self.0.reform(f)
    }
}

/// What the pointed-at event touched, as [`Touch::key`]s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlight(pub Rc<Vec<String>>);

impl Highlight {
    /// Whether `touch` is highlighted.
    pub fn has(&self, touch: &Touch) -> bool {
        !self.0.is_empty() && self.0.contains(&touch.key())
    }
}

/// The dispatcher from the context (a no-op outside the app, for components rendered alone).
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().unwrap_or_else(|| Dispatch(Callback::noop()))
}

/// The highlight from the context.
#[hook]
pub fn use_highlight() -> Highlight {
    use_context::<Highlight>().unwrap_or_default()
}

/// Broker ids as people write them: `1, 2, 3`.
pub fn id_list(ids: &[i32]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Simulated milliseconds as a clock reading: `12.3 s`, `4 min 05.0 s`.
pub fn time_text(ms: i64) -> String {
    let tenths = ms / 100;
    let (minutes, tenths) = (tenths / 600, tenths % 600);
    if minutes > 0 {
        format!("{minutes} min {:02}.{} s", tenths / 10, tenths % 10)
    } else {
        format!("{}.{} s", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_a_clock() {
        assert_eq!(time_text(0), "0.0 s");
        assert_eq!(time_text(12_345), "12.3 s");
        assert_eq!(time_text(245_000), "4 min 05.0 s");
        assert_eq!(id_list(&[1, 2, 3]), "1, 2, 3");
    }

    #[test]
    fn nothing_is_highlighted_by_default() {
        let h = Highlight::default();
        assert!(!h.has(&Touch::Broker(1)));
        let h = Highlight(Rc::new(vec!["broker-1".into()]));
        assert!(h.has(&Touch::Broker(1)));
        assert!(!h.has(&Touch::Broker(2)));
    }
}
