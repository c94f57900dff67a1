//! A score as a table of terms, the way taskwarrior's `task info` explains
//! urgency: each line shows value × weight = contribution, how the
//! contribution combines into the score, and the running score after it.

use super::Method;

/// How a term's contribution combines with the score so far. Terms apply top
/// to bottom, starting from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// The first term: the score so far becomes the contribution.
    Start,
    Add,
    Multiply,
    Divide,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Start => " ",
            Op::Add => "+",
            Op::Multiply => "×",
            Op::Divide => "÷",
        }
    }

    fn apply(self, running: f64, contribution: f64) -> f64 {
        match self {
            Op::Start => contribution,
            Op::Add => running + contribution,
            Op::Multiply => running * contribution,
            Op::Divide => running / contribution,
        }
    }
}

/// One line of a score's breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: &'static str,
    pub op: Op,
    /// The input as the bet holds it (confidence as a percentage, …).
    pub value: f64,
    /// What the value is multiplied by (0.01 turns a percentage into a
    /// fraction; the urgency boost per breached item).
    pub weight: f64,
    /// value × weight: what enters the formula.
    pub contribution: f64,
    /// The score after this term.
    pub running: f64,
    /// Where the value came from, or its unit.
    pub note: String,
}

impl Term {
    pub(super) fn new(name: &'static str, op: Op, value: f64, weight: f64, note: impl Into<String>) -> Term {
        Term {
            name,
            op,
            value,
            weight,
            contribution: value * weight,
            running: 0.0,
            note: note.into(),
        }
    }
}

/// A bet's score: the total and every term behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub method: Method,
    pub total: f64,
    pub terms: Vec<Term>,
}

impl Score {
    /// Fills in each term's running score and the total, so the table and
    /// the total can never disagree.
    pub(super) fn from_terms(method: Method, mut terms: Vec<Term>) -> Score {
        let mut running = 0.0;
        for term in &mut terms {
            running = term.op.apply(running, term.contribution);
            term.running = running;
        }
        Score {
            method,
            total: running,
            terms,
        }
    }

    /// The term called `name`, if the score has one.
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.name == name)
    }
}

/// The breakdown as text, as `loopboard bets --explain ID` prints it:
///
/// ```text
/// RICE = reach × impact × confidence ÷ effort + urgency
///   term                value   weight   contribution    running
///   reach                  12        1             12         12  set by hand
/// × impact                  2        1              2         24
/// ...
/// = total                                                    4.8
/// ```
pub fn explain(score: &Score) -> String {
    let mut formula = score.method.formula().to_string();
    if score.term("urgency").is_some() {
        formula.push_str(" + urgency");
    }
    let mut out = format!("{} = {formula}\n", score.method.label());
    out.push_str(&format!(
        "  {:<16} {:>8} {:>8} {:>14} {:>10}\n",
        "term", "value", "weight", "contribution", "running"
    ));
    for t in &score.terms {
        let line = format!(
            "{} {:<16} {:>8} {:>8} {:>14} {:>10}  {}",
            t.op.symbol(),
            t.name,
            number(t.value),
            number(t.weight),
            number(t.contribution),
            number(t.running),
            t.note
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&format!("= {:<16} {:>43}\n", "total", number(score.total)));
    out
}

/// A number for people: whole numbers without decimals, others to two
/// places with trailing zeros dropped ("0.25", "5.8", "0.01").
pub fn number(x: f64) -> String {
    let text = format!("{x:.2}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    match trimmed {
        "-0" => "0".to_string(),
        t => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_needless_decimals() {
        for (x, want) in [
            (29.0, "29"),
            (23.2, "23.2"),
            (0.01, "0.01"),
            (0.25, "0.25"),
            (1.0 / 3.0, "0.33"),
            (0.0, "0"),
            (-0.0001, "0"),
            (1500.0, "1500"),
        ] {
            assert_eq!(number(x), want, "{x}");
        }
    }

    #[test]
    fn running_scores_apply_top_to_bottom() {
        let terms = vec![
            Term::new("a", Op::Start, 3.0, 1.0, ""),
            Term::new("b", Op::Add, 2.0, 1.0, ""),
            Term::new("c", Op::Divide, 5.0, 1.0, ""),
            Term::new("d", Op::Multiply, 4.0, 0.5, ""),
        ];
        let score = Score::from_terms(Method::Wsjf, terms);
        let running: Vec<f64> = score.terms.iter().map(|t| t.running).collect();
        assert_eq!(running, [3.0, 5.0, 1.0, 2.0]);
        assert_eq!(score.total, 2.0);
    }
}
