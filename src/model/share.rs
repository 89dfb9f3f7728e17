//! Share links: the seed, the actions, the moment shown and the view, in a URL fragment
//! (`#s=…`), so that opening the link rebuilds exactly what its author saw. The same text is what
//! the page keeps in `localStorage` to survive a reload.
//!
//! The format is [postcard](https://docs.rs/postcard) (serde's fields in order, integers as
//! varints) in unpadded URL-safe base64, starting with a version number. It replaced JSON
//! (format 1) because it is shorter in the address bar and far less code in the page: postcard's
//! reader is a few hundred bytes of wasm where serde_json's, with every visitor it needs, is tens
//! of kilobytes. The price is that fields are not named, so any change to what a link holds (a
//! field added to `Scenario`, an action, `ViewPrefs`) must bump [`VERSION`]; the round-trip tests
//! and the pinned link in the tests catch a change made without one.
//!
//! Reading one is defensive: a link is untrusted input, so its length is bounded before
//! decoding, every field is checked against [`crate::model::limits`] before anything is
//! simulated, trailing bytes are refused, and every failure is a [`LinkError`] that says what was
//! wrong — never a panic.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use kplay_sim::Scenario;

use super::limits;
use super::prefs::ViewPrefs;

/// The format version written now.
pub const VERSION: u32 = 2;

/// The longest link payload read, in characters (about 190 KB of postcard).
pub const MAX_LINK_CHARS: usize = 256 * 1024;

/// The fragment key that holds a shared scenario.
pub const FRAGMENT_KEY: &str = "s";

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// The format version.
    pub v: u32,
    /// Seed, settings and every recorded action.
    pub scenario: Scenario,
    /// The moment shown: how many steps had run.
    pub step: u64,
    /// What was being looked at.
    #[serde(default)]
    pub view: ViewPrefs,
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Longer than [`MAX_LINK_CHARS`].
    #[error("the link is {0} characters long; a kplay link is at most {MAX_LINK_CHARS}")]
    TooLong(usize),
    /// Not base64.
    #[error("the link is damaged: its scenario is not valid base64 ({0})")]
    NotBase64(String),
    /// Not the JSON of a scenario.
    #[error("the link is damaged: its scenario cannot be read ({0})")]
    NotAScenario(String),
    /// Written by a different version of kplay.
    #[error(
        "the link was made by another version of kplay (format {found}, this page reads {VERSION})"
    )]
    Version {
        /// The version it claims.
        found: u32,
    },
    /// Outside what the playground simulates.
    #[error("the link asks for more than the playground runs: {0}")]
    OutOfLimits(String),
    /// Its actions could not be replayed.
    #[error("the link's scenario could not be replayed: {0}")]
    Replay(String),
}

impl Shared {
    /// The text that goes after `#s=` (and into `localStorage`).
    pub fn encode(&self) -> String {
        // Serializing plain data to bytes cannot fail: postcard refuses only what a scenario never
        // holds (sequences of unknown length).
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The URL fragment for this state, without the `#`.
    pub fn fragment(&self) -> String {
        format!("{FRAGMENT_KEY}={}", self.encode())
    }

    /// Reads [`Shared::encode`]'s text, checking it against the playground's limits.
    pub fn decode(text: &str) -> Result<Shared, LinkError> {
        let text = text.trim();
        if text.len() > MAX_LINK_CHARS {
            return Err(LinkError::TooLong(text.len()));
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|e| LinkError::NotBase64(e.to_string()))?;
        // Check the version before the rest, so an old or new format gets the right message.
        if bytes.first() == Some(&b'{') {
            return Err(LinkError::Version { found: JSON_VERSION });
        }
        let damaged = |e: postcard::Error| LinkError::NotAScenario(e.to_string());
        let (found, _) = postcard::take_from_bytes::<u32>(&bytes).map_err(damaged)?;
        if found != VERSION {
            return Err(LinkError::Version { found });
        }
        let (shared, rest) = postcard::take_from_bytes::<Shared>(&bytes).map_err(damaged)?;
        if !rest.is_empty() {
            return Err(LinkError::NotAScenario(format!(
                "{} bytes follow the scenario",
                rest.len()
            )));
        }
        limits::check_scenario(&shared.scenario).map_err(LinkError::OutOfLimits)?;
        if shared.step > limits::MAX_STEP {
            return Err(LinkError::OutOfLimits(format!(
                "it shows step {}, beyond {}",
                shared.step,
                limits::MAX_STEP
            )));
        }
        Ok(shared)
    }

    /// Reads a URL fragment (with or without its `#`): `None` if it holds no scenario, else the
    /// scenario or why it could not be read.
    pub fn from_fragment(fragment: &str) -> Option<Result<Shared, LinkError>> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        fragment
            .split('&')
            .find_map(|part| part.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
            .map(Shared::decode)
    }
}

/// The format the first links were written in: JSON, which starts with `{`.
pub const JSON_VERSION: u32 = 1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::opening;
    use crate::model::prefs::Tab;

    fn shared() -> Shared {
        let view = ViewPrefs { tab: Tab::Groups, projector: true, ..ViewPrefs::default() };
        Shared { v: VERSION, scenario: opening::scenario(42), step: 1_234, view }
    }

    #[test]
    fn a_link_round_trips() {
        let s = shared();
        let fragment = format!("#{}", s.fragment());
        assert!(fragment.starts_with("#s="));
        assert_eq!(Shared::from_fragment(&fragment), Some(Ok(s.clone())));
        assert_eq!(Shared::decode(&s.encode()), Ok(s));
    }

    #[test]
    fn older_actions_keep_their_bytes_and_newer_ones_come_after() {
        use kplay_sim::Action;
        use kplay_sim::network::Node;
        let bytes = |a: &Action| postcard::to_allocvec(a).unwrap();
        // Links made before links could be cut decode as they did.
        assert_eq!(bytes(&Action::Heal), [9]);
        assert_eq!(bytes(&Action::Isolate { nodes: vec![Node::Broker(1)] }), [8, 1, 0, 2]);
        let cut = Action::CutLink { a: Node::Broker(1), b: Node::Client(2) };
        assert_eq!(bytes(&cut), [20, 0, 2, 1, 2]);
        let restore = Action::RestoreLink { a: Node::Broker(1), b: Node::Client(2) };
        assert_eq!(postcard::from_bytes::<Action>(&bytes(&restore)).unwrap(), restore);
    }

    #[test]
    fn a_fragment_without_a_scenario_is_not_an_error() {
        assert_eq!(Shared::from_fragment(""), None);
        assert_eq!(Shared::from_fragment("#lesson=keys"), None);
        assert!(Shared::from_fragment("#x=1&s=!!").is_some_and(|r| r.is_err()));
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let err = |text: &str| Shared::decode(text).unwrap_err();
        assert!(matches!(err("%%%not base64"), LinkError::NotBase64(_)));
        // Format 2 with nothing after the version; a varint that never ends.
        assert!(matches!(err(&URL_SAFE_NO_PAD.encode([2u8])), LinkError::NotAScenario(_)));
        assert!(matches!(err(&URL_SAFE_NO_PAD.encode([0xffu8; 8])), LinkError::NotAScenario(_)));
        assert_eq!(err(&URL_SAFE_NO_PAD.encode([7u8, 0, 0])), LinkError::Version { found: 7 });
        // A link from the JSON days says so.
        assert_eq!(
            err(&URL_SAFE_NO_PAD.encode("{\"v\":1,\"scenario\":null}")),
            LinkError::Version { found: JSON_VERSION }
        );
        assert!(matches!(err(&"A".repeat(MAX_LINK_CHARS + 1)), LinkError::TooLong(_)));
        // Every message is a sentence a visitor can act on.
        assert!(err("%").to_string().starts_with("the link is damaged"));
    }

    #[test]
    fn a_link_beyond_the_limits_is_refused_before_anything_runs() {
        let mut s = shared();
        s.scenario.settings.sample_interval_ms = 0;
        assert!(matches!(Shared::decode(&s.encode()), Err(LinkError::OutOfLimits(_))));
        let mut s = shared();
        s.step = u64::MAX;
        assert!(matches!(Shared::decode(&s.encode()), Err(LinkError::OutOfLimits(_))));
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = postcard::to_allocvec(&shared()).unwrap();
        bytes.push(0);
        let err = Shared::decode(&URL_SAFE_NO_PAD.encode(bytes)).unwrap_err();
        assert!(matches!(err, LinkError::NotAScenario(m) if m.contains("1 bytes follow")));
    }

    /// The link of a fixed moment, written once: if this fails, what a link holds changed
    /// shape, and [`VERSION`] must go up (then write the new link here).
    #[test]
    fn the_format_is_pinned_to_its_version() {
        let mut scenario = Scenario::new(7);
        scenario.actions = [
            kplay_sim::Action::AddBroker { id: 1, rack: Some("a".into()) },
            kplay_sim::Action::CreateTopic {
                name: "t".into(),
                partitions: 2,
                replication_factor: 1,
                configs: vec![("cleanup.policy".into(), "compact".into())],
            },
        ]
        .into_iter()
        .map(|action| kplay_sim::TimedAction { step: 0, time: 0, action })
        .collect();
        let pinned = Shared { v: VERSION, scenario, step: 5, view: ViewPrefs::default() };
        let text = pinned.encode();
        assert_eq!(text, PINNED, "what a link holds changed shape: bump VERSION");
        assert_eq!(Shared::decode(PINNED), Ok(pinned));
    }

    const PINNED: &str = "AgfwLuDUA9CMAaCcARQCAgIAAgAA9AMCAAAEAgEBYQAAAAF0BAIBDmNsZWFudXAucG9saWN5B2NvbXBhY3QFAWQAAAAAAA";

    #[test]
    fn a_truncated_link_is_damaged_not_fatal() {
        let text = shared().encode();
        for cut in [1, text.len() / 3, text.len() / 2, text.len() - 1] {
            assert!(Shared::decode(&text[..cut]).is_err(), "cut at {cut}");
        }
    }
}
