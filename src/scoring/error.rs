//! Why a bet cannot be scored. Every message names the input and what a legal
//! value looks like, so the CLI and the status line can show it as is.

use super::{Input, Method};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// The method needs inputs the bet does not have.
    #[error("{} needs {}", method.label(), list(inputs))]
    Missing { method: Method, inputs: Vec<Input> },
    /// An input is off its scale (effort 0, confidence over 100, …).
    #[error("{input} {value} is not allowed: expected {expected}")]
    Invalid {
        input: Input,
        value: f64,
        expected: &'static str,
    },
    #[error("segment weight {weight} for {segment:?} is not allowed: expected a number 0 or more")]
    BadWeight { segment: String, weight: f64 },
    #[error("urgency boost {0} is not allowed: expected a number 0 or more")]
    BadBoost(f64),
    /// Legal but extreme inputs whose result does not fit in a number.
    #[error("the {} score is too large to compute; check reach and effort", method.label())]
    Overflow { method: Method },
}

/// "impact", "impact and effort", "impact, confidence and effort".
fn list(inputs: &[Input]) -> String {
    let labels: Vec<&str> = inputs.iter().map(|i| i.label()).collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_inputs_read_as_a_sentence() {
        let err = ScoreError::Missing {
            method: Method::Rice,
            inputs: vec![Input::Impact, Input::Confidence, Input::Effort],
        };
        assert_eq!(err.to_string(), "RICE needs impact, confidence and effort");
        let err = ScoreError::Missing {
            method: Method::Wsjf,
            inputs: vec![Input::JobSize],
        };
        assert_eq!(err.to_string(), "WSJF needs job size");
    }
}
