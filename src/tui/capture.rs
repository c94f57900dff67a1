//! The quick-capture form (`n`): title (required), body, customer, segment,
//! category, tags. Enter in a one-line field saves, Tab moves between fields,
//! Enter in the body starts a new line, Ctrl-s saves from anywhere, Esc
//! cancels. Customer, segment and category complete from the values already
//! on the board: the best fuzzy match is shown beside the field and the first
//! Tab takes it; taking a known customer fills in its segment.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use crate::domain::NewItem;

pub const FIELDS: [&str; 6] = ["Title", "Body", "Customer", "Segment", "Category", "Tags"];
pub const BODY: usize = 1;
const CUSTOMER: usize = 2;
const SEGMENT: usize = 3;
const CATEGORY: usize = 4;
const TAGS: usize = 5;

/// Only the focused field of a form shows a cursor (shared by both forms).
pub fn style_focus(fields: &mut [TextArea<'static>], focus: usize) {
    for (i, field) in fields.iter_mut().enumerate() {
        let cursor = if i == focus {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        field.set_cursor_style(cursor);
        field.set_cursor_line_style(Style::default());
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Submit,
    Cancel,
}

/// Values the form can complete from, most used first.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Customers with the segment they were last seen with.
    pub customers: Vec<(String, Option<String>)>,
    pub segments: Vec<String>,
    pub categories: Vec<String>,
}

pub struct CaptureForm {
    pub fields: [TextArea<'static>; 6],
    pub focus: usize,
    /// Why the last save was refused, shown inside the form.
    pub error: Option<String>,
    known: Known,
    matcher: SkimMatcherV2,
}

impl Default for CaptureForm {
    fn default() -> Self {
        CaptureForm::new(Known::default())
    }
}

impl CaptureForm {
    pub fn new(known: Known) -> Self {
        let mut form = CaptureForm {
            fields: std::array::from_fn(|_| TextArea::default()),
            focus: 0,
            error: None,
            known,
            matcher: SkimMatcherV2::default().ignore_case(),
        };
        for (i, hint) in [
            "what is the feedback about? (required)",
            "details, quotes, steps…",
            "company or person (Tab takes the suggestion)",
            "e.g. enterprise, startup",
            "e.g. billing, deployment",
            "comma separated, e.g. sso, okta",
        ]
        .into_iter()
        .enumerate()
        {
            form.fields[i].set_placeholder_text(hint);
        }
        form.style_focus();
        form
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Char('s') if ctrl => return FormOutcome::Submit,
            KeyCode::Enter if self.focus != BODY => return FormOutcome::Submit,
            KeyCode::Tab => {
                if !self.complete() {
                    self.move_focus(1);
                }
            }
            KeyCode::BackTab => self.move_focus(FIELDS.len() - 1),
            _ => {
                self.fields[self.focus].input(key);
            }
        }
        FormOutcome::Editing
    }

    /// The suggestion for the focused field, if it differs from what is typed.
    pub fn suggestion(&self) -> Option<String> {
        let typed = self.text(self.focus);
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let candidates: Vec<&str> = match self.focus {
            CUSTOMER => self.known.customers.iter().map(|(c, _)| c.as_str()).collect(),
            SEGMENT => self.known.segments.iter().map(String::as_str).collect(),
            CATEGORY => self.known.categories.iter().map(String::as_str).collect(),
            _ => return None,
        };
        let best = candidates
            .into_iter()
            .filter_map(|c| self.matcher.fuzzy_match(c, typed).map(|score| (score, c)))
            // Highest score; ties keep the most used (earlier) value.
            .fold(None::<(i64, &str)>, |best, (s, c)| match best {
                Some((b, _)) if b >= s => best,
                _ => Some((s, c)),
            })?;
        (!best.1.eq_ignore_ascii_case(typed)).then(|| best.1.to_string())
    }

    /// Takes the suggestion into the field; says whether there was one.
    fn complete(&mut self) -> bool {
        let Some(value) = self.suggestion() else { return false };
        self.set_text(self.focus, &value);
        if self.focus == CUSTOMER && self.text(SEGMENT).trim().is_empty() {
            let segment = self
                .known
                .customers
                .iter()
                .find(|(c, _)| *c == value)
                .and_then(|(_, s)| s.clone());
            if let Some(segment) = segment {
                self.set_text(SEGMENT, &segment);
            }
        }
        true
    }

    fn set_text(&mut self, field: usize, text: &str) {
        let mut area = TextArea::default();
        area.insert_str(text);
        self.fields[field] = area;
        self.style_focus();
    }

    fn move_focus(&mut self, by: usize) {
        self.focus = (self.focus + by) % FIELDS.len();
        self.style_focus();
    }

    /// Only the focused field shows a cursor.
    fn style_focus(&mut self) {
        style_focus(&mut self.fields, self.focus);
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
            customer: opt(self.text(CUSTOMER)),
            segment: opt(self.text(SEGMENT)),
            category: opt(self.text(CATEGORY)),
            tags: self.text(TAGS).split(',').map(str::to_string).collect(),
            source: "tui".to_string(),
            ..NewItem::default()
        }
    }
}
