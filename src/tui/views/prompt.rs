//! The one-line prompt for a decline reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::centered;
use crate::domain::ItemId;
use crate::sanitize::display;
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, item: ItemId, input: &TextArea<'static>) {
    let t = &app.theme;
    let popup = centered(area, 80, 6);
    let title = app
        .detail
        .as_ref()
        .filter(|d| d.item.id == item)
        .map(|d| d.item.title.as_str())
        .unwrap_or("");
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(format!(" Decline {item} "), t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [what, field, help] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(Line::raw(display(title).into_owned())), what);
    frame.render_widget(input, field);
    let hint = match app.message.as_ref().filter(|m| m.error) {
        Some(m) => Span::styled(format!("! {}", m.text), t.error),
        None => Span::styled("Reason required · Enter declines · Esc cancels", t.dim),
    };
    frame.render_widget(Paragraph::new(hint), help);
}
