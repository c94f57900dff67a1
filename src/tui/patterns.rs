//! Patterns in the board: likely duplicates of the selected item (from the
//! similarity index, built on a background thread that starts once the first
//! frame is on screen, so start-up neither waits nor competes for it) and
//! `m`, which marks the selected or marked items as duplicates of a canonical
//! item picked from the suggestions or from every item.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::app::{App, Mode};
use super::picker::{PickOption, PickPurpose, Picker};
use super::prompt::describe;
use crate::domain::ItemId;
use crate::similar::{Doc, Index, Suggestion};
use crate::store::{Store, StoreError};

/// Suggestions at or above this score are listed in the detail pane as
/// "similar"; those at or above `similar::SHOW_THRESHOLD` are called likely
/// duplicates. The lower floor shows close reports that differ in length,
/// which the index scores lower (see BENCHMARKS.md).
pub const DETAIL_FLOOR: f32 = 0.2;

/// How many suggestions the detail pane and the picker start with.
const SUGGESTIONS: usize = 5;

/// The similarity index, or the thread still building it.
#[derive(Default)]
pub struct Similarity {
    index: Option<Index>,
    building: Option<Receiver<Result<Built, String>>>,
    /// Tells the building thread to stop (set when the app goes away).
    cancel: Arc<AtomicBool>,
    /// Items captured or edited while the index was building.
    touched: BTreeSet<i64>,
    /// The event loop sets this: the detail pane's suggestions are then
    /// looked up when no key is waiting (`settle_detail`), not on the
    /// keystroke that moved the selection, so holding `j` never waits on them.
    pub(super) deferred: bool,
    /// The database to build from, until the build starts: the thread reads
    /// every item at full speed on one of the cores, so it waits for the
    /// first frame (`App::start_background`) instead of slowing it down.
    pending: Option<PathBuf>,
}

/// What the building thread hands over: the index and the last item id it
/// read, so items added after it can be caught up without re-reading all.
struct Built {
    index: Index,
    last_id: i64,
}

impl Drop for Similarity {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Similarity {
    /// An index to build from every item of `path`, on its own connection,
    /// once `start_pending` is called (or at the first `poll`).
    pub fn later(path: PathBuf) -> Similarity {
        Similarity {
            index: None,
            building: None,
            cancel: Arc::default(),
            touched: BTreeSet::new(),
            deferred: false,
            pending: Some(path),
        }
    }

    /// Starts the build if it has not started yet.
    pub(super) fn start_pending(&mut self) {
        if let Some(path) = self.pending.take() {
            let (rx, cancel) = spawn_build(path);
            self.building = Some(rx);
            self.cancel = cancel;
        }
    }

    /// Whether the build has started (or finished).
    pub fn started(&self) -> bool {
        self.pending.is_none()
    }

    pub fn ready(&self) -> bool {
        self.index.is_some()
    }

    /// Takes the index when the thread has finished; returns the last item
    /// id it read when it arrived.
    fn poll(&mut self) -> Result<Option<i64>, String> {
        self.start_pending();
        let Some(rx) = &self.building else { return Ok(None) };
        match rx.try_recv() {
            Ok(result) => {
                self.building = None;
                let built = result?;
                self.index = Some(built.index);
                Ok(Some(built.last_id))
            }
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => {
                self.building = None;
                Err("the similarity index could not be built".to_string())
            }
        }
    }

    /// The index, once built.
    pub fn index(&self) -> Option<&Index> {
        self.index.as_ref()
    }

    pub fn suggest(&self, id: ItemId, limit: usize) -> Vec<Suggestion> {
        self.index.as_ref().map(|i| i.suggest(id.0, limit)).unwrap_or_default()
    }
}

/// The building thread: items are streamed one at a time, so memory holds
/// the index and nothing else (a `Vec` of every item would double the peak);
/// the index gives back its growth slack before it is handed over.
fn spawn_build(path: PathBuf) -> (Receiver<Result<Built, String>>, Arc<AtomicBool>) {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&cancel);
    std::thread::spawn(move || {
        let mut built = Built {
            index: Index::new(),
            last_id: 0,
        };
        let result = Store::open(&path).and_then(|store| {
            store.for_each_item(0, |item| {
                built.last_id = item.id.0;
                built.index.insert(&Doc::from_item(&item));
                !stop.load(Ordering::Relaxed)
            })
        });
        built.index.shrink();
        // The app may be gone already; then nobody needs the index.
        let _ = tx.send(result.map(|()| built).map_err(|e| e.to_string()));
    });
    (rx, cancel)
}

impl App {
    /// Starts the work that waits for the first frame: building the
    /// similarity index (the event loop calls this after every draw; only
    /// the first call does anything).
    pub fn start_background(&mut self) {
        self.similarity.start_pending();
    }

    /// Picks up the index once built, adding items captured or edited
    /// meanwhile: those after the last id the thread read, and those this
    /// session touched (not every item again: at 100k that froze the UI).
    pub(super) fn poll_similarity(&mut self) {
        match self.similarity.poll() {
            Ok(None) => {}
            Ok(Some(last_id)) => {
                let mut fresh = Vec::new();
                let read = self.store.for_each_item(last_id, |item| {
                    fresh.push(item);
                    true
                });
                let touched = std::mem::take(&mut self.similarity.touched);
                let caught_up = read.and_then(|()| {
                    for id in touched {
                        fresh.push(self.store.get_item(ItemId(id))?);
                    }
                    Ok(())
                });
                for item in &fresh {
                    self.upsert_doc(item);
                }
                let ready = caught_up.and_then(|()| self.reload_themes());
                if let Err(e) = ready.and_then(|()| self.load_detail(true)) {
                    self.fail(e);
                }
            }
            Err(e) => self.fail(StoreError::invalid("similarity", e)),
        }
    }

    /// Adds or refreshes one item in the index after a capture or an edit
    /// (remembered for later while the index is still building).
    pub(super) fn upsert_doc(&mut self, item: &crate::domain::Item) {
        match &mut self.similarity.index {
            Some(index) => index.insert(&Doc::from_item(item)),
            None => {
                self.similarity.touched.insert(item.id.0);
            }
        }
    }

    /// Whether the background similarity index has arrived (benchmarks wait
    /// for it before measuring what depends on it).
    pub fn similarity_ready(&self) -> bool {
        self.similarity.ready()
    }

    /// Whether the background build has been started (it waits for the
    /// first frame).
    pub fn similarity_started(&self) -> bool {
        self.similarity.started()
    }

    /// The duplicate suggestions the detail pane shows for the selected item
    /// (what a selection change costs once the index is built).
    pub fn similar_to_selected(&self) -> Result<Vec<(Suggestion, String)>, StoreError> {
        match self.selected() {
            Some(id) => self.similar_to(id),
            None => Ok(Vec::new()),
        }
    }

    /// The detail pane's similar items: (suggestion, title), best first.
    pub(super) fn similar_to(&self, id: ItemId) -> Result<Vec<(Suggestion, String)>, StoreError> {
        let mut out = Vec::new();
        for s in self
            .similarity
            .suggest(id, SUGGESTIONS)
            .into_iter()
            .filter(|s| s.score >= DETAIL_FLOOR)
        {
            let title = self.store.get_item(ItemId(s.id))?.title;
            out.push((s, title));
        }
        Ok(out)
    }

    /// `m`: the picker over the suggestions first, then every other item.
    pub(super) fn open_duplicate_picker(&mut self) -> Result<(), StoreError> {
        let targets = self.targets();
        let Some(&first) = targets.first() else { return Ok(()) };
        let mut options = Vec::new();
        for s in self.similarity.suggest(first, SUGGESTIONS) {
            let item = self.store.get_item(ItemId(s.id))?;
            let note = format!("{:.2} · {}", s.score, item.customer.unwrap_or_default());
            options.push(PickOption {
                label: format!("#{} {}", item.id.0, item.title),
                note,
                value: s.id.to_string(),
            });
        }
        for item in self.store.list_items(&Default::default())? {
            let value = item.id.0.to_string();
            if targets.contains(&item.id) || options.iter().any(|o| o.value == value) {
                continue;
            }
            let note = item.customer.unwrap_or_default();
            options.push(PickOption {
                label: format!("#{} {}", item.id.0, item.title),
                note,
                value,
            });
        }
        self.mode = Mode::Pick(Box::new(Picker::new(PickPurpose::Duplicate, targets, options)));
        Ok(())
    }

    pub(super) fn submit_duplicate(&mut self, targets: &[ItemId], value: &str) -> Result<String, StoreError> {
        let canonical = value
            .parse::<i64>()
            .map(ItemId)
            .map_err(|_| StoreError::invalid("duplicate", format!("{value:?} is not an item")))?;
        let (user, now) = (self.user.clone(), self.clock.now());
        let root = self.store.mark_duplicate(targets, canonical, &user, now)?;
        Ok(format!("{} marked duplicate of {root}", describe(targets)))
    }
}
