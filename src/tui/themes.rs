//! The themes view's state and keys, and `p` in the lists. The view lists
//! every theme with evidence, then "suggested themes": clusters of untriaged,
//! unthemed items from `similar::propose_themes` over the app's similarity
//! index (shown as "indexing…" until the background index arrives). `a`
//! accepts a proposal, `r` renames a theme or a proposal, `x` dismisses a
//! proposal for good (until its members change), `Enter` shows the items.

use std::collections::HashMap;

use super::action::Action;
use super::app::{App, Mode, View};
use super::picker::{PickOption, PickPurpose, Picker};
use super::prompt::{Prompt, Purpose, describe};
use crate::domain::{Item, ItemId, RECURRING_DEFAULT, ThemeClass, ThemeId};
use crate::similar::{ClusterOptions, ThemeProposal, propose_themes};
use crate::store::{Evidence, StoreError, ThemeStats, proposal_signature};

/// The value of the picker row that takes items out of their theme.
const NO_THEME: &str = "";

/// A proposal as shown: the engine's clustering, under the name the user
/// gave it (if any), with its distinct customers.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub proposal: ThemeProposal,
    pub name: String,
    pub customers: usize,
    pub class: ThemeClass,
}

/// What a rename prompt renames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameTarget {
    Theme(ThemeId),
    /// A proposal, by its signature (renames live until it is accepted).
    Proposal(String),
}

/// A theme or a proposal opened with Enter: its items with a quote each.
pub struct ThemeDetail {
    pub title: String,
    pub items: Vec<Evidence>,
}

pub struct ThemesView {
    /// Themes with evidence, most customers first.
    pub themes: Vec<ThemeStats>,
    /// `None` while the similarity index is still being built.
    pub proposals: Option<Vec<Proposal>>,
    /// The cursor, over the themes and then the proposals.
    pub selected: usize,
    /// Distinct customers from which a theme is recurring.
    pub recurring_at: usize,
    pub detail: Option<ThemeDetail>,
    pub(super) renaming: Option<RenameTarget>,
    /// Names the user gave proposals, by signature.
    renamed: HashMap<String, String>,
}

impl Default for ThemesView {
    fn default() -> Self {
        ThemesView {
            themes: Vec::new(),
            proposals: None,
            selected: 0,
            recurring_at: RECURRING_DEFAULT,
            detail: None,
            renaming: None,
            renamed: HashMap::new(),
        }
    }
}

impl ThemesView {
    fn rows(&self) -> usize {
        self.themes.len() + self.proposals.as_ref().map_or(0, Vec::len)
    }

    /// The selected theme, if the cursor is on one.
    pub fn selected_theme(&self) -> Option<&ThemeStats> {
        self.themes.get(self.selected)
    }

    /// The selected proposal, if the cursor is on one.
    pub fn selected_proposal(&self) -> Option<&Proposal> {
        let i = self.selected.checked_sub(self.themes.len())?;
        self.proposals.as_ref()?.get(i)
    }

    fn step(&mut self, delta: isize) {
        let last = self.rows().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

/// The first sentence of a body (or the title when there is no body), to
/// quote a customer in a line.
pub fn quote(title: &str, body: &str) -> String {
    let text = body.trim();
    if text.is_empty() {
        return title.to_string();
    }
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '\n' || (matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with([' ', '\n'])))
        .map_or(text.len(), |(i, c)| if c == '\n' { i } else { i + 1 });
    text[..end].trim().to_string()
}

impl App {
    /// Re-reads the themes and recomputes the proposals, when the themes
    /// view is on screen (clustering is not free, so other views skip it).
    pub(super) fn reload_themes(&mut self) -> Result<(), StoreError> {
        if self.view != View::Themes {
            return Ok(());
        }
        let now = self.clock.now();
        self.themes.themes = self.store.theme_stats(now, self.themes.recurring_at)?;
        self.themes.proposals = self.proposals()?;
        self.themes.step(0);
        Ok(())
    }

    fn proposals(&self) -> Result<Option<Vec<Proposal>>, StoreError> {
        let Some(index) = self.similarity.index() else {
            return Ok(None);
        };
        let ids: Vec<i64> = self.store.untriaged_unthemed()?.iter().map(|i| i.0).collect();
        let dismissed = self.store.dismissed_proposals()?;
        let mut out = Vec::new();
        for p in propose_themes(index, &ids, &ClusterOptions::default()) {
            let signature = proposal_signature(&p.members);
            if dismissed.contains(&signature) {
                continue;
            }
            let mut customers = std::collections::BTreeSet::new();
            for &id in &p.members {
                customers.extend(self.store.get_item(ItemId(id))?.customer.map(|c| c.to_lowercase()));
            }
            let name = self
                .themes
                .renamed
                .get(&signature)
                .cloned()
                .unwrap_or_else(|| p.name.clone());
            out.push(Proposal {
                class: ThemeClass::of(customers.len(), self.themes.recurring_at),
                customers: customers.len(),
                name,
                proposal: p,
            });
        }
        Ok(Some(out))
    }

    /// Keys of the themes view; `None` for keys it leaves to the app.
    pub(super) fn themes_action(&mut self, action: Action) -> Option<Result<(), StoreError>> {
        let delta = match action {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown => Some(10),
            Action::PageUp => Some(-10),
            Action::Top => Some(isize::MIN),
            Action::Bottom => Some(isize::MAX),
            _ => None,
        };
        if let Some(delta) = delta {
            self.themes.step(delta);
            return Some(Ok(()));
        }
        let result = match action {
            Action::Open => self.open_theme(),
            Action::AcceptProposal => self.accept_proposal(),
            Action::Rename => self.open_rename(),
            Action::Dismiss => self.dismiss_proposal(),
            Action::NewHypothesis => self.hypothesis_from_theme(),
            _ => return None,
        };
        Some(result)
    }

    fn open_theme(&mut self) -> Result<(), StoreError> {
        let detail = if let Some(s) = self.themes.selected_theme() {
            ThemeDetail {
                title: format!("{} · {} · {} customers", s.theme.name, s.class.as_str(), s.customers),
                items: self.store.theme_evidence(s.theme.id)?,
            }
        } else if let Some(p) = self.themes.selected_proposal() {
            let mut items = Vec::new();
            for &id in &p.proposal.members {
                items.push(evidence_of(self.store.get_item(ItemId(id))?));
            }
            ThemeDetail {
                title: format!("Suggested: {} · {} customers", p.name, p.customers),
                items,
            }
        } else {
            return Ok(());
        };
        self.themes.detail = Some(detail);
        self.mode = Mode::Detail;
        Ok(())
    }

    fn accept_proposal(&mut self) -> Result<(), StoreError> {
        let Some(p) = self.themes.selected_proposal().cloned() else {
            self.info("a on a suggested theme accepts it".to_string());
            return Ok(());
        };
        let ids: Vec<ItemId> = p.proposal.members.iter().copied().map(ItemId).collect();
        let theme = self.store.set_theme(&ids, Some(&p.name), self.clock.now())?;
        self.reload()?;
        let name = theme.map_or(p.name, |t| t.name);
        self.info(format!("theme \"{name}\" created with {} items (u undoes)", ids.len()));
        Ok(())
    }

    fn dismiss_proposal(&mut self) -> Result<(), StoreError> {
        let Some(p) = self.themes.selected_proposal().cloned() else {
            self.info("x on a suggested theme dismisses it".to_string());
            return Ok(());
        };
        self.store
            .dismiss_proposal(&p.proposal.members, &p.name, self.clock.now())?;
        self.reload_themes()?;
        self.info(format!("suggestion \"{}\" dismissed", p.name));
        Ok(())
    }

    fn open_rename(&mut self) -> Result<(), StoreError> {
        let (target, name) = if let Some(s) = self.themes.selected_theme() {
            (RenameTarget::Theme(s.theme.id), s.theme.name.clone())
        } else if let Some(p) = self.themes.selected_proposal() {
            (
                RenameTarget::Proposal(proposal_signature(&p.proposal.members)),
                p.name.clone(),
            )
        } else {
            return Ok(());
        };
        self.themes.renaming = Some(target);
        self.mode = Mode::Prompt(Box::new(Prompt::with_text(Purpose::RenameTheme, &name)));
        Ok(())
    }

    /// The rename prompt's text: a theme is renamed in the store, a proposal
    /// only on screen until it is accepted.
    pub(super) fn submit_rename(&mut self, text: &str) -> Result<String, StoreError> {
        let name = crate::sanitize::clean_line(text);
        match self.themes.renaming.clone() {
            Some(RenameTarget::Theme(id)) => {
                let theme = self.store.rename_theme(id, &name)?;
                Ok(format!("theme renamed to \"{}\"", theme.name))
            }
            Some(RenameTarget::Proposal(signature)) => {
                self.themes.renamed.insert(signature, name.clone());
                Ok(format!("suggestion renamed to \"{name}\"; a accepts it"))
            }
            None => Ok(String::new()),
        }
    }

    /// `p`: the picker over the themes of similar items first, then every
    /// theme, or a new name typed.
    pub(super) fn open_theme_picker(&mut self) -> Result<(), StoreError> {
        let targets = self.targets();
        let Some(&first) = targets.first() else { return Ok(()) };
        let mut options: Vec<PickOption> = Vec::new();
        for s in self.similarity.suggest(first, 10) {
            let similar = ItemId(s.id);
            let root = self.store.duplicate_of(similar)?.unwrap_or(similar);
            let Some(theme) = self.store.theme_of(root)? else {
                continue;
            };
            if !options.iter().any(|o| o.value == theme.name) {
                options.push(PickOption {
                    label: theme.name.clone(),
                    note: format!("suggested: like {similar} ({:.2})", s.score),
                    value: theme.name,
                });
            }
        }
        let counts: HashMap<ThemeId, usize> = self
            .store
            .theme_stats(self.clock.now(), self.themes.recurring_at)?
            .into_iter()
            .map(|s| (s.theme.id, s.items))
            .collect();
        for theme in self.store.themes()? {
            if !options.iter().any(|o| o.value == theme.name) {
                let n = counts.get(&theme.id).copied().unwrap_or(0);
                options.push(PickOption {
                    label: theme.name.clone(),
                    note: format!("{n} items"),
                    value: theme.name,
                });
            }
        }
        options.push(PickOption {
            label: "— none —".into(),
            note: "takes it out of its theme".into(),
            value: NO_THEME.into(),
        });
        self.mode = Mode::Pick(Box::new(Picker::new(PickPurpose::Theme, targets, options)));
        Ok(())
    }

    pub(super) fn submit_theme(&mut self, targets: &[ItemId], value: &str) -> Result<String, StoreError> {
        let name = Some(value).filter(|v| *v != NO_THEME);
        let theme = self.store.set_theme(targets, name, self.clock.now())?;
        let who = describe(targets);
        Ok(match theme {
            Some(t) => format!("{who} in theme \"{}\"", t.name),
            None => format!("{who} has no theme"),
        })
    }
}

fn evidence_of(item: Item) -> Evidence {
    Evidence {
        id: item.id,
        title: item.title,
        body: item.body,
        customer: item.customer,
        segment: item.segment,
        severity: item.severity,
        status: item.status,
        created_at: item.created_at,
        duplicate_of: None,
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn a_quote_is_the_first_sentence() {
        assert_eq!(quote("t", "Totals are off. Since Monday."), "Totals are off.");
        assert_eq!(quote("t", "Is v2.3 out? We wait"), "Is v2.3 out?");
        assert_eq!(quote("t", "first line\nsecond"), "first line");
        assert_eq!(quote("Title", "  "), "Title");
        assert_eq!(quote("t", "no stop at all"), "no stop at all");
    }
}
