//! The mouse: a click selects a row, a card or a view tab; the wheel moves
//! the selection like `j`/`k`. Only on the plain screen — overlays and forms
//! are keyboard-only, so a stray click never submits anything.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Mode};
use super::views::hit::{Target, target};
use crate::store::StoreError;

impl App {
    /// Handles one mouse event on a screen of size `area`.
    pub fn handle_mouse(&mut self, event: MouseEvent, area: Rect) {
        if !matches!(self.mode, Mode::Normal) || self.counts.total == 0 {
            return;
        }
        let result = match event.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => self.click(target(self, area, event.column, event.row)),
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn click(&mut self, target: Option<Target>) -> Result<(), StoreError> {
        match target {
            Some(Target::Tab(view)) => self.show_view(view),
            Some(Target::Row(i)) => {
                let (list, store) = self.list_mut();
                list.select(store, i)?;
                self.load_detail(false)
            }
            Some(Target::Card(column, i)) => {
                self.board.focus = column;
                let (list, store) = self.list_mut();
                list.select(store, i)?;
                self.load_detail(false)
            }
            None => Ok(()),
        }
    }
}
