//! The application state and its one entry point for change: a key becomes an
//! action (through the keymap), the action becomes a store verb committed in
//! its own transaction (see `update`), and the views are reloaded from the
//! store. Errors from the store become a message on the status line, never a
//! panic.

use std::collections::BTreeSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::board::Board;
use super::capture::{CaptureForm, FormOutcome};
use super::keymap::{Context, Resolution};
use super::list_window::ListWindow;
use super::picker::{PickOutcome, Picker};
use super::prompt::{Pending, Prompt, PromptOutcome};
use super::theme::Theme;
use crate::clock::Clock;
use crate::domain::ItemId;
use crate::sla::Policy;
use crate::store::{InboxCounts, ListSource, Store, StoreError};
use crate::timefmt::Zone;

pub use super::view::View;

/// What the screen is doing besides showing the current view.
pub enum Mode {
    Normal,
    /// The key help, scrolled down this many lines.
    Help(u16),
    /// A board card opened in full (Enter).
    Detail,
    Prompt(Box<Prompt>),
    Pick(Box<Picker>),
    Confirm(Pending),
    Capture(Box<CaptureForm>),
    BetForm(Box<super::bet_form::BetForm>),
    DecisionForm(Box<super::decision_form::DecisionForm>),
    /// The `/` search overlay.
    Search(Box<super::search::SearchView>),
    /// The `:` command palette.
    Palette(Box<super::palette::Palette>),
    /// The `f` filter prompt.
    Filter(Box<super::filter::FilterPrompt>),
    /// The `V` menu of saved views.
    SavedViews(Box<super::saved_views::SavedViewsMenu>),
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub use super::detail::Detail;

pub struct App {
    pub(super) store: Store,
    pub(super) clock: Clock,
    pub(super) user: String,
    pub view: View,
    pub counts: InboxCounts,
    pub inbox: ListWindow,
    pub board: Board,
    pub bets: super::bets::BetsView,
    /// At-risk and breached items, most urgent first.
    pub at_risk: ListWindow,
    /// Breached S1/S2 items (pinned at the top of the inbox).
    pub breached_urgent: usize,
    /// SLA targets (configurable later; the defaults of `sla::Policy`).
    pub policy: Policy,
    /// Items marked with Space for a batch action.
    pub marks: BTreeSet<ItemId>,
    pub detail: Option<Detail>,
    pub mode: Mode,
    pub message: Option<Message>,
    pub theme: Theme,
    /// The zone times are shown in.
    pub zone: Zone,
    pending_keys: Vec<KeyEvent>,
    /// Whether the page size has been set once (see `set_page_size`).
    sized: bool,
    /// The store's `data_version` when the views were last loaded.
    pub(super) seen_version: i64,
    /// The similarity index behind duplicate suggestions.
    pub(super) similarity: super::patterns::Similarity,
    /// The themes view: themes with their evidence, and suggested themes.
    pub themes: super::themes::ThemesView,
    /// The decisions view: the log, what is due for revisit, a chain popup.
    pub decisions: super::decisions::DecisionsView,
    /// The dashboard's figures, computed while it is on screen.
    pub dashboard: Option<crate::dashboard::Dashboard>,
    /// An edit for the event loop to run in the user's editor (`e`).
    pub(super) edit_request: Option<super::external::EditRequest>,
    /// An import running on its own thread (`i`).
    pub(super) import: Option<super::import_job::ImportJob>,
    /// The effective keymap: the defaults with the config's rows first.
    pub keymap: super::keymap::Keymap,
    /// The config's values: weights, severity definitions, categories.
    pub settings: crate::config::Settings,
    /// The active filter (`f`) over the inbox, board and at-risk lists.
    pub filter: Option<crate::filter::Filter>,
    /// How many items the active filter matched at the last reload.
    pub filter_matches: usize,
    /// The guided weekly review, while one runs (`R`).
    pub review: Option<super::review::Review>,
    /// Whether the last reload read the whole at-risk queue (only while
    /// shown; see `refresh.rs`).
    pub(super) at_risk_loaded: bool,
    /// Whether the last reload read the decision log (only while shown).
    pub(super) decisions_loaded: bool,
    /// The breached S1/S2 items kept between reloads (see `refresh/breaches.rs`).
    pub(super) breaches: super::refresh::Breaches,
    /// Whether the board's columns missed reloads while it was not shown.
    pub(super) board_stale: bool,
    pub quit: bool,
}

impl App {
    pub fn new(store: Store, clock: Clock, user: String, theme: Theme) -> Result<App, StoreError> {
        let mut app = App {
            store,
            clock,
            user,
            view: View::Inbox,
            counts: InboxCounts::default(),
            inbox: ListWindow::new(ListSource::Inbox),
            board: Board::default(),
            bets: super::bets::BetsView::default(),
            at_risk: ListWindow::in_memory(),
            breached_urgent: 0,
            policy: Policy::default(),
            marks: BTreeSet::new(),
            detail: None,
            mode: Mode::Normal,
            message: None,
            theme,
            zone: Zone::Local,
            pending_keys: Vec::new(),
            sized: false,
            seen_version: 0,
            edit_request: None,
            import: None,
            review: None,
            at_risk_loaded: false,
            decisions_loaded: false,
            breaches: Default::default(),
            board_stale: false,
            similarity: super::patterns::Similarity::default(),
            themes: Default::default(),
            decisions: Default::default(),
            dashboard: None,
            keymap: Default::default(),
            settings: Default::default(),
            filter: None,
            filter_matches: 0,
            quit: false,
        };
        app.store.wake_snoozed(app.clock.now())?;
        app.store.defer_checkpoints()?;
        app.reload()?;
        // Only once the board could read the database: no reader thread is
        // left holding a file that turned out to be unreadable. The thread
        // starts after the first frame (`start_background`).
        app.similarity = super::patterns::Similarity::later(app.store.path().to_path_buf());
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The keymap context for the current screen.
    pub fn context(&self) -> Context {
        match self.view {
            _ if self.counts.total == 0 => Context::Welcome,
            View::Inbox | View::AtRisk => Context::Inbox,
            View::Board => Context::Board,
            View::Bets => Context::Bets,
            View::Themes => Context::Themes,
            View::Decisions => Context::Decisions,
            View::Dashboard => Context::Dashboard,
        }
    }

    /// The list the cursor is in: the inbox, or the focused board column.
    pub fn list(&self) -> &ListWindow {
        match self.view {
            View::Inbox => &self.inbox,
            View::Board => self.board.focused(),
            View::AtRisk => &self.at_risk,
            // Not shown: the bets and themes views have cursors of their own.
            View::Bets | View::Themes | View::Decisions | View::Dashboard => &self.inbox,
        }
    }

    /// The list the cursor is in, mutable, with the store beside it (two
    /// disjoint borrows of the app).
    pub(super) fn list_mut(&mut self) -> (&mut ListWindow, &Store) {
        let list = match self.view {
            View::Inbox | View::Bets | View::Themes | View::Decisions | View::Dashboard => &mut self.inbox,
            View::Board => self.board.focused_mut(),
            View::AtRisk => &mut self.at_risk,
        };
        (list, &self.store)
    }

    pub fn selected(&self) -> Option<ItemId> {
        if matches!(self.view, View::Bets | View::Themes | View::Decisions | View::Dashboard) {
            return None;
        }
        self.list().selected_row().map(|r| r.id)
    }

    /// Tells the app how many rows (inbox) and cards (board) fit on screen.
    pub fn set_page_size(&mut self, rows: usize, cards: usize) {
        let first_page = !self.sized;
        self.sized = true;
        let result = self
            .inbox
            .set_height(&self.store, rows)
            .and_then(|()| self.at_risk.set_height(&self.store, rows))
            .and_then(|()| self.board.set_height(&self.store, cards))
            .and_then(|()| self.load_detail(false));
        if let Err(e) = result {
            self.fail(e);
        }
        // Breached S1/S2 items are pinned above, in view; the cursor starts on
        // the first untriaged item so triage can begin at once. Done once the
        // page height is known, so the pinned rows stay on screen.
        if first_page && self.counts.new > 0 {
            let start = self.inbox.pinned_len();
            if let Err(e) = self
                .inbox
                .select(&self.store, start)
                .and_then(|()| self.load_detail(true))
            {
                self.fail(e);
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return;
        }
        let result = match &mut self.mode {
            Mode::Normal => self.normal_key(key),
            Mode::Help(scroll) => {
                // j/k scroll a help taller than the screen; any other key closes.
                match key.code {
                    KeyCode::Char('j') | KeyCode::Down => *scroll = scroll.saturating_add(1),
                    KeyCode::Char('k') | KeyCode::Up => *scroll = scroll.saturating_sub(1),
                    _ => self.mode = Mode::Normal,
                }
                Ok(())
            }
            Mode::Detail => {
                if matches!(key.code, KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q')) {
                    self.mode = Mode::Normal;
                }
                Ok(())
            }
            Mode::Prompt(prompt) if prompt.purpose == super::prompt::Purpose::Import && key.code == KeyCode::Tab => {
                self.complete_import_path();
                Ok(())
            }
            Mode::Prompt(prompt) => match prompt.handle_key(key) {
                PromptOutcome::Editing => Ok(()),
                PromptOutcome::Cancel => {
                    let noun = prompt.purpose.noun();
                    self.mode = Mode::Normal;
                    self.info(format!("{noun} cancelled; nothing changed"));
                    Ok(())
                }
                PromptOutcome::Submit(text) => self.submit_prompt(text),
            },
            Mode::Confirm(_) => self.confirm_key(key),
            Mode::Pick(picker) => match picker.handle_key(key) {
                PickOutcome::Editing => Ok(()),
                PickOutcome::Cancel => {
                    self.mode = Mode::Normal;
                    Ok(())
                }
                PickOutcome::Pick(value) => self.submit_pick(value),
            },
            Mode::BetForm(form) => match form.handle_key(key) {
                FormOutcome::Editing => Ok(()),
                FormOutcome::Cancel => {
                    self.mode = Mode::Normal;
                    Ok(())
                }
                FormOutcome::Submit => self.submit_bet_form(),
            },
            Mode::DecisionForm(form) => match form.handle_key(key) {
                FormOutcome::Editing => Ok(()),
                FormOutcome::Cancel => self.cancel_decision(),
                FormOutcome::Submit => self.submit_decision_form(),
            },
            Mode::Capture(form) => match form.handle_key(key) {
                FormOutcome::Editing => Ok(()),
                FormOutcome::Cancel => {
                    self.mode = Mode::Normal;
                    Ok(())
                }
                FormOutcome::Submit => self.submit_capture(),
            },
            Mode::Search(_) => self.search_key(key),
            Mode::Palette(_) => self.palette_key(key),
            Mode::Filter(_) => self.filter_key(key),
            Mode::SavedViews(_) => self.saved_views_key(key),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn normal_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        match self.keymap.resolve(&self.pending_keys, &key, self.context()) {
            Resolution::Pending => {
                self.pending_keys.push(key);
                Ok(())
            }
            Resolution::Unbound => {
                self.pending_keys.clear();
                Ok(())
            }
            Resolution::Run(action) => {
                self.pending_keys.clear();
                self.update(action)
            }
        }
    }

    /// Re-reads everything shown from the store (the single source of truth).
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.seen_version = self.store.data_version()?;
        self.counts = self.store.inbox_counts()?;
        self.refresh_filter()?;
        self.load_sla()?;
        self.inbox.reload(&self.store)?;
        self.at_risk.reload(&self.store)?;
        self.reload_board()?;
        self.reload_bets()?;
        self.reload_themes()?;
        self.reload_decisions()?;
        self.reload_dashboard()?;
        self.load_detail(true)
    }

    pub(super) fn info(&mut self, text: String) {
        self.message = Some(Message { text, error: false });
    }

    pub(super) fn fail(&mut self, e: StoreError) {
        let mut text = e.to_string();
        if e.is_damaged() && !matches!(e, StoreError::Damaged { .. }) {
            text.push_str(" · the database is damaged: quit, then `loopboard doctor`");
        }
        match &mut self.mode {
            Mode::Prompt(prompt) => prompt.error = Some(text),
            Mode::Capture(form) => form.error = Some(text),
            _ => self.message = Some(Message { text, error: true }),
        }
    }
}
