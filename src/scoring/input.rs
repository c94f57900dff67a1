//! A bet's scoring inputs: which ones exist, their scales, and the values a
//! bet holds. Every input belongs to exactly one method, because the methods
//! use the same words on different scales (RICE impact is 0.25–3, ICE impact
//! is 1–10), and reusing one field would silently reinterpret it.

use std::fmt;
use std::str::FromStr;

use super::scale::{Direction, Scale};

/// One scoring input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// RICE: people reached (weighted customers); derived when not set.
    Reach,
    /// RICE: 0.25, 0.5, 1, 2 or 3.
    Impact,
    /// RICE: percent, 0–100.
    Confidence,
    /// RICE: person-weeks, above 0.
    Effort,
    /// ICE: 1–10.
    IceImpact,
    /// ICE: 1–10.
    IceConfidence,
    /// ICE: 1–10.
    Ease,
    /// WSJF: business value, on the 1, 2, 3, 5, 8, 13, 20 scale.
    Value,
    /// WSJF: time criticality, same scale.
    TimeCriticality,
    /// WSJF: risk reduction / opportunity enablement, same scale.
    RiskReduction,
    /// WSJF: job size, same scale.
    JobSize,
}

impl Input {
    pub const ALL: [Input; 11] = [
        Input::Reach,
        Input::Impact,
        Input::Confidence,
        Input::Effort,
        Input::IceImpact,
        Input::IceConfidence,
        Input::Ease,
        Input::Value,
        Input::TimeCriticality,
        Input::RiskReduction,
        Input::JobSize,
    ];

    /// A unique snake_case key (CLI `--set key=value`, database columns).
    pub fn key(self) -> &'static str {
        match self {
            Input::Reach => "reach",
            Input::Impact => "impact",
            Input::Confidence => "confidence",
            Input::Effort => "effort",
            Input::IceImpact => "ice_impact",
            Input::IceConfidence => "ice_confidence",
            Input::Ease => "ease",
            Input::Value => "value",
            Input::TimeCriticality => "time_criticality",
            Input::RiskReduction => "risk_reduction",
            Input::JobSize => "job_size",
        }
    }

    /// The word shown next to the value; the method is clear from context.
    pub fn label(self) -> &'static str {
        match self {
            Input::IceImpact => "impact",
            Input::IceConfidence => "confidence",
            Input::TimeCriticality => "time criticality",
            Input::RiskReduction => "risk reduction",
            Input::JobSize => "job size",
            other => other.key(),
        }
    }

    pub fn scale(self) -> Scale {
        match self {
            Input::Reach => Scale::Reach,
            Input::Impact => Scale::Impact,
            Input::Confidence => Scale::Percent,
            Input::Effort => Scale::Effort,
            Input::IceImpact | Input::IceConfidence | Input::Ease => Scale::OneToTen,
            Input::Value | Input::TimeCriticality | Input::RiskReduction | Input::JobSize => Scale::Fibonacci,
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown scoring input {0:?}: expected one of reach, impact, confidence, effort, ice_impact, ice_confidence, ease, value, time_criticality, risk_reduction, job_size"
)]
pub struct ParseInputError(pub String);

impl FromStr for Input {
    type Err = ParseInputError;

    /// Accepts the key (`time_criticality`), also with spaces or dashes.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Input::ALL
            .into_iter()
            .find(|i| i.key() == norm)
            .ok_or_else(|| ParseInputError(s.to_string()))
    }
}

/// The inputs a bet holds. Every one is optional: a bet may be scored by one
/// method and lack the inputs of the others. `reach` set means "set by hand";
/// unset, RICE derives it from the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Inputs {
    pub reach: Option<f64>,
    pub impact: Option<f64>,
    pub confidence: Option<f64>,
    pub effort: Option<f64>,
    pub ice_impact: Option<f64>,
    pub ice_confidence: Option<f64>,
    pub ease: Option<f64>,
    pub value: Option<f64>,
    pub time_criticality: Option<f64>,
    pub risk_reduction: Option<f64>,
    pub job_size: Option<f64>,
}

impl Inputs {
    pub fn get(&self, input: Input) -> Option<f64> {
        *self.slot(input)
    }

    pub fn set(&mut self, input: Input, value: Option<f64>) {
        *self.slot_mut(input) = value;
    }

    /// Moves one input a step along its scale (`+`/`-` in the bets view).
    /// The result is always a legal value; see [`Scale::step`].
    pub fn step(&mut self, input: Input, direction: Direction) -> f64 {
        let next = input.scale().step(self.get(input), direction);
        self.set(input, Some(next));
        next
    }

    fn slot(&self, input: Input) -> &Option<f64> {
        match input {
            Input::Reach => &self.reach,
            Input::Impact => &self.impact,
            Input::Confidence => &self.confidence,
            Input::Effort => &self.effort,
            Input::IceImpact => &self.ice_impact,
            Input::IceConfidence => &self.ice_confidence,
            Input::Ease => &self.ease,
            Input::Value => &self.value,
            Input::TimeCriticality => &self.time_criticality,
            Input::RiskReduction => &self.risk_reduction,
            Input::JobSize => &self.job_size,
        }
    }

    fn slot_mut(&mut self, input: Input) -> &mut Option<f64> {
        match input {
            Input::Reach => &mut self.reach,
            Input::Impact => &mut self.impact,
            Input::Confidence => &mut self.confidence,
            Input::Effort => &mut self.effort,
            Input::IceImpact => &mut self.ice_impact,
            Input::IceConfidence => &mut self.ice_confidence,
            Input::Ease => &mut self.ease,
            Input::Value => &mut self.value,
            Input::TimeCriticality => &mut self.time_criticality,
            Input::RiskReduction => &mut self.risk_reduction,
            Input::JobSize => &mut self.job_size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_parse_back() {
        for input in Input::ALL {
            assert_eq!(input.key().parse::<Input>(), Ok(input));
        }
        assert_eq!("Time criticality".parse::<Input>(), Ok(Input::TimeCriticality));
        assert!("urgency".parse::<Input>().is_err());
    }

    #[test]
    fn get_and_set_address_one_field_each() {
        for (n, input) in Input::ALL.into_iter().enumerate() {
            let mut inputs = Inputs::default();
            inputs.set(input, Some(n as f64));
            assert_eq!(inputs.get(input), Some(n as f64));
            let others = Input::ALL.into_iter().filter(|&i| i != input);
            assert!(others.into_iter().all(|i| inputs.get(i).is_none()), "{input:?}");
        }
    }

    #[test]
    fn stepping_an_unset_input_sets_its_default() {
        let mut inputs = Inputs::default();
        assert_eq!(inputs.step(Input::Impact, Direction::Up), 1.0);
        assert_eq!(inputs.impact, Some(1.0));
        assert_eq!(inputs.step(Input::Impact, Direction::Up), 2.0);
    }
}
