//! The fuzzy picker popup: the query line, then the matching options with
//! their matched characters highlighted, then a "new value" row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::text::fit;
use crate::tui::app::App;
use crate::tui::picker::Picker;
use crate::tui::prompt::describe;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, picker: &Picker) {
    let t = &app.theme;
    let popup = centered(area, 70, 18);
    let title = if picker.targets.is_empty() {
        format!(" {} ", picker.purpose.title())
    } else {
        format!(" {} · {} ", picker.purpose.title(), describe(&picker.targets))
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(title, t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [query, list, help] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&picker.input, query);
    let height = usize::from(list.height);
    let width = usize::from(list.width).saturating_sub(2);
    // Keep the highlighted row in view.
    let first = picker.selected.saturating_sub(height.saturating_sub(1));
    let mut lines = Vec::new();
    for (row, (option, positions)) in picker.matches().enumerate().skip(first).take(height) {
        let selected = row == picker.selected;
        let base = if selected { t.selected } else { t.base };
        let mut spans = vec![Span::styled(if selected { "> " } else { "  " }, base)];
        let label = fit(&option.label, width.saturating_sub(option.note.chars().count() + 1));
        for (i, c) in label.chars().enumerate() {
            let style = if positions.contains(&i) {
                base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
        }
        spans.push(Span::styled(
            format!(" {}", option.note),
            if selected { base } else { t.dim },
        ));
        lines.push(Line::from(spans));
    }
    if picker.offers_new() && lines.len() < height {
        let selected = picker.selected == picker.match_count();
        let style = if selected { t.selected } else { t.key };
        let marker = if selected { "> " } else { "  " };
        lines.push(Line::from(Span::styled(
            format!("{marker}new: {}", fit(&picker.query(), width)),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let hint = "type to filter · ↑/↓ choose · Enter picks · Esc cancels";
    frame.render_widget(Paragraph::new(Span::styled(hint, t.dim)), help);
}
