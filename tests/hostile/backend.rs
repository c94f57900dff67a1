//! A ratatui backend that checks what would reach the terminal: the real
//! `CrosstermBackend` encodes every frame into memory, and every cell and
//! every byte is checked (see the harness docs in `mod.rs`).

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// Bytes written by the inner backend, shared with the checks.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct CheckedBackend {
    inner: CrosstermBackend<Sink>,
    sink: Sink,
    size: Size,
    /// Everything found wrong since the last `take_problems`.
    problems: Vec<String>,
}

impl CheckedBackend {
    pub fn new(width: u16, height: u16) -> CheckedBackend {
        let sink = Sink::default();
        CheckedBackend {
            inner: CrosstermBackend::new(sink.clone()),
            sink,
            size: Size::new(width, height),
            problems: Vec::new(),
        }
    }

    /// Makes the "terminal" this size; the next draw sees the resize.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Size::new(width, height);
    }

    /// The problems found in the cells drawn and the bytes written since the
    /// last call (the bytes are checked, then forgotten).
    pub fn take_problems(&mut self) -> Vec<String> {
        let bytes = std::mem::take(&mut *self.sink.0.borrow_mut());
        check_bytes(&bytes, &mut self.problems);
        std::mem::take(&mut self.problems)
    }

    fn check_cell(&mut self, x: u16, y: u16, cell: &Cell) {
        let symbol = cell.symbol();
        let width = symbol.width();
        if y >= self.size.height || usize::from(x) + width.max(1) > usize::from(self.size.width) {
            self.problems.push(format!(
                "cell ({x},{y}) {symbol:?} ({width} wide) is outside the {}x{} frame",
                self.size.width, self.size.height
            ));
        }
        if !symbol.is_empty() && width == 0 {
            self.problems
                .push(format!("cell ({x},{y}) holds {symbol:?}, which takes no column"));
        }
        if symbol.chars().count() > 16 {
            let n = symbol.chars().count();
            self.problems
                .push(format!("cell ({x},{y}) piles {n} code points on one letter"));
        }
        if let Some(c) = symbol.chars().find(|c| forbidden(*c)) {
            self.problems
                .push(format!("cell ({x},{y}) holds {:?} (U+{:04X})", symbol, u32::from(c)));
        }
    }
}

/// Characters that must never reach a terminal from data: controls (C0,
/// DEL, C1), bidi overrides and isolates, zero-width and other invisible
/// format characters. Written out here rather than taken from the sanitizer,
/// so the test does not trust the code it tests.
pub fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// The terminal output may only contain the escape sequences ratatui emits
/// (CSI with final `H` cursor move or `m` colours, and `?25h`/`?25l`), and
/// text free of forbidden characters.
fn check_bytes(bytes: &[u8], problems: &mut Vec<String>) {
    let mut text = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            text.push(bytes[i]);
            i += 1;
            continue;
        }
        match csi(&bytes[i..]) {
            Some((len, params, fin))
                if fin == b'H' || fin == b'm' || (params == b"?25" && matches!(fin, b'h' | b'l')) =>
            {
                i += len
            }
            _ => {
                let end = (i + 12).min(bytes.len());
                problems.push(format!(
                    "escape sequence from data: {:?}",
                    String::from_utf8_lossy(&bytes[i..end])
                ));
                i += 1;
            }
        }
    }
    match String::from_utf8(text) {
        Ok(text) => {
            if let Some(c) = text.chars().find(|c| forbidden(*c)) {
                problems.push(format!("U+{:04X} written to the terminal", u32::from(c)));
            }
        }
        Err(e) => problems.push(format!("the terminal output is not UTF-8: {e}")),
    }
}

/// Parses `ESC [ params intermediates final` at the start of `bytes`.
fn csi(bytes: &[u8]) -> Option<(usize, &[u8], u8)> {
    if bytes.get(1) != Some(&b'[') {
        return None;
    }
    let params = bytes[2..].iter().take_while(|b| (0x30..=0x3f).contains(*b)).count();
    let inter = bytes[2 + params..]
        .iter()
        .take_while(|b| (0x20..=0x2f).contains(*b))
        .count();
    let fin = *bytes.get(2 + params + inter)?;
    (0x40..=0x7e)
        .contains(&fin)
        .then(|| (3 + params + inter, &bytes[2..2 + params], fin))
}

impl Backend for CheckedBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        for (x, y, cell) in &cells {
            self.check_cell(*x, *y, cell);
        }
        self.inner.draw(cells.into_iter())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    // Clearing (ratatui does it on a resize) writes `CSI 2J`, a sequence
    // data could also try to smuggle in; it is not written here, so any
    // clear in the output came from the data.
    fn clear(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn clear_region(&mut self, _: ClearType) -> io::Result<()> {
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
