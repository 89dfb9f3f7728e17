//! What the address's query asks for: the live view (`?live`), a lesson
//! (`?lesson=keys-and-ordering&section=2`), presenter mode (`&present`) or embed mode
//! (`&embed`, only the scenario, for an iframe). Query links are relative (`?lesson=…`), so
//! they work wherever the site is served from, a subpath included, with no server rules.

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    /// `?live`: the live view of `kplay serve`.
    pub live: bool,
    /// `lesson=SLUG`.
    pub lesson: Option<String>,
    /// `section=N` (1-based in the address, 0-based here).
    pub section: usize,
    /// `present`: large type, high contrast, the lesson a section at a time.
    pub present: bool,
    /// `embed`: the scenario without the surrounding page.
    pub embed: bool,
}

impl Route {
    /// Reads a query string (`?a=1&b`); unknown parameters are ignored.
    pub fn parse(search: &str) -> Route {
        let mut route = Route::default();
        for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "live" => route.live = true,
                "lesson" if !value.is_empty() => route.lesson = Some(decode(value)),
                "lessons" => route.lesson = Some(String::new()),
                "section" => {
                    route.section = value.parse::<usize>().unwrap_or(1).saturating_sub(1);
                }
                "present" => route.present = true,
                "embed" => route.embed = true,
                _ => {}
            }
        }
        route
    }

    /// The query of a lesson link.
    pub fn lesson_query(slug: &str, section: usize) -> String {
        if section == 0 {
            format!("?lesson={slug}")
        } else {
            format!("?lesson={slug}&section={}", section + 1)
        }
    }
}

/// Slugs are plain ASCII; `%2D`-style escapes are decoded for links that were escaped anyway.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_ask_for_views() {
        assert!(Route::parse("?live").live);
        assert!(Route::parse("?x=1&live=1").live);
        assert!(!Route::parse("?lively").live);
        let r = Route::parse("?lesson=keys-and-ordering&section=3&present");
        assert_eq!(r.lesson.as_deref(), Some("keys-and-ordering"));
        assert_eq!(r.section, 2);
        assert!(r.present && !r.embed);
        let r = Route::parse("?embed&lesson=a%2Db&section=zero");
        assert_eq!(r.lesson.as_deref(), Some("a-b"));
        assert_eq!(r.section, 0);
        assert!(r.embed);
        assert_eq!(Route::parse(""), Route::default());
    }

    #[test]
    fn lesson_links_round_trip() {
        for (slug, section) in [("groups", 0), ("groups", 4)] {
            let r = Route::parse(&Route::lesson_query(slug, section));
            assert_eq!((r.lesson.as_deref(), r.section), (Some(slug), section));
        }
    }
}
