//! The three formulas as lists of terms, plus the optional urgency term.
//! Inputs are checked here, one by one, as each term reads them.

use chrono::{DateTime, Utc};

use super::explain::{Op, Term};
use super::reach::derive_reach;
use super::{Evidence, Input, Inputs, Method, ScoreError, Weights};

pub(super) fn terms(
    method: Method,
    inputs: &Inputs,
    evidence: &Evidence,
    weights: &Weights,
    now: DateTime<Utc>,
) -> Result<Vec<Term>, ScoreError> {
    check_present(method, inputs)?;
    let mut terms = match method {
        Method::Rice => rice(inputs, evidence, weights, now)?,
        Method::Ice => ice(inputs)?,
        Method::Wsjf => wsjf(inputs)?,
    };
    if let Some(boost) = weights.urgency_boost {
        terms.push(urgency(evidence, boost));
    }
    Ok(terms)
}

/// Lists every missing input at once, so one message tells the whole story.
fn check_present(method: Method, inputs: &Inputs) -> Result<(), ScoreError> {
    let missing: Vec<Input> = method
        .inputs()
        .iter()
        .copied()
        .filter(|&i| i != Input::Reach && inputs.get(i).is_none())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ScoreError::Missing {
            method,
            inputs: missing,
        })
    }
}

/// The legal value of a required input.
fn take(method: Method, inputs: &Inputs, input: Input) -> Result<f64, ScoreError> {
    let value = inputs.get(input).ok_or(ScoreError::Missing {
        method,
        inputs: vec![input],
    })?;
    checked(input, value)
}

fn checked(input: Input, value: f64) -> Result<f64, ScoreError> {
    input.scale().check(value).ok_or(ScoreError::Invalid {
        input,
        value,
        expected: input.scale().expected(),
    })
}

fn rice(inputs: &Inputs, evidence: &Evidence, weights: &Weights, now: DateTime<Utc>) -> Result<Vec<Term>, ScoreError> {
    let m = Method::Rice;
    let reach = match inputs.reach {
        Some(value) => Term::new("reach", Op::Start, checked(Input::Reach, value)?, 1.0, "set by hand"),
        None => {
            let derived = derive_reach(evidence, weights, now);
            let note = format!("derived from evidence: {}", derived.describe());
            Term::new("reach", Op::Start, derived.value, 1.0, note)
        }
    };
    Ok(vec![
        reach,
        Term::new("impact", Op::Multiply, take(m, inputs, Input::Impact)?, 1.0, ""),
        Term::new(
            "confidence",
            Op::Multiply,
            take(m, inputs, Input::Confidence)?,
            0.01,
            "percent",
        ),
        Term::new(
            "effort",
            Op::Divide,
            take(m, inputs, Input::Effort)?,
            1.0,
            "person-weeks",
        ),
    ])
}

fn ice(inputs: &Inputs) -> Result<Vec<Term>, ScoreError> {
    let m = Method::Ice;
    Ok(vec![
        Term::new("impact", Op::Start, take(m, inputs, Input::IceImpact)?, 1.0, "1–10"),
        Term::new(
            "confidence",
            Op::Multiply,
            take(m, inputs, Input::IceConfidence)?,
            1.0,
            "1–10",
        ),
        Term::new("ease", Op::Multiply, take(m, inputs, Input::Ease)?, 1.0, "1–10"),
    ])
}

fn wsjf(inputs: &Inputs) -> Result<Vec<Term>, ScoreError> {
    let m = Method::Wsjf;
    let value = take(m, inputs, Input::Value)?;
    let time = take(m, inputs, Input::TimeCriticality)?;
    let risk = take(m, inputs, Input::RiskReduction)?;
    let size = take(m, inputs, Input::JobSize)?;
    Ok(vec![
        Term::new("value", Op::Start, value, 1.0, ""),
        Term::new("time criticality", Op::Add, time, 1.0, ""),
        Term::new("risk reduction", Op::Add, risk, 1.0, ""),
        Term::new("job size", Op::Divide, size, 1.0, "cost of delay ÷ job size"),
    ])
}

/// Shown whenever the boost is configured, even at zero breaches, so the
/// table says the term was considered.
fn urgency(evidence: &Evidence, boost: f64) -> Term {
    let count = evidence.breached_urgent as f64;
    Term::new(
        "urgency",
        Op::Add,
        count,
        boost,
        "linked S1/S2 items with a breached SLA",
    )
}
