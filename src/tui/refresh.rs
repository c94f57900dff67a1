//! What changes without a key press: another session's commits (noticed
//! through `PRAGMA data_version`), time passing (snoozes that end, SLA
//! clocks), and the at-risk queue and pinned breaches that follow from them.

use super::app::App;
use crate::domain::{ItemId, Severity};
use crate::sla;
use crate::store::StoreError;

impl App {
    /// Evaluates the SLA clocks of the candidates the store finds: the
    /// at-risk queue (most overdue first) and the breached S1/S2 items pinned
    /// at the top of the inbox.
    pub(super) fn load_sla(&mut self) -> Result<(), StoreError> {
        let now = self.clock.now();
        // Only ids and clock inputs: the lists load the rows of the page.
        let mut rows: Vec<(chrono::Duration, bool, ItemId)> = self
            .store
            .clock_inputs(&self.policy, now)?
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
        self.inbox.set_pinned(pinned);
        self.at_risk.set_pinned(rows.into_iter().map(|(_, _, id)| id).collect());
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
