//! The command line, declared with clap's derive API. Parsing only; the
//! commands themselves live in `commands`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::domain::{Severity, Status};

#[derive(Debug, Parser)]
#[command(
    name = "loopboard",
    version,
    about = "Keyboard-first triage board for customer feedback"
)]
pub struct Cli {
    /// The database file (default: loopboard.db in your data directory).
    #[arg(long, global = true, env = "LOOPBOARD_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add one item and print its id.
    Add(AddArgs),
    /// List items.
    List(ListArgs),
    /// Load the demo data set (running it twice adds nothing).
    Demo,
    /// SLA compliance per severity: within target, late, median times.
    Sla,
    /// Export the whole database as interchange JSONL.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write here instead of standard output (created 0600).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import an interchange JSONL file (all or nothing; re-importing adds nothing).
    Import {
        /// The file to import (`-` for standard input).
        file: PathBuf,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Back up the database now (into its rotation beside it, or to --out FILE).
    Backup {
        /// Write the backup here instead (created 0600).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Restore the database from a backup (refused if the file fails the
    /// integrity check; the current database is saved first).
    Restore {
        /// The backup to restore, e.g. from `<db>.backups/`.
        file: PathBuf,
    },
    /// Check the database: integrity, references, schema, WAL, permissions,
    /// backups. Exits 1 when it finds a problem.
    Doctor,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    #[arg(long)]
    pub title: String,
    /// The body text; `-` reads it from standard input.
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long)]
    pub customer: Option<String>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    /// A tag; repeat for more.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// S1 (worst) to S4; setting it triages the item.
    #[arg(long, value_parser = parse_severity)]
    pub severity: Option<Severity>,
    /// The channel it came through (slack, email, call, …).
    #[arg(long, default_value = "cli")]
    pub source: String,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    #[arg(long, value_parser = parse_severity)]
    pub severity: Option<Severity>,
    #[arg(long)]
    pub category: Option<String>,
    /// Only open items whose SLA clock is at risk or breached (most urgent first).
    #[arg(long, value_enum)]
    pub sla: Option<crate::sla_cmd::SlaFilter>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse().map_err(|e: crate::domain::ParseSeverityError| e.to_string())
}

fn parse_status(s: &str) -> Result<Status, String> {
    s.parse().map_err(|e: crate::domain::ParseStatusError| e.to_string())
}
