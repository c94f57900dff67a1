//! The quick-capture form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::text::fit;
use crate::tui::app::App;
use crate::tui::capture::{CaptureForm, FIELDS};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, form: &CaptureForm) {
    let t = &app.theme;
    let popup = centered(area, 90, 17);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" New item ", t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .split(inner);
    for (i, name) in FIELDS.iter().enumerate() {
        let [label, field] = Layout::horizontal([Constraint::Length(11), Constraint::Fill(1)]).areas(rows[i]);
        let marker = if i == form.focus { ">" } else { " " };
        let style = if i == form.focus { t.key } else { t.dim };
        frame.render_widget(Paragraph::new(Span::styled(format!("{marker}{name:<9}"), style)), label);
        frame.render_widget(&form.fields[i], field);
    }
    // The completion for the focused field, drawn at its right edge.
    if let Some(suggestion) = form.suggestion() {
        let hint = format!("Tab → {}", fit(&suggestion, 30));
        let width = u16::try_from(hint.chars().count())
            .unwrap_or(0)
            .min(rows[form.focus].width);
        let area = Rect {
            x: rows[form.focus].right().saturating_sub(width),
            width,
            ..rows[form.focus]
        };
        frame.render_widget(Paragraph::new(Span::styled(hint, t.key)), area);
    }
    let help = match &form.error {
        Some(e) => Span::styled(format!("! {}", crate::sanitize::display(e)), t.error),
        None => Span::styled(
            "Enter saves · Tab next field / completes · Ctrl-s saves from Body · Esc cancels",
            t.dim,
        ),
    };
    frame.render_widget(Paragraph::new(help), rows[6]);
}
