//! The three scoring methods and the inputs each one reads.

use std::fmt;
use std::str::FromStr;

use super::input::Input;

/// How a bet is scored. RICE is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Method {
    #[default]
    Rice,
    Ice,
    Wsjf,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::Rice, Method::Ice, Method::Wsjf];

    /// The lower-case name used in the CLI, the config and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Rice => "rice",
            Method::Ice => "ice",
            Method::Wsjf => "wsjf",
        }
    }

    /// The name as people write it ("RICE").
    pub fn label(self) -> &'static str {
        match self {
            Method::Rice => "RICE",
            Method::Ice => "ICE",
            Method::Wsjf => "WSJF",
        }
    }

    /// The formula in words, as printed above an explanation.
    pub fn formula(self) -> &'static str {
        match self {
            Method::Rice => "reach × impact × confidence ÷ effort",
            Method::Ice => "impact × confidence × ease",
            Method::Wsjf => "(value + time criticality + risk reduction) ÷ job size",
        }
    }

    /// The inputs the method reads, in the order the UI offers them (`←/→`).
    /// RICE's reach is optional: without a hand-set value it is derived from
    /// the evidence.
    pub fn inputs(self) -> &'static [Input] {
        match self {
            Method::Rice => &[Input::Reach, Input::Impact, Input::Confidence, Input::Effort],
            Method::Ice => &[Input::IceImpact, Input::IceConfidence, Input::Ease],
            Method::Wsjf => &[
                Input::Value,
                Input::TimeCriticality,
                Input::RiskReduction,
                Input::JobSize,
            ],
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scoring method {0:?}: expected rice, ice or wsjf")]
pub struct ParseMethodError(pub String);

impl FromStr for Method {
    type Err = ParseMethodError;

    /// Accepts `rice`, `ice` or `wsjf` in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == norm)
            .ok_or_else(|| ParseMethodError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_any_case() {
        for m in Method::ALL {
            assert_eq!(m.to_string().parse::<Method>(), Ok(m));
            assert_eq!(m.label().parse::<Method>(), Ok(m));
        }
        assert_eq!(" Wsjf ".parse::<Method>(), Ok(Method::Wsjf));
        let err = "moscow".parse::<Method>().unwrap_err();
        assert!(err.to_string().contains("rice, ice or wsjf"), "{err}");
    }

    #[test]
    fn rice_is_the_default() {
        assert_eq!(Method::default(), Method::Rice);
    }
}
