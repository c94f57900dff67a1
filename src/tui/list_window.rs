//! A scrolling window over one list in the store (the inbox or a board
//! column): selection and scroll offset are absolute positions, but only a
//! window of rows around what is visible is loaded, so moving through 100k
//! items costs the same as through 100.

use crate::domain::ItemId;
use crate::store::{ItemRow, ListSource, Store, StoreError};

/// Rows loaded beyond the visible page on each side, so that small moves do
/// not query the store.
const MARGIN_PAGES: usize = 1;

#[derive(Debug)]
pub struct ListWindow {
    source: ListSource,
    len: usize,
    rows: Vec<ItemRow>,
    window_start: usize,
    selected: usize,
    offset: usize,
    height: usize,
}

impl ListWindow {
    pub fn new(source: ListSource) -> ListWindow {
        ListWindow {
            source,
            len: 0,
            rows: Vec::new(),
            window_start: 0,
            selected: 0,
            offset: 0,
            height: 1,
        }
    }

    pub fn source(&self) -> ListSource {
        self.source
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn selected_row(&self) -> Option<&ItemRow> {
        self.rows.get(self.selected.checked_sub(self.window_start)?)
    }

    /// The rows on screen, from `offset` for at most `height` rows.
    pub fn visible(&self) -> &[ItemRow] {
        let start = self.offset.saturating_sub(self.window_start).min(self.rows.len());
        let end = (start + self.height).min(self.rows.len());
        &self.rows[start..end]
    }

    /// Re-reads the count and the window, e.g. after a write. The selection
    /// keeps its position (so after triaging an item the next one is selected).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.len = store.list_count(self.source)?;
        self.selected = self.selected.min(self.len.saturating_sub(1));
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
        self.selected = index.min(self.len.saturating_sub(1));
        self.ensure_visible(store)
    }

    /// Selects the item with this id if the list holds it; says whether it did.
    pub fn select_id(&mut self, store: &Store, id: ItemId) -> Result<bool, StoreError> {
        match store.list_position(self.source, id)? {
            Some(pos) => {
                self.select(store, pos)?;
                Ok(true)
            }
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
        let window_end = self.window_start + self.rows.len();
        let page_end = (self.offset + self.height).min(self.len);
        if self.offset < self.window_start || page_end > window_end {
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
        self.offset = self.offset.min(self.len.saturating_sub(self.height));
    }

    fn load_window(&mut self, store: &Store) -> Result<(), StoreError> {
        self.clamp_offset();
        self.window_start = self.offset.saturating_sub(self.height * MARGIN_PAGES);
        let limit = self.height * (1 + 2 * MARGIN_PAGES);
        self.rows = store.list_window(self.source, self.window_start, limit)?;
        Ok(())
    }
}
