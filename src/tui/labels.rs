//! Owner, category and tags from the keyboard: each opens the fuzzy picker
//! over the values already in use (most used first), and the pick is one
//! committed, undoable change to the selected or marked items.

use super::app::{App, Mode};
use super::picker::{PickOption, PickPurpose, Picker};
use super::prompt::describe;
use crate::store::{Label, StoreError};

/// The value that clears an owner or a category.
const NONE: &str = "";

impl App {
    pub(super) fn open_picker(&mut self, purpose: PickPurpose) -> Result<(), StoreError> {
        let targets = self.targets();
        if targets.is_empty() {
            return Ok(());
        }
        let label = match purpose {
            PickPurpose::Owner => Label::Owner,
            PickPurpose::Category => Label::Category,
            PickPurpose::Tag => Label::Tag,
            PickPurpose::Duplicate => return self.open_duplicate_picker(),
            PickPurpose::Outcome | PickPurpose::NextStep => return self.start_verdict(),
            PickPurpose::Theme => return self.open_theme_picker(),
            PickPurpose::DecisionKind => return self.start_decision(),
        };
        let mut options: Vec<PickOption> = self
            .store
            .known(label)?
            .into_iter()
            .map(|(value, uses)| PickOption {
                label: value.clone(),
                note: format!("{uses}×"),
                value,
            })
            .collect();
        if purpose == PickPurpose::Category {
            // The config's categories, after those in use (which carry counts).
            for c in &self.settings.categories {
                if !options.iter().any(|o| &o.value == c) {
                    options.push(PickOption {
                        label: c.clone(),
                        note: "config".into(),
                        value: c.clone(),
                    });
                }
            }
        }
        if purpose != PickPurpose::Tag {
            options.push(PickOption {
                label: "— none —".into(),
                note: "clears it".into(),
                value: NONE.into(),
            });
        }
        self.mode = Mode::Pick(Box::new(Picker::new(purpose, targets, options)));
        Ok(())
    }

    pub(super) fn submit_pick(&mut self, value: String) -> Result<(), StoreError> {
        let Mode::Pick(picker) = &self.mode else { return Ok(()) };
        let (purpose, targets) = (picker.purpose, picker.targets.clone());
        if purpose == PickPurpose::DecisionKind {
            return self.decision_kind_pick(&value);
        }
        if matches!(purpose, PickPurpose::Outcome | PickPurpose::NextStep) {
            // The verdict goes on to its next step (a picker or the prompt).
            let text = self.verdict_pick(&value)?;
            self.info(text);
            return Ok(());
        }
        let (now, who) = (self.clock.now(), describe(&targets));
        let chosen = Some(value.as_str()).filter(|v| *v != NONE);
        let text = match purpose {
            PickPurpose::Owner => {
                self.store.set_owner(&targets, chosen, now)?;
                chosen.map_or(format!("{who} has no owner"), |o| format!("{who} owned by {o}"))
            }
            PickPurpose::Category => {
                self.store.set_category(&targets, chosen, now)?;
                chosen.map_or(format!("{who} has no category"), |c| {
                    format!("{who} in {}", c.to_lowercase())
                })
            }
            PickPurpose::Duplicate => self.submit_duplicate(&targets, &value)?,
            // Handled above: a verdict goes on to its next step.
            PickPurpose::Outcome | PickPurpose::NextStep | PickPurpose::DecisionKind => return Ok(()),
            PickPurpose::Theme => self.submit_theme(&targets, &value)?,
            PickPurpose::Tag => {
                let added = self.store.toggle_tag(&targets, &value, now)?;
                let verb = if added { "tagged" } else { "untagged" };
                format!("{who} {verb} {}", value.to_lowercase())
            }
        };
        self.mode = Mode::Normal;
        self.marks.clear();
        self.reload()?;
        self.info(text);
        Ok(())
    }
}
