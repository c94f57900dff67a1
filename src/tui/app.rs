//! The application state and its one entry point for change: a key becomes an
//! action (through the keymap), the action becomes a store verb committed in
//! its own transaction, and the views are reloaded from the store. Errors from
//! the store become a message on the status line, never a panic.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::capture::{CaptureForm, FormOutcome};
use super::inbox_list::InboxList;
use super::keymap::{self, Context, Resolution};
use super::theme::Theme;
use crate::clock::Clock;
use crate::domain::{Decision, Item, ItemId, Status, SubjectKind};
use crate::store::{Store, StoreError};
use crate::timefmt::Zone;

/// What the screen is doing besides showing the inbox.
pub enum Mode {
    Normal,
    Help,
    /// Asking for the reason to decline an item.
    Decline {
        item: ItemId,
        input: Box<TextArea<'static>>,
    },
    Capture(Box<CaptureForm>),
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The selected item in full, loaded when the selection changes (never while
/// drawing).
pub struct Detail {
    pub item: Item,
    pub decisions: Vec<Decision>,
}

pub struct App {
    store: Store,
    clock: Clock,
    user: String,
    pub inbox: InboxList,
    pub detail: Option<Detail>,
    pub mode: Mode,
    pub message: Option<Message>,
    pub theme: Theme,
    /// The zone times are shown in.
    pub zone: Zone,
    pending: Vec<KeyEvent>,
    pub quit: bool,
}

impl App {
    pub fn new(store: Store, clock: Clock, user: String, theme: Theme) -> Result<App, StoreError> {
        let mut app = App {
            store,
            clock,
            user,
            inbox: InboxList::default(),
            detail: None,
            mode: Mode::Normal,
            message: None,
            theme,
            zone: Zone::Local,
            pending: Vec::new(),
            quit: false,
        };
        app.reload()?;
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
        if self.inbox.counts.total == 0 {
            Context::Welcome
        } else {
            Context::Inbox
        }
    }

    /// Tells the app how many table rows fit on screen.
    pub fn set_page_height(&mut self, rows: usize) {
        if let Err(e) = self
            .inbox
            .set_height(&self.store, rows)
            .and_then(|()| self.load_detail())
        {
            self.fail(e);
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
            Mode::Help => {
                self.mode = Mode::Normal;
                Ok(())
            }
            Mode::Decline { .. } => self.decline_key(key),
            Mode::Capture(_) => self.capture_key(key),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn normal_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        match keymap::resolve(&self.pending, &key, self.context()) {
            Resolution::Pending => {
                self.pending.push(key);
                Ok(())
            }
            Resolution::Unbound => {
                self.pending.clear();
                Ok(())
            }
            Resolution::Run(action) => {
                self.pending.clear();
                self.update(action)
            }
        }
    }

    /// Performs one action. Every write is committed before this returns.
    pub fn update(&mut self, action: Action) -> Result<(), StoreError> {
        let page = self.inbox.page() as isize;
        match action {
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.step(page),
            Action::PageUp => self.step(-page),
            Action::Top => self.select(0),
            Action::Bottom => self.select(self.inbox.len().saturating_sub(1)),
            Action::SetSeverity(sev) => self.on_selected(|app, id| {
                app.store.set_severity(id, sev, app.clock.now())?;
                Ok(format!("{id} is {sev}: {}", sev.definition()))
            }),
            Action::Accept => self.on_selected(|app, id| {
                app.store.set_status(id, Status::Accepted, app.clock.now())?;
                Ok(format!("{id} accepted"))
            }),
            Action::Waiting => self.on_selected(|app, id| {
                app.store.set_status(id, Status::Waiting, app.clock.now())?;
                Ok(format!("{id} is waiting on the customer"))
            }),
            Action::Decline => {
                if let Some(row) = self.inbox.selected_row() {
                    let mut input = TextArea::default();
                    input.set_placeholder_text("why is this declined?");
                    self.mode = Mode::Decline {
                        item: row.id,
                        input: Box::new(input),
                    };
                }
                Ok(())
            }
            Action::Capture => {
                self.mode = Mode::Capture(Box::default());
                Ok(())
            }
            Action::LoadDemo => {
                let summary = crate::demo::load(&mut self.store, self.clock.now())?;
                self.reload()?;
                self.info(format!("demo loaded: {} items", summary.items_new));
                Ok(())
            }
            Action::Help => {
                self.mode = Mode::Help;
                Ok(())
            }
            Action::Quit => {
                self.quit = true;
                Ok(())
            }
        }
    }

    /// Runs a write on the selected item, then reloads and reports.
    fn on_selected(
        &mut self,
        f: impl FnOnce(&mut App, ItemId) -> Result<String, StoreError>,
    ) -> Result<(), StoreError> {
        let Some(id) = self.inbox.selected_row().map(|r| r.id) else {
            return Ok(());
        };
        let text = f(self, id)?;
        self.reload()?;
        self.info(text);
        Ok(())
    }

    fn decline_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::Decline { item, input } = &mut self.mode else {
            return Ok(());
        };
        match key.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.info("decline cancelled; nothing changed".to_string());
            }
            KeyCode::Enter => {
                let (id, reason) = (*item, input.lines().join(" "));
                if reason.trim().is_empty() {
                    self.message = Some(Message {
                        text: "a reason is required to decline".into(),
                        error: true,
                    });
                    return Ok(());
                }
                self.mode = Mode::Normal;
                let user = self.user.clone();
                self.store.decline(id, &reason, &user, self.clock.now())?;
                self.reload()?;
                self.info(format!("{id} declined"));
            }
            _ => {
                input.input(key);
            }
        }
        Ok(())
    }

    fn capture_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Mode::Capture(form) = &mut self.mode else {
            return Ok(());
        };
        match form.handle_key(key) {
            FormOutcome::Editing => Ok(()),
            FormOutcome::Cancel => {
                self.mode = Mode::Normal;
                Ok(())
            }
            FormOutcome::Submit => {
                let new = form.to_new_item();
                match self.store.add_item(&new, self.clock.now()) {
                    Err(StoreError::Invalid { field, reason }) => {
                        form.error = Some(format!("{field} {reason}"));
                        Ok(())
                    }
                    Err(e) => Err(e),
                    Ok(outcome) => {
                        self.mode = Mode::Normal;
                        self.reload()?;
                        self.select_item(outcome.id)?;
                        let what = if outcome.created {
                            "added"
                        } else {
                            "is already on the board (identical text)"
                        };
                        self.info(format!("{} {what}", outcome.id));
                        Ok(())
                    }
                }
            }
        }
    }

    fn step(&mut self, delta: isize) -> Result<(), StoreError> {
        self.inbox.step(&self.store, delta)?;
        self.load_detail()
    }

    fn select(&mut self, index: usize) -> Result<(), StoreError> {
        self.inbox.select(&self.store, index)?;
        self.load_detail()
    }

    fn select_item(&mut self, id: ItemId) -> Result<(), StoreError> {
        if let Some(pos) = self.store.inbox_position(id)? {
            self.select(pos)?;
        }
        Ok(())
    }

    /// Re-reads everything shown from the store (the single source of truth).
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.inbox.reload(&self.store)?;
        self.load_detail_with(true)
    }

    /// Loads the selected item in full. Navigation only reloads when the
    /// selection moved to another item; after a write `force` re-reads it.
    fn load_detail_with(&mut self, force: bool) -> Result<(), StoreError> {
        let id = self.inbox.selected_row().map(|r| r.id);
        if !force && self.detail.as_ref().map(|d| d.item.id) == id {
            return Ok(());
        }
        self.detail = match id {
            Some(id) => Some(Detail {
                item: self.store.get_item(id)?,
                decisions: self.store.decisions_about(SubjectKind::Item, id.0)?,
            }),
            None => None,
        };
        Ok(())
    }

    fn load_detail(&mut self) -> Result<(), StoreError> {
        self.load_detail_with(false)
    }

    fn info(&mut self, text: String) {
        self.message = Some(Message { text, error: false });
    }

    fn fail(&mut self, e: StoreError) {
        self.message = Some(Message {
            text: e.to_string(),
            error: true,
        });
    }
}
