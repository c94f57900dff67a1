//! A scrolling window over one list: the inbox, a board column, or the
//! at-risk queue. Selection and scroll offset are absolute positions; rows
//! come first from a `pinned` prefix whose ids are held in memory (breached
//! S1/S2 items at the top of the inbox, or the whole at-risk queue), then from
//! the store. Of both, only the rows in a window around the visible page are
//! ever loaded, so moving through 100k items costs the same as through 100.

use crate::domain::ItemId;
use crate::store::{ItemRow, ListSource, Store, StoreError};

/// Rows loaded beyond the visible page on each side, so that small moves do
/// not query the store.
const MARGIN_PAGES: usize = 1;

#[derive(Debug)]
pub struct ListWindow {
    /// `None`: the list is only the pinned rows.
    source: Option<ListSource>,
    pinned_ids: Vec<ItemId>,
    /// Rows of `pinned_ids[pinned_start..]` around the page; `None` for an
    /// item deleted since the ids were set.
    pinned_rows: Vec<Option<ItemRow>>,
    pinned_start: usize,
    /// Rows from the store (after the pinned ones).
    stored: usize,
    rows: Vec<ItemRow>,
    /// Absolute position of `rows[0]`.
    window_start: usize,
    selected: usize,
    offset: usize,
    height: usize,
}

impl ListWindow {
    pub fn new(source: ListSource) -> ListWindow {
        ListWindow::with(Some(source))
    }

    /// A list held entirely in memory (set with [`ListWindow::set_pinned`]).
    pub fn in_memory() -> ListWindow {
        ListWindow::with(None)
    }

    fn with(source: Option<ListSource>) -> ListWindow {
        ListWindow {
            source,
            pinned_ids: Vec::new(),
            pinned_rows: Vec::new(),
            pinned_start: 0,
            stored: 0,
            rows: Vec::new(),
            window_start: 0,
            selected: 0,
            offset: 0,
            height: 1,
        }
    }

    /// Rows shown first, ahead of the store's; takes effect on `reload`.
    pub fn set_pinned(&mut self, ids: Vec<ItemId>) {
        self.pinned_ids = ids;
        self.pinned_rows.clear();
    }

    /// The ids of the pinned rows, in order (the whole of an in-memory list).
    pub fn pinned_ids(&self) -> &[ItemId] {
        &self.pinned_ids
    }

    pub fn pinned_len(&self) -> usize {
        self.pinned_ids.len()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn len(&self) -> usize {
        self.pinned_ids.len() + self.stored
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn row(&self, index: usize) -> Option<&ItemRow> {
        match index.checked_sub(self.pinned_ids.len()) {
            None => self.pinned_rows.get(index.checked_sub(self.pinned_start)?)?.as_ref(),
            Some(i) => self.rows.get(i.checked_sub(self.window_start)?),
        }
    }

    pub fn selected_row(&self) -> Option<&ItemRow> {
        self.row(self.selected)
    }

    /// The rows on screen, from `offset` for at most `height` rows.
    pub fn visible(&self) -> Vec<&ItemRow> {
        (self.offset..(self.offset + self.height).min(self.len()))
            .filter_map(|i| self.row(i))
            .collect()
    }

    /// Re-reads the count and the window, e.g. after a write. The selection
    /// keeps its position (so after triaging an item the next one is selected).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.stored = match self.source {
            Some(source) => store.list_count(source, &self.pinned_ids)?,
            None => 0,
        };
        self.selected = self.selected.min(self.len().saturating_sub(1));
        self.load_window(store)
    }

    /// Sets how many rows fit on screen; reloads only if the window no longer
    /// covers the page.
    pub fn set_height(&mut self, store: &Store, height: usize) -> Result<(), StoreError> {
        let height = height.max(1);
        if height != self.height {
            self.height = height;
            self.ensure_visible(store)?;
        }
        Ok(())
    }

    pub fn select(&mut self, store: &Store, index: usize) -> Result<(), StoreError> {
        self.selected = index.min(self.len().saturating_sub(1));
        self.ensure_visible(store)
    }

    /// Selects the item with this id if the list holds it; says whether it did.
    pub fn select_id(&mut self, store: &Store, id: ItemId) -> Result<bool, StoreError> {
        let position = match self.pinned_ids.iter().position(|p| *p == id) {
            Some(pos) => Some(pos),
            None => match self.source {
                Some(source) => store
                    .list_position(source, &self.pinned_ids, id)?
                    .map(|p| p + self.pinned_ids.len()),
                None => None,
            },
        };
        match position {
            Some(pos) => self.select(store, pos).map(|()| true),
            None => Ok(false),
        }
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn step(&mut self, store: &Store, delta: isize) -> Result<(), StoreError> {
        self.select(store, self.selected.saturating_add_signed(delta))
    }

    pub fn page(&self) -> usize {
        self.height
    }

    fn ensure_visible(&mut self, store: &Store) -> Result<(), StoreError> {
        self.clamp_offset();
        let pinned = self.pinned_ids.len();
        let first_stored = self.offset.max(pinned) - pinned;
        let last_stored = (self.offset + self.height).min(self.len()).saturating_sub(pinned);
        let window_end = self.window_start + self.rows.len();
        let (first_pinned, last_pinned) = (self.offset.min(pinned), (self.offset + self.height).min(pinned));
        let pinned_end = self.pinned_start + self.pinned_rows.len();
        if (last_stored > first_stored && (first_stored < self.window_start || last_stored > window_end))
            || (last_pinned > first_pinned && (first_pinned < self.pinned_start || last_pinned > pinned_end))
        {
            self.load_window(store)?;
        }
        Ok(())
    }

    /// Keeps the selection on the page and the page full.
    fn clamp_offset(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.height {
            self.offset = self.selected + 1 - self.height;
        }
        self.offset = self.offset.min(self.len().saturating_sub(self.height));
    }

    fn load_window(&mut self, store: &Store) -> Result<(), StoreError> {
        self.clamp_offset();
        self.load_pinned(store)?;
        let Some(source) = self.source else {
            self.rows.clear();
            return Ok(());
        };
        let first_stored = self.offset.saturating_sub(self.pinned_ids.len());
        self.window_start = first_stored.saturating_sub(self.height * MARGIN_PAGES);
        let limit = self.height * (1 + 2 * MARGIN_PAGES);
        self.rows = store.list_window(source, &self.pinned_ids, self.window_start, limit)?;
        Ok(())
    }

    /// Loads the pinned rows of the window around the page (the same margin
    /// as the stored rows), by id.
    fn load_pinned(&mut self, store: &Store) -> Result<(), StoreError> {
        let pinned = self.pinned_ids.len();
        let margin = self.height * MARGIN_PAGES;
        let start = self.offset.saturating_sub(margin).min(pinned);
        let end = (self.offset + self.height + margin).min(pinned);
        self.pinned_start = start;
        self.pinned_rows = store.rows_by_ids(&self.pinned_ids[start..end])?;
        Ok(())
    }
}
