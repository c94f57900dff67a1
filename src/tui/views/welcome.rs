//! The first screen of an empty database: what the board is and how to start.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let key = |k: &'static str| Span::styled(k, t.key);
    let lines = vec![
        Line::from(Span::styled("Welcome to loopboard", t.title)),
        Line::raw(""),
        Line::raw(
            "loopboard is a keyboard-first triage board for customer feedback. Everything you capture",
        ),
        Line::raw(
            "lands in this inbox; you judge each item with one key: a severity from S1 to S4, accept,",
        ),
        Line::raw(
            "decline with a reason, or mark it waiting on the customer. Every key is saved at once to",
        ),
        Line::raw(
            "one local SQLite file, so you can quit at any moment and find the board as you left it.",
        ),
        Line::raw(""),
        Line::raw("The board is empty. To start:"),
        Line::raw(""),
        Line::from(vec![
            Span::raw("  "),
            key("D"),
            Span::raw("  load the demo data: six weeks of feedback from twelve design partners"),
        ]),
        Line::from(vec![
            Span::raw("  "),
            key("n"),
            Span::raw("  add your first item"),
        ]),
        Line::from(vec![Span::raw("  "), key("?"), Span::raw("  all keys")]),
        Line::from(vec![Span::raw("  "), key("q"), Span::raw("  quit")]),
        Line::raw(""),
        Line::from(Span::styled(
            "From a shell: `loopboard add --title …` captures feedback, `loopboard import FILE` brings in a JSONL file.",
            t.dim,
        )),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
