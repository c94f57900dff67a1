//! The new-decision form popup: what is decided on what, then the fields.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::sanitize::display;
use crate::tui::app::App;
use crate::tui::decision_form::{DecisionForm, FIELDS};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, form: &DecisionForm) {
    let t = &app.theme;
    let popup = centered(area, 84, 8);
    let title = format!(
        " New decision: {} on {} {} ",
        form.kind.as_str(),
        form.subject.as_str(),
        form.subject_id
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(title, t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let rows = Layout::vertical([Constraint::Length(1); 6]).split(inner);
    for (i, name) in FIELDS.iter().enumerate() {
        let [label, field] = Layout::horizontal([Constraint::Length(12), Constraint::Fill(1)]).areas(rows[i]);
        let marker = if i == form.focus { ">" } else { " " };
        let style = if i == form.focus { t.key } else { t.dim };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{marker}{name:<10}"), style)),
            label,
        );
        frame.render_widget(&form.fields[i], field);
    }
    let help = match &form.error {
        // Store errors can quote what was typed; keep it printable.
        Some(e) => Span::styled(format!("! {}", display(e)), t.error),
        None => Span::styled(
            "Enter records (one transaction) · Tab next field · Esc cancels, nothing written",
            t.dim,
        ),
    };
    frame.render_widget(Paragraph::new(help), rows[5]);
}
