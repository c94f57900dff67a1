//! The start of the header: the name, the review's progress and the view
//! tabs, shortened step by step until every tab fits, so the last tab
//! (Dashboard) stays visible on narrow screens even during a review.

use ratatui::text::Span;

use super::review::{Length, header_text};
use crate::tui::app::{App, View};

/// A tab's short name, for when the full names do not fit.
fn short(view: View) -> &'static str {
    match view {
        View::Inbox => "Inb",
        View::Board => "Brd",
        View::AtRisk => "Risk",
        View::Themes => "Thm",
        View::Bets => "Bets",
        View::Decisions => "Dec",
        View::Dashboard => "Dash",
    }
}

fn tabs(app: &App, abbreviate: bool) -> Vec<Span<'static>> {
    View::ALL
        .into_iter()
        .map(|view| {
            if view == app.view {
                // The current view always reads in full.
                Span::styled(format!("[{}]", view.title()), app.theme.selected)
            } else if abbreviate {
                Span::styled(format!(" {} ", short(view)), app.theme.dim)
            } else {
                Span::styled(format!(" {} ", view.title()), app.theme.dim)
            }
        })
        .collect()
}

/// The name, the review progress and the tabs in the widest form that fits
/// `width` columns (the counts after them may be cut, the tabs not).
pub fn spans(app: &App, width: u16) -> Vec<Span<'static>> {
    let forms = [
        (Length::Full, false),
        (Length::Short, false),
        (Length::Short, true),
        (Length::Tiny, true),
    ];
    let mut out = Vec::new();
    for (length, abbreviate) in forms {
        out = vec![Span::styled(" loopboard ", app.theme.title)];
        out.extend(header_text(app, length).map(|t| Span::styled(t, app.theme.header)));
        out.extend(tabs(app, abbreviate));
        if out.iter().map(Span::width).sum::<usize>() <= usize::from(width) {
            break;
        }
    }
    out
}
