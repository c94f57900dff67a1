//! The `:` command palette popup: the query, then matching action names
//! (matched characters underlined) with their keys at the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::App;
use crate::tui::palette::Palette;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, palette: &Palette) {
    let t = &app.theme;
    let popup = centered(area, 60, 20);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Commands · Enter runs · Esc closes ", t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let prompt = Line::from(vec![
        Span::styled(": ", t.key),
        Span::styled(crate::sanitize::display(&palette.query).into_owned(), t.base),
        Span::styled("█", t.dim),
    ]);
    frame.render_widget(Paragraph::new(prompt), query);
    let height = usize::from(list.height);
    let width = usize::from(list.width);
    let first = palette.selected.saturating_sub(height.saturating_sub(1));
    let mut lines = Vec::new();
    for (row, (i, positions)) in palette.matches.iter().enumerate().skip(first).take(height) {
        let entry = palette.entry(*i);
        let selected = row == palette.selected;
        let base = if selected { t.selected } else { t.base };
        let mut spans = vec![Span::styled(if selected { "> " } else { "  " }, base)];
        for (ci, c) in entry.name.chars().enumerate() {
            let style = if positions.contains(&ci) {
                base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
        }
        let keys = entry.keys.clone().unwrap_or_default();
        let pad = width.saturating_sub(entry.name.chars().count() + keys.chars().count() + 3);
        spans.push(Span::styled(" ".repeat(pad), base));
        spans.push(Span::styled(keys, if selected { base } else { t.key }));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
