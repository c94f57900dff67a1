//! Drawing: pure functions from the app state to a frame. Nothing here touches
//! the store or the disk; it reads rows the app prepared, and passes every
//! piece of user text through the sanitizer's `display` once more.

mod bet_form;
mod bets;
mod board;
mod capture;
mod dashboard;
mod decisions;
mod detail;
mod help;
pub mod hit;
mod inbox;
mod palette;
mod picker;
mod prompt;
mod review;
mod search;
mod sla;
mod text;
mod themes;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Mode, View};
use super::keymap;
use text::fit;

/// Rows taken by the header (1) and the two footer lines.
const CHROME_ROWS: u16 = 3;

/// How many table rows (inbox) and cards (board) fit in a terminal of this
/// size, so the app loads exactly the windows it will draw.
pub fn page_sizes(area: Rect) -> (usize, usize) {
    let main = Rect {
        height: area.height.saturating_sub(CHROME_ROWS),
        ..area
    };
    let (table, _) = inbox::split(main);
    let rows = usize::from(table.height.saturating_sub(3)).max(1);
    let cards = usize::from(main.height.saturating_sub(2) / board::CARD_HEIGHT).max(1);
    (rows, cards)
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
    match (app.context(), app.view) {
        (keymap::Context::Welcome, _) => welcome::render(app, frame, main),
        (_, View::Inbox) => inbox::render(app, frame, main, &app.inbox, "Inbox"),
        (_, View::AtRisk) => inbox::render(app, frame, main, &app.at_risk, "At risk · most urgent first"),
        (_, View::Board) => board::render(app, frame, main),
        (_, View::Bets) => bets::render(app, frame, main),
        (_, View::Themes) => themes::render(app, frame, main),
        (_, View::Decisions) => decisions::render(app, frame, main),
        (_, View::Dashboard) => dashboard::render(app, frame, main),
    }
    render_status(app, frame, status);
    render_hints(app, frame, hints);
    match &app.mode {
        Mode::Normal | Mode::Confirm(_) => {}
        Mode::Help(scroll) => help::render(app, frame, main, *scroll),
        Mode::Detail => {
            let popup = centered(main, 90, main.height.saturating_sub(2));
            frame.render_widget(ratatui::widgets::Clear, popup);
            if app.view == View::Themes {
                themes::render_detail(app, frame, popup);
            } else if app.showing_decisions() {
                decisions::render_detail(app, frame, popup);
            } else {
                detail::render(app, frame, popup);
            }
        }
        Mode::Prompt(prompt) => prompt::render(app, frame, main, prompt),
        Mode::Pick(picker) => picker::render(app, frame, main, picker),
        Mode::Capture(form) => capture::render(app, frame, main, form),
        Mode::BetForm(form) => bet_form::render(app, frame, main, form),
        Mode::Search(search) => search::render(app, frame, main, search),
        Mode::Palette(palette) => palette::render(app, frame, main, palette),
    }
}

fn render_header(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let c = app.counts;
    let mut spans = vec![Span::styled(" loopboard ", app.theme.title)];
    // During a review its progress comes first, where a narrow screen keeps it.
    spans.extend(review::header(app));
    for view in View::ALL {
        let label = format!(" {} ", view.title());
        if view == app.view {
            spans.push(Span::styled(format!("[{}]", label.trim()), app.theme.selected));
        } else {
            spans.push(Span::styled(label, app.theme.dim));
        }
    }
    spans.push(Span::styled(
        format!(" │ {} new · {} open · {} total", c.new, c.open, c.total),
        app.theme.dim,
    ));
    if app.breached_urgent > 0 {
        let text = format!(" │ {} S1/S2 breached", app.breached_urgent);
        spans.push(Span::styled(text, app.theme.error));
    }

    if !app.marks.is_empty() {
        spans.push(Span::styled(format!(" │ {} marked", app.marks.len()), app.theme.header));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let width = usize::from(area.width);
    let line = match (&app.mode, &app.message) {
        (Mode::Confirm(pending), _) => Line::from(Span::styled(format!(" ? {}", pending.question()), app.theme.header)),
        // Messages can quote what was typed: cleaned like any other text.
        (_, Some(m)) if m.error => Line::from(Span::styled(
            format!(" ! {}", fit(&m.text, width.saturating_sub(3))),
            app.theme.error,
        )),
        (_, Some(m)) => Line::from(Span::styled(
            format!(" {}", fit(&m.text, width.saturating_sub(1))),
            app.theme.base,
        )),
        (_, None) => Line::from(Span::styled(
            format!(" {}", app.store().path().display()),
            app.theme.dim,
        )),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The key hints, generated from the keymap. When they do not fit, hints are
/// dropped from the middle so that `? help` and `q quit` always stay.
fn render_hints(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let mut hints = app.keymap.hints(app.context());
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
