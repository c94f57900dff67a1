//! What changes without a key press: another session's commits (noticed
//! through `PRAGMA data_version`), time passing (snoozes that end, SLA
//! clocks), and the at-risk queue and pinned breaches that follow from them.

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
        let inputs = if full {
            self.store.clock_inputs(&self.policy, now)?
        } else {
            self.store.urgent_clock_inputs(&self.policy, now)?
        };
        // Only ids and clock inputs: the lists load the rows of the page.
        let mut rows: Vec<(chrono::Duration, bool, ItemId)> = inputs
            .into_iter()
            .filter_map(|(id, clock)| {
                let sla = sla::evaluate(&self.policy, &clock, now);
                let urgent = sla.is_breached() && matches!(clock.severity, Some(Severity::S1 | Severity::S2));
                sla.state().filter(|s| *s != sla::State::OnTrack)?;
                Some((sla.time_left()?, urgent, id))
            })
            .collect();
        rows.sort_by_key(|(left, _, id)| (*left, *id));
        let pinned: Vec<ItemId> = rows
            .iter()
            .filter(|(_, urgent, _)| *urgent)
            .map(|(_, _, id)| *id)
            .collect();
        self.breached_urgent = pinned.len();
        // The header still counts every breach; the lists show the filter's.
        let pinned = self.only_filtered(pinned)?;
        self.inbox.set_pinned(pinned);
        self.at_risk_loaded = full;
        // Not shown: left empty rather than partial, and filled on showing.
        let queue = if full {
            self.only_filtered(rows.into_iter().map(|(_, _, id)| id).collect())?
        } else {
            Vec::new()
        };
        self.at_risk.set_pinned(queue);
        Ok(())
    }

    /// A review starting lists the at-risk queue and the decisions due for
    /// revisit before it exists (so before `at_risk_shown` says so).
    pub(super) fn load_for_review(&mut self) -> Result<(), StoreError> {
        self.load_sla_with(true)?;
        self.at_risk.reload(&self.store)?;
        self.read_decisions()?;
        self.decisions_loaded = true;
        Ok(())
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
