//! The one-line prompt (decline or escalation reason, owner), drawn over the
//! view with the item it is about and any error inside it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::text::fit;
use crate::tui::app::App;
use crate::tui::prompt::Prompt;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, prompt: &Prompt) {
    let t = &app.theme;
    let popup = centered(area, 80, 6);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(prompt.title(), t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [what, field, help] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    let subject = match (prompt.targets.as_slice(), &app.detail) {
        _ if prompt.subject.is_some() => fit(prompt.subject.as_deref().unwrap_or(""), usize::from(inner.width)),
        ([one], Some(d)) if d.item.id == *one => fit(&d.item.title, usize::from(inner.width)),
        (many, _) => format!("{} items", many.len()),
    };
    frame.render_widget(Paragraph::new(Line::raw(subject)), what);
    frame.render_widget(&prompt.input, field);
    let hint = match &prompt.error {
        Some(e) => Span::styled(format!("! {}", crate::sanitize::display(e)), t.error),
        None => Span::styled(prompt.purpose.help(), t.dim),
    };
    frame.render_widget(Paragraph::new(hint), help);
}
