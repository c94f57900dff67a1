//! The `:` command palette: every action by its stable name, fuzzy-matched
//! as you type, with the key that runs it (from the effective keymap, so
//! config overrides show). Enter runs the highlighted action.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::keymap::Keymap;

/// One action as the palette lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub action: Action,
    pub name: String,
    /// The keys that run it, if any are bound.
    pub keys: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteOutcome {
    Editing,
    Cancel,
    Run(Action),
}

pub struct Palette {
    pub query: String,
    entries: Vec<Entry>,
    /// Indices into `entries` with the matched characters of the name,
    /// best first (all entries, in order, for an empty query).
    pub matches: Vec<(usize, Vec<usize>)>,
    pub selected: usize,
}

impl Palette {
    pub fn new(keymap: &Keymap) -> Palette {
        let entries = Action::all()
            .into_iter()
            .map(|action| Entry {
                action,
                name: action.name(),
                keys: keymap.keys_for(action),
            })
            .collect();
        let mut palette = Palette {
            query: String::new(),
            entries,
            matches: Vec::new(),
            selected: 0,
        };
        palette.refresh();
        palette
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteOutcome {
        match key.code {
            KeyCode::Esc => return PaletteOutcome::Cancel,
            KeyCode::Enter => {
                return self
                    .matches
                    .get(self.selected)
                    .map_or(PaletteOutcome::Editing, |(i, _)| {
                        PaletteOutcome::Run(self.entries[*i].action)
                    });
            }
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1))
            }
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Backspace => {
                self.query.pop();
                self.refresh();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.push(c);
                self.refresh();
            }
            _ => {}
        }
        PaletteOutcome::Editing
    }

    fn refresh(&mut self) {
        self.selected = 0;
        let query = self.query.trim();
        if query.is_empty() {
            self.matches = (0..self.entries.len()).map(|i| (i, Vec::new())).collect();
            return;
        }
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize, Vec<usize>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| matcher.fuzzy_indices(&e.name, query).map(|(s, ix)| (s, i, ix)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i, ix)| (i, ix)).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::View;

    fn typed(p: &mut Palette, text: &str) {
        for c in text.chars() {
            p.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn enter(p: &mut Palette) -> PaletteOutcome {
        p.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
    }

    #[test]
    fn lists_every_action_with_its_key() {
        let p = Palette::new(&Keymap::default());
        assert_eq!(p.matches.len(), Action::all().len());
        let undo = p.entries.iter().find(|e| e.action == Action::Undo).unwrap();
        assert_eq!(undo.keys.as_deref(), Some("u"));
        let top = p.entries.iter().find(|e| e.action == Action::Top).unwrap();
        assert_eq!(top.keys.as_deref(), Some("g g"));
    }

    #[test]
    fn fuzzy_matches_names_best_first_and_runs_the_pick() {
        let mut p = Palette::new(&Keymap::default());
        typed(&mut p, "vboard");
        assert_eq!(p.entry(p.matches[0].0).action, Action::ShowView(View::Board));
        assert_eq!(p.matches[0].1.len(), 6, "matched characters to highlight");
        assert_eq!(enter(&mut p), PaletteOutcome::Run(Action::ShowView(View::Board)));
        let mut p = Palette::new(&Keymap::default());
        typed(&mut p, "undo");
        assert_eq!(enter(&mut p), PaletteOutcome::Run(Action::Undo));
        typed(&mut p, "qqqq");
        assert!(p.matches.is_empty());
        assert_eq!(enter(&mut p), PaletteOutcome::Editing);
    }
}
