//! What changes without a key press: another session's commits (noticed
//! through `PRAGMA data_version`), time passing (snoozes that end, SLA
//! clocks), and the at-risk queue and pinned breaches that follow from them.

mod breaches;

pub use breaches::Breaches;

use super::app::App;
use crate::domain::{ItemId, Severity};
use crate::sla;
use crate::store::StoreError;

impl App {
    /// Evaluates the SLA clocks of the candidates the store finds: the
    /// breached S1/S2 items pinned at the top of the inbox on every reload,
    /// and the whole at-risk queue (most overdue first) only while something
    /// shows it (its view or a review): at 100k items the queue is ~18k
    /// items, too many to evaluate on every keystroke's reload.
    pub(super) fn load_sla(&mut self) -> Result<(), StoreError> {
        self.load_sla_with(self.at_risk_shown())
    }

    fn load_sla_with(&mut self, full: bool) -> Result<(), StoreError> {
        let now = self.clock.now();
        let queue = if full {
            Some(self.at_risk_pass(now)?)
        } else {
            self.update_breaches(now)?;
            None
        };
        let pinned = self.breaches.ids();
        self.breached_urgent = pinned.len();
        // The header still counts every breach; the lists show the filter's.
        let pinned = self.only_filtered(pinned)?;
        self.inbox.set_pinned(pinned);
        self.at_risk_loaded = full;
        // Not shown: left empty rather than partial, and filled on showing.
        let queue = match queue {
            Some(ids) => self.only_filtered(ids)?,
            None => Vec::new(),
        };
        self.at_risk.set_pinned(queue);
        Ok(())
    }

    /// Judges every open clock that may be late: the at-risk queue (most
    /// overdue first), whose urgent breaches also become the kept set.
    fn at_risk_pass(&mut self, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<ItemId>, StoreError> {
        // Touched ids are judged by this pass too: forget them.
        self.take_touched()?;
        self.breaches.expire();
        let inputs = self.store.clock_inputs(&self.policy, now)?;
        // Only ids and clock inputs: the lists load the rows of the page.
        let mut rows: Vec<(chrono::Duration, ItemId)> = Vec::new();
        let mut urgent = Vec::new();
        for (id, clock) in inputs {
            let sla = sla::evaluate(&self.policy, &clock, now);
            let Some(left) = sla
                .time_left()
                .filter(|_| sla.state().is_some_and(|s| s != sla::State::OnTrack))
            else {
                continue;
            };
            if sla.is_breached() && matches!(clock.severity, Some(Severity::S1 | Severity::S2)) {
                urgent.push((now + left, id));
            }
            rows.push((left, id));
        }
        rows.sort();
        self.breaches.reset(urgent, now, self.seen_version, self.policy);
        Ok(rows.into_iter().map(|(_, id)| id).collect())
    }

    /// A review starting lists the at-risk queue and the decisions due for
    /// revisit before it exists (so before `at_risk_shown` says so).
    pub(super) fn load_for_review(&mut self) -> Result<(), StoreError> {
        self.load_sla_with(true)?;
        self.at_risk.reload(&self.store)?;
        if self.board_stale {
            self.board_stale = false;
            self.board.reload(&self.store)?;
        }
        self.read_decisions()?;
        self.decisions_loaded = true;
        Ok(())
    }

    /// Reloads the board's columns if it is on screen (or a review may jump
    /// to it); otherwise marks them stale for `ensure_lazy_views`: five
    /// column windows were ~0.8 ms of every inbox triage key at 100k.
    pub(super) fn reload_board(&mut self) -> Result<(), StoreError> {
        self.board_stale = !self.board_shown();
        if self.board_stale {
            return Ok(());
        }
        self.board.reload(&self.store)
    }

    /// Whether the board's columns must be current.
    fn board_shown(&self) -> bool {
        self.view == super::app::View::Board || self.review.is_some()
    }

    /// Whether anything on screen needs the whole at-risk queue.
    fn at_risk_shown(&self) -> bool {
        self.view == super::app::View::AtRisk || self.review.is_some()
    }

    /// Loads the at-risk queue and the decision log if the view now shown
    /// needs them and they were skipped by the last reload (called after
    /// every action and view change; nothing to do most of the time).
    pub(super) fn ensure_lazy_views(&mut self) -> Result<(), StoreError> {
        let mut changed = false;
        if !self.at_risk_loaded && self.at_risk_shown() {
            self.load_sla()?;
            self.at_risk.reload(&self.store)?;
            changed = true;
        }
        if self.board_stale && self.board_shown() {
            self.reload_board()?;
            changed = true;
        }
        if !self.decisions_loaded && self.decisions_shown() {
            self.read_decisions()?;
            self.decisions_loaded = true;
            changed = true;
        }
        if changed {
            self.load_detail(true)?;
        }
        Ok(())
    }

    /// Reloads when another session committed since the last look, keeping
    /// the selection on the same item (if it is still in the list). Called
    /// whenever the event loop is idle; one cheap PRAGMA when nothing changed.
    pub fn poll_external(&mut self) {
        self.poll_import();
        self.poll_similarity();
        self.poll_search();
        let changed = match self.store.data_version() {
            Ok(v) => v != self.seen_version,
            Err(e) => return self.fail(e),
        };
        if !changed {
            return;
        }
        let keep = self.selected();
        let result = self.reload().and_then(|()| {
            let found = match keep {
                Some(id) => {
                    let (list, store) = self.list_mut();
                    list.select_id(store, id)?
                }
                None => false,
            };
            if found {
                self.load_detail(true)?;
            }
            Ok(())
        });
        match result {
            Ok(()) => self.info("updated with another session's changes".to_string()),
            Err(e) => self.fail(e),
        }
    }

    /// Called when no key came for a while: brings back items whose snooze
    /// ended, and refreshes what time changes (SLA states).
    pub fn tick(&mut self) {
        // Time has passed: every clock is judged again, not only touched ones.
        self.breaches.expire();
        // Idle: the log's pages go to the file now, not inside a later
        // triage key's commit (`Store::defer_checkpoints`).
        if let Err(e) = self.store.checkpoint() {
            self.fail(e);
        }
        let result = self.store.wake_snoozed(self.clock.now()).and_then(|woke| {
            if woke > 0 {
                self.info(format!("{woke} snoozed item(s) are back"));
            }
            self.reload()
        });
        if let Err(e) = result {
            self.fail(e);
        }
    }
}
