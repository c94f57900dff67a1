//! `loopboard themes`: every theme with evidence, most customers first — its
//! items (members and their duplicates), distinct customers and segments,
//! class, highest severity, first and last seen, and an eight-week trend.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::io::Write;

use crate::cli::{ListFormat, ThemesArgs};
use crate::domain::{Severity, sparkline};
use crate::sanitize::display;
use crate::store::{Store, ThemeStats};
use crate::timefmt::age;

/// One theme as a JSONL line.
#[derive(Serialize)]
struct Line<'a> {
    id: i64,
    name: &'a str,
    items: usize,
    customers: usize,
    segments: usize,
    class: &'a str,
    highest_severity: Option<&'a str>,
    first_seen: Option<String>,
    last_seen: Option<String>,
    /// Items per week, oldest first; the last is the seven days up to now.
    weekly: &'a [usize],
}

pub fn themes(store: &Store, args: &ThemesArgs, out: &mut dyn Write, now: DateTime<Utc>) -> anyhow::Result<()> {
    let stats = store.theme_stats(now, args.recurring)?;
    match args.format {
        ListFormat::Jsonl => {
            for s in &stats {
                writeln!(out, "{}", serde_json::to_string(&line(s))?)?;
            }
            Ok(())
        }
        ListFormat::Table => table(out, &stats, now),
    }
}

fn line(s: &ThemeStats) -> Line<'_> {
    let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true));
    Line {
        id: s.theme.id.0,
        name: &s.theme.name,
        items: s.items,
        customers: s.customers,
        segments: s.segments,
        class: s.class.as_str(),
        highest_severity: s.highest.map(Severity::as_str),
        first_seen: time(s.first_seen),
        last_seen: time(s.last_seen),
        weekly: &s.weekly,
    }
}

fn table(out: &mut dyn Write, stats: &[ThemeStats], now: DateTime<Utc>) -> anyhow::Result<()> {
    if stats.is_empty() {
        writeln!(
            out,
            "no themes yet: press p on an item in the board, or accept a suggestion"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:>5}  {:>4}  {:>4}  {:<9}  {:<3}  {:>5}  {:>5}  {:<8}  NAME",
        "ID", "ITEMS", "CUST", "SEGS", "CLASS", "SEV", "FIRST", "LAST", "8 WEEKS"
    )?;
    let ago = |t: Option<DateTime<Utc>>| t.map_or("-".to_string(), |t| age(now, t));
    for s in stats {
        writeln!(
            out,
            "{:>4}  {:>5}  {:>4}  {:>4}  {:<9}  {:<3}  {:>5}  {:>5}  {:<8}  {}",
            s.theme.id.0,
            s.items,
            s.customers,
            s.segments,
            s.class.as_str(),
            s.highest.map_or("--", Severity::as_str),
            ago(s.first_seen),
            ago(s.last_seen),
            sparkline(&s.weekly),
            display(&s.theme.name)
        )?;
    }
    Ok(())
}
