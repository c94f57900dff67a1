//! The kanban board: one column per status, cards of three lines (severity,
//! id and title; customer and owner; flags), only the visible cards built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::fit;
use crate::store::ItemRow;
use crate::tui::app::App;
use crate::tui::board::COLUMNS;

/// Lines per card, including the blank line between cards.
pub const CARD_HEIGHT: u16 = 3;

/// Column headings, in the order of `COLUMNS`.
const TITLES: [&str; 5] = ["Triaged", "Accepted", "In progress", "Waiting", "Resolved"];

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let areas = Layout::horizontal(COLUMNS.map(|_| Constraint::Ratio(1, COLUMNS.len() as u32))).split(area);
    for (i, (column, area)) in app.board.columns.iter().zip(areas.iter()).enumerate() {
        let focused = i == app.board.focus;
        let marker = if focused { ">" } else { " " };
        let title = format!("{marker}{} {} ", TITLES[i], column.len());
        let (border, title_style) = if focused {
            (app.theme.key, app.theme.title)
        } else {
            (app.theme.border, app.theme.dim)
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(title, title_style));
        let inner = block.inner(*area);
        frame.render_widget(block, *area);
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        for (j, row) in column.visible().iter().enumerate() {
            let selected = focused && column.offset() + j == column.selected();
            lines.extend(card(app, row, width, selected));
        }
        if column.is_empty() {
            lines.push(Line::from(Span::styled("(empty)", app.theme.dim)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn card(app: &App, row: &ItemRow, width: usize, selected: bool) -> Vec<Line<'static>> {
    let t = &app.theme;
    let style = if selected { t.selected } else { t.base };
    let mark = match (selected, app.marks.contains(&row.id)) {
        (true, true) => ">*",
        (true, false) => "> ",
        (false, true) => " *",
        (false, false) => "  ",
    };
    let sev = match row.severity {
        Some(s) => Span::styled(s.as_str(), if selected { style } else { t.severity(s) }),
        None => Span::styled("--", style),
    };
    let head = format!(" #{} ", row.id.0);
    let title_width = width.saturating_sub(mark.len() + 2 + head.len());
    let first = Line::from(vec![
        Span::styled(mark, style),
        sev,
        Span::styled(head, style),
        Span::styled(fit(&row.title, title_width), style),
    ]);
    // Flags and the SLA first, in words, so they survive the cut and read
    // without colour.
    let mut who = String::from("   ");
    if let Some((text, _)) = super::sla::cell(app, row) {
        who.push_str(&text);
        who.push_str(" · ");
    }

    if row.escalated {
        who.push_str("ESCALATED · ");
    }
    if row.back_from_snooze {
        who.push_str("back from snooze · ");
    }
    who.push_str(row.customer.as_deref().unwrap_or("—"));
    who.push_str(" · ");
    who.push_str(&row.owner.as_deref().map_or("no owner".to_string(), |o| format!("@{o}")));
    vec![first, Line::from(Span::styled(fit(&who, width), t.dim)), Line::raw("")]
}
