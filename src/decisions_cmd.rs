//! The decision log on the command line: `loopboard decisions` (the log,
//! filtered, as a table or interchange JSONL) and `loopboard decide`
//! (record one decision by hand, with evidence, a revisit date and the
//! decision it supersedes).

use anyhow::{Context as _, anyhow};
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::io::Write;

use crate::cli::ListFormat;
use crate::domain::{DecisionKind, DecisionLinks, EvidenceRef, LogEntry, NewDecision, day_start};
use crate::sanitize::display;
use crate::store::Store;
use crate::timefmt::{Zone, local};

#[derive(Debug, clap::Args)]
pub struct DecisionsArgs {
    /// Only decisions taken on or after this local date, e.g. 2026-11-01.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<NaiveDate>,
    /// Only decisions of this kind (accept, decline, note, …).
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<DecisionKind>,
    /// Only decisions taken by this person.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct DecideArgs {
    /// What is decided about, as KIND:ID (item:12, theme:3, hypothesis:2, bet:5).
    #[arg(value_parser = parse_ref)]
    pub subject: EvidenceRef,
    /// accept, decline, duplicate, escalate, snooze, pivot, persevere, stop, ship, revoke or note.
    #[arg(value_parser = parse_kind)]
    pub kind: DecisionKind,
    /// Why (required, not blank).
    #[arg(long)]
    pub why: String,
    /// Evidence the decision rests on, as KIND:ID; repeat for more.
    #[arg(long = "evidence", value_name = "KIND:ID", value_parser = parse_ref)]
    pub evidence: Vec<EvidenceRef>,
    /// Look at this decision again from this local date.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub revisit: Option<NaiveDate>,
    /// The id of the earlier decision this one corrects.
    #[arg(long, value_name = "ID")]
    pub supersedes: Option<i64>,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("{s:?}: expected a date like 2026-12-15"))
}

fn parse_kind(s: &str) -> Result<DecisionKind, String> {
    s.trim().to_lowercase().parse()
}

fn parse_ref(s: &str) -> Result<EvidenceRef, String> {
    s.parse()
}

/// The first moment of `date` in `zone`.
pub fn start_of(date: NaiveDate, zone: Zone) -> anyhow::Result<DateTime<Utc>> {
    let t = match zone {
        Zone::Local => day_start(date, &Local),
        Zone::Fixed(offset) => day_start(date, &offset),
    };
    t.ok_or_else(|| anyhow!("{date} is out of range"))
}

/// Prints the log, oldest first, filtered as asked.
pub fn decisions(store: &Store, args: &DecisionsArgs, out: &mut dyn Write, zone: Zone) -> anyhow::Result<()> {
    let since = args.since.map(|d| start_of(d, zone)).transpose().context("--since")?;
    let log: Vec<LogEntry> = store
        .decision_log()?
        .into_iter()
        .filter(|e| since.is_none_or(|s| e.decision.at >= s))
        .filter(|e| args.kind.is_none_or(|k| e.decision.kind == k))
        .filter(|e| {
            args.by
                .as_deref()
                .is_none_or(|b| e.decision.decided_by.eq_ignore_ascii_case(b))
        })
        .collect();
    match args.format {
        ListFormat::Jsonl => {
            for e in &log {
                writeln!(out, "{}", crate::interchange::decision_line(e)?)?;
            }
        }
        ListFormat::Table => table(&log, out, zone)?,
    }
    Ok(())
}

fn table(log: &[LogEntry], out: &mut dyn Write, zone: Zone) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:>5}  {:<16}  {:<9}  {:<14}  {:<12}  RATIONALE",
        "ID", "AT", "KIND", "SUBJECT", "BY"
    )?;
    for e in log {
        let d = &e.decision;
        let subject = format!("{}:{}", d.subject.as_str(), d.subject_id);
        let mut notes = Vec::new();
        if let Some(s) = e.links.supersedes {
            notes.push(format!("supersedes {s}"));
        }
        if let Some(&later) = e.superseded_by.last() {
            notes.push(format!("superseded by {later}"));
        }
        if let Some(r) = e.links.revisit_by {
            notes.push(format!("revisit {}", local(r, zone)));
        }
        if !e.links.evidence.is_empty() {
            let ev: Vec<String> = e.links.evidence.iter().map(|r| r.to_string()).collect();
            notes.push(format!("evidence {}", ev.join(",")));
        }
        let rationale = display(&d.rationale).replace('\n', " ");
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" [{}]", notes.join("; "))
        };
        writeln!(
            out,
            "{:>5}  {:<16}  {:<9}  {subject:<14}  {:<12}  {rationale}{notes}",
            d.id,
            local(d.at, zone),
            d.kind.as_str(),
            display(&d.decided_by),
        )?;
    }
    Ok(())
}

/// Records one decision and prints its id.
pub fn decide(
    store: &mut Store,
    args: DecideArgs,
    out: &mut dyn Write,
    ctx: &crate::bet_cmd::Context,
) -> anyhow::Result<()> {
    let revisit_by = args
        .revisit
        .map(|d| start_of(d, ctx.zone))
        .transpose()
        .context("--revisit")?;
    let decision = NewDecision {
        kind: args.kind,
        subject: args.subject.kind,
        subject_id: args.subject.id,
        rationale: args.why,
        decided_by: ctx.user.clone(),
    };
    let links = DecisionLinks {
        supersedes: args.supersedes,
        revisit_by,
        evidence: args.evidence,
    };
    let id = store
        .record_decision(&decision, &links, ctx.now)
        .map_err(name_the_flag)?;
    writeln!(out, "{id}")?;
    Ok(())
}

/// A store refusal in terms of what was typed: `--why: …`, `SUBJECT: …`.
fn name_the_flag(e: crate::store::StoreError) -> anyhow::Error {
    match &e {
        crate::store::StoreError::Invalid { field, reason } => {
            let flag = match *field {
                "rationale" => "--why",
                "subject" => "SUBJECT",
                "evidence" => "--evidence",
                "supersedes" => "--supersedes",
                other => other,
            };
            anyhow!("{flag}: {reason}")
        }
        _ => e.into(),
    }
}
