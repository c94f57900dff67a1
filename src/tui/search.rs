//! The `/` overlay's state: the query and the results grouped by kind. The
//! engine lives on a worker thread (it is built there from the store, so
//! opening search never waits): each key sends the query, the worker answers
//! only the newest one it has (superseded queries are dropped unanswered),
//! and the overlay shows an answer only if it is for the query on screen.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::search::{Engine, Hit, Kind, docs};
use crate::store::Store;

/// How many results of each kind are shown.
pub const LIMIT: usize = 12;

/// How long a key waits for its own results before the frame is drawn
/// without them (they are shown when they arrive): under one frame.
const KEY_WAIT: Duration = Duration::from_millis(12);
/// How long Enter waits for the results of the query on screen, so it never
/// jumps to a result of an older query.
const ENTER_WAIT: Duration = Duration::from_millis(1500);

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

/// What the worker sends back.
enum Reply {
    /// The engine is built over this many objects.
    Ready(usize),
    Failed(String),
    Results(String, Vec<Shown>),
}

pub struct SearchView {
    pub query: String,
    /// How many objects are searched, once the engine is built.
    size: Option<usize>,
    to_worker: Sender<String>,
    from_worker: Receiver<Reply>,
    /// The query of the results shown (they may lag the typed one).
    answered: String,
    /// Results grouped by kind (items first), best first within a kind.
    pub results: Vec<Shown>,
    pub selected: usize,
    pub error: Option<String>,
}

impl SearchView {
    /// Starts reading the store at `path` into an engine on the worker.
    pub fn start(path: PathBuf) -> SearchView {
        SearchView::spawn(move || {
            Store::open(&path)
                .and_then(|store| docs::collect(&store))
                .map(Engine::new)
                .map_err(|e| e.to_string())
        })
    }

    /// Over an engine built already (tests, benchmarks).
    pub fn with_engine(engine: Engine) -> SearchView {
        SearchView::spawn(move || Ok(engine))
    }

    fn spawn(build: impl FnOnce() -> Result<Engine, String> + Send + 'static) -> SearchView {
        let (to_worker, queries) = mpsc::channel::<String>();
        let (replies, from_worker) = mpsc::channel();
        std::thread::spawn(move || match build() {
            Ok(engine) => {
                // The overlay may be closed already; then nobody listens.
                if replies.send(Reply::Ready(engine.len())).is_ok() {
                    serve(engine, &queries, &replies);
                }
            }
            Err(e) => {
                let _ = replies.send(Reply::Failed(e));
            }
        });
        SearchView {
            query: String::new(),
            size: None,
            to_worker,
            from_worker,
            answered: String::new(),
            results: Vec::new(),
            selected: 0,
            error: None,
        }
    }

    /// How many objects are searched, once the engine is there.
    pub fn size(&self) -> Option<usize> {
        self.size
    }

    /// Whether the results shown are for the query on screen.
    pub fn is_current(&self) -> bool {
        self.answered == self.query || self.size.is_none()
    }

    /// Takes what the worker sent; says whether anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        loop {
            match self.from_worker.try_recv() {
                Ok(reply) => changed |= self.take(reply),
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    if self.size.is_none() && self.error.is_none() {
                        self.error = Some("search is unavailable: the index could not be built".into());
                        changed = true;
                    }
                    return changed;
                }
            }
        }
    }

    /// Waits up to `timeout` for the results of the query on screen (or for
    /// the engine, before it is built).
    pub fn settle(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.error.is_none() && (self.size.is_none() || !self.is_current()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_worker.recv_timeout(left) {
                Ok(reply) => {
                    self.take(reply);
                }
                Err(RecvTimeoutError::Timeout) => return,
                Err(RecvTimeoutError::Disconnected) => {
                    self.poll();
                    return;
                }
            }
        }
    }

    fn take(&mut self, reply: Reply) -> bool {
        match reply {
            Reply::Ready(n) => {
                self.size = Some(n);
                self.ask();
            }
            Reply::Failed(e) => self.error = Some(format!("search is unavailable: {e}")),
            // An answer to an older query: a newer one is on its way.
            Reply::Results(query, _) if query != self.query => return false,
            Reply::Results(query, results) => {
                self.answered = query;
                self.results = results;
                self.selected = 0;
            }
        }
        true
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> SearchOutcome {
        match key.code {
            KeyCode::Esc => return SearchOutcome::Cancel,
            KeyCode::Enter => {
                self.settle(ENTER_WAIT);
                return match self.results.get(self.selected) {
                    Some(s) if self.is_current() => SearchOutcome::Jump(s.kind, s.id),
                    _ => SearchOutcome::Editing,
                };
            }
            KeyCode::Down | KeyCode::Tab => self.step(1),
            KeyCode::Up | KeyCode::BackTab => self.step(-1),
            KeyCode::Char('n' | 'j') if key.modifiers.contains(KeyModifiers::CONTROL) => self.step(1),
            KeyCode::Char('p' | 'k') if key.modifiers.contains(KeyModifiers::CONTROL) => self.step(-1),
            KeyCode::Backspace => {
                self.query.pop();
                self.changed();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.push(c);
                self.changed();
            }
            _ => {}
        }
        SearchOutcome::Editing
    }

    fn step(&mut self, delta: isize) {
        let last = self.results.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The query changed: ask the worker, and give it a moment, so a quick
    /// answer is in this very frame.
    fn changed(&mut self) {
        self.ask();
        if self.size.is_some() {
            self.settle(KEY_WAIT);
        }
    }

    fn ask(&mut self) {
        if self.size.is_some() {
            // A send fails only if the worker is gone; `poll` reports that.
            let _ = self.to_worker.send(self.query.clone());
        }
    }
}

/// The worker's loop: answer the newest query waiting, until the overlay
/// closes (its end of the channel drops).
fn serve(mut engine: Engine, queries: &Receiver<String>, replies: &Sender<Reply>) {
    while let Ok(mut query) = queries.recv() {
        // Keys typed while the last query ran: only the newest matters.
        while let Ok(newer) = queries.try_recv() {
            query = newer;
        }
        let results = results(&mut engine, &query);
        if replies.send(Reply::Results(query, results)).is_err() {
            return;
        }
    }
}

/// The engine's hits for `query`, grouped by kind (items first), best first
/// within a kind.
pub fn results(engine: &mut Engine, query: &str) -> Vec<Shown> {
    let hits = engine.search(query, LIMIT);
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
    results
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
        view.settle(Duration::from_secs(5));
    }

    fn ready(docs: Vec<Doc>) -> SearchView {
        let mut view = SearchView::with_engine(Engine::new(docs));
        view.settle(Duration::from_secs(5));
        assert!(view.size().is_some());
        view
    }

    #[test]
    fn results_are_grouped_by_kind_and_enter_jumps_to_the_selected_one() {
        let mut view = ready(vec![
            doc(Kind::Bet, 7, "Invoice rebuild"),
            doc(Kind::Item, 1, "invoice wrong"),
            doc(Kind::Theme, 3, "Invoices"),
            doc(Kind::Item, 2, "login"),
        ]);
        typed(&mut view, "invoice");
        let kinds: Vec<Kind> = view.results.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Item, Kind::Theme, Kind::Bet]);
        for _ in 0..3 {
            view.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        }
        assert_eq!(
            view.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            SearchOutcome::Jump(Kind::Bet, 7)
        );
        view.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(view.query, "invoic");
        view.settle(Duration::from_secs(5));
        assert_eq!(view.selected, 0);
    }

    #[test]
    fn keys_typed_before_the_engine_is_ready_are_searched_when_it_is() {
        let (tx, rx) = mpsc::channel::<()>();
        let mut view = SearchView::spawn(move || {
            // The engine is "built" only once the test has typed.
            let _ = rx.recv();
            Ok(Engine::new(vec![doc(Kind::Item, 1, "okta redirect")]))
        });
        for c in "okta".chars() {
            view.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert!(view.size().is_none() && view.results.is_empty());
        tx.send(()).unwrap();
        view.settle(Duration::from_secs(5));
        assert_eq!(view.results.len(), 1);
        assert!(view.is_current());
    }

    #[test]
    fn the_worker_answers_only_the_newest_query_and_stale_answers_are_not_shown() {
        let (queries_tx, queries) = mpsc::channel::<String>();
        let (replies, from_worker) = mpsc::channel();
        for q in ["i", "in", "inv"] {
            queries_tx.send(q.to_string()).unwrap();
        }
        drop(queries_tx);
        serve(Engine::new(vec![doc(Kind::Item, 1, "invoice")]), &queries, &replies);
        let answered: Vec<String> = from_worker
            .try_iter()
            .filter_map(|r| match r {
                Reply::Results(q, _) => Some(q),
                _ => None,
            })
            .collect();
        assert_eq!(answered, ["inv"], "superseded queries are dropped");

        let mut view = ready(vec![doc(Kind::Item, 1, "invoice")]);
        view.query = "inv".into();
        assert!(!view.take(Reply::Results("in".into(), Vec::new())), "a stale answer");
        assert!(!view.is_current());
    }
}
