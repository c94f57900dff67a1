//! Patterns in the board: likely duplicates of the selected item (from the
//! similarity index, built on a background thread so start-up never waits
//! for it) and `m`, which marks the selected or marked items as duplicates
//! of a canonical item picked from the suggestions or from every item.

use std::path::PathBuf;
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
    building: Option<Receiver<Result<Index, String>>>,
}

impl Similarity {
    /// Starts building the index from every item, on its own connection.
    pub fn start(path: PathBuf) -> Similarity {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let built = Store::open(&path)
                .and_then(|store| store.list_items(&Default::default()))
                .map(|items| Index::build(items.iter().map(Doc::from_item).collect::<Vec<_>>().iter()))
                .map_err(|e| e.to_string());
            // The app may be gone already; then nobody needs the index.
            let _ = tx.send(built);
        });
        Similarity {
            index: None,
            building: Some(rx),
        }
    }

    pub fn ready(&self) -> bool {
        self.index.is_some()
    }

    /// Takes the index when the thread has finished; says whether it arrived.
    fn poll(&mut self) -> Result<bool, String> {
        let Some(rx) = &self.building else { return Ok(false) };
        match rx.try_recv() {
            Ok(result) => {
                self.building = None;
                self.index = Some(result?);
                Ok(true)
            }
            Err(TryRecvError::Empty) => Ok(false),
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

impl App {
    /// Picks up the index once built, adding items captured meanwhile.
    pub(super) fn poll_similarity(&mut self) {
        match self.similarity.poll() {
            Ok(false) => {}
            Ok(true) => {
                let missing = self.store.list_items(&Default::default()).map(|items| {
                    for item in items {
                        self.upsert_doc(&item);
                    }
                });
                let ready = missing.and_then(|()| self.reload_themes());
                if let Err(e) = ready.and_then(|()| self.load_detail(true)) {
                    self.fail(e);
                }
            }
            Err(e) => self.fail(StoreError::invalid("similarity", e)),
        }
    }

    /// Adds or refreshes one item in the index after a capture or an edit.
    pub(super) fn upsert_doc(&mut self, item: &crate::domain::Item) {
        if let Some(index) = &mut self.similarity.index {
            let doc = Doc::from_item(item);
            if index.contains(doc.id) {
                index.update(&doc)
            } else {
                index.insert(&doc)
            }
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
