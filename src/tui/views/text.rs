//! Fitting untrusted text into cells: sanitized for display and cut to a
//! display width with an ellipsis, so a cut is visible and wide characters
//! (CJK, emoji) never overflow their cell.
//!
//! Both functions look at a bounded prefix of the text only: a field can
//! hold a megabyte, a pane shows a few thousand cells, and drawing must not
//! cost more than what is drawn.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize::display;

/// `s`, made safe and cut to at most `width` terminal columns.
pub fn fit(s: &str, width: usize) -> String {
    // Enough characters to fill `width` columns even with four combining
    // marks per letter, so a cut still shows its ellipsis.
    let safe = display(prefix(s, width.saturating_mul(8).saturating_add(64)));
    if UnicodeWidthStr::width(safe.as_ref()) <= width {
        return safe.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in safe.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// At most the first `max_chars` characters of `s`, made safe; for text
/// that is wrapped into an area of `max_chars` cells.
pub fn clip(s: &str, max_chars: usize) -> Cow<'_, str> {
    display(prefix(s, max_chars))
}

fn prefix(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::{clip, fit};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn short_text_is_untouched() {
        assert_eq!(fit("Acme", 10), "Acme");
        assert_eq!(fit("Acme", 4), "Acme");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(fit("Northwind Logistics", 10), "Northwind…");
        assert_eq!(fit("Northwind Logistics", 10).width(), 10);
    }

    #[test]
    fn wide_characters_never_overflow() {
        for width in 0..8 {
            let out = fit("請求書の合計が違う", width);
            assert!(out.width() <= width, "{out:?} at {width}");
        }
        assert_eq!(fit("請求書の", 5), "請求…");
    }

    #[test]
    fn huge_text_is_cut_without_reading_all_of_it() {
        let huge = "A".repeat(1 << 20);
        assert_eq!(fit(&huge, 5), "AAAA…");
        assert_eq!(clip(&huge, 10), "A".repeat(10));
        assert_eq!(clip("請求書", 2), "請求");
    }

    #[test]
    fn control_sequences_never_survive() {
        assert_eq!(fit("a\u{1b}[2Jb", 10), "ab");
    }
}
