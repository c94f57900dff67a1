//! The `V` menu of saved views: name, screen and filter of each, the
//! selected one highlighted, with the keys that act on it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::text::fit;
use crate::tui::app::App;
use crate::tui::saved_views::SavedViewsMenu;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, menu: &SavedViewsMenu) {
    let t = &app.theme;
    let rows = u16::try_from(menu.views.len()).unwrap_or(u16::MAX);
    let popup = centered(area, 80, rows.saturating_add(4).min(area.height));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Saved views ", t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [list, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let width = usize::from(list.width);
    let height = usize::from(list.height).max(1);
    let first = menu.selected.saturating_sub(height - 1);
    let lines: Vec<Line<'_>> = menu
        .views
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, v)| {
            let selected = i == menu.selected;
            let filter = if v.filter.is_empty() {
                "no filter"
            } else {
                v.filter.as_str()
            };
            let text = format!(
                "{} {:<24} {:<10} {filter}",
                if selected { ">" } else { " " },
                v.name,
                v.view
            );
            Line::from(Span::styled(
                fit(&text, width),
                if selected { t.selected } else { t.base },
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let keys = "Enter opens · d deletes · j/k move · Esc closes";
    frame.render_widget(Paragraph::new(Span::styled(fit(keys, width), t.dim)), hint);
}
