//! The active filter (`f`) over the inbox, the board and the at-risk queue:
//! the prompt that reads it (a parse error keeps the text and points at its
//! column), and how the app applies it. The store keeps the matching ids in
//! a connection-local table that the windowed lists join, recomputed on
//! every reload (that is, whenever the filter or the data changes), so a
//! filtered list still loads one window at a time.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

use super::app::{App, Mode};
use super::board::COLUMNS;
use super::list_window::ListWindow;
use crate::domain::ItemId;
use crate::filter::{Filter, FilterError, parse};
use crate::store::{ListSource, Store, StoreError};

/// The `f` prompt: one line in the filter language.
pub struct FilterPrompt {
    pub input: TextArea<'static>,
    /// Why the last Enter was refused; re-checked on every key after that,
    /// so it goes away as soon as the text is fixed.
    pub error: Option<FilterError>,
    /// The filter in force when the prompt opened (↑ recalls it).
    pub active: Option<String>,
}

/// What a key did to the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterOutcome {
    Editing,
    Cancel,
    /// Apply this filter; `None` (an empty line) removes the filter.
    Apply(Option<Filter>),
}

impl FilterPrompt {
    pub fn new(active: Option<String>) -> FilterPrompt {
        let mut input = TextArea::default();
        input.set_placeholder_text("sev:<=2 cat:billing age:>7d sla:breached \"free text\" (empty: no filter)");
        FilterPrompt {
            input,
            error: None,
            active,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FilterOutcome {
        match key.code {
            KeyCode::Esc => FilterOutcome::Cancel,
            KeyCode::Enter => match parse(&self.text()) {
                Ok(f) if f.is_empty() => FilterOutcome::Apply(None),
                Ok(f) => FilterOutcome::Apply(Some(f)),
                Err(e) => {
                    self.error = Some(e);
                    FilterOutcome::Editing
                }
            },
            KeyCode::Up => {
                if let Some(active) = &self.active {
                    self.input = TextArea::from([active.clone()]);
                    self.input.move_cursor(CursorMove::End);
                }
                FilterOutcome::Editing
            }
            _ => {
                self.input.input(key);
                if self.error.is_some() {
                    self.error = parse(&self.text()).err();
                }
                FilterOutcome::Editing
            }
        }
    }
}

impl App {
    /// `f`: the prompt, empty (an empty Enter clears the filter).
    pub(super) fn open_filter(&mut self) -> Result<(), StoreError> {
        let active = self.filter.as_ref().map(|f| f.source.clone());
        self.mode = Mode::Filter(Box::new(FilterPrompt::new(active)));
        Ok(())
    }

    pub(super) fn filter_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::Filter(prompt) = &mut self.mode else {
            return Ok(());
        };
        match prompt.handle_key(key) {
            FilterOutcome::Editing => Ok(()),
            FilterOutcome::Cancel => {
                self.mode = Mode::Normal;
                self.info("filter unchanged".to_string());
                Ok(())
            }
            FilterOutcome::Apply(filter) => {
                self.mode = Mode::Normal;
                self.set_filter(filter)
            }
        }
    }

    /// Makes `filter` the active filter (`None` removes it) and reloads the
    /// lists through it; the cursors start again at the top.
    pub fn set_filter(&mut self, filter: Option<Filter>) -> Result<(), StoreError> {
        let had = self.filter.is_some();
        self.filter = filter;
        if self.filter.is_some() || had {
            self.use_filtered_lists(self.filter.is_some())?;
        }
        self.reload()?;
        let text = match &self.filter {
            Some(_) => format!(
                "filter applied: {} item(s) match · f changes it, F clears it",
                self.filter_matches
            ),
            None if had => "filter cleared: every item shows".to_string(),
            None => "no filter".to_string(),
        };
        self.info(text);
        Ok(())
    }

    /// Re-runs the active filter against the store (part of every reload).
    pub(super) fn refresh_filter(&mut self) -> Result<(), StoreError> {
        if let Some(filter) = &self.filter {
            self.filter_matches = self.store.apply_filter(filter, &self.policy, self.clock.now())?;
        }
        Ok(())
    }

    /// Only the rows the active filter matched (all of them without one):
    /// for the lists held in memory.
    pub(super) fn only_filtered(&self, mut ids: Vec<ItemId>) -> Result<Vec<ItemId>, StoreError> {
        if self.filter.is_some() {
            let keep = self.store.filter_admits(&ids)?;
            ids.retain(|id| keep.contains(id));
        }
        Ok(ids)
    }

    /// Points the inbox and the board columns at their filtered (or plain)
    /// sources, keeping each list's page height; the next reload fills them.
    fn use_filtered_lists(&mut self, on: bool) -> Result<(), StoreError> {
        let inbox = if on {
            ListSource::FilteredInbox
        } else {
            ListSource::Inbox
        };
        let store = &self.store;
        self.inbox = fresh(store, ListWindow::new(inbox), &self.inbox)?;
        for (column, status) in self.board.columns.iter_mut().zip(COLUMNS) {
            let source = if on {
                ListSource::FilteredColumn(status)
            } else {
                ListSource::Column(status)
            };
            *column = fresh(store, ListWindow::new(source), column)?;
        }
        self.at_risk = fresh(store, ListWindow::in_memory(), &self.at_risk)?;
        Ok(())
    }
}

/// `list` (new, empty) as tall as `old`. An empty list has no window to
/// load, so this does not query the store (whose filter table may not be
/// filled yet).
fn fresh(store: &Store, mut list: ListWindow, old: &ListWindow) -> Result<ListWindow, StoreError> {
    list.set_height(store, old.page())?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(p: &mut FilterPrompt, code: KeyCode) -> FilterOutcome {
        p.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(p: &mut FilterPrompt, text: &str) {
        text.chars().for_each(|c| {
            press(p, KeyCode::Char(c));
        });
    }

    #[test]
    fn a_bad_filter_keeps_its_text_and_points_at_the_column_until_fixed() {
        let mut p = FilterPrompt::new(None);
        typed(&mut p, "sev:1 colour:red");
        assert_eq!(press(&mut p, KeyCode::Enter), FilterOutcome::Editing);
        assert_eq!(p.error.as_ref().map(|e| e.column), Some(7));
        assert_eq!(p.text(), "sev:1 colour:red");
        // Fixing the text clears the error as it is typed.
        (0..10).for_each(|_| {
            press(&mut p, KeyCode::Backspace);
        });
        assert!(p.error.is_none(), "{:?}", p.error);
        let applied = press(&mut p, KeyCode::Enter);
        assert!(matches!(applied, FilterOutcome::Apply(Some(f)) if f.source == "sev:1"));
    }

    #[test]
    fn empty_enter_removes_the_filter_and_up_recalls_the_active_one() {
        let mut p = FilterPrompt::new(Some("cat:billing".into()));
        assert_eq!(press(&mut p, KeyCode::Enter), FilterOutcome::Apply(None));
        press(&mut p, KeyCode::Up);
        assert_eq!(p.text(), "cat:billing");
        assert_eq!(press(&mut p, KeyCode::Esc), FilterOutcome::Cancel);
    }
}
