//! The kanban board's state: one windowed list per column and which column
//! has the focus. Declined, duplicate and snoozed items are off the board.

use super::list_window::ListWindow;
use crate::domain::Status;
use crate::store::{ListSource, Store, StoreError};

/// The board's columns, left to right.
pub const COLUMNS: [Status; 5] = [
    Status::Triaged,
    Status::Accepted,
    Status::InProgress,
    Status::Waiting,
    Status::Resolved,
];

pub struct Board {
    pub columns: Vec<ListWindow>,
    pub focus: usize,
}

impl Default for Board {
    fn default() -> Self {
        Board {
            columns: COLUMNS
                .iter()
                .map(|s| ListWindow::new(ListSource::Column(*s)))
                .collect(),
            focus: 0,
        }
    }
}

impl Board {
    pub fn focused(&self) -> &ListWindow {
        &self.columns[self.focus]
    }

    pub fn focused_mut(&mut self) -> &mut ListWindow {
        &mut self.columns[self.focus]
    }

    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.columns.iter_mut().try_for_each(|c| c.reload(store))
    }

    pub fn set_height(&mut self, store: &Store, cards: usize) -> Result<(), StoreError> {
        self.columns.iter_mut().try_for_each(|c| c.set_height(store, cards))
    }

    /// The status of the column `delta` steps from the focused one, if any.
    pub fn neighbour(&self, delta: isize) -> Option<Status> {
        self.focus
            .checked_add_signed(delta)
            .and_then(|i| COLUMNS.get(i))
            .copied()
    }

    pub fn column_of(status: Status) -> Option<usize> {
        COLUMNS.iter().position(|s| *s == status)
    }
}
