//! A fuzzy picker: a query line over a list of options, narrowed as you type
//! (fuzzy-matcher's skim algorithm), with the matched characters remembered
//! for highlighting. Enter picks the highlighted option, or — where the
//! purpose allows it — takes the typed text as a new value.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::domain::ItemId;

/// What the picked value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickPurpose {
    Owner,
    Category,
    Tag,
    Duplicate,
    Outcome,
    NextStep,
    Theme,
    DecisionKind,
}

impl PickPurpose {
    pub fn title(self) -> &'static str {
        match self {
            PickPurpose::Owner => "Owner",
            PickPurpose::Category => "Category",
            PickPurpose::Tag => "Tag (adds, or removes if present)",
            PickPurpose::Duplicate => "Duplicate of",
            PickPurpose::Outcome => "Verdict: how did the bet end?",
            PickPurpose::DecisionKind => "New decision: which kind?",
            PickPurpose::NextStep => "Verdict: what next?",
            PickPurpose::Theme => "Theme (suggested first, or type a new one)",
        }
    }

    /// Whether typed text that matches nothing may become a new value.
    pub fn allows_new(self) -> bool {
        !matches!(
            self,
            PickPurpose::Duplicate | PickPurpose::Outcome | PickPurpose::NextStep | PickPurpose::DecisionKind
        )
    }
}

/// One choice: what is shown, a dim note beside it, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct PickOption {
    pub label: String,
    pub note: String,
    pub value: String,
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickOutcome {
    Editing,
    Cancel,
    /// The chosen (or newly typed) value.
    Pick(String),
}

pub struct Picker {
    pub purpose: PickPurpose,
    pub targets: Vec<ItemId>,
    pub input: TextArea<'static>,
    options: Vec<PickOption>,
    /// Indexes into `options` that match the query, best first, with the
    /// matched character positions.
    matches: Vec<(usize, Vec<usize>)>,
    pub selected: usize,
    matcher: SkimMatcherV2,
}

impl Picker {
    pub fn new(purpose: PickPurpose, targets: Vec<ItemId>, options: Vec<PickOption>) -> Picker {
        let mut input = TextArea::default();
        input.set_placeholder_text(if purpose.allows_new() {
            "type to filter, or a new value"
        } else {
            "type to filter"
        });
        let mut picker = Picker {
            purpose,
            targets,
            input,
            options,
            matches: Vec::new(),
            selected: 0,
            matcher: SkimMatcherV2::default().ignore_case(),
        };
        picker.refilter();
        picker
    }

    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }

    /// The matching options, best first, with matched character positions.
    pub fn matches(&self) -> impl Iterator<Item = (&PickOption, &[usize])> {
        self.matches.iter().map(|(i, pos)| (&self.options[*i], pos.as_slice()))
    }

    pub fn match_count(&self) -> usize {
        self.matches.len()
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PickOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return PickOutcome::Cancel,
            KeyCode::Enter => return self.choose(),
            KeyCode::Down | KeyCode::Tab => self.move_by(1),
            KeyCode::Char('n') if ctrl => self.move_by(1),
            KeyCode::Up | KeyCode::BackTab => self.move_by(-1),
            KeyCode::Char('p') if ctrl => self.move_by(-1),
            _ => {
                if self.input.input(key) {
                    self.refilter();
                }
            }
        }
        PickOutcome::Editing
    }

    /// The highlighted row: one of the matches, or the "new value" row that
    /// follows them.
    fn choose(&self) -> PickOutcome {
        match self.matches.get(self.selected) {
            Some((i, _)) => PickOutcome::Pick(self.options[*i].value.clone()),
            None if self.offers_new() => PickOutcome::Pick(self.query()),
            None => PickOutcome::Editing,
        }
    }

    /// Rows you can move over: the matches, plus the "new value" row.
    pub fn rows(&self) -> usize {
        self.matches.len() + usize::from(self.offers_new())
    }

    /// Whether a "new: <query>" row is offered (text typed that is not an
    /// existing value).
    pub fn offers_new(&self) -> bool {
        let query = self.query();
        self.purpose.allows_new()
            && !query.is_empty()
            && !self.options.iter().any(|o| o.value.eq_ignore_ascii_case(&query))
    }

    fn move_by(&mut self, delta: isize) {
        let rows = self.rows();
        if rows > 0 {
            self.selected = self.selected.saturating_add_signed(delta).min(rows - 1);
        }
    }

    fn refilter(&mut self) {
        let query = self.query();
        self.matches = if query.is_empty() {
            (0..self.options.len()).map(|i| (i, Vec::new())).collect()
        } else {
            let mut scored: Vec<(i64, usize, Vec<usize>)> = self
                .options
                .iter()
                .enumerate()
                .filter_map(|(i, o)| self.matcher.fuzzy_indices(&o.label, &query).map(|(s, pos)| (s, i, pos)))
                .collect();
            // Best score first; ties keep the original (most used first) order.
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().map(|(_, i, pos)| (i, pos)).collect()
        };
        self.selected = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(values: &[&str]) -> Vec<PickOption> {
        values
            .iter()
            .map(|v| PickOption {
                label: v.to_string(),
                note: String::new(),
                value: v.to_string(),
            })
            .collect()
    }

    fn typed(p: &mut Picker, text: &str) {
        for c in text.chars() {
            p.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn enter(p: &mut Picker) -> PickOutcome {
        p.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
    }

    #[test]
    fn empty_query_picks_the_first_option() {
        let mut p = Picker::new(PickPurpose::Owner, vec![], options(&["dana", "marco"]));
        assert_eq!(enter(&mut p), PickOutcome::Pick("dana".into()));
    }

    #[test]
    fn typing_narrows_fuzzily_and_picks_the_best_match() {
        let mut p = Picker::new(
            PickPurpose::Category,
            vec![],
            options(&["billing", "deployment", "connectivity"]),
        );
        typed(&mut p, "dply");
        assert_eq!(p.match_count(), 1);
        let (first, positions) = p.matches().next().expect("a match");
        assert_eq!(first.value, "deployment");
        assert_eq!(positions.len(), 4, "matched characters are remembered for highlighting");
        // The best match is highlighted, so Enter takes it.
        assert_eq!(enter(&mut p), PickOutcome::Pick("deployment".into()));
    }

    #[test]
    fn a_new_value_is_offered_after_the_matches() {
        let mut p = Picker::new(PickPurpose::Tag, vec![], options(&["ssl-certs"]));
        typed(&mut p, "sso");
        assert!(p.offers_new());
        // "ssl-certs" fuzzy-matches "sso"? It does not (no second 'o'), so
        // the only row is the new value.
        assert_eq!(enter(&mut p), PickOutcome::Pick("sso".into()));
    }

    #[test]
    fn moving_down_to_the_new_row_picks_the_typed_text() {
        let mut p = Picker::new(PickPurpose::Owner, vec![], options(&["dana", "daniel"]));
        typed(&mut p, "dan");
        assert_eq!(p.rows(), 3);
        for _ in 0..2 {
            p.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        }
        assert_eq!(enter(&mut p), PickOutcome::Pick("dan".into()));
    }

    #[test]
    fn esc_cancels() {
        let mut p = Picker::new(PickPurpose::Owner, vec![], options(&["dana"]));
        assert_eq!(
            p.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            PickOutcome::Cancel
        );
    }
}
