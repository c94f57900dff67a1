//! The `/` search overlay: the query, then the results under a heading per
//! kind, matched characters underlined and bold (visible without colour),
//! the selected row reversed with a `>` marker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::sanitize::display;
use crate::tui::app::App;
use crate::tui::search::{SearchView, Shown};
use crate::tui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, search: &SearchView) {
    let t = &app.theme;
    let popup = centered(area, 100, area.height.saturating_sub(2));
    let title = match search.size() {
        Some(n) => format!(" Search · {n} objects "),
        None => " Search · indexing… ".to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(title, t.title))
        .title_bottom(Span::styled(" ↑/↓ select · Enter go to it · Esc back ", t.dim));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [query, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let prompt = Line::from(vec![
        Span::styled("/ ", t.key),
        Span::styled(display(&search.query).into_owned(), t.base),
        Span::styled("█", t.dim),
    ]);
    frame.render_widget(Paragraph::new(prompt), query);
    frame.render_widget(Paragraph::new(lines(t, search, list)), list);
}

/// The result lines, scrolled so the selected one is visible.
fn lines(t: &Theme, search: &SearchView, area: Rect) -> Vec<Line<'static>> {
    if let Some(e) = &search.error {
        return vec![Line::from(Span::styled(e.clone(), t.error))];
    }
    if search.results.is_empty() {
        let note = match () {
            _ if search.size().is_none() => "reading the board…",
            _ if search.query.trim().is_empty() => "type to search items, themes, hypotheses, bets and decisions",
            _ => "nothing matches",
        };
        return vec![Line::from(Span::styled(note, t.dim))];
    }
    let width = usize::from(area.width).saturating_sub(10);
    let mut out = Vec::new();
    let mut selected_line = 0;
    for (i, shown) in search.results.iter().enumerate() {
        if i == 0 || search.results[i - 1].kind != shown.kind {
            let count = search.results.iter().filter(|s| s.kind == shown.kind).count();
            out.push(Line::from(Span::styled(
                format!("{} ({count})", shown.kind.plural()),
                t.header,
            )));
        }
        if i == search.selected {
            selected_line = out.len();
        }
        out.push(row(t, shown, i == search.selected, width));
    }
    let height = usize::from(area.height);
    let skip = (selected_line + 1).saturating_sub(height);
    out.into_iter().skip(skip).collect()
}

fn row(t: &Theme, shown: &Shown, selected: bool, width: usize) -> Line<'static> {
    let base = if selected { t.selected } else { t.base };
    let mut spans = vec![
        Span::styled(if selected { "> " } else { "  " }, base),
        Span::styled(format!("#{:<6}", shown.id), if selected { base } else { t.dim }),
    ];
    let text = display(&shown.hit.shown);
    for (i, c) in text.chars().take(width).enumerate() {
        let style = if shown.hit.indices.contains(&i) {
            base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            base
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    Line::from(spans)
}
