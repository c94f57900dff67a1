//! The bet and hypothesis commands: `bet add|set|link|unlink|verdict`,
//! `hypothesis add|set|link|unlink|list`, and `bets` (the ranked list, or one
//! score explained). Each takes the open store and writes to the given
//! output, so tests run them with an in-memory writer.
//!
//! Store refusals name the flag to fix ("--confidence: 120 is not allowed:
//! …"); most are caught earlier, by the parsers in `args`.

mod args;
mod table;

use anyhow::anyhow;
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::io::Write;

pub use args::{
    BetAction, BetAddArgs, BetFields, BetSetArgs, BetsArgs, HypothesisAction, HypothesisAddArgs, HypothesisSetArgs,
    LinkArgs, Setting, VerdictArgs,
};

use crate::domain::{BetId, BetPatch, HypothesisId, ItemId, NewBet, NewHypothesis, Verdict, day_start, deadline_on};
use crate::scoring::{Inputs, Weights};
use crate::sla::Policy;
use crate::store::{Store, StoreError};
use crate::timefmt::Zone;

/// What every command needs besides the store: the time, the zone dates are
/// read and shown in, and who is deciding.
#[derive(Debug, Clone)]
pub struct Context {
    pub now: DateTime<Utc>,
    pub zone: Zone,
    pub user: String,
}

impl Context {
    /// Scoring configuration; the defaults until the config file lands.
    fn weights(&self) -> Weights {
        Weights::default()
    }

    fn policy(&self) -> Policy {
        Policy::default()
    }

    fn deadline(&self, date: NaiveDate) -> anyhow::Result<DateTime<Utc>> {
        let t = match self.zone {
            Zone::Local => deadline_on(date, &Local),
            Zone::Fixed(offset) => deadline_on(date, &offset),
        };
        t.ok_or_else(|| anyhow!("--deadline: {date} is out of range"))
    }

    fn start(&self, date: NaiveDate) -> anyhow::Result<DateTime<Utc>> {
        let t = match self.zone {
            Zone::Local => day_start(date, &Local),
            Zone::Fixed(offset) => day_start(date, &offset),
        };
        t.ok_or_else(|| anyhow!("--start: {date} is out of range"))
    }
}

/// `loopboard bet …`
pub fn bet(store: &mut Store, action: BetAction, out: &mut dyn Write, ctx: &Context) -> anyhow::Result<()> {
    match action {
        BetAction::Add(args) => add(store, args, out, ctx),
        BetAction::Set(args) => set(store, args, ctx),
        BetAction::Link(args) => Ok(store
            .link_bet_items(BetId(args.id), &item_ids(&args.items), ctx.now)
            .map_err(flag_error)?),
        BetAction::Unlink(args) => Ok(store
            .unlink_bet_items(BetId(args.id), &item_ids(&args.items), ctx.now)
            .map_err(flag_error)?),
        BetAction::Verdict(args) => verdict(store, args, out, ctx),
    }
}

/// `loopboard hypothesis …`
pub fn hypothesis(
    store: &mut Store,
    action: HypothesisAction,
    out: &mut dyn Write,
    ctx: &Context,
) -> anyhow::Result<()> {
    match action {
        HypothesisAction::Add(args) => {
            let new = NewHypothesis {
                statement: args.statement,
                evidence: item_ids(&args.items),
            };
            let id = store.add_hypothesis(&new, ctx.now).map_err(flag_error)?;
            writeln!(out, "{}", id.0)?;
            Ok(())
        }
        HypothesisAction::Set(args) => {
            if args.statement.is_none() && args.status.is_none() {
                return Err(anyhow!("nothing to change: give --statement or --status"));
            }
            let id = HypothesisId(args.id);
            store
                .update_hypothesis(id, args.statement.as_deref(), args.status, ctx.now)
                .map_err(flag_error)?;
            Ok(())
        }
        HypothesisAction::Link(args) => Ok(store
            .link_hypothesis_items(HypothesisId(args.id), &item_ids(&args.items), ctx.now)
            .map_err(flag_error)?),
        HypothesisAction::Unlink(args) => Ok(store
            .unlink_hypothesis_items(HypothesisId(args.id), &item_ids(&args.items), ctx.now)
            .map_err(flag_error)?),
        HypothesisAction::List => table::hypotheses(store, out),
    }
}

/// `loopboard bets`: the ranked list, or `--explain ID`.
pub fn bets(store: &Store, args: BetsArgs, out: &mut dyn Write, ctx: &Context) -> anyhow::Result<()> {
    bets_with(store, args, out, ctx, &ctx.weights(), &ctx.policy())
}

/// `bets` under the config's scoring weights and SLA targets, so the list
/// ranks as the board's bets view does.
pub fn bets_with(
    store: &Store,
    args: BetsArgs,
    out: &mut dyn Write,
    ctx: &Context,
    weights: &Weights,
    policy: &Policy,
) -> anyhow::Result<()> {
    if let Some(id) = args.explain {
        let row = crate::ranking::score_bet(store, BetId(id), args.method, weights, policy, ctx.now)?;
        return table::explain(&row, out, ctx.zone);
    }
    let mut rows = crate::ranking::ranked(store, args.method, weights, policy, ctx.now)?;
    if !args.all {
        rows.retain(|r| !r.bet.status.is_closed());
    }
    match args.format {
        crate::cli::ListFormat::Table => table::ranked(&rows, args.method, out, ctx.zone),
        crate::cli::ListFormat::Jsonl => table::jsonl(&rows, args.method, out),
    }
}

fn add(store: &mut Store, args: BetAddArgs, out: &mut dyn Write, ctx: &Context) -> anyhow::Result<()> {
    let f = &args.fields;
    let mut inputs = Inputs::default();
    for (input, value) in f.inputs() {
        inputs.set(input, value.into_option());
    }
    let new = NewBet {
        title: args.title,
        hypothesis: f.hypothesis.clone().and_then(Setting::into_option).map(HypothesisId),
        owner: f.owner.clone().and_then(Setting::into_option),
        metric: f.metric.clone().and_then(Setting::into_option),
        started_at: date(f.start.clone(), |d| ctx.start(d))?.flatten(),
        deadline: date(f.deadline.clone(), |d| ctx.deadline(d))?.flatten(),
        inputs,
        evidence: item_ids(&args.items),
    };
    let id = store.add_bet(&new, ctx.now).map_err(flag_error)?;
    writeln!(out, "{}", id.0)?;
    Ok(())
}

fn set(store: &mut Store, args: BetSetArgs, ctx: &Context) -> anyhow::Result<()> {
    let f = &args.fields;
    let patch = BetPatch {
        title: args.title.clone(),
        hypothesis: f.hypothesis.clone().map(|h| h.into_option().map(HypothesisId)),
        owner: f.owner.clone().map(Setting::into_option),
        metric: f.metric.clone().map(Setting::into_option),
        started_at: date(f.start.clone(), |d| ctx.start(d))?,
        deadline: date(f.deadline.clone(), |d| ctx.deadline(d))?,
        status: args.status,
        inputs: f.inputs().into_iter().map(|(i, v)| (i, v.into_option())).collect(),
    };
    if patch.is_empty() {
        return Err(anyhow!(
            "nothing to change: give a field (--title, --owner, --metric, --deadline, --status, …) or an input (--impact, --confidence, …)"
        ));
    }
    store.update_bet(BetId(args.id), &patch, ctx.now).map_err(flag_error)?;
    Ok(())
}

fn verdict(store: &mut Store, args: VerdictArgs, out: &mut dyn Write, ctx: &Context) -> anyhow::Result<()> {
    let id = BetId(args.id);
    let verdict = Verdict {
        outcome: args.outcome,
        next: args.decision,
        rationale: args.rationale,
    };
    let decision = store
        .record_verdict(id, &verdict, &ctx.user, ctx.now)
        .map_err(|e| match e {
            // The verdict moves the status through --outcome.
            StoreError::Invalid {
                field: "status",
                reason,
            } => anyhow!("--outcome: {reason}"),
            other => flag_error(other),
        })?;
    let bet = store.get_bet(id)?;
    write!(
        out,
        "{id} {}; decision {decision} ({}) logged",
        verdict.outcome, verdict.next
    )?;
    match bet.hypothesis {
        Some(h) => writeln!(out, "; {h} is {}", store.get_hypothesis(h)?.status)?,
        None => writeln!(out)?,
    }
    Ok(())
}

/// A date flag as a time: `None` not given, `Some(None)` cleared.
fn date(
    given: Option<Setting<NaiveDate>>,
    at: impl Fn(NaiveDate) -> anyhow::Result<DateTime<Utc>>,
) -> anyhow::Result<Option<Option<DateTime<Utc>>>> {
    given.map(|s| s.into_option().map(&at).transpose()).transpose()
}

fn item_ids(ids: &[i64]) -> Vec<ItemId> {
    ids.iter().copied().map(ItemId).collect()
}

/// A store refusal in the words of the command line: the field becomes the
/// flag to fix (`ice_impact` → `--ice-impact`).
fn flag_error(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid { field, reason } => anyhow!("--{}: {reason}", field.replace('_', "-")),
        other => other.into(),
    }
}
