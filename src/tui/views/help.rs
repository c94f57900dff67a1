//! The `?` overlay, generated from the keymap table plus the severity scale.
//! On wide terminals the keys and the severity scale sit side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::domain::Severity;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let keys = key_lines(t);
    let scale = severity_lines(t);
    let wide = area.width >= 110;
    let height = if wide {
        keys.len().max(scale.len())
    } else {
        keys.len() + scale.len()
    } + 2;
    let popup = centered(
        area,
        if wide { 108 } else { 72 },
        u16::try_from(height).unwrap_or(u16::MAX),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Help · any key closes ", t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if wide {
        let [left, right] = Layout::horizontal([Constraint::Length(56), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(Paragraph::new(keys), left);
        frame.render_widget(Paragraph::new(scale).wrap(Wrap { trim: false }), right);
    } else {
        let mut all = keys;
        all.extend(scale);
        frame.render_widget(Paragraph::new(all), inner);
    }
}

fn key_lines(t: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (title, context) in [
        ("Inbox", Context::Inbox),
        ("Empty board", Context::Welcome),
        ("Everywhere", Context::Global),
    ] {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(title, t.header)));
        for (keys, desc) in keymap::help_rows(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<14}"), t.key),
                Span::raw(desc),
            ]));
        }
    }
    lines
}

fn severity_lines(t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled("Severity", t.header))];
    for sev in Severity::ALL {
        lines.push(Line::from(vec![
            Span::styled(sev.as_str(), t.severity(sev)),
            Span::raw(format!(" {}", sev.definition())),
        ]));
    }
    lines
}
