//! Saved views: `:save NAME` keeps the current screen and filter in the
//! store; the `V` menu lists them (Enter opens one, `d` deletes it) and the
//! palette offers each as `view NAME`. Opening one shows its screen with its
//! filter (or none), exactly as `f` would set it.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Mode, View};
use crate::store::{SavedView, StoreError};

/// The `V` menu: the saved views, one selected.
pub struct SavedViewsMenu {
    pub views: Vec<SavedView>,
    pub selected: usize,
}

/// What a key did in the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuOutcome {
    Stay,
    Close,
    Open(SavedView),
    Delete(String),
}

impl SavedViewsMenu {
    pub fn handle_key(&mut self, key: KeyEvent) -> MenuOutcome {
        let last = self.views.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q' | 'V') => return MenuOutcome::Close,
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(v) = self.views.get(self.selected) {
                    return MenuOutcome::Open(v.clone());
                }
            }
            KeyCode::Char('d') | KeyCode::Delete => {
                if let Some(v) = self.views.get(self.selected) {
                    return MenuOutcome::Delete(v.name.clone());
                }
            }
            _ => {}
        }
        MenuOutcome::Stay
    }
}

/// The screen called `name` (a view's stable name, as saved).
fn view_named(name: &str) -> Option<View> {
    View::ALL.into_iter().find(|v| v.title().eq_ignore_ascii_case(name))
}

impl App {
    /// `V`: the menu of saved views.
    pub(super) fn open_saved_views(&mut self) -> Result<(), StoreError> {
        let views = self.store.saved_views()?;
        if views.is_empty() {
            self.info("no saved views yet: `:save NAME` in the palette saves this view and its filter".to_string());
            return Ok(());
        }
        self.mode = Mode::SavedViews(Box::new(SavedViewsMenu { views, selected: 0 }));
        Ok(())
    }

    pub(super) fn saved_views_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::SavedViews(menu) = &mut self.mode else {
            return Ok(());
        };
        match menu.handle_key(key) {
            MenuOutcome::Stay => Ok(()),
            MenuOutcome::Close => {
                self.mode = Mode::Normal;
                Ok(())
            }
            MenuOutcome::Open(saved) => {
                self.mode = Mode::Normal;
                self.open_saved_view(&saved)
            }
            MenuOutcome::Delete(name) => {
                self.store.delete_saved_view(&name)?;
                let views = self.store.saved_views()?;
                self.info(format!("saved view \"{name}\" deleted"));
                if views.is_empty() {
                    self.mode = Mode::Normal;
                } else if let Mode::SavedViews(menu) = &mut self.mode {
                    menu.selected = menu.selected.min(views.len() - 1);
                    menu.views = views;
                }
                Ok(())
            }
        }
    }

    /// `:save NAME`: the current screen and filter, kept as `name`.
    pub(super) fn save_view(&mut self, name: &str) -> Result<(), StoreError> {
        let filter = self.filter.as_ref().map(|f| f.source.clone()).unwrap_or_default();
        let view = self.view.title().to_lowercase();
        let replaced = self.store.save_view(name, &view, &filter, self.clock.now())?;
        let what = if filter.is_empty() {
            format!("{view}, no filter")
        } else {
            format!("{view} · {filter}")
        };
        let verb = if replaced { "replaced" } else { "saved" };
        self.info(format!("view \"{}\" {verb}: {what} · V lists saved views", name.trim()));
        Ok(())
    }

    /// Shows a saved view's screen with its filter.
    pub fn open_saved_view(&mut self, saved: &SavedView) -> Result<(), StoreError> {
        let filter = match crate::filter::parse(&saved.filter) {
            Ok(f) if f.is_empty() => None,
            Ok(f) => Some(f),
            Err(e) => {
                let reason = format!("saved view \"{}\": filter {}", saved.name, e);
                return Err(StoreError::invalid("filter", reason));
            }
        };
        self.set_filter(filter)?;
        if let Some(view) = view_named(&saved.view) {
            self.show_view(view)?;
        }
        self.info(format!(
            "view \"{}\" · {} item(s) match",
            saved.name, self.filter_matches
        ));
        Ok(())
    }

    /// The palette's `view NAME`: the saved view called `name`.
    pub(super) fn open_saved_view_named(&mut self, name: &str) -> Result<(), StoreError> {
        let found = self.store.saved_views()?.into_iter().find(|v| v.name == name);
        match found {
            Some(saved) => self.open_saved_view(&saved),
            None => {
                self.info(format!("no saved view \"{name}\" (deleted meanwhile?)"));
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn saved(name: &str) -> SavedView {
        SavedView {
            name: name.into(),
            view: "board".into(),
            filter: String::new(),
            saved_at: chrono::Utc::now(),
        }
    }

    fn press(menu: &mut SavedViewsMenu, code: KeyCode) -> MenuOutcome {
        menu.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn the_menu_moves_opens_and_deletes_the_selected_view() {
        let mut menu = SavedViewsMenu {
            views: vec![saved("a"), saved("b")],
            selected: 0,
        };
        press(&mut menu, KeyCode::Char('j'));
        press(&mut menu, KeyCode::Char('j'));
        assert_eq!(menu.selected, 1, "stops at the last");
        assert_eq!(press(&mut menu, KeyCode::Char('d')), MenuOutcome::Delete("b".into()));
        assert_eq!(press(&mut menu, KeyCode::Enter), MenuOutcome::Open(saved_at(&menu, 1)));
        assert_eq!(press(&mut menu, KeyCode::Esc), MenuOutcome::Close);
        assert_eq!(view_named("at risk"), Some(View::AtRisk));
        assert_eq!(view_named("Board"), Some(View::Board));
    }

    fn saved_at(menu: &SavedViewsMenu, i: usize) -> SavedView {
        menu.views[i].clone()
    }
}
