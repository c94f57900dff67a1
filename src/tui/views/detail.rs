//! The detail pane: the selected item in full, body wrapped. Metadata is
//! packed into a few lines so the body is visible even when the pane is
//! stacked under the table on an 80×24 terminal.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::text::clip;
use crate::domain::Item;
use crate::timefmt::{age, local};
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Detail ", theme.title));
    let Some(detail) = &app.detail else {
        frame.render_widget(Paragraph::new("Nothing selected.").block(block), area);
        return;
    };
    let item = &detail.item;
    // No piece of text can show more characters than the pane has cells.
    let cells = usize::from(area.width) * usize::from(area.height);
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<9}"), theme.dim),
            Span::raw(clip(&value, cells).into_owned()),
        ])
    };
    let mut lines = vec![Line::from(Span::styled(
        clip(&item.title, cells).into_owned(),
        theme.base.add_modifier(Modifier::BOLD),
    ))];
    lines.push(match item.severity {
        Some(s) => Line::from(vec![
            Span::styled("Severity ", theme.dim),
            Span::styled(s.as_str(), theme.severity(s)),
            Span::raw(format!(" {}", s.definition())),
        ]),
        None => match item.suggested_severity {
            Some(s) => field(
                "Severity",
                format!("not triaged; its source suggests {s} (y accepts, or 1-4)"),
            ),
            None => field("Severity", "not triaged yet (1-4)".to_string()),
        },
    });
    lines.push(field("Status", status_line(item)));
    if let Some(row) = app.list().selected_row().filter(|r| r.id == item.id) {
        lines.push(field("SLA", super::sla::full(app, row)));
    }

    lines.push(field("Customer", customer_line(item)));
    if !item.tags.is_empty() {
        lines.push(field("Tags", item.tags.join(", ")));
    }
    let created = format!(
        "{} ({} ago)",
        local(item.created_at, app.zone),
        age(app.now(), item.created_at)
    );
    lines.push(field("Created", created));
    if let Some(theme) = &detail.theme {
        lines.push(field("Theme", theme.clone()));
    }
    if let Some(canonical) = detail.duplicate_of {
        lines.push(field("Dup of", format!("{canonical} (its evidence counts there)")));
    }
    if !detail.duplicates.is_empty() {
        let customers: std::collections::BTreeSet<_> = detail
            .duplicates
            .iter()
            .filter_map(|d| d.customer.as_deref())
            .chain(item.customer.as_deref())
            .collect();
        let ids: Vec<String> = detail.duplicates.iter().map(|d| d.id.to_string()).collect();
        let text = format!(
            "{} more reports ({}), {} customers in all",
            ids.len(),
            ids.join(" "),
            customers.len()
        );
        lines.push(field("Reported", text));
    }
    lines.push(Line::raw(""));
    let body = item.body.lines().take(usize::from(area.height));
    lines.extend(body.map(|l| Line::raw(clip(l, cells).into_owned())));
    if !detail.similar.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            "Possible duplicates (m to mark)",
            theme.header,
        )));
        for (s, title) in &detail.similar {
            let likely = if s.is_likely() { "likely " } else { "" };
            let text = format!("#{} {:.2} {likely}{} · {}", s.id, s.score, title, s.why.join(", "));
            lines.push(Line::raw(clip(&text, cells).into_owned()));
        }
    }
    if !detail.decisions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Decisions", theme.header)));
        for d in &detail.decisions {
            let text = format!(
                "{} {} by {}: {}",
                local(d.at, app.zone),
                d.kind.as_str(),
                d.decided_by,
                d.rationale
            );
            lines.push(Line::raw(clip(&text, cells).into_owned()));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

/// "triaged · owner dana · via zendesk 4411"
fn status_line(item: &Item) -> String {
    let owner = item.owner.as_deref().unwrap_or("—");
    let source = match &item.external_id {
        Some(ext) => format!("{} {ext}", item.source),
        None => item.source.clone(),
    };
    format!("{} · owner {owner} · via {source}", item.status.label())
}

/// "Acme (enterprise) · billing"
fn customer_line(item: &Item) -> String {
    let mut line = match (&item.customer, &item.segment) {
        (Some(c), Some(s)) => format!("{c} ({s})"),
        (Some(c), None) => c.clone(),
        (None, Some(s)) => format!("— ({s})"),
        (None, None) => "—".to_string(),
    };
    if let Some(category) = &item.category {
        line.push_str(" · ");
        line.push_str(category);
    }
    line
}
