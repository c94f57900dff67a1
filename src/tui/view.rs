//! The screens reachable with Tab, in tab order, with their titles.

/// The screens reachable with Tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Inbox,
    Board,
    AtRisk,
    Themes,
    Bets,
    Decisions,
    Dashboard,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Inbox,
        View::Board,
        View::AtRisk,
        View::Themes,
        View::Bets,
        View::Decisions,
        View::Dashboard,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Inbox => "Inbox",
            View::Board => "Board",
            View::AtRisk => "At risk",
            View::Bets => "Bets",
            View::Themes => "Themes",
            View::Decisions => "Decisions",
            View::Dashboard => "Dashboard",
        }
    }
}
