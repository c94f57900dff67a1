//! The detail pane's data: the selected item in full, read from the store
//! when the selection changes (never while drawing), and its duplicate
//! suggestions, which the event loop defers to a moment when no key waits.

use super::app::App;
use crate::domain::{Decision, Item, ItemId, SubjectKind};
use crate::similar::Suggestion;
use crate::store::StoreError;

/// The selected item in full, loaded when the selection changes (never while
/// drawing).
pub struct Detail {
    pub item: Item,
    pub decisions: Vec<Decision>,
    /// Likely duplicates (score, why) with their titles, best first.
    pub similar: Vec<(crate::similar::Suggestion, String)>,
    /// `similar` is still to be looked up (deferred while keys arrive).
    pub similar_pending: bool,
    /// Duplicates of this item: the other reports that count for it.
    pub duplicates: Vec<crate::store::DuplicateRow>,
    /// The canonical item, when this one is a duplicate.
    pub duplicate_of: Option<ItemId>,
    /// The theme the item belongs to.
    pub theme: Option<String>,
}

impl App {
    /// Loads the selected item in full. Navigation only reloads when the
    /// selection moved to another item; after a write `force` re-reads it.
    pub(super) fn load_detail(&mut self, force: bool) -> Result<(), StoreError> {
        let id = self.selected();
        if !force && self.detail.as_ref().map(|d| d.item.id) == id {
            return Ok(());
        }
        let similar = id.map(|id| self.detail_similar(id)).transpose()?;
        self.detail = match (id, similar) {
            (Some(id), Some((similar, similar_pending))) => Some(Detail {
                item: self.store.get_item(id)?,
                decisions: self.store.decisions_about(SubjectKind::Item, id.0)?,
                similar,
                similar_pending,
                duplicates: self.store.duplicates_of(id)?,
                duplicate_of: self.store.duplicate_of(id)?,
                theme: self.store.theme_of(id)?.map(|t| t.name),
            }),
            _ => None,
        };
        Ok(())
    }

    /// Turns deferred suggestions on (the event loop) or off (the default,
    /// so a test or script that feeds keys sees them at once).
    pub fn defer_suggestions(&mut self, on: bool) {
        self.similarity.deferred = on;
    }

    /// Whether the detail pane waits for its suggestions.
    pub fn detail_pending(&self) -> bool {
        self.detail.as_ref().is_some_and(|d| d.similar_pending)
    }

    /// Looks up the suggestions the detail pane is waiting for; true when it
    /// did (the screen needs a redraw).
    pub fn settle_detail(&mut self) -> bool {
        let Some(id) = self.detail.as_ref().filter(|d| d.similar_pending).map(|d| d.item.id) else {
            return false;
        };
        let found = self.similar_to(id);
        if let Some(detail) = self.detail.as_mut() {
            detail.similar_pending = false;
            match found {
                Ok(similar) => detail.similar = similar,
                Err(e) => self.fail(e),
            }
        }
        true
    }

    /// The detail pane's suggestions for `id` as loading sets them: looked
    /// up now, or (deferred) kept from the same item's previous pane, else
    /// empty, and marked pending.
    pub(super) fn detail_similar(&self, id: ItemId) -> Result<(Vec<(Suggestion, String)>, bool), StoreError> {
        if !self.similarity.deferred {
            return Ok((self.similar_to(id)?, false));
        }
        let previous = self.detail.as_ref().filter(|d| d.item.id == id);
        Ok((previous.map(|d| d.similar.clone()).unwrap_or_default(), true))
    }
}
