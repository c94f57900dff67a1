//! `App::update`: what each action does. Writes go through store verbs, each
//! one committed transaction; then the views are reloaded from the store.
//! Write actions apply to the marked items when there are marks (after a
//! confirmation), otherwise to the selected item.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::app::{App, Mode, View};
use super::board::Board;
use super::picker::PickPurpose;
use super::prompt::{BatchOp, Pending, Prompt, Purpose, describe};
use crate::domain::{ItemId, Status};
use crate::sla;
use crate::store::StoreError;
use crate::timefmt::{Zone, local};

impl App {
    /// Performs one action. Every write is committed before this returns.
    pub fn update(&mut self, action: Action) -> Result<(), StoreError> {
        if let Some(result) = self.review_action(action) {
            return result;
        }
        if self.view == View::Bets
            && let Some(result) = self.update_bets(action)
        {
            return result;
        }
        if self.view == View::Themes
            && let Some(result) = self.themes_action(action)
        {
            return result;
        }
        if self.view == View::Decisions
            && let Some(result) = self.decisions_action(action)
        {
            return result;
        }
        let page = self.list().page() as isize;
        match action {
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.step(page),
            Action::PageUp => self.step(-page),
            Action::Top => self.select(0),
            Action::Bottom => self.select(self.list().len().saturating_sub(1)),
            Action::NextView | Action::PrevView => {
                let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
                let delta = if action == Action::NextView {
                    1
                } else {
                    View::ALL.len() - 1
                };
                self.view = View::ALL[(i + delta) % View::ALL.len()];
                self.reload_themes()?;
                self.reload_bets()?;
                self.reload_dashboard()?;
                self.ensure_lazy_views()?;
                self.load_detail(true)
            }
            Action::ShowView(view) => self.show_view(view),
            Action::Search => self.open_search(),
            Action::Palette => self.open_palette(),
            Action::Filter => self.open_filter(),
            Action::ClearFilter => self.set_filter(None),
            Action::SavedViews => self.open_saved_views(),
            Action::ColumnLeft | Action::ColumnRight => {
                let delta = if action == Action::ColumnLeft { -1 } else { 1 };
                if let Some(status) = self.board.neighbour(delta) {
                    self.board.focus = Board::column_of(status).unwrap_or(self.board.focus);
                }
                self.load_detail(false)
            }
            Action::MoveLeft | Action::MoveRight => {
                let delta = if action == Action::MoveLeft { -1 } else { 1 };
                match self.board.neighbour(delta) {
                    Some(to) => self.write(BatchOp::Status(to)),
                    None => {
                        let edge = if delta < 0 { "first" } else { "last" };
                        self.info(format!("this is the {edge} column"));
                        Ok(())
                    }
                }
            }
            Action::Open => {
                if self.detail.is_some() {
                    self.mode = Mode::Detail;
                }
                Ok(())
            }
            Action::Back => {
                if !self.marks.is_empty() {
                    self.marks.clear();
                    self.info("marks cleared".to_string());
                }
                Ok(())
            }
            Action::ToggleMark => self.toggle_mark(),
            Action::SetSeverity(sev) => self.write(BatchOp::Severity(sev)),
            Action::ConfirmSuggested => self.confirm_suggested(),
            Action::Accept => self.write(BatchOp::Status(Status::Accepted)),
            Action::Waiting => self.write(BatchOp::Status(Status::Waiting)),
            Action::Decline => self.open_prompt(Purpose::Decline),
            Action::Escalate => self.open_prompt(Purpose::Escalate),
            Action::Owner => self.open_picker(PickPurpose::Owner),
            Action::Category => self.open_picker(PickPurpose::Category),
            Action::Tags => self.open_picker(PickPurpose::Tag),
            Action::Duplicate => self.open_picker(PickPurpose::Duplicate),
            Action::Theme => self.open_picker(PickPurpose::Theme),
            // Only bound in the themes view, which handles them above.
            Action::AcceptProposal | Action::Rename | Action::Dismiss => Ok(()),
            Action::Snooze => self.open_prompt(Purpose::Snooze),
            Action::Import => self.open_import_prompt(),
            Action::NewHypothesis => self.open_hypothesis_prompt(),
            Action::StepUp
            | Action::StepDown
            | Action::Method
            | Action::Presenter
            | Action::Verdict
            | Action::NewBet
            | Action::NewDecision
            | Action::FilterDecisions
            | Action::SupersedeDecision => Ok(()),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Edit => self.request_edit(),
            Action::Capture => {
                let known = super::capture::Known {
                    customers: self.store.known_customers()?,
                    segments: self.store.known_segments()?,
                    categories: self
                        .store
                        .known(crate::store::Label::Category)?
                        .into_iter()
                        .map(|(c, _)| c)
                        .collect(),
                };
                self.mode = Mode::Capture(Box::new(super::capture::CaptureForm::new(known)));
                Ok(())
            }
            Action::StartReview => self.start_review(),
            // Only meaningful during a review, which handles them above.
            Action::ReviewNext | Action::ReviewPrev => Ok(()),
            Action::LoadDemo => {
                let summary = crate::demo::load(&mut self.store, self.clock.now())?;
                self.reload()?;
                self.info(format!("demo loaded: {} items", summary.items_new));
                Ok(())
            }
            Action::Help => {
                self.mode = Mode::Help(0);
                Ok(())
            }
            Action::Quit => {
                self.quit = true;
                Ok(())
            }
        }
    }

    /// Actions with a meaning of their own in the bets view; `None` for the
    /// ones every view shares (views, undo, help, quit).
    fn update_bets(&mut self, action: Action) -> Option<Result<(), StoreError>> {
        use crate::scoring::Direction;
        Some(match action {
            Action::Down => self.bets_step(1),
            Action::Up => self.bets_step(-1),
            Action::PageDown => self.bets_step(10),
            Action::PageUp => self.bets_step(-10),
            Action::Top => self.bets_step(isize::MIN / 2),
            Action::Bottom => self.bets_step(isize::MAX / 2),
            Action::ColumnLeft => self.bets_column(-1),
            Action::ColumnRight => self.bets_column(1),
            Action::StepUp => self.bets_adjust(Direction::Up),
            Action::StepDown => self.bets_adjust(Direction::Down),
            Action::Open => self.toggle_focus(self.bets.focus.is_none()),
            Action::Back => self.toggle_focus(false),
            Action::Method => self.bets_cycle_method(),
            Action::Presenter => {
                self.bets.presenter = !self.bets.presenter;
                let state = if self.bets.presenter {
                    "on: segments instead of customer names"
                } else {
                    "off"
                };
                self.info(format!("presenter mode {state}"));
                Ok(())
            }
            Action::Verdict => self.start_verdict(),
            Action::NewBet => self.open_bet_form(),
            Action::NewHypothesis => self.open_hypothesis_prompt(),
            _ => return None,
        })
    }

    /// The items a write applies to: the marked ones, else the selected one.
    pub(super) fn targets(&self) -> Vec<ItemId> {
        if self.marks.is_empty() {
            self.selected().into_iter().collect()
        } else {
            self.marks.iter().copied().collect()
        }
    }

    /// A write without text: at once on one item, after a confirmation on marks.
    fn write(&mut self, op: BatchOp) -> Result<(), StoreError> {
        let targets = self.targets();
        if targets.is_empty() {
            return Ok(());
        }
        if self.marks.is_empty() {
            self.apply(&Pending { op, targets })
        } else {
            self.mode = Mode::Confirm(Pending { op, targets });
            Ok(())
        }
    }

    pub(super) fn confirm_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::Confirm(pending) = &self.mode else {
            return Ok(());
        };
        let pending = pending.clone();
        match key.code {
            KeyCode::Char('y') | KeyCode::Enter => {
                self.mode = Mode::Normal;
                self.apply(&pending)?;
                self.marks.clear();
                Ok(())
            }
            KeyCode::Char('n') | KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.info("cancelled; nothing changed".to_string());
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `y`: the severity the item's own tool suggested, as if it were typed.
    fn confirm_suggested(&mut self) -> Result<(), StoreError> {
        let Some(id) = self.selected() else { return Ok(()) };
        let sev = self.store.confirm_suggested_severity(id, self.clock.now())?;
        self.reload()?;
        self.info(format!("{id} is {sev}: {}", sev.definition()));
        Ok(())
    }

    fn apply(&mut self, pending: &Pending) -> Result<(), StoreError> {
        let now = self.clock.now();
        let who = describe(&pending.targets);
        let text = match pending.op {
            BatchOp::Severity(sev) => {
                self.store.set_severity(&pending.targets, sev, now)?;
                format!("{who} is {sev}: {}", sev.definition())
            }
            BatchOp::Status(to) => {
                self.store.set_status(&pending.targets, to, now)?;
                format!("{who} moved to {}", to.label())
            }
        };
        self.reload()?;
        if let (View::Board, BatchOp::Status(to), [one]) = (self.view, pending.op, pending.targets.as_slice()) {
            // The card moved: the focus follows it to its new column.
            if let Some(col) = Board::column_of(to) {
                self.board.focus = col;
                self.board.focused_mut().select_id(&self.store, *one)?;
                self.load_detail(true)?;
            }
        }
        self.info(text);
        Ok(())
    }

    fn open_prompt(&mut self, purpose: Purpose) -> Result<(), StoreError> {
        let targets = self.targets();
        if targets.is_empty() {
            return Ok(());
        }
        self.mode = Mode::Prompt(Box::new(Prompt::new(purpose, targets)));
        Ok(())
    }

    pub(super) fn submit_prompt(&mut self, text: String) -> Result<(), StoreError> {
        let Mode::Prompt(prompt) = &self.mode else {
            return Ok(());
        };
        let (purpose, targets) = (prompt.purpose, prompt.targets.clone());
        let (now, user, who) = (self.clock.now(), self.user.clone(), describe(&targets));
        let done = match purpose {
            Purpose::Decline => self
                .store
                .decline(&targets, &text, &user, now)
                .map(|()| format!("{who} declined")),
            Purpose::Escalate => self
                .store
                .escalate(&targets, &text, &user, now)
                .map(|()| format!("{who} escalated")),
            Purpose::Snooze => {
                let until = match self.zone {
                    Zone::Local => sla::parse_snooze(&text, now, &chrono::Local),
                    Zone::Fixed(offset) => sla::parse_snooze(&text, now, &offset),
                }
                .map_err(|e| StoreError::invalid("until", e.to_string()))?;
                let when = local(until, self.zone);
                self.store
                    .snooze(&targets, until, now)
                    .map(|()| format!("{who} snoozed until {when}"))
            }
            Purpose::Verdict => self.finish_verdict(&text),
            Purpose::Hypothesis => self.submit_hypothesis(&targets, &text),
            Purpose::RenameTheme => self.submit_rename(&text),
            Purpose::Import => self.start_import(&text),
            Purpose::Decision => self.finish_decision(&text),
            Purpose::DecisionFilter => Ok(self.filter_decisions(&text)),
        };
        // On an error the prompt stays open with the reason inside it.
        let text = done?;
        self.mode = Mode::Normal;
        self.marks.clear();
        self.reload()?;
        self.info(text);
        Ok(())
    }

    pub(super) fn submit_capture(&mut self) -> Result<(), StoreError> {
        let Mode::Capture(form) = &self.mode else { return Ok(()) };
        let new = form.to_new_item();
        let outcome = self.store.add_item(&new, self.clock.now())?;
        let added = self.store.get_item(outcome.id)?;
        self.upsert_doc(&added);
        self.mode = Mode::Normal;
        self.view = View::Inbox;
        self.reload()?;
        self.inbox.select_id(&self.store, outcome.id)?;
        self.load_detail(true)?;
        let what = if outcome.created {
            "added"
        } else {
            "is already on the board (identical text)"
        };
        self.info(format!("{} {what}", outcome.id));
        Ok(())
    }

    fn undo_redo(&mut self, undo: bool) -> Result<(), StoreError> {
        let (now, user) = (self.clock.now(), self.user.clone());
        let outcome = if undo {
            self.store.undo(&user, now)?
        } else {
            self.store.redo(&user, now)?
        };
        self.reload()?;
        let text = match (outcome, undo) {
            (Some(o), true) => format!("undid: {}", o.label),
            (Some(o), false) => format!("redid: {}", o.label),
            (None, true) => "nothing to undo".to_string(),
            (None, false) => "nothing to redo".to_string(),
        };
        self.info(text);
        Ok(())
    }

    fn toggle_mark(&mut self) -> Result<(), StoreError> {
        let Some(id) = self.selected() else { return Ok(()) };
        if !self.marks.remove(&id) {
            self.marks.insert(id);
        }
        let n = self.marks.len();
        self.info(format!("{n} marked · 1-4/a/w/x/o/H/L apply to all · Esc clears"));
        self.step(1)
    }

    fn step(&mut self, delta: isize) -> Result<(), StoreError> {
        let (list, store) = self.list_mut();
        list.step(store, delta)?;
        self.load_detail(false)
    }

    fn select(&mut self, index: usize) -> Result<(), StoreError> {
        let (list, store) = self.list_mut();
        list.select(store, index)?;
        self.load_detail(false)
    }
}
