//! The `:` command palette: every action by its stable name, fuzzy-matched
//! as you type, with the key that runs it (from the effective keymap, so
//! config overrides show). Enter runs the highlighted action. Saved views
//! are entries too (`view NAME`), and `save NAME` saves the current one.

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
    /// The saved view this entry opens (`view NAME`), instead of `action`.
    pub saved: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteOutcome {
    Editing,
    Cancel,
    Run(Action),
    /// Open the saved view of this entry (`Palette::entry(i).saved`).
    OpenSaved(usize),
    /// `save NAME`: save the current view as the name in `Palette::save_name`.
    Save,
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
                saved: None,
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

    /// The palette with the saved views' names as `view NAME` entries,
    /// listed after the actions.
    pub fn with_saved(keymap: &Keymap, names: Vec<String>) -> Palette {
        let mut palette = Palette::new(keymap);
        palette.entries.extend(names.into_iter().map(|name| Entry {
            action: Action::SavedViews,
            name: format!("view {name}"),
            keys: None,
            saved: Some(name),
        }));
        palette.refresh();
        palette
    }

    /// The name typed after `save `, if the query is a save command.
    pub fn save_name(&self) -> Option<&str> {
        let rest = self.query.trim_start().strip_prefix("save ")?.trim();
        (!rest.is_empty()).then_some(rest)
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteOutcome {
        match key.code {
            KeyCode::Esc => return PaletteOutcome::Cancel,
            KeyCode::Enter => {
                if self.save_name().is_some() {
                    return PaletteOutcome::Save;
                }
                return self
                    .matches
                    .get(self.selected)
                    .map_or(PaletteOutcome::Editing, |(i, _)| match self.entries[*i].saved {
                        Some(_) => PaletteOutcome::OpenSaved(*i),
                        None => PaletteOutcome::Run(self.entries[*i].action),
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

    #[test]
    fn saved_views_are_entries_and_save_name_is_a_command() {
        let mut p = Palette::with_saved(&Keymap::default(), vec!["billing triage".into()]);
        typed(&mut p, "view billing");
        let OutcomeIndex(i) = open_saved(enter(&mut p));
        assert_eq!(p.entry(i).saved.as_deref(), Some("billing triage"));
        let mut p = Palette::new(&Keymap::default());
        typed(&mut p, "save  my view ");
        assert_eq!(p.save_name(), Some("my view"));
        assert_eq!(enter(&mut p), PaletteOutcome::Save);
        let mut p = Palette::new(&Keymap::default());
        typed(&mut p, "save ");
        assert_eq!(p.save_name(), None, "a name is needed");
    }

    struct OutcomeIndex(usize);

    fn open_saved(outcome: PaletteOutcome) -> OutcomeIndex {
        match outcome {
            PaletteOutcome::OpenSaved(i) => OutcomeIndex(i),
            other => panic!("expected a saved view, got {other:?}"),
        }
    }
}
