//! The configuration file (`config.toml`): its shape, where it is found, and
//! how it becomes the values the rest of the program uses (SLA policy,
//! scoring weights, theme name, user name, categories, key rows). Parsing is
//! strict — an unknown key or a bad value is an error naming the file, the
//! line and column, and the key — because a typo silently ignored would leave
//! someone wondering why their setting has no effect.

mod file;
mod position;

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::Severity;
use crate::scoring::{Method, Weights};
use crate::sla::{Policy, Targets};

pub use file::{DEFAULT_CONFIG, Loaded, default_path, load, load_from, parse};
pub use position::{ConfigError, Source};

/// The whole file. Every section is optional; what is absent keeps its
/// built-in default, which `assets/default-config.toml` spells out.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `dark` or `light`; NO_COLOR overrides either.
    pub theme: ThemeName,
    /// Categories offered by the category picker besides those in use.
    pub categories: Vec<String>,
    pub user: UserSection,
    pub severity: SeveritySection,
    pub scoring: ScoringSection,
    /// Key rows that add to or override the default keymap.
    pub keys: Vec<KeyRow>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeName::Dark,
            categories: Vec::new(),
            user: UserSection::default(),
            severity: SeveritySection::default(),
            scoring: ScoringSection::default(),
            keys: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct UserSection {
    /// Who decisions are logged as; `$USER` when unset.
    pub name: Option<String>,
}

/// `[severity]`: one table per level plus the acknowledge target of items
/// nobody has rated yet.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SeveritySection {
    pub unrated_ack: Spanned<String>,
    pub s1: SeverityDef,
    pub s2: SeverityDef,
    pub s3: SeverityDef,
    pub s4: SeverityDef,
}

impl Default for SeveritySection {
    fn default() -> SeveritySection {
        SeveritySection {
            unrated_ack: unspanned("1d"),
            s1: SeverityDef::new(Severity::S1, "4h", "3d"),
            s2: SeverityDef::new(Severity::S2, "1d", "2w"),
            s3: SeverityDef::new(Severity::S3, "3d", "6w"),
            s4: SeverityDef::new(Severity::S4, "1w", "none"),
        }
    }
}

impl SeveritySection {
    pub fn get(&self, severity: Severity) -> &SeverityDef {
        match severity {
            Severity::S1 => &self.s1,
            Severity::S2 => &self.s2,
            Severity::S3 => &self.s3,
            Severity::S4 => &self.s4,
        }
    }
}

/// One level: what it means (shown in the help) and its SLA targets.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityDef {
    pub definition: String,
    pub ack: Spanned<String>,
    /// `none` for no resolve target.
    pub resolve: Spanned<String>,
}

impl SeverityDef {
    fn new(severity: Severity, ack: &str, resolve: &str) -> SeverityDef {
        SeverityDef {
            definition: severity.definition().to_string(),
            ack: unspanned(ack),
            resolve: unspanned(resolve),
        }
    }
}

/// `[scoring]`: the method the bets view opens with and the weights.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringSection {
    pub method: Spanned<String>,
    /// Added per breached S1/S2 evidence item; 0 turns the term off.
    pub urgency_boost: Spanned<f64>,
    /// Segment name → reach weight (unnamed segments weigh 1).
    pub segment_weights: BTreeMap<String, Spanned<f64>>,
}

impl Default for ScoringSection {
    fn default() -> ScoringSection {
        ScoringSection {
            method: unspanned("rice"),
            urgency_boost: Spanned::new(0..0, 0.0),
            segment_weights: BTreeMap::new(),
        }
    }
}

/// One keymap row: `{ on = ["g", "b"], run = "view board", desc = "Board" }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRow {
    pub on: Spanned<Vec<String>>,
    pub run: Spanned<String>,
    pub desc: Option<String>,
    /// Where it applies: global (default), inbox, board, lists, bets, themes.
    #[serde(default)]
    pub r#in: Option<Spanned<String>>,
}

fn unspanned(s: &str) -> Spanned<String> {
    Spanned::new(0..0, s.to_string())
}

/// The values a config resolves to, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub user: Option<String>,
    pub theme: ThemeName,
    pub categories: Vec<String>,
    pub policy: Policy,
    pub definitions: [String; 4],
    pub method: Method,
    pub weights: Weights,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            user: None,
            theme: ThemeName::Dark,
            categories: Vec::new(),
            policy: Policy::default(),
            definitions: Severity::ALL.map(|s| s.definition().to_string()),
            method: Method::Rice,
            weights: Weights::default(),
        }
    }
}

impl Config {
    /// Checks the values serde could not (durations, method, weights) and
    /// returns them ready to use. `text` is the file's text, for positions.
    pub fn settings(&self, src: &position::Source<'_>) -> Result<Settings, ConfigError> {
        let mut policy = Policy::default();
        for severity in Severity::ALL {
            let def = self.severity.get(severity);
            let targets = Targets::parse(def.ack.get_ref(), def.resolve.get_ref()).map_err(|e| {
                src.error_at(
                    def.ack.span(),
                    &format!("severity.{}: {e}", severity.as_str().to_lowercase()),
                )
            })?;
            policy = policy.with_targets(severity, targets);
        }
        let unrated = &self.severity.unrated_ack;
        policy = crate::sla::parse_duration(unrated.get_ref())
            .map_err(|e| e.to_string())
            .and_then(|d| policy.with_unrated_ack(d).map_err(|e| e.to_string()))
            .map_err(|e| src.error_at(unrated.span(), &format!("severity.unrated_ack: {e}")))?;
        let method = self
            .scoring
            .method
            .get_ref()
            .parse::<Method>()
            .map_err(|e| src.error_at(self.scoring.method.span(), &format!("scoring.method: {e}")))?;
        Ok(Settings {
            user: self
                .user
                .name
                .as_deref()
                .map(crate::sanitize::clean_line)
                .filter(|u| !u.is_empty()),
            theme: self.theme,
            categories: self
                .categories
                .iter()
                .map(|c| crate::sanitize::clean_line(c).to_lowercase())
                .collect(),
            policy,
            definitions: Severity::ALL.map(|s| crate::sanitize::clean_line(&self.severity.get(s).definition)),
            method,
            weights: self.weights(src)?,
        })
    }

    fn weights(&self, src: &position::Source<'_>) -> Result<Weights, ConfigError> {
        let boost = &self.scoring.urgency_boost;
        check_weight(*boost.get_ref())
            .map_err(|e| src.error_at(boost.span(), &format!("scoring.urgency_boost: {e}")))?;
        let mut segment = BTreeMap::new();
        for (name, weight) in &self.scoring.segment_weights {
            check_weight(*weight.get_ref())
                .map_err(|e| src.error_at(weight.span(), &format!("scoring.segment_weights.{name}: {e}")))?;
            segment.insert(name.clone(), *weight.get_ref());
        }
        Ok(Weights {
            segment,
            urgency_boost: Some(*boost.get_ref()).filter(|b| *b > 0.0),
        })
    }
}

fn check_weight(w: f64) -> Result<(), String> {
    if w.is_finite() && w >= 0.0 {
        Ok(())
    } else {
        Err(format!("{w} is not a weight (a number of 0 or more)"))
    }
}

#[cfg(test)]
mod tests;
