//! The new-bet form (`n` in the bets view): title (required), owner, metric
//! with its target, deadline (a date). Enter saves, Tab moves between fields,
//! Esc cancels. Inputs are then set with `←/→` and `+/-` in the list.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::capture::FormOutcome;
use crate::domain::{NewBet, deadline_on};
use crate::timefmt::Zone;

pub const FIELDS: [&str; 4] = ["Title", "Owner", "Metric", "Deadline"];

pub struct BetForm {
    pub fields: [TextArea<'static>; 4],
    pub focus: usize,
    /// Why the last save was refused, shown inside the form.
    pub error: Option<String>,
}

impl Default for BetForm {
    fn default() -> Self {
        let mut form = BetForm {
            fields: std::array::from_fn(|_| TextArea::default()),
            focus: 0,
            error: None,
        };
        for (i, hint) in [
            "what will we try? (required)",
            "who owns it",
            "e.g. activation +5 pp",
            "YYYY-MM-DD",
        ]
        .into_iter()
        .enumerate()
        {
            form.fields[i].set_placeholder_text(hint);
        }
        form.style_focus();
        form
    }
}

impl BetForm {
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        match key.code {
            KeyCode::Esc => FormOutcome::Cancel,
            KeyCode::Enter => FormOutcome::Submit,
            KeyCode::Tab => {
                self.focus = (self.focus + 1) % FIELDS.len();
                self.style_focus();
                FormOutcome::Editing
            }
            KeyCode::BackTab => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len();
                self.style_focus();
                FormOutcome::Editing
            }
            _ => {
                self.fields[self.focus].input(key);
                FormOutcome::Editing
            }
        }
    }

    fn style_focus(&mut self) {
        super::capture::style_focus(&mut self.fields, self.focus);
    }

    fn text(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// The bet the form describes, or why it cannot be one.
    pub fn to_new_bet(&self, zone: Zone) -> Result<NewBet, String> {
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let deadline = match opt(self.text(3)) {
            None => None,
            Some(text) => {
                let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| format!("deadline: {text:?} is not a date like 2026-12-15"))?;
                let at = match zone {
                    Zone::Local => deadline_on(date, &chrono::Local),
                    Zone::Fixed(offset) => deadline_on(date, &offset),
                };
                Some(at.ok_or_else(|| format!("deadline: {text} does not exist here"))?)
            }
        };
        Ok(NewBet {
            title: self.text(0),
            owner: opt(self.text(1)),
            metric: opt(self.text(2)),
            deadline,
            ..NewBet::default()
        })
    }
}
