//! The review's progress line in the header: step, title and position, so the
//! user always knows where the guided review is and how to go on or leave.

use crate::tui::app::App;

/// How much of the progress fits the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Full,
    /// Without the keys (the footer and `?` help have them).
    Short,
    /// Step and position only.
    Tiny,
}

/// The header text of a running or paused review.
pub fn header_text(app: &App, length: Length) -> Option<String> {
    let review = app.review.as_ref()?;
    Some(match (review.paused, length) {
        (true, _) => " Review paused · R resumes │".to_string(),
        (false, Length::Full) => format!(" {} │", review.progress()),
        (false, Length::Short) => format!(" {} │", review.progress_short()),
        (false, Length::Tiny) => format!(" {} │", review.progress_tiny()),
    })
}
