//! The first screen of an empty database: what the board is and how to start.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::app::App;

const INTRO: &str = "loopboard is a keyboard-first triage board for customer feedback. Everything you capture \
    lands in this inbox; you judge each item with one key: a severity from S1 to S4, accept, decline with a \
    reason, or mark it waiting on the customer. Every key is saved at once to one local SQLite file, so you \
    can quit at any moment and find the board as you left it.";

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let key = |k: &'static str| Span::styled(k, t.key);
    let entry =
        |k: &'static str, what: &'static str| Line::from(vec![Span::raw("  "), key(k), Span::raw(format!("  {what}"))]);
    let lines = vec![
        Line::from(Span::styled("Welcome to loopboard", t.title)),
        Line::raw(""),
        Line::raw(INTRO),
        Line::raw(""),
        Line::raw("The board is empty. To start:"),
        entry("D", "load the demo: six weeks of feedback from twelve design partners"),
        entry("n", "add your first item"),
        entry("?", "all keys"),
        entry("q", "quit"),
        Line::raw(""),
        Line::from(Span::styled(
            "From a shell: `loopboard add --title …` captures feedback; `loopboard import FILE` brings in a file.",
            t.dim,
        )),
    ];
    let block = Block::default().borders(Borders::ALL).border_style(t.border);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
