//! The decisions view: "due for revisit" on top, then the whole log oldest
//! first (kind, subject, who, rationale, links), and the popup with one
//! decision's evidence chain.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::text::fit;
use crate::domain::LogEntry;
use crate::sanitize::display;
use crate::timefmt::local;
use crate::tui::app::App;

fn block<'a>(app: &App, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(title, app.theme.title))
}

/// One decision as a line of the list.
fn line<'a>(app: &App, e: &LogEntry, selected: bool, width: usize) -> Line<'a> {
    let d = &e.decision;
    let mut notes = String::new();
    if let Some(s) = e.links.supersedes {
        notes.push_str(&format!(" · supersedes {s}"));
    }
    if let Some(&later) = e.superseded_by.last() {
        notes.push_str(&format!(" · superseded by {later}"));
    }
    if let Some(r) = e.links.revisit_by {
        notes.push_str(&format!(" · revisit {}", local(r, app.zone)));
    }
    let head = format!(
        "{:>4} {} {:<9} {:<14} {:<10} ",
        d.id,
        local(d.at, app.zone),
        d.kind.as_str(),
        format!("{}:{}", d.subject.as_str(), d.subject_id),
        fit(&display(&d.decided_by), 10)
    );
    let rest = width.saturating_sub(head.chars().count() + notes.chars().count());
    let why = fit(&display(&d.rationale.replace(['\n', '\r'], " ")), rest);
    let style = if selected {
        app.theme.selected
    } else if e.superseded_by.is_empty() {
        app.theme.base
    } else {
        app.theme.dim
    };
    Line::from(vec![
        Span::styled(head, style),
        Span::styled(why, style),
        Span::styled(notes, app.theme.dim),
    ])
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let view = &app.decisions;
    let due_height = u16::try_from(view.due.len().max(1) + 2)
        .unwrap_or(u16::MAX)
        .min(area.height / 3);
    let [top, bottom] = Layout::vertical([Constraint::Length(due_height), Constraint::Fill(1)]).areas(area);
    let width = usize::from(area.width.saturating_sub(2));
    let due: Vec<Line> = if view.due.is_empty() {
        vec![Line::styled("nothing is due", app.theme.dim)]
    } else {
        view.due
            .iter()
            .enumerate()
            .map(|(row, &i)| line(app, &view.log[i], row == view.selected, width))
            .collect()
    };
    let due_title = format!(" Due for revisit ({}) ", view.due.len());
    frame.render_widget(Paragraph::new(due).block(block(app, due_title)), top);

    // Keep the cursor on screen: scroll the log so the selection is visible.
    let height = usize::from(bottom.height.saturating_sub(2)).max(1);
    let cursor = view.selected.checked_sub(view.due.len());
    let offset = cursor.map_or(0, |c| c.saturating_sub(height - 1));
    let lines: Vec<Line> = view
        .shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &i)| line(app, &view.log[i], Some(row) == cursor, width))
        .collect();
    let filter = match view.filter.is_empty() {
        true => String::new(),
        false => format!(" · filter: {} (Esc clears)", display(&view.filter.join(" "))),
    };
    let title = format!(
        " Decisions ({}/{}){filter} · in the order recorded · Enter: evidence chain ",
        view.shown.len(),
        view.log.len()
    );
    frame.render_widget(Paragraph::new(lines).block(block(app, title)), bottom);
}

pub fn render_detail(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let Some(detail) = &app.decisions.detail else { return };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Subject  ", t.header),
            Span::styled(display(&detail.subject).into_owned(), t.base),
        ]),
        Line::styled("Evidence", t.header),
    ];
    if detail.evidence.is_empty() {
        lines.push(Line::styled("  none cited", t.dim));
    }
    lines.extend(detail.evidence.iter().map(|e| Line::raw(format!("  {}", display(e)))));
    lines.push(Line::styled("Chain (oldest first)", t.header));
    for e in &detail.chain {
        let d = &e.decision;
        let marker = if d.id == detail.id { "▶" } else { " " };
        let state = if e.superseded_by.is_empty() {
            "in force"
        } else {
            "superseded"
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker} {} {} ", d.id, local(d.at, app.zone)), t.key),
            Span::styled(
                format!("{} by {} · {state}", d.kind.as_str(), display(&d.decided_by)),
                t.base,
            ),
        ]));
        lines.push(Line::raw(format!(
            "    {}",
            display(&d.rationale.replace(['\n', '\r'], " "))
        )));
    }
    let title = format!(" Decision {} · Esc closes ", detail.id);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(app, title)),
        area,
    );
}
