//! The `/` overlay's state: the query, the search engine (built from the
//! store on a background thread, so opening search never waits), and the
//! results grouped by kind. Keys typed before the engine arrives are kept
//! and searched as soon as it does.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::search::{Engine, Hit, Kind, docs};
use crate::store::Store;

/// How many results of each kind are shown.
pub const LIMIT: usize = 12;

/// What a key did to the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchOutcome {
    Editing,
    Cancel,
    Jump(Kind, i64),
}

/// One result as shown: its kind and id, the text and which characters of
/// it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub kind: Kind,
    pub id: i64,
    pub hit: Hit,
}

pub struct SearchView {
    pub query: String,
    engine: Option<Engine>,
    building: Option<Receiver<Result<Engine, String>>>,
    /// Results grouped by kind (items first), best first within a kind.
    pub results: Vec<Shown>,
    pub selected: usize,
    pub error: Option<String>,
}

impl SearchView {
    /// Starts reading the store at `path` into an engine on its own thread.
    pub fn start(path: PathBuf) -> SearchView {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let built = Store::open(&path)
                .and_then(|store| docs::collect(&store))
                .map(Engine::new)
                .map_err(|e| e.to_string());
            // The overlay may be closed already; then nobody waits for it.
            let _ = tx.send(built);
        });
        SearchView::waiting(rx)
    }

    /// Over an engine built already (tests, benchmarks).
    pub fn with_engine(engine: Engine) -> SearchView {
        let mut view = SearchView::waiting(mpsc::channel().1);
        view.building = None;
        view.engine = Some(engine);
        view
    }

    fn waiting(rx: Receiver<Result<Engine, String>>) -> SearchView {
        SearchView {
            query: String::new(),
            engine: None,
            building: Some(rx),
            results: Vec::new(),
            selected: 0,
            error: None,
        }
    }

    /// How many objects are searched, once the engine is there.
    pub fn size(&self) -> Option<usize> {
        self.engine.as_ref().map(Engine::len)
    }

    /// Takes the engine when its thread is done; says whether it arrived.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.building else { return false };
        let arrived = match rx.try_recv() {
            Ok(Ok(engine)) => Some(engine),
            Ok(Err(e)) => {
                self.error = Some(format!("search is unavailable: {e}"));
                None
            }
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => None,
        };
        self.building = None;
        self.engine = arrived;
        self.refresh();
        true
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> SearchOutcome {
        match key.code {
            KeyCode::Esc => return SearchOutcome::Cancel,
            KeyCode::Enter => {
                return match self.results.get(self.selected) {
                    Some(s) => SearchOutcome::Jump(s.kind, s.id),
                    None => SearchOutcome::Editing,
                };
            }
            KeyCode::Down | KeyCode::Tab => self.step(1),
            KeyCode::Up | KeyCode::BackTab => self.step(-1),
            KeyCode::Char('n' | 'j') if key.modifiers.contains(KeyModifiers::CONTROL) => self.step(1),
            KeyCode::Char('p' | 'k') if key.modifiers.contains(KeyModifiers::CONTROL) => self.step(-1),
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
        SearchOutcome::Editing
    }

    fn step(&mut self, delta: isize) {
        let last = self.results.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn refresh(&mut self) {
        self.selected = 0;
        let Some(engine) = &mut self.engine else { return };
        let hits = engine.search(&self.query, LIMIT);
        let mut results: Vec<Shown> = hits
            .into_iter()
            .map(|hit| {
                let doc = engine.doc(hit.doc);
                Shown {
                    kind: doc.kind,
                    id: doc.id,
                    hit,
                }
            })
            .collect();
        // Stable: within a kind the engine's best-first order stays.
        results.sort_by_key(|s| s.kind);
        self.results = results;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Doc;

    fn doc(kind: Kind, id: i64, label: &str) -> Doc {
        Doc {
            kind,
            id,
            label: label.into(),
            text: label.into(),
        }
    }

    fn typed(view: &mut SearchView, text: &str) {
        for c in text.chars() {
            view.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn results_are_grouped_by_kind_and_enter_jumps_to_the_selected_one() {
        let mut view = SearchView::with_engine(Engine::new(vec![
            doc(Kind::Bet, 7, "Invoice rebuild"),
            doc(Kind::Item, 1, "invoice wrong"),
            doc(Kind::Theme, 3, "Invoices"),
            doc(Kind::Item, 2, "login"),
        ]));
        typed(&mut view, "invoice");
        let kinds: Vec<Kind> = view.results.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Item, Kind::Theme, Kind::Bet]);
        view.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        view.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        view.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(
            view.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            SearchOutcome::Jump(Kind::Bet, 7)
        );
        view.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(view.query, "invoic");
        assert_eq!(view.selected, 0);
    }
}
