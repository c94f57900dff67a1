//! Turns untrusted text (customer feedback) into text that is safe to store and
//! to print on a terminal.
//!
//! Escape sequences (CSI, OSC, DCS, APC, PM, SOS, in their 7-bit `ESC x` and
//! 8-bit C1 forms) are removed together with their payload, so an OSC 52
//! clipboard write or a CSI screen clear leaves nothing behind. Other control
//! characters, bidi overrides and isolates (which reorder what a reader sees),
//! zero-width characters and floods of combining marks are removed too. Intake
//! calls [`clean_line`] / [`clean_text`] once; rendering calls [`display`] again
//! as a cheap defensive check.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Most combining marks kept on one base character; real scripts need a few,
/// "zalgo" text piles up thousands and breaks terminal layout.
const MAX_COMBINING_RUN: usize = 4;

/// Sanitizes a single-line field (title, customer, tag…): removes control and
/// escape sequences, folds every run of whitespace (newlines too) to one space
/// and trims.
pub fn clean_line(s: &str) -> String {
    // Fast path for the common case (imports run this millions of times):
    // printable ASCII with single inner spaces is already clean.
    if is_clean_ascii_line(s) {
        return s.to_string();
    }
    let stripped = strip(s);
    let mut out = String::with_capacity(stripped.len());
    for word in stripped.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Sanitizes multi-line text (a body): as [`clean_line`] but keeps line
/// breaks, trims trailing spaces on each line, keeps at most one blank line in
/// a row and trims blank lines at both ends. Indentation inside lines is kept
/// (stack traces and config snippets rely on it).
pub fn clean_text(s: &str) -> String {
    // Printable ASCII lines need no stripping, only the blank-line rules.
    if s.split('\n').all(is_printable_ascii) {
        return fold_blank_lines(s);
    }
    let normalized = s.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    fold_blank_lines(&strip(&normalized))
}

/// [`clean_line`] for a string the caller owns: clean text, the common case
/// at intake, comes back as it is instead of as a copy (imports run this on
/// every field of millions of rows).
pub fn clean_line_owned(s: String) -> String {
    if is_clean_ascii_line(&s) { s } else { clean_line(&s) }
}

/// [`clean_text`] for a string the caller owns: one printable ASCII line
/// only loses its trailing spaces, in place.
pub fn clean_text_owned(mut s: String) -> String {
    if !s.contains('\n') && is_printable_ascii(&s) {
        s.truncate(s.trim_end().len());
        return s;
    }
    clean_text(&s)
}

/// Printable ASCII without leading, trailing or doubled spaces, in one pass.
fn is_clean_ascii_line(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut prev_space = true;
    for &b in bytes {
        if !(b' '..=b'~').contains(&b) || (b == b' ' && prev_space) {
            return false;
        }
        prev_space = b == b' ';
    }
    !prev_space || bytes.is_empty()
}

/// Whether every byte is a printable ASCII character (space to `~`): text
/// that holds no control character, escape or invisible formatting.
fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Trims trailing spaces on each line, keeps at most one blank line in a row
/// and drops blank lines at both ends.
fn fold_blank_lines(stripped: &str) -> String {
    let mut out = String::with_capacity(stripped.len());
    let mut blank_run = 0usize;
    for line in stripped.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Last line of defence at render time: returns the text unchanged when it is
/// already safe (the normal case, no allocation), otherwise a stripped copy.
/// Newlines are not allowed here; callers split lines first.
pub fn display(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !is_unsafe(c) && !is_line_break(c)) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean_line(s))
    }
}

/// Whether `c` must never reach a terminal: a control character (C0, DEL,
/// C1) or an invisible format character.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// A line break, Unicode's own separators included: one row cannot show it.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

/// Bidi controls and zero-width characters: invisible, yet they change what a
/// reader sees (reordered text, spoofed words) or how wide a row is. Hangul
/// fillers and tag characters are invisible too, and used to hide text.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{180E}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

/// Removes escape sequences with their payload, control characters (keeping
/// `\n`; a tab becomes a space) and invisible format characters.
fn strip(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut combining = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                combining = 0;
            }
            '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() || is_invisible_format(c) => {}
            c => {
                if c.width() == Some(0) {
                    combining += 1;
                    if combining > MAX_COMBINING_RUN {
                        continue;
                    }
                } else {
                    combining = 0;
                }
                out.push(c);
            }
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: decide which kind of sequence follows and skip all of it.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            skip_string(chars);
        }
        // nF sequences: intermediates (0x20–0x2F) then one final byte.
        Some(' '..='/') => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        // Two-character sequences (ESC c, ESC 7, ESC =, …).
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters, intermediates and the final byte.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Skips an OSC/DCS/APC/PM/SOS payload up to its terminator (BEL, ESC \ or
/// ST). An unterminated payload ends at the line break, so one stray
/// introducer cannot swallow a whole multi-line body.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_variants_give_the_same_text() {
        for s in [
            "plain title",
            " padded  title ",
            "trailing spaces   ",
            "   ",
            "",
            "two\nlines  \n\n\nthird",
            "tab\there",
            "esc \u{1b}[2Jclear",
            "bidi \u{202E}gnirts",
            "caf\u{e9} ok",
        ] {
            assert_eq!(clean_line_owned(s.to_string()), clean_line(s), "{s:?}");
            assert_eq!(clean_text_owned(s.to_string()), clean_text(s), "{s:?}");
        }
    }

    fn assert_safe(s: &str) {
        assert!(
            s.chars().all(|c| c == '\n' || !is_unsafe(c)),
            "unsafe character left in {s:?}"
        );
    }

    #[test]
    fn removes_osc52_clipboard_write_with_its_payload() {
        let s = "Hi\u{1b}]52;c;ZWNobyBwd25lZAo=\u{7} there";
        assert_eq!(clean_line(s), "Hi there");
        let st = "a\u{1b}]52;c;ZWNobw==\u{1b}\\b";
        assert_eq!(clean_line(st), "ab");
    }

    #[test]
    fn removes_csi_screen_clear_and_colours() {
        assert_eq!(clean_line("\u{1b}[2J\u{1b}[Hboom \u{1b}[31mred\u{1b}[0m"), "boom red");
        assert_eq!(clean_line("x\u{9b}2Jy"), "xy", "8-bit CSI");
    }

    #[test]
    fn removes_dcs_apc_pm_sos_and_c1() {
        for s in [
            "a\u{1b}P1$qm\u{1b}\\b",
            "a\u{1b}_Gf=100;AAAA\u{1b}\\b",
            "a\u{1b}^privacy\u{1b}\\b",
            "a\u{1b}Xsos\u{1b}\\b",
            "a\u{90}dcs\u{9c}b",
            "a\u{9d}0;title\u{7}b",
            "a\u{85}\u{8d}b",
        ] {
            assert_eq!(clean_line(s), "ab", "{s:?}");
        }
    }

    #[test]
    fn removes_bidi_overrides_and_zero_width() {
        let s = "invoice\u{202E}fdp.exe\u{2066}x\u{2069}\u{200B}\u{200D}\u{FEFF}";
        let out = clean_line(s);
        assert_eq!(out, "invoicefdp.exex");
        assert_safe(&out);
    }

    #[test]
    fn removes_bel_backspace_del_and_keeps_text() {
        assert_eq!(clean_line("ding\u{7}\u{8}\u{7f} dong"), "ding dong");
    }

    #[test]
    fn unterminated_osc_stops_at_the_line_break() {
        assert_eq!(clean_text("first\u{1b}]8;;http://evil\nsecond"), "first\nsecond");
    }

    #[test]
    fn caps_combining_mark_floods() {
        let zalgo = format!("e{}", "\u{301}".repeat(10_000));
        let out = clean_line(&zalgo);
        assert_eq!(out.chars().count(), 1 + MAX_COMBINING_RUN);
        assert_eq!(clean_line("café"), "café", "a real accent survives");
    }

    #[test]
    fn keeps_cjk_and_emoji() {
        assert_eq!(clean_line("請求書 🚀 ok"), "請求書 🚀 ok");
    }

    #[test]
    fn line_folds_whitespace_and_text_keeps_paragraphs() {
        assert_eq!(clean_line("  a \t b\n\nc  "), "a b c");
        assert_eq!(
            clean_text("\r\n  one  \r\n\r\n\r\n\n two\ttabs \n\n"),
            "  one\n\n two tabs"
        );
    }

    #[test]
    fn the_ascii_fast_paths_agree_with_the_full_rules() {
        for s in [
            "plain words",
            " lead",
            "trail ",
            "a  b",
            "",
            "x\n\n\n y \n",
            "\nfirst\n",
            "tab\there",
        ] {
            let slow_line: String = strip(s).split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(clean_line(s), slow_line, "{s:?}");
            assert_eq!(clean_text(s), fold_blank_lines(&strip(s)), "{s:?}");
        }
    }

    #[test]
    fn display_borrows_safe_text_and_cleans_the_rest() {
        assert!(matches!(display("plain text"), Cow::Borrowed(_)));
        assert_eq!(display("a\u{1b}[2Jb"), "ab");
    }
}
