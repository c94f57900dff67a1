//! Drawing: pure functions from the app state to a frame. Nothing here touches
//! the store or the disk; it reads rows the app prepared, and passes every
//! piece of user text through the sanitizer's `display` once more.

mod capture;
mod detail;
mod help;
mod inbox;
mod prompt;
mod text;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Mode};
use super::keymap;

/// Rows taken by the header (1) and the two footer lines.
const CHROME_ROWS: u16 = 3;

/// How many table rows fit in a terminal of `height` rows (table header and
/// borders excluded), so the app loads exactly the window it will draw.
pub fn table_rows_for(area: Rect) -> usize {
    let main = area.height.saturating_sub(CHROME_ROWS);
    let (table, _) = inbox::split(Rect { height: main, ..area });
    usize::from(table.height.saturating_sub(3)).max(1)
}

pub fn render(app: &App, frame: &mut Frame<'_>) {
    let [header, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    render_header(app, frame, header);
    if app.context() == keymap::Context::Welcome {
        welcome::render(app, frame, main);
    } else {
        inbox::render(app, frame, main);
    }
    render_status(app, frame, status);
    render_hints(app, frame, hints);
    match &app.mode {
        Mode::Normal => {}
        Mode::Help => help::render(app, frame, main),
        Mode::Decline { item, input } => prompt::render(app, frame, main, *item, input),
        Mode::Capture(form) => capture::render(app, frame, main, form),
    }
}

fn render_header(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let c = app.inbox.counts;
    let line = Line::from(vec![
        Span::styled(" loopboard ", app.theme.title),
        Span::styled("│ Inbox ", app.theme.header),
        Span::styled(
            format!("│ {} new · {} open · {} total", c.new, c.open, c.total),
            app.theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn render_status(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let line = match &app.message {
        Some(m) if m.error => Line::from(Span::styled(format!(" ! {}", m.text), app.theme.error)),
        Some(m) => Line::from(Span::styled(format!(" {}", m.text), app.theme.base)),
        None => Line::from(Span::styled(
            format!(" {}", app.store().path().display()),
            app.theme.dim,
        )),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The key hints, generated from the keymap. When they do not fit, hints are
/// dropped from the middle so that `? help` and `q quit` always stay.
fn render_hints(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let mut hints = keymap::hints(app.context());
    let width = |hints: &[(String, &str)]| {
        hints
            .iter()
            .map(|(k, h)| k.chars().count() + h.chars().count() + 3)
            .sum::<usize>()
            + 1
    };
    while width(&hints) > usize::from(area.width) && hints.len() > 2 {
        hints.remove(hints.len() - 3);
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, hint) in hints {
        spans.push(Span::styled(keys, app.theme.key));
        spans.push(Span::styled(format!(" {hint}  "), app.theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A rectangle of at most `width` × `height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
