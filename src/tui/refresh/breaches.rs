//! The breached S1/S2 items pinned at the top of the inbox, kept between
//! reloads. Judging every open S1/S2 clock was 3.8 ms of each reload at 100k
//! (~5,300 breaches), so after an action only the items this connection
//! touched (`Store::take_touched`) are judged again; the whole pass runs at
//! start, on the tick (time passing), when the last one is older than the
//! tick's period, when another session committed (`data_version`), when the
//! policy changed, and when an action touched many items (cheaper whole).

use chrono::{DateTime, Duration, Utc};

use super::super::app::App;
use crate::domain::{ItemId, Severity};
use crate::sla::{self, ClockInput, Policy};
use crate::store::StoreError;

/// A whole pass older than this is redone even if no tick came (keys that
/// keep arriving hold the idle tick off): the tick's own period.
const STALE_AFTER_SECS: i64 = 30;
/// More touched items than this (a batch or the demo through this
/// connection): the whole pass costs about the same and needs no merging.
const MAX_TOUCHED: usize = 256;

/// The kept set and what the last whole pass saw.
#[derive(Debug, Default)]
pub struct Breaches {
    /// (due, id), most overdue first. `due` = judged at + time left (a
    /// breach is negative): for a running clock it does not move with time,
    /// so entries judged at different moments still sort as one pass would.
    entries: Vec<(DateTime<Utc>, ItemId)>,
    /// `None`: the next reload runs the whole pass.
    base: Option<Base>,
    /// Whether the store records touched items for us yet.
    tracking: bool,
    passes: Passes,
}

#[derive(Debug, Clone, Copy)]
struct Base {
    at: DateTime<Utc>,
    version: i64,
    policy: Policy,
}

/// How many passes of each kind ran (benchmarks and tests read it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Passes {
    pub whole: usize,
    pub incremental: usize,
}

impl Breaches {
    /// The pinned ids, most overdue first.
    pub fn ids(&self) -> Vec<ItemId> {
        self.entries.iter().map(|(_, id)| *id).collect()
    }

    /// Makes the next reload run the whole pass (time has passed).
    pub fn expire(&mut self) {
        self.base = None;
    }

    fn needs_whole(&self, now: DateTime<Utc>, version: i64, policy: &Policy) -> bool {
        match &self.base {
            None => true,
            Some(b) => {
                b.version != version
                    || b.policy != *policy
                    || now < b.at
                    || now - b.at >= Duration::seconds(STALE_AFTER_SECS)
            }
        }
    }

    /// Replaces the set with the urgent breaches of a whole pass at `now`.
    pub(super) fn reset(
        &mut self,
        entries: Vec<(DateTime<Utc>, ItemId)>,
        now: DateTime<Utc>,
        version: i64,
        policy: Policy,
    ) {
        self.entries = entries;
        self.entries.sort();
        self.base = Some(Base {
            at: now,
            version,
            policy,
        });
        self.passes.whole += 1;
    }

    /// Drops the touched ids and puts back those still breached.
    fn merge(&mut self, touched: &[ItemId], judged: Vec<(DateTime<Utc>, ItemId)>) {
        self.entries.retain(|(_, id)| touched.binary_search(id).is_err());
        for entry in judged {
            let at = self.entries.partition_point(|e| *e < entry);
            self.entries.insert(at, entry);
        }
        self.passes.incremental += 1;
    }
}

/// The urgent breaches among `inputs` at `now`, as kept entries: the same
/// test the whole at-risk pass applies (breached, S1 or S2, a running clock).
pub(super) fn urgent(
    policy: &Policy,
    inputs: Vec<(ItemId, ClockInput)>,
    now: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, ItemId)> {
    inputs
        .into_iter()
        .filter_map(|(id, clock)| {
            let sla = sla::evaluate(policy, &clock, now);
            let urgent = sla.is_breached() && matches!(clock.severity, Some(Severity::S1 | Severity::S2));
            urgent.then_some(())?;
            Some((now + sla.time_left()?, id))
        })
        .collect()
}

impl App {
    /// Brings the kept breach set up to date (see the module doc for when the
    /// whole pass runs instead of re-judging the touched items).
    pub(super) fn update_breaches(&mut self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let touched = self.take_touched()?;
        let (version, policy) = (self.seen_version, self.policy);
        if touched.len() > MAX_TOUCHED || self.breaches.needs_whole(now, version, &policy) {
            // Forgotten first: if the read fails, the next reload starts over.
            self.breaches.expire();
            let inputs = self.store.urgent_clock_inputs(&policy, now)?;
            self.breaches.reset(urgent(&policy, inputs, now), now, version, policy);
        } else if !touched.is_empty() {
            let base = self.breaches.base.take();
            let inputs = self.store.urgent_clock_inputs_of(&touched, &policy, now)?;
            self.breaches.merge(&touched, urgent(&policy, inputs, now));
            self.breaches.base = base;
        }
        Ok(())
    }

    /// The items this connection changed since the last look, starting the
    /// store's record on first use (everything is judged then anyway).
    pub(super) fn take_touched(&mut self) -> Result<Vec<ItemId>, StoreError> {
        if !self.breaches.tracking {
            self.store.track_touched()?;
            self.breaches.tracking = true;
            self.breaches.expire();
        }
        self.store.take_touched()
    }

    /// How many whole and incremental breach passes this app has run.
    pub fn breach_passes(&self) -> Passes {
        self.breaches.passes
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use crate::clock::Clock;
    use crate::domain::{NewItem, Severity};
    use crate::store::Store;
    use crate::tui::app::App;
    use crate::tui::theme::Theme;

    #[test]
    fn a_pass_older_than_the_tick_period_is_redone_by_the_next_reload() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let new = NewItem {
            title: "old".into(),
            created_at: Some(t0 - Duration::days(20)),
            ..Default::default()
        };
        let id = store.add_item(&new, t0).unwrap().id;
        // One hour left of its two weeks.
        let triaged = t0 - Duration::days(14) + Duration::hours(1);
        store.set_severity(&[id], Severity::S2, triaged).unwrap();
        let mut app = App::new(store, Clock::Fixed(t0), "t".into(), Theme::plain()).unwrap();
        assert_eq!(app.breached_urgent, 0);
        let whole = app.breach_passes().whole;
        // Keys keep coming (no tick): within the period the set is kept...
        app.clock = Clock::Fixed(t0 + Duration::seconds(20));
        app.reload().unwrap();
        assert_eq!(app.breach_passes().whole, whole);
        // ...and past it the next reload judges every clock again.
        app.clock = Clock::Fixed(t0 + Duration::hours(2));
        app.reload().unwrap();
        assert_eq!(app.breach_passes().whole, whole + 1);
        assert_eq!(app.breached_urgent, 1);
        assert_eq!(app.inbox.pinned_ids(), &[id]);
    }
}
