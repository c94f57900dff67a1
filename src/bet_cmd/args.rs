//! The bet and hypothesis command lines (clap derive), kept beside their
//! commands so `cli.rs` only names them. Every value is checked while
//! parsing: a scoring input off its scale is refused with the flag and what
//! is allowed, before the database is opened.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::cli::ListFormat;
use crate::domain::{BetStatus, HypothesisStatus, NextStep, Outcome};
use crate::scoring::{Input, Method};

/// A field's new value, or `none` to clear it.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting<T> {
    To(T),
    Clear,
}

impl<T> Setting<T> {
    pub fn into_option(self) -> Option<T> {
        match self {
            Setting::To(v) => Some(v),
            Setting::Clear => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum BetAction {
    /// Add a proposed bet and print its id.
    Add(BetAddArgs),
    /// Change a bet: any field or scoring input; `none` clears one (a cleared
    /// reach is derived from the evidence again).
    Set(BetSetArgs),
    /// Link items to a bet as evidence.
    Link(LinkArgs),
    /// Remove items from a bet's evidence.
    Unlink(LinkArgs),
    /// End a bet: won, lost or stopped, with a decision and its rationale.
    Verdict(VerdictArgs),
}

#[derive(Debug, Subcommand)]
pub enum HypothesisAction {
    /// Add an open hypothesis and print its id.
    Add(HypothesisAddArgs),
    /// Restate a hypothesis or set its status.
    Set(HypothesisSetArgs),
    /// Link items to a hypothesis as evidence.
    Link(LinkArgs),
    /// Remove items from a hypothesis's evidence.
    Unlink(LinkArgs),
    /// List hypotheses with their evidence and bets.
    List,
}

#[derive(Debug, Args)]
pub struct BetAddArgs {
    #[arg(long)]
    pub title: String,
    /// An item to link as evidence; repeat for more.
    #[arg(long = "item", value_name = "ID")]
    pub items: Vec<i64>,
    #[command(flatten)]
    pub fields: BetFields,
}

#[derive(Debug, Args)]
pub struct BetSetArgs {
    /// The bet's id.
    pub id: i64,
    #[arg(long)]
    pub title: Option<String>,
    /// proposed or running; won, lost and stopped are verdicts (`bet verdict`).
    #[arg(long, value_parser = parse_status)]
    pub status: Option<BetStatus>,
    #[command(flatten)]
    pub fields: BetFields,
}

/// The fields `bet add` and `bet set` share. Each takes `none` to clear it.
#[derive(Debug, Args)]
pub struct BetFields {
    /// The hypothesis the bet tests (its evidence counts for the bet).
    #[arg(long, value_name = "ID", value_parser = parse_id)]
    pub hypothesis: Option<Setting<i64>>,
    #[arg(long, value_parser = parse_text)]
    pub owner: Option<Setting<String>>,
    /// The success metric with its target, e.g. "activation +5 pp".
    #[arg(long, value_parser = parse_text)]
    pub metric: Option<Setting<String>>,
    /// When it started (a local date); set on its own when it starts running.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<Setting<NaiveDate>>,
    /// Due by the end of this local date, e.g. 2026-12-15.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub deadline: Option<Setting<NaiveDate>>,
    /// RICE: people reached; unset, derived from the evidence.
    #[arg(long, value_name = "N", value_parser = input(Input::Reach))]
    pub reach: Option<Setting<f64>>,
    /// RICE: 0.25, 0.5, 1, 2 or 3.
    #[arg(long, value_name = "X", value_parser = input(Input::Impact))]
    pub impact: Option<Setting<f64>>,
    /// RICE: percent, 0-100.
    #[arg(long, value_name = "PCT", value_parser = input(Input::Confidence))]
    pub confidence: Option<Setting<f64>>,
    /// RICE: person-weeks, above 0.
    #[arg(long, value_name = "W", value_parser = input(Input::Effort))]
    pub effort: Option<Setting<f64>>,
    /// ICE: impact, 1-10.
    #[arg(long, value_name = "N", value_parser = input(Input::IceImpact))]
    pub ice_impact: Option<Setting<f64>>,
    /// ICE: confidence, 1-10.
    #[arg(long, value_name = "N", value_parser = input(Input::IceConfidence))]
    pub ice_confidence: Option<Setting<f64>>,
    /// ICE: ease, 1-10.
    #[arg(long, value_name = "N", value_parser = input(Input::Ease))]
    pub ease: Option<Setting<f64>>,
    /// WSJF: business value, 1 2 3 5 8 13 20.
    #[arg(long, value_name = "N", value_parser = input(Input::Value))]
    pub value: Option<Setting<f64>>,
    /// WSJF: time criticality, 1 2 3 5 8 13 20.
    #[arg(long, value_name = "N", value_parser = input(Input::TimeCriticality))]
    pub time_criticality: Option<Setting<f64>>,
    /// WSJF: risk reduction, 1 2 3 5 8 13 20.
    #[arg(long, value_name = "N", value_parser = input(Input::RiskReduction))]
    pub risk_reduction: Option<Setting<f64>>,
    /// WSJF: job size, 1 2 3 5 8 13 20.
    #[arg(long, value_name = "N", value_parser = input(Input::JobSize))]
    pub job_size: Option<Setting<f64>>,
}

impl BetFields {
    /// The scoring inputs given, in `Input::ALL` order.
    pub fn inputs(&self) -> Vec<(Input, Setting<f64>)> {
        let given = [
            (Input::Reach, &self.reach),
            (Input::Impact, &self.impact),
            (Input::Confidence, &self.confidence),
            (Input::Effort, &self.effort),
            (Input::IceImpact, &self.ice_impact),
            (Input::IceConfidence, &self.ice_confidence),
            (Input::Ease, &self.ease),
            (Input::Value, &self.value),
            (Input::TimeCriticality, &self.time_criticality),
            (Input::RiskReduction, &self.risk_reduction),
            (Input::JobSize, &self.job_size),
        ];
        given
            .into_iter()
            .filter_map(|(input, value)| Some((input, value.clone()?)))
            .collect()
    }
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The bet's or hypothesis's id.
    pub id: i64,
    /// An item id; repeat for more.
    #[arg(long = "item", value_name = "ID", required = true)]
    pub items: Vec<i64>,
}

#[derive(Debug, Args)]
pub struct VerdictArgs {
    /// The bet's id.
    pub id: i64,
    /// won, lost or stopped. Won validates the hypothesis, lost invalidates
    /// it, stopped leaves it as it is.
    #[arg(long, value_parser = parse_outcome)]
    pub outcome: Outcome,
    /// What happens next: persevere, pivot or stop (logged as the decision).
    #[arg(long, value_parser = parse_next)]
    pub decision: NextStep,
    /// Why (required).
    #[arg(long)]
    pub rationale: String,
}

#[derive(Debug, Args)]
pub struct HypothesisAddArgs {
    /// "We believe <change> for <segment> will <outcome>".
    #[arg(long)]
    pub statement: String,
    /// An item to link as evidence; repeat for more.
    #[arg(long = "item", value_name = "ID")]
    pub items: Vec<i64>,
}

#[derive(Debug, Args)]
pub struct HypothesisSetArgs {
    pub id: i64,
    #[arg(long)]
    pub statement: Option<String>,
    /// open, validated or invalidated.
    #[arg(long, value_parser = parse_hypothesis_status)]
    pub status: Option<HypothesisStatus>,
}

#[derive(Debug, Args)]
pub struct BetsArgs {
    #[arg(long, value_parser = parse_method, default_value = "rice")]
    pub method: Method,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Also list won, lost and stopped bets (after the ranked ones).
    #[arg(long)]
    pub all: bool,
    /// Print one bet's score term by term instead of the list.
    #[arg(long, value_name = "ID")]
    pub explain: Option<i64>,
}

/// A parser for one scoring input: a number on the input's scale, or `none`.
fn input(input: Input) -> impl Fn(&str) -> Result<Setting<f64>, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        if text.trim() == "none" {
            return Ok(Setting::Clear);
        }
        let value: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("expected a number or none; {}", input.scale().expected()))?;
        let legal = input.scale().check(value);
        legal
            .map(Setting::To)
            .ok_or_else(|| format!("{text} is not allowed: expected {}", input.scale().expected()))
    }
}

fn parse_id(text: &str) -> Result<Setting<i64>, String> {
    match text.trim() {
        "none" => Ok(Setting::Clear),
        t => t
            .parse::<i64>()
            .ok()
            .filter(|&n| n > 0)
            .map(Setting::To)
            .ok_or_else(|| "expected an id (a positive number) or none".to_string()),
    }
}

fn parse_text(text: &str) -> Result<Setting<String>, String> {
    match text.trim() {
        "none" | "" => Ok(Setting::Clear),
        _ => Ok(Setting::To(text.to_string())),
    }
}

fn parse_date(text: &str) -> Result<Setting<NaiveDate>, String> {
    match text.trim() {
        "none" => Ok(Setting::Clear),
        t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Setting::To)
            .map_err(|_| "expected a date like 2026-12-15, or none".to_string()),
    }
}

fn parse_status(s: &str) -> Result<BetStatus, String> {
    s.parse().map_err(|e: crate::domain::ParseNameError| e.to_string())
}

fn parse_hypothesis_status(s: &str) -> Result<HypothesisStatus, String> {
    s.parse().map_err(|e: crate::domain::ParseNameError| e.to_string())
}

fn parse_outcome(s: &str) -> Result<Outcome, String> {
    s.parse().map_err(|e: crate::domain::ParseNameError| e.to_string())
}

fn parse_next(s: &str) -> Result<NextStep, String> {
    s.parse().map_err(|e: crate::domain::ParseNameError| e.to_string())
}

fn parse_method(s: &str) -> Result<Method, String> {
    s.parse().map_err(|e: crate::scoring::ParseMethodError| e.to_string())
}
