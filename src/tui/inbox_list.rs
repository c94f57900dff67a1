//! The inbox as a scrolling window over the store: the selection and scroll
//! offset are absolute positions, but only a window of rows around what is
//! visible is ever loaded, so opening or moving through 100k items costs the
//! same as through 100.

use crate::store::{InboxCounts, InboxRow, Store, StoreError};

/// Rows loaded beyond the visible page on each side, so that small moves do
/// not query the store.
const MARGIN_PAGES: usize = 1;

#[derive(Debug, Default)]
pub struct InboxList {
    pub counts: InboxCounts,
    rows: Vec<InboxRow>,
    window_start: usize,
    selected: usize,
    offset: usize,
    height: usize,
}

impl InboxList {
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn len(&self) -> usize {
        self.counts.open
    }

    pub fn is_empty(&self) -> bool {
        self.counts.open == 0
    }

    pub fn selected_row(&self) -> Option<&InboxRow> {
        self.rows.get(self.selected.checked_sub(self.window_start)?)
    }

    /// The rows on screen, from `offset` for at most `height` rows.
    pub fn visible(&self) -> &[InboxRow] {
        let start = self.offset.saturating_sub(self.window_start).min(self.rows.len());
        let end = (start + self.height).min(self.rows.len());
        &self.rows[start..end]
    }

    /// Re-reads counts and the window, e.g. after a write. The selection keeps
    /// its position (so after triaging an item the next one is selected).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.counts = store.inbox_counts()?;
        self.selected = self.selected.min(self.counts.open.saturating_sub(1));
        self.load_window(store)
    }

    /// Sets how many rows fit on screen; reloads only if the window no longer
    /// covers the page.
    pub fn set_height(&mut self, store: &Store, height: usize) -> Result<(), StoreError> {
        if height != self.height {
            self.height = height.max(1);
            self.ensure_visible(store)?;
        }
        Ok(())
    }

    pub fn select(&mut self, store: &Store, index: usize) -> Result<(), StoreError> {
        self.selected = index.min(self.counts.open.saturating_sub(1));
        self.ensure_visible(store)
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn step(&mut self, store: &Store, delta: isize) -> Result<(), StoreError> {
        let target = self.selected.saturating_add_signed(delta);
        self.select(store, target)
    }

    pub fn page(&self) -> usize {
        self.height.max(1)
    }

    fn ensure_visible(&mut self, store: &Store) -> Result<(), StoreError> {
        let height = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        // Keep the page full when the list shrank underneath it.
        self.offset = self.offset.min(self.counts.open.saturating_sub(height));
        let window_end = self.window_start + self.rows.len();
        let page_end = (self.offset + height).min(self.counts.open);
        if self.offset < self.window_start || page_end > window_end {
            self.load_window(store)?;
        }
        Ok(())
    }

    fn load_window(&mut self, store: &Store) -> Result<(), StoreError> {
        let height = self.height.max(1);
        self.offset = self.offset.min(self.counts.open.saturating_sub(height));
        if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        } else if self.selected < self.offset {
            self.offset = self.selected;
        }
        self.window_start = self.offset.saturating_sub(height * MARGIN_PAGES);
        let limit = height * (1 + 2 * MARGIN_PAGES);
        self.rows = store.inbox_window(self.window_start, limit)?;
        Ok(())
    }
}
