//! Keys, values and header values as a row shows them: text when they are UTF-8, hex bytes when
//! they are not, and only the start of anything long (with its length, so nothing is hidden
//! silently).

/// How many characters of a key, value or header value a row shows.
pub const SHOWN_CHARS: usize = 120;

/// How many bytes of a binary value a row shows, as hex.
pub const SHOWN_HEX_BYTES: usize = 40;

/// Bytes as a row shows them: UTF-8 text, or hex when they are not text; cut when long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The text, or the hex digits (a byte per pair, separated by spaces).
    pub text: String,
    /// How many bytes there are.
    pub bytes: usize,
    /// Whether `text` is hex because the bytes are not UTF-8.
    pub hex: bool,
    /// Whether `text` shows only the start.
    pub cut: bool,
}

impl Shown {
    /// How `bytes` are shown.
    pub fn of(bytes: &[u8]) -> Shown {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let cut = text.chars().count() > SHOWN_CHARS;
                let text = if cut { text.chars().take(SHOWN_CHARS).collect() } else { text.into() };
                Shown { text, bytes: bytes.len(), hex: false, cut }
            }
            Err(_) => {
                let cut = bytes.len() > SHOWN_HEX_BYTES;
                let hex: Vec<String> =
                    bytes.iter().take(SHOWN_HEX_BYTES).map(|b| format!("{b:02x}")).collect();
                Shown { text: hex.join(" "), bytes: bytes.len(), hex: true, cut }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_text_are_shown_as_hex_and_long_ones_cut() {
        let hex = Shown::of(&[0xff, 0x00, 0x1a]);
        assert_eq!((hex.text.as_str(), hex.hex, hex.bytes, hex.cut), ("ff 00 1a", true, 3, false));
        let long = Shown::of("é".repeat(500).as_bytes());
        assert!(long.cut && !long.hex);
        assert_eq!(long.text.chars().count(), SHOWN_CHARS);
        assert_eq!(long.bytes, 1000);
        assert!(Shown::of(&[0x80; 100]).cut);
    }
}
