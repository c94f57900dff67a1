//! Opening and driving the `/` search and `:` palette overlays: keys go to
//! the overlay; Enter jumps to the found object or runs the chosen action;
//! Esc leaves the screen exactly as it was.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Mode};
use super::palette::{Palette, PaletteOutcome};
use super::search::{SearchOutcome, SearchView};
use crate::store::StoreError;

impl App {
    /// `/`: a fresh engine over the store is built in the background.
    pub(super) fn open_search(&mut self) -> Result<(), StoreError> {
        self.mode = Mode::Search(Box::new(SearchView::start(self.store.path().to_path_buf())));
        Ok(())
    }

    /// `:`: every action, with the keys the effective keymap gives it.
    pub(super) fn open_palette(&mut self) -> Result<(), StoreError> {
        let saved = self.store.saved_views()?.into_iter().map(|v| v.name).collect();
        self.mode = Mode::Palette(Box::new(Palette::with_saved(&self.keymap, saved)));
        Ok(())
    }

    pub(super) fn search_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::Search(search) = &mut self.mode else {
            return Ok(());
        };
        // The engine may have arrived since the last idle poll.
        search.poll();
        match search.handle_key(key) {
            SearchOutcome::Editing => Ok(()),
            SearchOutcome::Cancel => {
                self.mode = Mode::Normal;
                Ok(())
            }
            SearchOutcome::Jump(kind, id) => {
                self.mode = Mode::Normal;
                self.jump_to(kind, id)
            }
        }
    }

    pub(super) fn palette_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::Palette(palette) = &mut self.mode else {
            return Ok(());
        };
        match palette.handle_key(key) {
            PaletteOutcome::Editing => Ok(()),
            PaletteOutcome::Cancel => {
                self.mode = Mode::Normal;
                Ok(())
            }
            PaletteOutcome::Run(action) => {
                self.mode = Mode::Normal;
                self.update(action)
            }
            PaletteOutcome::OpenSaved(i) => {
                let name = palette.entry(i).saved.clone().unwrap_or_default();
                self.mode = Mode::Normal;
                self.open_saved_view_named(&name)
            }
            PaletteOutcome::Save => {
                let name = palette.save_name().unwrap_or_default().to_string();
                self.mode = Mode::Normal;
                self.save_view(&name)
            }
        }
    }

    /// Takes the search engine when its thread is done (called when idle).
    pub(super) fn poll_search(&mut self) {
        if let Mode::Search(search) = &mut self.mode {
            search.poll();
        }
    }

    /// Waits for the search engine and the results of the query typed
    /// (tests and scripted runs only: the UI never waits, it polls).
    pub fn wait_for_search(&mut self) {
        if let Mode::Search(search) = &mut self.mode {
            search.settle(std::time::Duration::from_secs(10));
        }
    }

    /// How long the event loop may wait for input before looking again: a
    /// moment while search results are on their way, so they show at once.
    pub fn idle_wait(&self, tick: std::time::Duration) -> std::time::Duration {
        match &self.mode {
            Mode::Search(search) if !search.is_current() => std::time::Duration::from_millis(5),
            // The detail pane's suggestions wait only for the keys already typed.
            _ if self.detail_pending() => std::time::Duration::ZERO,
            _ => tick,
        }
    }
}
