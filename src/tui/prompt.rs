//! One-line prompts (a decline or escalation reason, an owner) and the
//! confirmation a batch action asks for before it touches marked items.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::{ItemId, Severity, Status};

/// What a prompt's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Decline,
    Escalate,
    Snooze,
    Verdict,
    /// A new hypothesis (its evidence: the targets, or the selected bet).
    Hypothesis,
    /// A theme or a suggested theme (the target is in the themes view).
    RenameTheme,
    /// A file to import (Tab completes the path).
    Import,
    /// The rationale of a decision recorded by hand (decisions view).
    Decision,
    /// Words that every shown decision matches (decisions view).
    DecisionFilter,
}

impl Purpose {
    pub fn verb(self) -> &'static str {
        match self {
            Purpose::Decline => "Decline",
            Purpose::Escalate => "Escalate",
            Purpose::Snooze => "Snooze",
            Purpose::Verdict => "Verdict: rationale",
            Purpose::Hypothesis => "New hypothesis",
            Purpose::RenameTheme => "Rename",
            Purpose::Import => "Import",
            Purpose::Decision => "New decision: rationale",
            Purpose::DecisionFilter => "Filter decisions",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            Purpose::Decline => "why is this declined?",
            Purpose::Escalate => "why does this need escalating?",
            Purpose::Snooze => "until when? 3d, 2w, 12h or 2026-12-01",
            Purpose::Verdict => "why? what did we learn?",
            Purpose::Hypothesis => "We believe <change> for <segment> will <outcome>",
            Purpose::RenameTheme => "the theme's name",
            Purpose::Import => "path, e.g. ~/exports/tickets.json",
            Purpose::Decision => "why? (required)",
            Purpose::DecisionFilter => "decline dana · bet · item:12",
        }
    }

    /// What is being cancelled, for the status line.
    pub fn noun(self) -> &'static str {
        match self {
            Purpose::Decline => "decline",
            Purpose::Escalate => "escalation",
            Purpose::Snooze => "snooze",
            Purpose::Verdict => "verdict",
            Purpose::Hypothesis => "hypothesis",
            Purpose::RenameTheme => "rename",
            Purpose::Import => "import",
            Purpose::Decision => "decision",
            Purpose::DecisionFilter => "filter",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Purpose::Decline | Purpose::Escalate => "Reason required · Enter confirms · Esc cancels",
            Purpose::Snooze => "Hidden until then, back where it was · Enter confirms · Esc cancels",
            Purpose::Verdict => "Rationale required, goes to the decision log · Enter records · Esc cancels",
            Purpose::Hypothesis => "A statement is required · Enter adds it · Esc cancels",
            Purpose::RenameTheme => "Name required · Enter renames · Esc cancels",
            Purpose::Import => "Tab completes · Enter imports, all or nothing · Esc cancels",
            Purpose::Decision => "Rationale required, goes to the decision log · Enter records · Esc cancels",
            Purpose::DecisionFilter => "Every word must match kind, subject or person · Enter filters · Esc cancels",
        }
    }
}

/// "#12" or "5 marked items".
pub fn describe(targets: &[ItemId]) -> String {
    match targets {
        [one] => one.to_string(),
        many => format!("{} marked items", many.len()),
    }
}

pub struct Prompt {
    pub purpose: Purpose,
    pub targets: Vec<ItemId>,
    pub input: TextArea<'static>,
    /// Why the last submit was refused, shown inside the prompt.
    pub error: Option<String>,
    /// What the prompt is about when it is not items (a theme's name).
    pub subject: Option<String>,
}

/// What a key did to a prompt.
pub enum PromptOutcome {
    Editing,
    Cancel,
    Submit(String),
}

impl Prompt {
    pub fn new(purpose: Purpose, targets: Vec<ItemId>) -> Prompt {
        let mut input = TextArea::default();
        input.set_placeholder_text(purpose.placeholder());
        Prompt {
            purpose,
            targets,
            input,
            error: None,
            subject: None,
        }
    }

    /// A prompt about something other than items, starting with `text`
    /// (the current name) ready to edit.
    pub fn with_text(purpose: Purpose, text: &str) -> Prompt {
        // A prefill is a name; a megabyte from a damaged or hostile field
        // must not make every keystroke slow.
        let short: String = text.chars().take(200).collect();
        let mut input = TextArea::from([crate::sanitize::clean_line(&short)]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Prompt {
            purpose,
            targets: Vec::new(),
            input,
            error: None,
            subject: Some(text.to_string()),
        }
    }

    pub fn title(&self) -> String {
        if self.subject.is_some() || self.targets.is_empty() {
            format!(" {} ", self.purpose.verb())
        } else {
            format!(" {} {} ", self.purpose.verb(), describe(&self.targets))
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PromptOutcome {
        match key.code {
            KeyCode::Esc => PromptOutcome::Cancel,
            KeyCode::Enter => {
                let text = self.input.lines().join(" ");
                if text.trim().is_empty() {
                    let what = match self.purpose {
                        Purpose::Snooze => "a time is required",
                        Purpose::RenameTheme => "a name is required",
                        Purpose::Decline | Purpose::Escalate | Purpose::Verdict | Purpose::Decision => {
                            "a reason is required"
                        }
                        Purpose::Hypothesis => "a statement is required",
                        Purpose::Import => "a path is required",
                        Purpose::DecisionFilter => "type a filter (Esc in the view clears it)",
                    };
                    self.error = Some(what.to_string());
                    PromptOutcome::Editing
                } else {
                    PromptOutcome::Submit(text)
                }
            }
            _ => {
                self.input.input(key);
                PromptOutcome::Editing
            }
        }
    }
}

/// A change waiting for the user to confirm it on several marked items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub op: BatchOp,
    pub targets: Vec<ItemId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchOp {
    Severity(Severity),
    Status(Status),
}

impl Pending {
    pub fn question(&self) -> String {
        let who = describe(&self.targets);
        let what = match self.op {
            BatchOp::Severity(s) => format!("Set severity {s} on {who}"),
            BatchOp::Status(st) => format!("Move {who} to {}", st.label()),
        };
        format!("{what}? y confirms · n or Esc cancels")
    }
}
