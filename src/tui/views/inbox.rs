//! The inbox table (also used for the at-risk queue): only the visible
//! window of rows is turned into widgets.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use super::text::fit;
use super::{detail, sla};
use crate::store::ItemRow;
use crate::timefmt::age;
use crate::tui::app::App;
use crate::tui::list_window::ListWindow;

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

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, list: &ListWindow, title: &str) {
    let (table_area, detail_area) = split(area);
    render_table(app, frame, table_area, list, title);
    detail::render(app, frame, detail_area);
}

const CUSTOMER_WIDTH: usize = 16;
const SLA_WIDTH: usize = 9;
/// Columns before the title (id, severity, status, age, SLA, customer), the
/// spacing between the seven columns, and the two borders.
const FIXED_WIDTH: usize = 8 + 3 + 11 + 4 + SLA_WIDTH + CUSTOMER_WIDTH + 6 + 2;

fn render_table(app: &App, frame: &mut Frame<'_>, area: Rect, list: &ListWindow, title: &str) {
    let theme = &app.theme;
    let title_width = usize::from(area.width).saturating_sub(FIXED_WIDTH);
    let selected = list.selected();
    let pinned = list.pinned_len();
    let visible = list.visible();
    let rows = visible.iter().enumerate().map(|(i, row)| {
        let index = list.offset() + i;
        let is_selected = index == selected;
        let cells = cells(app, row, is_selected, title_width);
        // Pinned (breached S1/S2) rows at the top of the inbox stand out.
        let style = if is_selected {
            theme.selected
        } else if index < pinned && title == "Inbox" {
            theme.error
        } else {
            theme.base
        };
        Row::new(cells).style(style)
    });
    let header = Row::new(["   #", "Sev", "Status", "Age", "SLA", "Customer", "Title"]).style(theme.header);
    let position = if list.is_empty() { 0 } else { selected + 1 };
    let heading = Line::from(vec![Span::styled(
        format!(" {title} {position}/{} ", list.len()),
        theme.title,
    )]);
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(3),
            Constraint::Length(11),
            Constraint::Length(4),
            Constraint::Length(SLA_WIDTH as u16),
            Constraint::Length(CUSTOMER_WIDTH as u16),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(heading),
    );
    frame.render_widget(table, area);
}

fn cells(app: &App, row: &ItemRow, is_selected: bool, title_width: usize) -> Vec<Cell<'static>> {
    let theme = &app.theme;
    let marker = match (is_selected, app.marks.contains(&row.id)) {
        (true, true) => ">*",
        (true, false) => "> ",
        (false, true) => " *",
        (false, false) => "  ",
    };
    let sev = match (row.severity, row.suggested) {
        (Some(s), _) => Span::styled(s.as_str(), theme.severity(s)),
        // Suggested by the tool it came from; `y` confirms it.
        (None, Some(s)) => Span::styled(format!("{}?", s.as_str()), theme.dim),
        (None, None) => Span::styled("--", theme.dim),
    };
    // Flags in words, so they read without colour.
    let status = match (row.escalated, row.back_from_snooze) {
        (true, _) => format!("{} !", row.status.label()),
        (false, true) => format!("{} ↺", row.status.label()),
        _ => row.status.label().to_string(),
    };
    let sla = match sla::cell(app, row) {
        Some((text, style)) => Span::styled(text, style),
        None => Span::raw(""),
    };
    vec![
        Cell::from(format!("{marker}{}", row.id.0)),
        Cell::from(sev),
        Cell::from(status),
        Cell::from(age(app.now(), row.created_at)),
        Cell::from(sla),
        Cell::from(fit(row.customer.as_deref().unwrap_or(""), CUSTOMER_WIDTH)),
        Cell::from(fit(&row.title, title_width)),
    ]
}
