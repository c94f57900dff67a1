//! The last line of defence between data and the terminal: after every
//! frame is rendered, and before ratatui sends it, each cell is checked.
//!
//! Views already pass customer text through `sanitize::display`, but some
//! text reaches the screen by other roads: what a person types or pastes
//! into a prompt, an owner prefilled from an old database, a message that
//! quotes its input. Whatever the road, a cell that holds a control
//! character, a bidi control or an invisible format character is rewritten
//! here, and a cell whose symbol takes no column (a lone combining mark,
//! which would shift the rest of the row on a real terminal) becomes a
//! space, and a flood of combining marks on one letter is cut to a few. A
//! rewritten symbol never gets wider than the original.
//!
//! Then every wide symbol (CJK, emoji, or a cluster Unicode measures wider
//! than one letter) must have room: the cells it covers must be blank and
//! inside the row. Otherwise the terminal would draw it over its
//! neighbours (a popup's border, the next column) or past the edge, so it
//! is narrowed to what fits.

use ratatui::buffer::{Buffer, Cell, CellWidth};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize;

/// Code points one cell may carry: enough for any emoji sequence, far fewer
/// than "zalgo" text piles onto one letter.
const MAX_CHARS: usize = 12;
/// What is kept of an over-long cluster: the letter and four marks, as the
/// sanitizer keeps at intake.
const KEPT_CHARS: usize = 5;

fn forbidden(c: char) -> bool {
    sanitize::is_unsafe(c) || sanitize::is_line_break(c)
}

/// Makes every cell of `buffer` safe to send to a terminal.
pub fn scrub(buffer: &mut Buffer) {
    clean_symbols(buffer);
    let width = usize::from(buffer.area.width);
    if width > 0 {
        for row in buffer.content.chunks_mut(width) {
            make_room(row);
        }
    }
}

fn clean_symbols(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.is_empty() || (symbol.is_ascii() && !symbol.bytes().any(|b| b.is_ascii_control())) {
            continue; // The common case: plain text, nothing to do.
        }
        if let Some(safe) = rewrite(symbol) {
            cell.set_symbol(&safe);
        }
    }
}

/// Narrows every wide symbol of `row` that would cover a non-blank cell or
/// reach past the end of the row.
fn make_room(row: &mut [Cell]) {
    for x in 0..row.len() {
        let wide = usize::from(row[x].symbol().cell_width());
        if wide < 2 {
            continue;
        }
        let blank = row[x + 1..]
            .iter()
            .take(wide - 1)
            .take_while(|c| matches!(c.symbol(), " " | ""))
            .count();
        if blank + 1 < wide {
            let narrowed = narrow(row[x].symbol(), blank + 1);
            row[x].set_symbol(&narrowed);
        }
    }
}

/// The longest prefix of `symbol` at most `room` columns wide, or a space.
fn narrow(symbol: &str, room: usize) -> String {
    let mut kept = String::new();
    for c in symbol.chars() {
        kept.push(c);
        if usize::from(kept.as_str().cell_width()) > room {
            kept.pop();
            break;
        }
    }
    if kept.as_str().cell_width() == 0 {
        " ".to_string()
    } else {
        kept
    }
}

/// `None` when `symbol` is safe as it is, else its replacement.
fn rewrite(symbol: &str) -> Option<String> {
    let width = symbol.width();
    let count = symbol.chars().count();
    if width > 0 && count <= MAX_CHARS && !symbol.chars().any(forbidden) {
        return None;
    }
    let limit = if count > MAX_CHARS { KEPT_CHARS } else { MAX_CHARS };
    let mut kept = String::new();
    let mut used = 0;
    for c in symbol.chars().filter(|c| !forbidden(*c)).take(limit) {
        let w = c.width().unwrap_or(0);
        if used + w > width.max(1) {
            break;
        }
        used += w;
        kept.push(c);
    }
    Some(if used == 0 { " ".to_string() } else { kept })
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn safe_symbols_are_kept() {
        for s in ["a", "請", "👍🏽", "e\u{301}"] {
            assert_eq!(rewrite(s), None, "{s:?}");
        }
    }

    #[test]
    fn controls_and_invisible_characters_are_removed() {
        assert_eq!(rewrite("\x1b").as_deref(), Some(" "));
        assert_eq!(rewrite("\u{9b}").as_deref(), Some(" "));
        assert_eq!(rewrite("a\u{202e}").as_deref(), Some("a"));
        assert_eq!(rewrite(" \u{200d}\u{200c}").as_deref(), Some(" "));
    }

    #[test]
    fn a_rewritten_symbol_never_grows() {
        // Without its joiner the family emoji is two emoji, four columns:
        // only the first fits the two-column cell.
        assert_eq!(rewrite("👩\u{200d}💻").as_deref(), Some("👩"));
        assert_eq!(rewrite("\u{301}").as_deref(), Some(" "), "a lone combining mark");
    }

    #[test]
    fn a_wide_symbol_without_room_is_narrowed() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        buffer[(0, 0)].set_symbol("請"); // room: the next cell is blank
        buffer[(2, 0)].set_symbol("請");
        buffer[(3, 0)].set_symbol("│"); // covered: narrowed
        buffer[(5, 0)].set_symbol("🪢\u{fe0f}🏻"); // past the edge
        super::scrub(&mut buffer);
        let row: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(row, ["請", " ", " ", "│", " ", " "]);
    }

    #[test]
    fn a_flood_of_combining_marks_is_cut() {
        let zalgo = format!("e{}", "\u{301}".repeat(10_000));
        assert_eq!(rewrite(&zalgo), Some(format!("e{}", "\u{301}".repeat(4))));
    }
}
