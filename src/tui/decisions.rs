//! The decisions view's state and keys: the log in chronological order with
//! a "due for revisit" section above it (decisions still in force whose
//! revisit date has come), `j/k` to move, `Enter` for the evidence chain
//! (the subject, the evidence cited, and the decisions it superseded or
//! that superseded it). `n` and `s` (supersede) pick a kind and open the
//! decision form (`decision_form.rs`), saved here in one transaction.

use super::action::Action;
use super::app::{App, Mode, View};
use super::decision_form::DecisionForm;
use super::picker::{PickOption, PickPurpose, Picker};
use super::prompt::{Prompt, Purpose};
use crate::decisions_cmd::start_of;
use crate::domain::{
    BetId, DecisionKind, DecisionLinks, EvidenceRef, HypothesisId, ItemId, LogEntry, NewDecision, SubjectKind, ThemeId,
};
use crate::store::{StoreError, chain_of};
use crate::timefmt::Zone;

/// The chain of one decision, ready to draw.
pub struct ChainDetail {
    pub id: i64,
    /// "item 12: Login loop on SSO".
    pub subject: String,
    /// Each piece of evidence with its title.
    pub evidence: Vec<String>,
    /// The decisions of the chain, oldest first (the selected one included).
    pub chain: Vec<LogEntry>,
}

#[derive(Default)]
pub struct DecisionsView {
    /// Every decision, oldest first.
    pub log: Vec<LogEntry>,
    /// Indexes into `log` of the decisions due for revisit.
    pub due: Vec<usize>,
    /// Indexes into `log` of the decisions the filter keeps, in order.
    pub shown: Vec<usize>,
    /// The words of the filter (lower case); empty shows everything.
    pub filter: Vec<String>,
    /// The cursor over the due rows and then the log rows.
    pub selected: usize,
    pub detail: Option<ChainDetail>,
    /// A decision being recorded with `n` or `s`: its subject, then its kind.
    pub(super) draft: Option<Draft>,
}

/// What is known of a decision being recorded before its form opens.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    subject: SubjectKind,
    subject_id: i64,
    kind: Option<DecisionKind>,
    /// Set by "supersede this": the decision the new one corrects.
    supersedes: Option<i64>,
}

impl DecisionsView {
    fn rows(&self) -> usize {
        self.due.len() + self.shown.len()
    }

    /// Recomputes which decisions the filter keeps.
    fn refilter(&mut self) {
        self.shown = (0..self.log.len())
            .filter(|&i| matches(&self.log[i], &self.filter))
            .collect();
        self.step(0);
    }

    /// The decision under the cursor.
    pub fn selected_entry(&self) -> Option<&LogEntry> {
        match self.selected.checked_sub(self.due.len()) {
            None => self.due.get(self.selected).and_then(|&i| self.log.get(i)),
            Some(i) => self.shown.get(i).and_then(|&i| self.log.get(i)),
        }
    }

    fn step(&mut self, delta: isize) {
        let last = self.rows().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

/// Whether every word matches the decision's kind, subject (`bet`,
/// `item:12`) or decider, ignoring case.
fn matches(e: &LogEntry, words: &[String]) -> bool {
    let d = &e.decision;
    let subject = format!("{}:{}", d.subject.as_str(), d.subject_id);
    let by = d.decided_by.to_lowercase();
    words
        .iter()
        .all(|w| w == d.kind.as_str() || w == d.subject.as_str() || *w == subject || by.contains(w.as_str()))
}

impl App {
    /// Re-reads the log while the view or a review shows it: it is read
    /// whole (17k decisions at 100k items, 30 ms), too slow for every reload.
    pub(super) fn reload_decisions(&mut self) -> Result<(), StoreError> {
        self.decisions_loaded = self.decisions_shown();
        if !self.decisions_loaded {
            return Ok(());
        }
        self.read_decisions()
    }

    /// Whether the decisions view or a review needs the log.
    pub(super) fn decisions_shown(&self) -> bool {
        self.view == View::Decisions || self.review.is_some()
    }

    /// Reads the whole log and what is due for revisit.
    pub(super) fn read_decisions(&mut self) -> Result<(), StoreError> {
        let now = self.clock.now();
        let log = self.store.decision_log()?;
        self.decisions.due = (0..log.len()).filter(|&i| log[i].due_for_revisit(now)).collect();
        self.decisions.log = log;
        self.decisions.refilter();
        Ok(())
    }

    /// The view's own keys; `None` lets the common handling run.
    pub(super) fn decisions_action(&mut self, action: Action) -> Option<Result<(), StoreError>> {
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => 10,
            Action::PageUp => -10,
            Action::Top => isize::MIN,
            Action::Bottom => isize::MAX,
            Action::Open => return Some(self.open_chain()),
            Action::NewDecision => return Some(self.start_decision()),
            Action::SupersedeDecision => return Some(self.open_kind_picker(true)),
            Action::FilterDecisions => {
                self.mode = Mode::Prompt(Box::new(Prompt::new(Purpose::DecisionFilter, Vec::new())));
                return Some(Ok(()));
            }
            Action::Back if !self.decisions.filter.is_empty() => {
                self.filter_decisions("");
                self.info("filter cleared".into());
                return Some(Ok(()));
            }
            _ => return None,
        };
        self.decisions.step(delta);
        Some(Ok(()))
    }

    fn open_chain(&mut self) -> Result<(), StoreError> {
        let Some(entry) = self.decisions.selected_entry().cloned() else {
            return Ok(());
        };
        let d = &entry.decision;
        let subject = EvidenceRef {
            kind: d.subject,
            id: d.subject_id,
        };
        let evidence = entry
            .links
            .evidence
            .iter()
            .map(|e| self.describe(*e))
            .collect::<Result<_, _>>()?;
        self.decisions.detail = Some(ChainDetail {
            id: d.id,
            subject: self.describe(subject)?,
            evidence,
            chain: chain_of(&self.decisions.log, d.id),
        });
        self.mode = Mode::Detail;
        Ok(())
    }

    /// "item 12: its title"; a subject that is gone says so rather than failing.
    fn describe(&self, r: EvidenceRef) -> Result<String, StoreError> {
        let title = match r.kind {
            SubjectKind::Item => self.store.get_item(ItemId(r.id)).map(|i| i.title),
            SubjectKind::Bet => self.store.get_bet(BetId(r.id)).map(|b| b.title),
            SubjectKind::Hypothesis => self.store.get_hypothesis(HypothesisId(r.id)).map(|h| h.statement),
            SubjectKind::Theme => self.store.theme(ThemeId(r.id)).map(|t| t.name),
        };
        Ok(format!(
            "{} {}: {}",
            r.kind.as_str(),
            r.id,
            title.unwrap_or_else(|_| "(not found)".into())
        ))
    }

    /// `n`: a new decision about the selected decision's subject: pick the
    /// kind, then fill in the form.
    pub(super) fn start_decision(&mut self) -> Result<(), StoreError> {
        self.open_kind_picker(false)
    }

    /// The kind picker for a decision on the selected decision's subject;
    /// with `supersede`, the new decision is linked to the selected one.
    fn open_kind_picker(&mut self, supersede: bool) -> Result<(), StoreError> {
        let Some(d) = self.decisions.selected_entry().map(|e| e.decision.clone()) else {
            self.info("no decision selected: its subject is what the new decision is about".into());
            return Ok(());
        };
        self.decisions.draft = Some(Draft {
            subject: d.subject,
            subject_id: d.subject_id,
            kind: None,
            supersedes: supersede.then_some(d.id),
        });
        let options = DecisionKind::ALL
            .iter()
            .map(|k| PickOption {
                label: k.as_str().into(),
                note: String::new(),
                value: k.as_str().into(),
            })
            .collect();
        self.mode = Mode::Pick(Box::new(Picker::new(PickPurpose::DecisionKind, Vec::new(), options)));
        Ok(())
    }

    pub(super) fn decision_kind_pick(&mut self, value: &str) -> Result<(), StoreError> {
        let kind: DecisionKind = value.parse().map_err(|e: String| StoreError::invalid("kind", e))?;
        let Some(draft) = self.decisions.draft.as_mut() else {
            return Ok(());
        };
        draft.kind = Some(kind);
        let form = DecisionForm::new(kind, draft.subject, draft.subject_id, draft.supersedes);
        self.mode = Mode::DecisionForm(Box::new(form));
        Ok(())
    }

    pub(super) fn finish_decision(&mut self, rationale: &str) -> Result<String, StoreError> {
        let Some(Draft {
            subject,
            subject_id,
            kind: Some(kind),
            supersedes,
        }) = self.decisions.draft
        else {
            return Err(StoreError::invalid("decision", "start again with n"));
        };
        let links = DecisionLinks {
            supersedes,
            ..DecisionLinks::default()
        };
        let new = NewDecision {
            kind,
            subject,
            subject_id,
            rationale: rationale.into(),
            decided_by: self.user.clone(),
        };
        let id = self.store.record_decision(&new, &links, self.clock.now())?;
        self.decisions.draft = None;
        Ok(format!(
            "decision {id} recorded: {} on {} {subject_id}",
            kind.as_str(),
            subject.as_str()
        ))
    }

    /// Esc in the decision form: nothing is written.
    pub(super) fn cancel_decision(&mut self) -> Result<(), StoreError> {
        self.mode = Mode::Normal;
        self.decisions.draft = None;
        self.info("decision cancelled; nothing written".into());
        Ok(())
    }

    /// Enter in the decision form: the decision with its evidence, revisit
    /// date and superseded decision in one transaction. A refusal (from the
    /// form or the store) stays in the form, with nothing written.
    pub(super) fn submit_decision_form(&mut self) -> Result<(), StoreError> {
        let (now, zone, user) = (self.clock.now(), self.zone, self.user.clone());
        let Mode::DecisionForm(form) = &mut self.mode else {
            return Ok(());
        };
        let today = match zone {
            Zone::Local => now.with_timezone(&chrono::Local).date_naive(),
            Zone::Fixed(offset) => now.with_timezone(&offset).date_naive(),
        };
        let parsed = form.parse(today).and_then(|p| {
            let revisit_by = p
                .revisit
                .map(|d| start_of(d, zone).map_err(|e| format!("revisit by: {e}")));
            Ok((revisit_by.transpose()?, p))
        });
        let (revisit_by, p) = match parsed {
            Ok(ok) => ok,
            Err(e) => {
                form.error = Some(e);
                return Ok(());
            }
        };
        let new = NewDecision {
            kind: form.kind,
            subject: form.subject,
            subject_id: form.subject_id,
            rationale: p.rationale,
            decided_by: user,
        };
        let links = DecisionLinks {
            supersedes: p.supersedes,
            revisit_by,
            evidence: p.evidence,
        };
        let id = match self.store.record_decision(&new, &links, now) {
            Ok(id) => id,
            Err(e) => {
                form.error = Some(e.to_string());
                return Ok(());
            }
        };
        self.mode = Mode::Normal;
        self.decisions.draft = None;
        self.reload()?;
        self.select_decision(id);
        self.info(format!(
            "decision {id} recorded: {} on {} {}",
            new.kind.as_str(),
            new.subject.as_str(),
            new.subject_id
        ));
        Ok(())
    }

    /// Puts the cursor on a decision of the log, if the filter shows it.
    fn select_decision(&mut self, id: i64) {
        let v = &mut self.decisions;
        if let Some(row) = v.shown.iter().position(|&i| v.log[i].decision.id == id) {
            v.selected = v.due.len() + row;
        }
    }

    /// Keeps the decisions every word of `text` matches; "" shows all.
    pub(super) fn filter_decisions(&mut self, text: &str) -> String {
        self.decisions.filter = text.split_whitespace().map(str::to_lowercase).collect();
        self.decisions.selected = 0;
        self.decisions.refilter();
        format!("{} decisions match", self.decisions.shown.len())
    }

    /// Recomputes the dashboard while it is on screen (it reads every item,
    /// so other views skip it); never while drawing.
    pub(super) fn reload_dashboard(&mut self) -> Result<(), StoreError> {
        if self.view != View::Dashboard {
            return Ok(());
        }
        let items = self.store.list_items(&crate::store::ItemFilter::default())?;
        let clocks = self.store.rows_with_severity()?;
        self.dashboard = Some(crate::dashboard::compute(
            &items,
            &clocks,
            &self.policy,
            self.clock.now(),
        ));
        Ok(())
    }

    /// Whether the decisions view is on screen (for drawing the popup).
    pub fn showing_decisions(&self) -> bool {
        self.view == View::Decisions
    }
}
