//! The bets view's state and actions: the ranked list (any scoring method),
//! the input column `+/-` steps — each step one committed, undoable change
//! after which the list re-ranks and the cursor follows the bet — focus mode
//! for pairing (one bet with its hypothesis, evidence chain and score
//! breakdown), presenter mode, and the verdict flow.

use super::app::{App, Mode, View};
use super::picker::{PickOption, PickPurpose, Picker};
use super::prompt::{Prompt, Purpose};
use crate::domain::{BetId, Decision, Hypothesis, Item, NextStep, Outcome, SubjectKind, Verdict};
use crate::ranking::{self, RankedBet};
use crate::scoring::{Direction, Input, Method};
use crate::store::{LinkedItem, StoreError};

/// One bet opened in focus mode, loaded when it is opened or moved to.
pub struct Focus {
    pub hypothesis: Option<Hypothesis>,
    /// Each linked item with how it is linked, and the item in full (quotes).
    pub evidence: Vec<(LinkedItem, Item)>,
    pub decisions: Vec<Decision>,
}

#[derive(Default)]
pub struct BetsView {
    pub method: Method,
    pub rows: Vec<RankedBet>,
    pub selected: usize,
    /// Index into `method.inputs()` of the column `+/-` adjusts.
    pub input: usize,
    pub focus: Option<Focus>,
    /// Screen sharing: segments instead of customer names.
    pub presenter: bool,
    /// A verdict being put together: outcome, then next step, then rationale.
    pub(super) verdict: Option<(BetId, Option<Outcome>, Option<NextStep>)>,
}

impl BetsView {
    pub fn selected_bet(&self) -> Option<&RankedBet> {
        self.rows.get(self.selected)
    }

    pub fn input(&self) -> Input {
        let inputs = self.method.inputs();
        inputs[self.input.min(inputs.len() - 1)]
    }
}

impl App {
    /// Re-ranks the bets from the store, keeping the cursor on the same bet.
    pub(super) fn reload_bets(&mut self) -> Result<(), StoreError> {
        // Ranking reads every bet's evidence (20 ms at 100k items): only
        // while the bets view is on screen, and again on entering it.
        if self.view != View::Bets {
            return Ok(());
        }
        let keep = self.bets.selected_bet().map(|r| r.bet.id);
        let now = self.clock.now();
        self.bets.rows = ranking::ranked(&self.store, self.bets.method, &self.settings.weights, &self.policy, now)?;
        self.bets.selected = keep
            .and_then(|id| self.bets.rows.iter().position(|r| r.bet.id == id))
            .unwrap_or(self.bets.selected)
            .min(self.bets.rows.len().saturating_sub(1));
        if self.bets.focus.is_some() {
            self.load_focus()?;
        }
        Ok(())
    }

    pub(super) fn bets_step(&mut self, delta: isize) -> Result<(), StoreError> {
        let last = self.bets.rows.len().saturating_sub(1);
        self.bets.selected = self.bets.selected.saturating_add_signed(delta).min(last);
        if self.bets.focus.is_some() {
            self.load_focus()
        } else {
            Ok(())
        }
    }

    pub(super) fn bets_column(&mut self, delta: isize) -> Result<(), StoreError> {
        let last = self.bets.method.inputs().len() - 1;
        self.bets.input = self.bets.input.saturating_add_signed(delta).min(last);
        Ok(())
    }

    /// `+`/`-`: one step along the input's legal scale, committed, re-ranked.
    pub(super) fn bets_adjust(&mut self, direction: Direction) -> Result<(), StoreError> {
        let Some(row) = self.bets.selected_bet() else {
            return Ok(());
        };
        let (id, input, now) = (row.bet.id, self.bets.input(), self.clock.now());
        let value = if input == Input::Reach && row.bet.inputs.reach.is_none() {
            // A derived reach is unset in the store: step from what is shown.
            let next = crate::scoring::step(Input::Reach, Some(row.reach()), direction);
            self.store.set_bet_input(id, Input::Reach, Some(next), now)?;
            next
        } else {
            self.store.step_bet_input(id, input, direction, now)?
        };
        self.reload_bets()?;
        let rank = self
            .bets
            .selected_bet()
            .and_then(|r| r.rank)
            .map_or("unranked".to_string(), |r| format!("now #{r}"));
        self.info(format!(
            "{} {} = {} · {rank}",
            id,
            input.label(),
            crate::scoring::number(value)
        ));
        Ok(())
    }

    pub(super) fn bets_cycle_method(&mut self) -> Result<(), StoreError> {
        let i = Method::ALL.iter().position(|m| *m == self.bets.method).unwrap_or(0);
        self.bets.method = Method::ALL[(i + 1) % Method::ALL.len()];
        self.bets.input = 0;
        self.reload_bets()?;
        self.info(format!(
            "ranked by {}: {}",
            self.bets.method.label(),
            self.bets.method.formula()
        ));
        Ok(())
    }

    pub(super) fn toggle_focus(&mut self, open: bool) -> Result<(), StoreError> {
        if open && self.bets.selected_bet().is_some() {
            self.load_focus()
        } else {
            self.bets.focus = None;
            Ok(())
        }
    }

    fn load_focus(&mut self) -> Result<(), StoreError> {
        let Some(row) = self.bets.selected_bet() else {
            self.bets.focus = None;
            return Ok(());
        };
        let (id, hypothesis) = (row.bet.id, row.bet.hypothesis);
        let mut evidence = Vec::new();
        for linked in self.store.bet_evidence_items(id)? {
            let item = self.store.get_item(linked.row.id)?;
            evidence.push((linked, item));
        }
        self.bets.focus = Some(Focus {
            hypothesis: hypothesis.map(|h| self.store.get_hypothesis(h)).transpose()?,
            evidence,
            decisions: self.store.decisions_about(SubjectKind::Bet, id.0)?,
        });
        Ok(())
    }

    /// `v`: outcome, then next step (pickers), then the rationale (prompt).
    pub(super) fn start_verdict(&mut self) -> Result<(), StoreError> {
        let Some(row) = self.bets.selected_bet() else {
            return Ok(());
        };
        if row.bet.status.is_closed() {
            self.info(format!("{} already has a verdict", row.bet.id));
            return Ok(());
        }
        self.bets.verdict = Some((row.bet.id, None, None));
        let options = Outcome::ALL.iter().map(|o| option(o.as_str(), "")).collect();
        self.mode = Mode::Pick(Box::new(Picker::new(PickPurpose::Outcome, Vec::new(), options)));
        Ok(())
    }

    pub(super) fn verdict_pick(&mut self, value: &str) -> Result<String, StoreError> {
        let bad = |what: &str| StoreError::invalid("verdict", format!("{value:?} is not a {what}"));
        match self.bets.verdict {
            Some((id, None, None)) => {
                let outcome: Outcome = value.parse().map_err(|_| bad("outcome"))?;
                self.bets.verdict = Some((id, Some(outcome), None));
                let options = NextStep::ALL.iter().map(|n| option(n.as_str(), "")).collect();
                self.mode = Mode::Pick(Box::new(Picker::new(PickPurpose::NextStep, Vec::new(), options)));
                Ok(format!("{id} {}: and next?", outcome.as_str()))
            }
            Some((id, Some(outcome), None)) => {
                let next: NextStep = value.parse().map_err(|_| bad("next step"))?;
                self.bets.verdict = Some((id, Some(outcome), Some(next)));
                self.mode = Mode::Prompt(Box::new(Prompt::new(Purpose::Verdict, Vec::new())));
                Ok(format!("{id} {} · {}: why?", outcome.as_str(), next.as_str()))
            }
            _ => Ok(String::new()),
        }
    }

    pub(super) fn finish_verdict(&mut self, rationale: &str) -> Result<String, StoreError> {
        let Some((id, Some(outcome), Some(next))) = self.bets.verdict else {
            return Err(StoreError::invalid("verdict", "start again with v"));
        };
        let verdict = Verdict {
            outcome,
            next,
            rationale: rationale.to_string(),
        };
        let user = self.user.clone();
        self.store.record_verdict(id, &verdict, &user, self.clock.now())?;
        self.bets.verdict = None;
        Ok(format!("{id} {}; decision: {}", outcome.as_str(), next.as_str()))
    }
}

impl App {
    /// `n` in the bets view: the new-bet form.
    pub(super) fn open_bet_form(&mut self) -> Result<(), StoreError> {
        self.mode = Mode::BetForm(Box::default());
        Ok(())
    }

    pub(super) fn submit_bet_form(&mut self) -> Result<(), StoreError> {
        let Mode::BetForm(form) = &mut self.mode else {
            return Ok(());
        };
        let new = match form.to_new_bet(self.zone) {
            Ok(new) => new,
            Err(e) => {
                form.error = Some(e);
                return Ok(());
            }
        };
        match self.store.add_bet(&new, self.clock.now()) {
            Ok(id) => {
                self.mode = Mode::Normal;
                self.reload()?;
                if let Some(pos) = self.bets.rows.iter().position(|r| r.bet.id == id) {
                    self.bets.selected = pos;
                }
                self.info(format!("{id} added: set its inputs with ←/→ and +/-"));
                Ok(())
            }
            Err(e) => {
                form.error = Some(e.to_string());
                Ok(())
            }
        }
    }

    /// `h` in the themes view: a hypothesis whose evidence is the selected
    /// theme's items (members and their duplicates).
    pub(super) fn hypothesis_from_theme(&mut self) -> Result<(), StoreError> {
        let Some(theme) = self.themes.selected_theme().map(|s| s.theme.id) else {
            self.info("select a theme (not a suggestion) to build a hypothesis on".to_string());
            return Ok(());
        };
        let evidence: Vec<_> = self.store.theme_evidence(theme)?.into_iter().map(|e| e.id).collect();
        self.mode = Mode::Prompt(Box::new(Prompt::new(Purpose::Hypothesis, evidence)));
        Ok(())
    }

    /// `h`: a hypothesis from the selected or marked items (inbox), or for
    /// the selected bet (bets view).
    pub(super) fn open_hypothesis_prompt(&mut self) -> Result<(), StoreError> {
        let targets = if self.view == super::app::View::Bets {
            Vec::new()
        } else {
            self.targets()
        };
        if self.view == super::app::View::Bets && self.bets.selected_bet().is_none() {
            return Ok(());
        }
        self.mode = Mode::Prompt(Box::new(Prompt::new(Purpose::Hypothesis, targets)));
        Ok(())
    }

    pub(super) fn submit_hypothesis(
        &mut self,
        targets: &[crate::domain::ItemId],
        statement: &str,
    ) -> Result<String, StoreError> {
        let now = self.clock.now();
        let new = crate::domain::NewHypothesis {
            statement: statement.to_string(),
            evidence: targets.to_vec(),
        };
        let id = self.store.add_hypothesis(&new, now)?;
        if self.view == super::app::View::Bets
            && let Some(bet) = self.bets.selected_bet().map(|r| r.bet.id)
        {
            let patch = crate::domain::BetPatch {
                hypothesis: Some(Some(id)),
                ..Default::default()
            };
            self.store.update_bet(bet, &patch, now)?;
            return Ok(format!("{id} added as {bet}'s hypothesis"));
        }
        Ok(format!("{id} added with {} item(s) as evidence", targets.len()))
    }
}

fn option(value: &str, note: &str) -> PickOption {
    PickOption {
        label: value.to_string(),
        note: note.to_string(),
        value: value.to_string(),
    }
}
