//! The quick-capture form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::App;
use crate::tui::capture::{CaptureForm, FIELDS};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, form: &CaptureForm) {
    let t = &app.theme;
    let popup = centered(area, 84, 16);
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
    ])
    .split(inner);
    for (i, name) in FIELDS.iter().enumerate() {
        let area = rows[i];
        let [label, field] = Layout::horizontal([Constraint::Length(11), Constraint::Fill(1)]).areas(area);
        let marker = if i == form.focus { ">" } else { " " };
        let style = if i == form.focus { t.key } else { t.dim };
        frame.render_widget(Paragraph::new(Span::styled(format!("{marker}{name:<9}"), style)), label);
        frame.render_widget(&form.fields[i], field);
    }
    let help = match &form.error {
        Some(e) => Span::styled(format!("! {}", crate::sanitize::display(e)), t.error),
        None => Span::styled(
            "Enter saves · Tab next field · Ctrl-s saves from Body · Esc cancels",
            t.dim,
        ),
    };
    frame.render_widget(Paragraph::new(help), rows[5]);
}
