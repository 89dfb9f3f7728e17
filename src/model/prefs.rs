//! What the visitor is looking at and how the clock runs: part of a share link, so that a link
//! opens the same view, not only the same cluster.

use serde::{Deserialize, Serialize};

/// Playback speeds, in percent of real time, slowest first.
pub const SPEEDS: [u32; 9] = [10, 25, 50, 100, 200, 500, 1_000, 2_500, 10_000];

/// The speed a fresh page plays at: real time.
pub const DEFAULT_SPEED: u32 = 100;

/// How fast simulated time runs, in percent of real time (one of [`SPEEDS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Speed(u32);

impl Speed {
    /// The speed at `percent`, if it is one of [`SPEEDS`].
    pub fn new(percent: u32) -> Option<Speed> {
        SPEEDS.contains(&percent).then_some(Speed(percent))
    }

    /// In percent of real time.
    pub fn percent(self) -> u32 {
        self.0
    }

    /// Simulated milliseconds per real millisecond.
    pub fn factor(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// The next speed up (or this one, at the top).
    pub fn faster(self) -> Speed {
        let i = SPEEDS.iter().position(|s| *s == self.0).unwrap_or(0);
        Speed(SPEEDS[(i + 1).min(SPEEDS.len() - 1)])
    }

    /// The next speed down (or this one, at the bottom).
    pub fn slower(self) -> Speed {
        let i = SPEEDS.iter().position(|s| *s == self.0).unwrap_or(0);
        Speed(SPEEDS[i.saturating_sub(1)])
    }

    /// As a person reads it: `0.25×`, `1×`, `100×`.
    pub fn label(self) -> String {
        if self.0.is_multiple_of(100) {
            format!("{}×", self.0 / 100)
        } else {
            format!("{}×", f64::from(self.0) / 100.0)
        }
    }
}

impl Default for Speed {
    fn default() -> Self {
        Speed(DEFAULT_SPEED)
    }
}

impl TryFrom<u32> for Speed {
    type Error = String;

    fn try_from(percent: u32) -> Result<Self, String> {
        Speed::new(percent).ok_or_else(|| {
            format!("speed {percent}% is not one of the playground's speeds {SPEEDS:?}")
        })
    }
}

impl From<Speed> for u32 {
    fn from(speed: Speed) -> u32 {
        speed.0
    }
}

/// The inspector's tabs, in the shapes people know from Kafdrop and AKHQ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tab {
    /// Topic → partition table.
    #[default]
    Topics,
    /// Consumer groups: committed offset, log end offset, lag.
    Groups,
    /// Messages of one partition, by offset.
    Messages,
}

/// Records per page the message browser offers.
pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];

/// Records per page unless the visitor picks another size.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// Where the message browser is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseAt {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// The first offset shown; `None` shows the newest records, following the log end.
    pub offset: Option<i64>,
    /// Read this broker's replica; `None` reads the leader's.
    #[serde(default)]
    pub replica: Option<i32>,
    /// Records per page (a link asking for more than the largest of [`PAGE_SIZES`] gets that).
    #[serde(default = "default_page_size")]
    pub page_size: u32,
}

fn default_page_size() -> u32 {
    DEFAULT_PAGE_SIZE
}

impl BrowseAt {
    /// The newest records of a partition's leader, a default page at a time.
    pub fn newest(topic: &str, partition: i32) -> BrowseAt {
        BrowseAt {
            topic: topic.to_owned(),
            partition,
            offset: None,
            replica: None,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }

    /// The same place, from `offset` (`None`: the newest records).
    pub fn from(&self, offset: Option<i64>) -> BrowseAt {
        BrowseAt { offset, ..self.clone() }
    }
}

/// What the visitor is looking at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewPrefs {
    /// Whether the clock runs.
    pub playing: bool,
    /// How fast.
    pub speed: Speed,
    /// The topic whose partition logs are drawn (`None`: the first one).
    pub topic: Option<String>,
    /// The group shown in detail (`None`: the first one).
    pub group: Option<String>,
    /// The inspector's tab.
    pub tab: Tab,
    /// Where the message browser is.
    pub browse: Option<BrowseAt>,
    /// Large type and high contrast, for a projector.
    pub projector: bool,
}

impl Default for ViewPrefs {
    fn default() -> Self {
        ViewPrefs {
            playing: true,
            speed: Speed::default(),
            topic: None,
            group: None,
            tab: Tab::default(),
            browse: None,
            projector: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_step_through_the_list_and_stop_at_its_ends() {
        let s = Speed::default();
        assert_eq!((s.faster().percent(), s.slower().percent()), (200, 50));
        assert_eq!(Speed::new(10).unwrap().slower().percent(), 10);
        assert_eq!(Speed::new(10_000).unwrap().faster().percent(), 10_000);
        assert_eq!(Speed::new(25).unwrap().label(), "0.25×");
        assert_eq!(Speed::new(1_000).unwrap().label(), "10×");
        assert!(Speed::new(300).is_none());
    }

    #[test]
    fn a_speed_off_the_list_is_refused_when_read() {
        assert!(serde_json::from_str::<Speed>("300").unwrap_err().to_string().contains("300%"));
        assert_eq!(serde_json::from_str::<Speed>("50").unwrap().percent(), 50);
    }

    #[test]
    fn a_browse_position_from_an_older_link_gets_the_default_page() {
        let at: BrowseAt =
            serde_json::from_str(r#"{"topic":"t","partition":2,"offset":7}"#).unwrap();
        assert_eq!(at, BrowseAt::newest("t", 2).from(Some(7)));
        assert_eq!(at.page_size, DEFAULT_PAGE_SIZE);
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let prefs: ViewPrefs = serde_json::from_str(r#"{"projector":true}"#).unwrap();
        assert_eq!(prefs, ViewPrefs { projector: true, ..ViewPrefs::default() });
    }
}
