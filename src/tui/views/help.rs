//! The `?` overlay, generated from the keymap table plus the severity scale.
//! It shows what applies on the current screen: the keys shared by the lists
//! on the left; this view's keys, the global keys and the severity scale on
//! the right (one column on narrow terminals).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::domain::Severity;
use crate::tui::app::App;
use crate::tui::keymap::Context;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, scroll: u16) {
    let t = &app.theme;
    let context = app.context();
    let mut left = match context {
        Context::Inbox | Context::Board => section(app, "Moving, marking, acting", Context::Lists),
        Context::Bets => section(app, "Bets", Context::Bets),
        _ => Vec::new(),
    };
    if !left.is_empty() {
        left.push(Line::raw(""));
        left.extend(section(app, "Views, undo", Context::Views));
    }
    let here = match context {
        Context::Board => "Board",
        Context::Welcome => "Empty database",
        Context::Themes => "Themes",
        _ => "Inbox",
    };
    let mut right = if context == Context::Bets {
        Vec::new()
    } else {
        section(app, here, context)
    };
    if !right.is_empty() {
        right.push(Line::raw(""));
    }
    right.extend(section(app, "Everywhere", Context::Global));
    right.push(Line::raw(""));
    right.extend(severity_lines(app));
    let two_columns = area.width >= 76 && !left.is_empty();
    let rows = if two_columns {
        left.len().max(right.len())
    } else {
        left.len() + right.len()
    };
    let width = if two_columns { 110 } else { 64 };
    let popup = centered(area, width, u16::try_from(rows + 2).unwrap_or(u16::MAX));
    let fits = usize::from(popup.height.saturating_sub(2)) >= rows;
    let title = if fits {
        " Help · any key closes "
    } else {
        " Help · j/k scroll · any other key closes "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(title, t.title));
    let block = if fits || usize::from(scroll) + usize::from(popup.height.saturating_sub(2)) >= rows {
        block
    } else {
        block.title_bottom(Span::styled(" ▼ more (j) ", t.key))
    };
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if two_columns {
        let [l, r] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(inner);
        frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
        frame.render_widget(Paragraph::new(right).wrap(Wrap { trim: false }).scroll((scroll, 0)), r);
    } else {
        let mut all = left;
        all.extend(right);
        frame.render_widget(Paragraph::new(all).scroll((scroll, 0)), inner);
    }
}

fn section(app: &App, title: &'static str, context: Context) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled(title, t.header))];
    for (keys, desc) in app.keymap.help_rows(context) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<12}"), t.key),
            Span::raw(desc),
        ]));
    }
    lines
}

/// The severity scale, with the definitions from the config.
fn severity_lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled("Severity", t.header))];
    for (sev, definition) in Severity::ALL.into_iter().zip(&app.settings.definitions) {
        lines.push(Line::from(vec![
            Span::styled(sev.as_str(), t.severity(sev)),
            Span::raw(format!(" {}", crate::sanitize::display(definition))),
        ]));
    }
    lines
}
