//! The detail pane: the selected item in full, body wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::sanitize::display;
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
    let now = app.now();
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<9}"), theme.dim),
            Span::raw(display(&value).into_owned()),
        ])
    };
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    let mut lines = vec![Line::from(Span::styled(
        display(&item.title).into_owned(),
        theme.base.add_modifier(Modifier::BOLD),
    ))];
    let severity = match item.severity {
        Some(s) => Line::from(vec![
            Span::styled("Severity ", theme.dim),
            Span::styled(s.as_str(), theme.severity(s)),
            Span::raw(format!(" {}", s.definition())),
        ]),
        None => field("Severity", "not triaged yet (1-4)".to_string()),
    };
    lines.push(severity);
    lines.push(field(
        "Status",
        format!("{} · owner {}", item.status.label(), or_dash(&item.owner)),
    ));
    let customer = match (&item.customer, &item.segment) {
        (Some(c), Some(s)) => format!("{c} ({s})"),
        (c, _) => or_dash(c),
    };
    lines.push(field("Customer", customer));
    lines.push(field("Category", or_dash(&item.category)));
    if !item.tags.is_empty() {
        lines.push(field("Tags", item.tags.join(", ")));
    }
    let source = match &item.external_id {
        Some(ext) => format!("{} ({ext})", item.source),
        None => item.source.clone(),
    };
    lines.push(field("Source", source));
    lines.push(field(
        "Created",
        format!(
            "{} ({} ago)",
            local(item.created_at, app.zone),
            age(now, item.created_at)
        ),
    ));
    lines.push(Line::raw(""));
    lines.extend(
        item.body
            .lines()
            .map(|l| Line::raw(display(l).into_owned())),
    );
    if !detail.decisions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Decisions", theme.header)));
        for d in &detail.decisions {
            lines.push(Line::raw(
                display(&format!(
                    "{} {} by {}: {}",
                    local(d.at, app.zone),
                    d.kind.as_str(),
                    d.decided_by,
                    d.rationale
                ))
                .into_owned(),
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
