//! Stable names for every action, as the config's key rows (`run = "view
//! board"`) and the command palette use them. The match is exhaustive, so
//! a new action cannot be added without a name.

use super::action::Action;
use super::app::View;
use crate::domain::Severity;

impl Action {
    /// The action's stable name: lower case words, e.g. `page down`,
    /// `severity 1`, `view board`.
    pub fn name(self) -> String {
        let fixed = match self {
            Action::SetSeverity(s) => return format!("severity {}", s.level()),
            Action::ShowView(v) => return format!("view {}", v.title().to_lowercase()),
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::NextView => "next view",
            Action::PrevView => "previous view",
            Action::ColumnLeft => "column left",
            Action::ColumnRight => "column right",
            Action::MoveLeft => "move left",
            Action::MoveRight => "move right",
            Action::Open => "open",
            Action::Back => "back",
            Action::ToggleMark => "mark",
            Action::Accept => "accept",
            Action::Decline => "decline",
            Action::Waiting => "waiting",
            Action::Owner => "owner",
            Action::Category => "category",
            Action::Tags => "tags",
            Action::Duplicate => "duplicate",
            Action::Theme => "theme",
            Action::AcceptProposal => "accept suggestion",
            Action::Rename => "rename",
            Action::Dismiss => "dismiss",
            Action::Escalate => "escalate",
            Action::Snooze => "snooze",
            Action::Undo => "undo",
            Action::StepUp => "raise input",
            Action::StepDown => "lower input",
            Action::Method => "scoring method",
            Action::Presenter => "presenter mode",
            Action::Verdict => "verdict",
            Action::NewBet => "new bet",
            Action::NewHypothesis => "new hypothesis",
            Action::Redo => "redo",
            Action::Capture => "new item",
            Action::Edit => "edit",
            Action::LoadDemo => "load demo",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Search => "search",
            Action::Palette => "palette",
            Action::ConfirmSuggested => "confirm suggested severity",
            Action::NewDecision => "new decision",
            Action::FilterDecisions => "filter decisions",
            Action::Import => "import",
            Action::StartReview => "weekly review",
            Action::ReviewNext => "review next",
            Action::ReviewPrev => "review previous",
        };
        fixed.to_string()
    }

    /// Every action, in palette order.
    pub fn all() -> Vec<Action> {
        let mut all = vec![Action::Search, Action::Palette, Action::NextView, Action::PrevView];
        all.extend(View::ALL.map(Action::ShowView));
        all.extend([
            Action::Down,
            Action::Up,
            Action::Top,
            Action::Bottom,
            Action::PageDown,
            Action::PageUp,
            Action::ColumnLeft,
            Action::ColumnRight,
            Action::MoveLeft,
            Action::MoveRight,
            Action::Open,
            Action::Back,
            Action::ToggleMark,
        ]);
        all.extend(Severity::ALL.map(Action::SetSeverity));
        all.extend([
            Action::ConfirmSuggested,
            Action::Accept,
            Action::Decline,
            Action::Waiting,
            Action::Owner,
            Action::Category,
            Action::Tags,
            Action::Duplicate,
            Action::Theme,
            Action::Escalate,
            Action::Snooze,
            Action::Edit,
            Action::Capture,
            Action::AcceptProposal,
            Action::Rename,
            Action::Dismiss,
            Action::NewBet,
            Action::NewHypothesis,
            Action::StepUp,
            Action::StepDown,
            Action::Method,
            Action::Presenter,
            Action::Verdict,
            Action::NewDecision,
            Action::FilterDecisions,
            Action::Import,
            Action::StartReview,
            Action::ReviewNext,
            Action::ReviewPrev,
            Action::Undo,
            Action::Redo,
            Action::LoadDemo,
            Action::Help,
            Action::Quit,
        ]);
        all
    }

    /// The action called `name` (case and extra spaces ignored).
    pub fn from_name(name: &str) -> Option<Action> {
        let wanted = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        Action::all().into_iter().find(|a| a.name() == wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let all = Action::all();
        for a in &all {
            assert_eq!(Action::from_name(&a.name()), Some(*a), "{}", a.name());
        }
        let mut names: Vec<String> = all.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
        assert_eq!(Action::from_name("View  Board"), Some(Action::ShowView(View::Board)));
        assert_eq!(Action::from_name("fly"), None);
    }

    #[test]
    fn every_bound_action_is_listed() {
        for b in super::super::keymap::BINDINGS {
            assert!(Action::all().contains(&b.action), "{:?}", b.action);
        }
    }
}
