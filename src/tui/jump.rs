//! Going somewhere: to a view by name (`view board` in the config or the
//! palette), and to one object inside its view (a search result).

use super::app::{App, View};
use crate::store::StoreError;

impl App {
    /// Shows `view`, reloaded the way Tab would.
    pub(super) fn show_view(&mut self, view: View) -> Result<(), StoreError> {
        self.view = view;
        self.reload_themes()?;
        self.ensure_lazy_views()?;
        self.load_detail(true)
    }
}

impl App {
    /// Shows the object a search result names, selected in its view.
    pub(super) fn jump_to(&mut self, kind: crate::search::Kind, id: i64) -> Result<(), StoreError> {
        use crate::search::Kind;
        match kind {
            Kind::Item => self.jump_to_item(crate::domain::ItemId(id)),
            Kind::Theme => {
                self.show_view(View::Themes)?;
                if let Some(i) = self.themes.themes.iter().position(|t| t.theme.id.0 == id) {
                    self.themes.selected = i;
                }
                Ok(())
            }
            Kind::Bet => self.jump_to_bet(|b| b.id.0 == id),
            Kind::Hypothesis => self.jump_to_bet(|b| b.hypothesis.is_some_and(|h| h.0 == id)),
            Kind::Decision => {
                let decision = self.store.list_decisions()?.into_iter().find(|d| d.id == id);
                match decision.map(|d| (d.subject, d.subject_id)) {
                    Some((crate::domain::SubjectKind::Item, item)) => self.jump_to_item(crate::domain::ItemId(item)),
                    Some((crate::domain::SubjectKind::Bet, bet)) => self.jump_to_bet(|b| b.id.0 == bet),
                    Some((_, h)) => self.jump_to_bet(|b| b.hypothesis.is_some_and(|x| x.0 == h)),
                    None => Ok(()),
                }
            }
        }
    }

    /// The inbox for open items, else the board column of its status.
    fn jump_to_item(&mut self, id: crate::domain::ItemId) -> Result<(), StoreError> {
        let status = self.store.get_item(id)?.status;
        self.show_view(View::Inbox)?;
        if self.inbox.select_id(&self.store, id)? {
            return self.load_detail(true);
        }
        if let Some(column) = super::board::Board::column_of(status) {
            self.board.focus = column;
            self.show_view(View::Board)?;
            if self.board.focused_mut().select_id(&self.store, id)? {
                return self.load_detail(true);
            }
        }
        self.info(format!("#{} is {}: it is on no list", id.0, status.as_str()));
        Ok(())
    }

    fn jump_to_bet(&mut self, wanted: impl Fn(&crate::domain::Bet) -> bool) -> Result<(), StoreError> {
        self.show_view(View::Bets)?;
        match self.bets.rows.iter().position(|r| wanted(&r.bet)) {
            Some(i) => self.bets.selected = i,
            None => self.info("no bet rests on that hypothesis yet".to_string()),
        }
        Ok(())
    }
}
