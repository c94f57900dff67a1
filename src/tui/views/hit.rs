//! Where a mouse click landed, computed from the same layout the drawing
//! uses: a view tab in the header, a row of the inbox or at-risk table, or
//! a card on the board.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{CHROME_ROWS, board, inbox};
use crate::tui::app::{App, View};
use crate::tui::board::COLUMNS;

/// What is under the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(View),
    /// A row of the current list, by absolute position.
    Row(usize),
    /// A board card: the column and the card's position in it.
    Card(usize, usize),
}

/// The header's first label, before the tabs (see `render_header`).
const BRAND: &str = " loopboard ";

/// What a click at (`x`, `y`) on a screen of `area` points at.
pub fn target(app: &App, area: Rect, x: u16, y: u16) -> Option<Target> {
    if y == area.y {
        return tab_at(x.checked_sub(area.x)?);
    }
    let main = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(CHROME_ROWS),
        ..area
    };
    if !main.contains((x, y).into()) {
        return None;
    }
    match app.view {
        View::Inbox | View::AtRisk => row_at(app, main, x, y),
        View::Board => card_at(app, main, x, y),
        View::Bets | View::Themes | View::Decisions | View::Dashboard => None,
    }
}

fn tab_at(x: u16) -> Option<Target> {
    let mut start = BRAND.chars().count();
    for view in View::ALL {
        // Both forms, " Title " and "[Title]", are two cells wider than the title.
        let width = view.title().chars().count() + 2;
        if (start..start + width).contains(&usize::from(x)) {
            return Some(Target::Tab(view));
        }
        start += width;
    }
    None
}

fn row_at(app: &App, main: Rect, x: u16, y: u16) -> Option<Target> {
    let (table, _) = inbox::split(main);
    // The border and the column headings come first.
    let first = table.y + 2;
    if !table.contains((x, y).into()) || y < first || y + 1 >= table.y + table.height {
        return None;
    }
    let list = app.list();
    let i = usize::from(y - first);
    (i < list.visible().len()).then(|| Target::Row(list.offset() + i))
}

fn card_at(app: &App, main: Rect, x: u16, y: u16) -> Option<Target> {
    let areas = Layout::horizontal(COLUMNS.map(|_| Constraint::Ratio(1, COLUMNS.len() as u32))).split(main);
    let column = areas.iter().position(|a| a.contains((x, y).into()))?;
    let inner_y = areas[column].y + 1;
    let j = usize::from(y.checked_sub(inner_y)? / board::CARD_HEIGHT);
    let list = app.board.columns.get(column)?;
    (j < list.visible().len()).then(|| Target::Card(column, list.offset() + j))
}
