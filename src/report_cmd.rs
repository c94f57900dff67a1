//! `loopboard report`: the period's Markdown summary to standard output or
//! to a private file.

use anyhow::Context as _;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::io::Write;
use std::path::PathBuf;

use crate::report::{self, Period};
use crate::store::Store;
use crate::timefmt::Zone;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Report from this local date up to now, e.g. 2026-11-01.
    #[arg(long, value_name = "DATE", value_parser = parse_day, conflicts_with = "week")]
    pub since: Option<NaiveDate>,
    /// Report the last seven days (the default).
    #[arg(long)]
    pub week: bool,
    /// Write here instead of standard output (created 0600).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("{s:?}: expected a date like 2026-12-15"))
}

/// The period the arguments ask for, ending now.
pub fn period(args: &ReportArgs, now: DateTime<Utc>, zone: Zone) -> anyhow::Result<Period> {
    let since = match args.since {
        Some(day) => crate::decisions_cmd::start_of(day, zone).context("--since")?,
        None => now - Duration::days(7),
    };
    if since >= now {
        anyhow::bail!("--since: {} is not in the past", since.format("%Y-%m-%d"));
    }
    Ok(Period { since, until: now })
}

pub fn report(
    store: &Store,
    args: &ReportArgs,
    out: &mut dyn Write,
    now: DateTime<Utc>,
    zone: Zone,
) -> anyhow::Result<()> {
    let text = report::markdown(store, period(args, now, zone)?, now)?;
    match &args.out {
        Some(path) => {
            let mut file = crate::paths::create_private_file(path)?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing {}", path.display()))?;
            writeln!(out, "wrote {}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}
