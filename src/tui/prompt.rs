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
    Owner,
    Snooze,
}

impl Purpose {
    pub fn verb(self) -> &'static str {
        match self {
            Purpose::Decline => "Decline",
            Purpose::Escalate => "Escalate",
            Purpose::Owner => "Owner of",
            Purpose::Snooze => "Snooze",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            Purpose::Decline => "why is this declined?",
            Purpose::Escalate => "why does this need escalating?",
            Purpose::Owner => "who owns it? (empty clears)",
            Purpose::Snooze => "until when? 3d, 2w, 12h or 2026-12-01",
        }
    }

    /// What is being cancelled, for the status line.
    pub fn noun(self) -> &'static str {
        match self {
            Purpose::Decline => "decline",
            Purpose::Escalate => "escalation",
            Purpose::Owner => "owner change",
            Purpose::Snooze => "snooze",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Purpose::Decline | Purpose::Escalate => "Reason required · Enter confirms · Esc cancels",
            Purpose::Owner => "Enter sets the owner · empty clears · Esc cancels",
            Purpose::Snooze => "Hidden until then, back where it was · Enter confirms · Esc cancels",
        }
    }

    /// Whether the text may be empty.
    pub fn optional(self) -> bool {
        self == Purpose::Owner
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
}

/// What a key did to a prompt.
pub enum PromptOutcome {
    Editing,
    Cancel,
    Submit(String),
}

impl Prompt {
    pub fn new(purpose: Purpose, targets: Vec<ItemId>, initial: Option<&str>) -> Prompt {
        let mut input = TextArea::default();
        input.set_placeholder_text(purpose.placeholder());
        if let Some(text) = initial {
            // A prefill is a name; a megabyte from a damaged or hostile
            // field must not make every keystroke slow.
            input.insert_str(crate::sanitize::clean_line(&text.chars().take(200).collect::<String>()));
        }
        Prompt {
            purpose,
            targets,
            input,
            error: None,
        }
    }

    pub fn title(&self) -> String {
        format!(" {} {} ", self.purpose.verb(), describe(&self.targets))
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PromptOutcome {
        match key.code {
            KeyCode::Esc => PromptOutcome::Cancel,
            KeyCode::Enter => {
                let text = self.input.lines().join(" ");
                if text.trim().is_empty() && !self.purpose.optional() {
                    let what = if self.purpose == Purpose::Snooze {
                        "a time is required"
                    } else {
                        "a reason is required"
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
