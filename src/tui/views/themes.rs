//! The themes view: a table of themes (items, distinct customers and
//! segments, class in words, highest severity, first and last seen as ages,
//! an eight-week trend), the suggested themes below it, and the popup with a
//! theme's items and a quote from each.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::text::fit;
use crate::domain::{Severity, sparkline};
use crate::sanitize::display;
use crate::store::ThemeStats;
use crate::timefmt::age;
use crate::tui::app::App;
use crate::tui::themes::{Proposal, quote};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let view = &app.themes;
    let proposals = view.proposals.as_ref().map_or(1, Vec::len);
    // Suggestions get what they need up to half the screen; themes the rest.
    let wanted = u16::try_from(proposals + 3).unwrap_or(u16::MAX);
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(wanted.min(area.height / 2))]).areas(area);
    render_themes(app, frame, top);
    render_proposals(app, frame, bottom);
}

fn block<'a>(app: &App, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(title, app.theme.title))
}

/// Rows `first..` that keep `selected` (an index into the rows) in view.
fn window(selected: Option<usize>, height: usize) -> usize {
    selected.map_or(0, |s| s.saturating_sub(height.saturating_sub(1)))
}

fn render_themes(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let (t, view) = (&app.theme, &app.themes);
    let height = usize::from(area.height.saturating_sub(3));
    let selected = (view.selected < view.themes.len()).then_some(view.selected);
    let first = window(selected, height);
    let name_width = usize::from(area.width).saturating_sub(2 + 5 + 5 + 5 + 10 + 4 + 6 + 6 + 9 + 9);
    let rows = view
        .themes
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, s)| theme_row(app, s, Some(i) == selected, name_width));
    let header = Row::new([
        "  Theme", "Items", "Cust", "Segs", "Class", "Sev", "First", "Last", "8 weeks",
    ])
    .style(t.header);
    let title = format!(" Themes {} ", view.themes.len());
    let table = Table::new(rows, widths()).header(header).block(block(app, title));
    if view.themes.is_empty() {
        let text = "No themes yet. p adds the selected item to a theme in the lists; a accepts a suggestion below.";
        frame.render_widget(
            Paragraph::new(Span::styled(text, t.dim))
                .wrap(Wrap { trim: true })
                .block(block(app, " Themes 0 ".into())),
            area,
        );
    } else {
        frame.render_widget(table, area);
    }
}

fn widths() -> [Constraint; 9] {
    [
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(9),
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(8),
    ]
}

fn theme_row(app: &App, s: &ThemeStats, selected: bool, name_width: usize) -> Row<'static> {
    let t = &app.theme;
    let ago = |when: Option<chrono::DateTime<chrono::Utc>>| when.map_or("-".to_string(), |w| age(app.now(), w));
    let sev = match s.highest {
        Some(sev) => Span::styled(sev.as_str(), if selected { t.selected } else { t.severity(sev) }),
        None => Span::raw("--"),
    };
    let marker = if selected { "> " } else { "  " };
    Row::new(vec![
        Cell::from(format!("{marker}{}", fit(&s.theme.name, name_width))),
        Cell::from(format!("{:>5}", s.items)),
        Cell::from(format!("{:>4}", s.customers)),
        Cell::from(format!("{:>4}", s.segments)),
        Cell::from(s.class.as_str()),
        Cell::from(sev),
        Cell::from(format!("{:>5}", ago(s.first_seen))),
        Cell::from(format!("{:>5}", ago(s.last_seen))),
        Cell::from(sparkline(&s.weekly)),
    ])
    .style(if selected { t.selected } else { t.base })
}

fn render_proposals(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let (t, view) = (&app.theme, &app.themes);
    let Some(proposals) = &view.proposals else {
        let text = Span::styled("indexing… suggestions appear when the similarity index is ready", t.dim);
        frame.render_widget(
            Paragraph::new(text).block(block(app, " Suggested themes ".into())),
            area,
        );
        return;
    };
    let title = format!(" Suggested themes {} · from untriaged items ", proposals.len());
    if proposals.is_empty() {
        let text = Span::styled("Nothing to suggest: every untriaged item is unique or themed.", t.dim);
        frame.render_widget(Paragraph::new(text).block(block(app, title)), area);
        return;
    }
    let height = usize::from(area.height.saturating_sub(3));
    let selected = view.selected.checked_sub(view.themes.len());
    let first = window(selected, height);
    let name_width = usize::from(area.width).saturating_sub(2 + 5 + 5 + 10 + 9 + 6);
    let rows = proposals
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, p)| proposal_row(app, p, Some(i) == selected, name_width));
    let header = Row::new(["  Suggested name", "Items", "Cust", "Class", "Cohesion"]).style(t.header);
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(9),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .block(block(app, title));
    frame.render_widget(table, area);
}

fn proposal_row(app: &App, p: &Proposal, selected: bool, name_width: usize) -> Row<'static> {
    let t = &app.theme;
    let marker = if selected { "> " } else { "  " };
    Row::new(vec![
        Cell::from(format!("{marker}{}", fit(&p.name, name_width))),
        Cell::from(format!("{:>5}", p.proposal.members.len())),
        Cell::from(format!("{:>4}", p.customers)),
        Cell::from(p.class.as_str()),
        Cell::from(format!("{:>8.2}", p.proposal.cohesion)),
    ])
    .style(if selected { t.selected } else { t.base })
}

/// The popup (Enter): every item of the theme or suggestion with its
/// customer, severity and the first sentence of what they wrote.
pub fn render_detail(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let Some(detail) = &app.themes.detail else { return };
    let mut lines = Vec::new();
    for e in &detail.items {
        let sev = e.severity.map_or("--", Severity::as_str);
        let dup = e
            .duplicate_of
            .map(|d| format!(" · duplicate of {d}"))
            .unwrap_or_default();
        let who = match (&e.customer, &e.segment) {
            (Some(c), Some(s)) => format!("{c} ({s})"),
            (Some(c), None) => c.clone(),
            (None, _) => "—".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} {sev} ", e.id), t.key),
            Span::styled(display(&e.title).into_owned(), t.base),
            Span::styled(format!(" · {} · {}{dup}", display(&who), e.status.label()), t.dim),
        ]));
        lines.push(Line::raw(format!("    “{}”", display(&quote(&e.title, &e.body)))));
    }
    let title = format!(
        " {} · Esc closes ",
        fit(&detail.title, usize::from(area.width).saturating_sub(16))
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(app, title)),
        area,
    );
}
