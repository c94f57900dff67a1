//! The `?` overlay, generated from the keymap table plus the severity scale.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::domain::Severity;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let mut lines = Vec::new();
    for (title, context) in [
        ("Inbox", Context::Inbox),
        ("Empty board", Context::Welcome),
        ("Everywhere", Context::Global),
    ] {
        lines.push(Line::from(Span::styled(title, t.header)));
        for (keys, desc) in keymap::help_rows(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), t.key),
                Span::raw(desc),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(Span::styled("Severity", t.header)));
    for sev in Severity::ALL {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(sev.as_str(), t.severity(sev)),
            Span::raw(format!("  {}", sev.definition())),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("any key closes this help", t.dim)));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 72, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Help ", t.title));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
