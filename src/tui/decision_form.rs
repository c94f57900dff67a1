//! The new-decision form (decisions view, after `n` or `s` and the kind):
//! rationale (required), evidence as KIND:ID ids, a revisit date, and the
//! decision it supersedes. It only reads and checks what was typed; the
//! store checks that the evidence and the superseded decision exist, in the
//! same transaction that records the decision.

use chrono::{Days, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::capture::FormOutcome;
use crate::domain::{DecisionKind, EvidenceRef, SubjectKind};

pub const FIELDS: [&str; 4] = ["Why", "Evidence", "Revisit by", "Supersedes"];

/// What the typed fields say, before times are placed in a zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub rationale: String,
    pub evidence: Vec<EvidenceRef>,
    pub revisit: Option<NaiveDate>,
    pub supersedes: Option<i64>,
}

pub struct DecisionForm {
    pub kind: DecisionKind,
    pub subject: SubjectKind,
    pub subject_id: i64,
    pub fields: [TextArea<'static>; 4],
    pub focus: usize,
    /// Why the last save was refused, shown inside the form.
    pub error: Option<String>,
}

impl DecisionForm {
    /// A form for `kind` on the subject, pre-linked to `supersedes` when
    /// opened with "supersede this".
    pub fn new(kind: DecisionKind, subject: SubjectKind, subject_id: i64, supersedes: Option<i64>) -> Self {
        let mut form = DecisionForm {
            kind,
            subject,
            subject_id,
            fields: std::array::from_fn(|_| TextArea::default()),
            focus: 0,
            error: None,
        };
        let hints = [
            "why? (required)",
            "item:12, theme:3, bet:2 (a bare number is an item)",
            "YYYY-MM-DD or +14d / +2w",
            "id of the decision this one corrects",
        ];
        for (field, hint) in form.fields.iter_mut().zip(hints) {
            field.set_placeholder_text(hint);
        }
        if let Some(id) = supersedes {
            form.fields[3].insert_str(id.to_string());
        }
        super::capture::style_focus(&mut form.fields, form.focus);
        form
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        let step = match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Tab => 1,
            KeyCode::BackTab => FIELDS.len() - 1,
            _ => {
                self.fields[self.focus].input(key);
                return FormOutcome::Editing;
            }
        };
        self.focus = (self.focus + step) % FIELDS.len();
        super::capture::style_focus(&mut self.fields, self.focus);
        FormOutcome::Editing
    }

    fn text(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// The fields read and checked; `today` is the local date `+14d` counts from.
    pub fn parse(&self, today: NaiveDate) -> Result<Parsed, String> {
        let rationale = self.text(0);
        if rationale.is_empty() {
            return Err("why: a rationale is required".into());
        }
        let supersedes = match self.text(3) {
            t if t.is_empty() => None,
            t => Some(
                t.trim_start_matches('#')
                    .parse()
                    .map_err(|_| format!("supersedes: {t:?} is not a decision id"))?,
            ),
        };
        Ok(Parsed {
            rationale,
            evidence: parse_evidence(&self.text(1))?,
            revisit: parse_revisit(&self.text(2), today)?,
            supersedes,
        })
    }
}

/// `item:12, theme:3, 7` → the references (a bare number is an item), each
/// once, in the order typed.
pub fn parse_evidence(text: &str) -> Result<Vec<EvidenceRef>, String> {
    let mut out: Vec<EvidenceRef> = Vec::new();
    for part in text.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        let r = match part.trim_start_matches('#').parse::<i64>() {
            Ok(id) => EvidenceRef {
                kind: SubjectKind::Item,
                id,
            },
            Err(_) => part.parse().map_err(|e| format!("evidence: {e}"))?,
        };
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}

/// `2026-12-15`, `+14d` or `+2w` (from `today`); not before today, since a
/// revisit date already passed would make the decision due at once.
pub fn parse_revisit(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("revisit by: {text:?} is not a date like 2026-12-15 or a span like +14d or +2w");
    let date = match text.strip_prefix('+') {
        Some(span) => {
            let (n, unit) = span.split_at(span.len().saturating_sub(1));
            let n: u64 = n.parse().map_err(|_| bad())?;
            let days = match unit {
                "d" => n,
                "w" => n.checked_mul(7).ok_or_else(bad)?,
                _ => return Err(bad()),
            };
            today.checked_add_days(Days::new(days)).ok_or_else(bad)?
        }
        None => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?,
    };
    if date < today {
        return Err(format!("revisit by: {date} is in the past (today is {today})"));
    }
    Ok(Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn evidence_lists_read_kinds_and_bare_item_ids() {
        let got = parse_evidence("item:12, theme:3 7,,#7").unwrap();
        let want = [(SubjectKind::Item, 12), (SubjectKind::Theme, 3), (SubjectKind::Item, 7)];
        let got: Vec<_> = got.iter().map(|r| (r.kind, r.id)).collect();
        assert_eq!(got, want);
        assert_eq!(parse_evidence("").unwrap(), vec![]);
        let err = parse_evidence("item:12, planet:4").unwrap_err();
        assert!(err.starts_with("evidence: "), "{err}");
        assert!(parse_evidence("item:x").unwrap_err().contains("not a number"));
    }

    #[test]
    fn revisit_takes_dates_and_spans_but_not_the_past() {
        let today = day("2026-11-21");
        assert_eq!(parse_revisit("+14d", today), Ok(Some(day("2026-12-05"))));
        assert_eq!(parse_revisit("+2w", today), Ok(Some(day("2026-12-05"))));
        assert_eq!(parse_revisit("2026-11-21", today), Ok(Some(today)));
        assert_eq!(parse_revisit("", today), Ok(None));
        for bad in ["+d", "+3m", "tomorrow", "2026-13-01", "+99999999999999999w"] {
            let err = parse_revisit(bad, today).unwrap_err();
            assert!(err.starts_with("revisit by: "), "{bad}: {err}");
        }
        assert!(parse_revisit("2026-11-20", today).unwrap_err().contains("in the past"));
    }

    #[test]
    fn the_form_requires_a_rationale_and_a_numeric_supersedes() {
        let today = day("2026-11-21");
        let mut form = DecisionForm::new(DecisionKind::Pivot, SubjectKind::Bet, 3, Some(9));
        assert_eq!(form.parse(today).unwrap_err(), "why: a rationale is required");
        form.fields[0].insert_str("numbers say so");
        let p = form.parse(today).unwrap();
        assert_eq!((p.rationale.as_str(), p.supersedes), ("numbers say so", Some(9)));
        form.fields[3] = TextArea::from(["nine"]);
        assert!(form.parse(today).unwrap_err().starts_with("supersedes: "));
    }
}
