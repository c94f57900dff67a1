//! The quick-capture form (`n`): title (required), body, customer, category.
//! Enter in a one-line field saves, Tab moves between fields, Enter in the
//! body starts a new line, Ctrl-s saves from anywhere, Esc cancels.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use crate::domain::NewItem;

pub const FIELDS: [&str; 4] = ["Title", "Body", "Customer", "Category"];
pub const BODY: usize = 1;

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Submit,
    Cancel,
}

pub struct CaptureForm {
    pub fields: [TextArea<'static>; 4],
    pub focus: usize,
    /// Why the last save was refused, shown inside the form.
    pub error: Option<String>,
}

impl Default for CaptureForm {
    fn default() -> Self {
        let mut form = CaptureForm {
            fields: std::array::from_fn(|_| TextArea::default()),
            focus: 0,
            error: None,
        };
        form.fields[0].set_placeholder_text("what is the feedback about? (required)");
        form.fields[BODY].set_placeholder_text("details, quotes, steps…");
        form.fields[2].set_placeholder_text("company or person");
        form.fields[3].set_placeholder_text("e.g. billing, deployment");
        form.style_focus();
        form
    }
}

impl CaptureForm {
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Char('s') if ctrl => return FormOutcome::Submit,
            KeyCode::Enter if self.focus != BODY => return FormOutcome::Submit,
            KeyCode::Tab => self.move_focus(1),
            KeyCode::BackTab => self.move_focus(FIELDS.len() - 1),
            _ => {
                self.fields[self.focus].input(key);
            }
        }
        FormOutcome::Editing
    }

    fn move_focus(&mut self, by: usize) {
        self.focus = (self.focus + by) % FIELDS.len();
        self.style_focus();
    }

    /// Only the focused field shows a cursor.
    fn style_focus(&mut self) {
        for (i, field) in self.fields.iter_mut().enumerate() {
            let cursor = if i == self.focus {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            field.set_cursor_style(cursor);
            field.set_cursor_line_style(Style::default());
        }
    }

    fn text(&self, i: usize) -> String {
        self.fields[i].lines().join("\n")
    }

    /// The item the form describes; the store sanitizes and validates it.
    pub fn to_new_item(&self) -> NewItem {
        let opt = |s: String| if s.trim().is_empty() { None } else { Some(s) };
        NewItem {
            title: self.text(0),
            body: self.text(BODY),
            customer: opt(self.text(2)),
            category: opt(self.text(3)),
            source: "tui".to_string(),
            ..NewItem::default()
        }
    }
}
