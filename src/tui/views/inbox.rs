//! The inbox table: only the visible window of rows is turned into widgets.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use super::detail;
use super::text::fit;
use crate::timefmt::age;
use crate::tui::app::App;

/// Table and detail side by side on wide terminals, stacked on narrow ones.
pub fn split(area: Rect) -> (Rect, Rect) {
    if area.width >= 110 {
        let [table, detail] = Layout::horizontal([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(area);
        (table, detail)
    } else {
        let [table, detail] = Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
        (table, detail)
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let (table_area, detail_area) = split(area);
    render_table(app, frame, table_area);
    detail::render(app, frame, detail_area);
}

const CUSTOMER_WIDTH: usize = 16;
/// Columns before the title (id, severity, status, age, customer), the
/// spacing between the six columns, and the two borders.
const FIXED_WIDTH: usize = 8 + 3 + 11 + 4 + CUSTOMER_WIDTH + 5 + 2;

fn render_table(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let title_width = usize::from(area.width).saturating_sub(FIXED_WIDTH);
    let theme = &app.theme;
    let now = app.now();
    let list = &app.inbox;
    let selected = list.selected();
    let rows = list.visible().iter().enumerate().map(|(i, row)| {
        let is_selected = list.offset() + i == selected;
        let marker = match (is_selected, app.marks.contains(&row.id)) {
            (true, true) => ">*",
            (true, false) => "> ",
            (false, true) => " *",
            (false, false) => "  ",
        };
        // Flags in words, so they read without colour.
        let status = match (row.escalated, row.back_from_snooze) {
            (true, _) => format!("{} !", row.status.label()),
            (false, true) => format!("{} ↺", row.status.label()),
            _ => row.status.label().to_string(),
        };
        let sev = match row.severity {
            Some(s) => Span::styled(s.as_str(), theme.severity(s)),
            None => Span::styled("--", theme.dim),
        };
        let cells = vec![
            Cell::from(format!("{marker}{}", row.id.0)),
            Cell::from(sev),
            Cell::from(status),
            Cell::from(age(now, row.created_at)),
            Cell::from(fit(row.customer.as_deref().unwrap_or(""), CUSTOMER_WIDTH)),
            Cell::from(fit(&row.title, title_width)),
        ];
        let style = if is_selected { theme.selected } else { theme.base };
        Row::new(cells).style(style)
    });
    let header = Row::new(["   #", "Sev", "Status", "Age", "Customer", "Title"]).style(theme.header);
    let position = if list.is_empty() { 0 } else { selected + 1 };
    let title = Line::from(vec![Span::styled(
        format!(" Inbox {position}/{} ", list.len()),
        theme.title,
    )]);
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(3),
            Constraint::Length(11),
            Constraint::Length(4),
            Constraint::Length(CUSTOMER_WIDTH as u16),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(title),
    );
    frame.render_widget(table, area);
}
