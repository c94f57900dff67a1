//! Fitting untrusted text into cells: sanitized for display and cut to a
//! display width with an ellipsis, so a cut is visible and wide characters
//! (CJK, emoji) never overflow their cell.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize::display;

/// `s`, made safe and cut to at most `width` terminal columns.
pub fn fit(s: &str, width: usize) -> String {
    let safe = display(s);
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

#[cfg(test)]
mod tests {
    use super::fit;
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
    fn control_sequences_never_survive() {
        assert_eq!(fit("a\u{1b}[2Jb", 10), "ab");
    }
}
