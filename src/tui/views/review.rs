//! The review's progress line in the header: step, title and position, so the
//! user always knows where the guided review is and how to go on or leave.

use ratatui::text::Span;

use crate::tui::app::App;

/// The header span while a review runs, `None` otherwise.
pub fn header(app: &App) -> Option<Span<'static>> {
    let review = app.review.as_ref()?;
    Some(Span::styled(format!(" {} │", review.progress()), app.theme.header))
}
