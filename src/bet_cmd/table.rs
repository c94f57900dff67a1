//! How bets and hypotheses print: the ranked table (rank, score, the
//! method's inputs, owner, deadline, status, flags), its JSONL form, one
//! score's breakdown, and the hypothesis list. Text from users goes through
//! `sanitize::display` on its way out.

use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

use crate::ranking::RankedBet;
use crate::sanitize::display;
use crate::scoring::{Input, Method, explain as explain_score, number};
use crate::store::Store;
use crate::timefmt::Zone;

const OWNER_WIDTH: usize = 12;
/// Titles are cut here so the flags, last, line up.
const TITLE_WIDTH: usize = 32;

/// The ranked table. Derived reach is marked `*`, with a footnote.
pub(super) fn ranked(rows: &[RankedBet], method: Method, out: &mut dyn Write, zone: Zone) -> anyhow::Result<()> {
    let inputs = method.inputs();
    let mut head = format!("{:>4} {:>5} {:>9}", "RANK", "ID", "SCORE");
    for input in inputs {
        head.push_str(&format!("  {:>w$}", input.label().to_uppercase(), w = width(*input)));
    }
    head.push_str(&format!(
        "  {:<8}  {:<OWNER_WIDTH$}  {:<10}  {:<TITLE_WIDTH$}  FLAGS",
        "STATUS", "OWNER", "DEADLINE", "TITLE"
    ));
    writeln!(out, "{}", head.trim_end())?;
    let mut derived = false;
    for row in rows {
        let mut line = format!(
            "{:>4} {:>5} {:>9}",
            dash(row.rank.map(|r| r.to_string())),
            row.bet.id.0,
            score(row)
        );
        for &input in inputs {
            let (cell, from_evidence) = input_cell(row, input);
            derived |= from_evidence;
            line.push_str(&format!("  {cell:>w$}", w = width(input)));
        }
        let owner = cut(&display(row.bet.owner.as_deref().unwrap_or("-")), OWNER_WIDTH);
        let deadline = dash(row.bet.deadline.map(|d| date(d, zone)));
        line.push_str(&format!(
            "  {:<8}  {owner:<OWNER_WIDTH$}  {deadline:<10}  {:<TITLE_WIDTH$}  {}",
            row.bet.status.as_str(),
            cut(&display(&row.bet.title), TITLE_WIDTH),
            flags(row),
        ));
        writeln!(out, "{}", line.trim_end())?;
    }
    if derived {
        writeln!(
            out,
            "* reach derived from evidence: distinct customers in the last 90 days, weighted by segment"
        )?;
    }
    Ok(())
}

/// One JSON object per row, for scripts.
#[derive(Serialize)]
struct Line<'a> {
    rank: Option<usize>,
    id: i64,
    title: &'a str,
    status: &'a str,
    method: &'a str,
    score: Option<f64>,
    error: Option<String>,
    /// The method's inputs; reach as RICE uses it.
    inputs: BTreeMap<&'static str, Option<f64>>,
    /// "hand" or "evidence" (RICE only).
    reach_from: Option<&'static str>,
    owner: Option<&'a str>,
    metric: Option<&'a str>,
    deadline: Option<String>,
    flags: Vec<&'static str>,
}

pub(super) fn jsonl(rows: &[RankedBet], method: Method, out: &mut dyn Write) -> anyhow::Result<()> {
    for row in rows {
        let inputs = method
            .inputs()
            .iter()
            .map(|&i| {
                (
                    i.key(),
                    if i == Input::Reach {
                        Some(row.reach())
                    } else {
                        row.bet.inputs.get(i)
                    },
                )
            })
            .collect();
        let hand = row.bet.inputs.reach.is_some();
        let line = Line {
            rank: row.rank,
            id: row.bet.id.0,
            title: &row.bet.title,
            status: row.bet.status.as_str(),
            method: method.as_str(),
            score: row.score.as_ref().ok().map(|s| s.total),
            error: row.score.as_ref().err().map(ToString::to_string),
            inputs,
            reach_from: (method == Method::Rice).then_some(if hand { "hand" } else { "evidence" }),
            owner: row.bet.owner.as_deref(),
            metric: row.bet.metric.as_deref(),
            deadline: row
                .bet
                .deadline
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            flags: row.flags.words(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One bet's score, term by term (`scoring::explain`), under a header line.
pub(super) fn explain(row: &RankedBet, out: &mut dyn Write, zone: Zone) -> anyhow::Result<()> {
    let bet = &row.bet;
    let mut head = format!("{} \"{}\" · {}", bet.id, display(&bet.title), bet.status);
    if let Some(owner) = &bet.owner {
        head.push_str(&format!(" · owner {}", display(owner)));
    }
    if let Some(metric) = &bet.metric {
        head.push_str(&format!(" · metric {}", display(metric)));
    }
    if let Some(deadline) = bet.deadline {
        head.push_str(&format!(" · deadline {}", date(deadline, zone)));
    }
    writeln!(out, "{head}")?;
    let score = row
        .score
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{} cannot be scored: {e}", bet.id))?;
    write!(out, "{}", explain_score(score))?;
    if score.method == Method::Rice && bet.inputs.reach.is_some() {
        writeln!(out, "evidence says: {}", row.evidence_reach.describe())?;
    }
    let flags = row.flags.words();
    if !flags.is_empty() {
        writeln!(out, "flags: {}", flags.join(", "))?;
    }
    Ok(())
}

/// `hypothesis list`: id, status, evidence count, bets testing it.
pub(super) fn hypotheses(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    let bets = store.list_bets()?;
    writeln!(
        out,
        "{:>5}  {:<11}  {:>5}  {:<10}  STATEMENT",
        "ID", "STATUS", "ITEMS", "BETS"
    )?;
    for h in store.list_hypotheses()? {
        let testing: Vec<String> = bets
            .iter()
            .filter(|b| b.hypothesis == Some(h.id))
            .map(|b| b.id.0.to_string())
            .collect();
        writeln!(
            out,
            "{:>5}  {:<11}  {:>5}  {:<10}  {}",
            h.id.0,
            h.status.as_str(),
            h.evidence.len(),
            dash(Some(testing.join(",")).filter(|t| !t.is_empty())),
            display(&h.statement)
        )?;
    }
    Ok(())
}

/// The input's cell, and whether it shows reach derived from evidence.
fn input_cell(row: &RankedBet, input: Input) -> (String, bool) {
    if input == Input::Reach && row.bet.inputs.reach.is_none() {
        return (format!("{}*", number(row.evidence_reach.value)), true);
    }
    (dash(row.bet.inputs.get(input).map(number)), false)
}

fn score(row: &RankedBet) -> String {
    dash(row.score.as_ref().ok().map(|s| number(s.total)))
}

/// The flags, led by "cannot score" for a bet the method cannot score (its
/// missing inputs show as `-`; `--explain` says why in words).
fn flags(row: &RankedBet) -> String {
    let mut words = row.flags.words();
    if row.score.is_err() {
        words.insert(0, "cannot score");
    }
    words.join(", ")
}

/// At most `width` characters, "…" marking a cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut short: String = text.chars().take(width.saturating_sub(1)).collect();
    short.push('…');
    short
}

fn width(input: Input) -> usize {
    input.label().len().max(6)
}

fn dash(cell: Option<String>) -> String {
    cell.unwrap_or_else(|| "-".to_string())
}

fn date(t: chrono::DateTime<chrono::Utc>, zone: Zone) -> String {
    crate::timefmt::local(t, zone).chars().take(10).collect()
}
