//! The `f` filter prompt, drawn over the view: what is active, the field, a
//! caret under the column of a parse error with the reason, or the syntax;
//! and the active filter as the status bar shows it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::text::fit;
use crate::sanitize::display;
use crate::tui::app::App;
use crate::tui::filter::FilterPrompt;

const SYNTAX: &str =
    "sev:1 sev:<=2 status: cat: owner: customer: segment: tag: age:>7d sla:breached theme:\"…\" words · -negates";

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, prompt: &FilterPrompt) {
    let t = &app.theme;
    let popup = centered(area, 100, 7);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Filter the inbox, board and at-risk lists ", t.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [what, field, caret, help, keys] = Layout::vertical([Constraint::Length(1); 5]).areas(inner);
    let width = usize::from(inner.width);
    let active = match &prompt.active {
        Some(source) => format!("active: {} (↑ recalls it)", display(source)),
        None => "no filter active".to_string(),
    };
    frame.render_widget(Paragraph::new(Span::styled(fit(&active, width), t.dim)), what);
    frame.render_widget(&prompt.input, field);
    match &prompt.error {
        Some(e) => {
            // The caret sits under the column (1-based) the parser names,
            // or at the field's edge when the text is wider than the field.
            let at = e.column.saturating_sub(1).min(width.saturating_sub(1));
            let line = format!("{}^", " ".repeat(at));
            frame.render_widget(Paragraph::new(Span::styled(line, t.error)), caret);
            let reason = fit(&format!("! {}", display(&e.to_string())), width);
            frame.render_widget(Paragraph::new(Span::styled(reason, t.error)), help);
        }
        None => frame.render_widget(Paragraph::new(Span::styled(fit(SYNTAX, width), t.dim)), help),
    }
    let hint = "Enter applies · empty Enter removes the filter · Esc cancels";
    frame.render_widget(Paragraph::new(Span::styled(fit(hint, width), t.dim)), keys);
}

/// The status bar's mark of an active filter, with how many items match.
pub fn status(app: &App) -> Option<Span<'static>> {
    let f = app.filter.as_ref()?;
    let text = format!(" filter: {} ({} match) │", f.source, app.filter_matches);
    Some(Span::styled(fit(&text, 60), app.theme.header))
}
