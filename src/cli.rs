//! The command line, declared with clap's derive API. Parsing only; the
//! commands themselves live in `commands`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::domain::{Severity, Status};
use crate::import::{ColumnMap, Format};

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

    /// The config file (default: config.toml in your config directory).
    #[arg(long, global = true, env = "LOOPBOARD_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

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
    /// Bets: add, change inputs and fields, link evidence, record a verdict.
    Bet {
        #[command(subcommand)]
        action: crate::bet_cmd::BetAction,
    },
    /// The bets ranked by RICE, ICE or WSJF, or one bet's score explained.
    Bets(crate::bet_cmd::BetsArgs),
    /// Hypotheses: add, restate, link evidence, list.
    Hypothesis {
        #[command(subcommand)]
        action: crate::bet_cmd::HypothesisAction,
    },
    /// Export the whole database as interchange JSONL.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write here instead of standard output (created 0600).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// With --format github: JSON payloads instead of commands.
        #[arg(long)]
        json: bool,
    },
    /// Import feedback: CSV, JSON, JSONL, GitHub, Slack, Linear, Jira, Zendesk,
    /// Intercom, Canny, or a loopboard export (all or nothing; re-importing adds nothing).
    Import(ImportArgs),
    /// Customers: create or edit one, or list them.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Likely duplicates of one item, best first, with the shared words behind each.
    Similar(SimilarArgs),
    /// Themes with their evidence: items, customers, segments, class, trend.
    Themes(ThemesArgs),
    /// The decision log, oldest first: filter by date, kind or person.
    Decisions(crate::decisions_cmd::DecisionsArgs),
    /// Record a decision by hand: `decide item:12 accept --why "…"`.
    Decide(crate::decisions_cmd::DecideArgs),
    /// The period's summary as GitHub-flavoured Markdown (default: the last week).
    Report(crate::report_cmd::ReportArgs),
    /// The configuration: print the documented default, or check a file.
    Config {
        /// Print the default config.toml, with every key explained.
        #[arg(long)]
        print_default: bool,
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
pub struct ImportArgs {
    /// The file, Slack export folder or .zip to import (`-` for standard input).
    pub file: PathBuf,
    /// The format, when recognizing it from the content is not wanted:
    /// csv, json, jsonl, interchange, github, slack, linear, jira, zendesk, intercom, canny.
    #[arg(long, value_parser = parse_format)]
    pub format: Option<Format>,
    /// Check everything and print what would happen, without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Feed FIELD from COLUMN (a CSV header or JSON key); `FIELD=` ignores the field.
    /// Fields: title, body, customer, segment, category, tags, severity, priority,
    /// source, external_id, created_at.
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map)]
    pub maps: Vec<ColumnMap>,
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Create the customer if needed and set its attributes.
    Set(CustomerSetArgs),
    /// List every customer.
    List,
}

#[derive(Debug, clap::Args)]
pub struct CustomerSetArgs {
    /// The customer's name (matched case-insensitively).
    pub name: String,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub tier: Option<String>,
    /// Annual recurring revenue, in whole currency units.
    #[arg(long, value_parser = clap::value_parser!(i64).range(0..))]
    pub arr: Option<i64>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    #[arg(long, value_parser = parse_severity)]
    pub severity: Option<Severity>,
    #[arg(long)]
    pub category: Option<String>,
    /// The filter language, e.g. 'sev:<=2 cat:billing age:>7d export' (see README).
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,
    /// Only open items whose SLA clock is at risk or breached (most urgent first).
    #[arg(long, value_enum)]
    pub sla: Option<crate::sla_cmd::SlaFilter>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct SimilarArgs {
    /// The item to find duplicates of.
    pub id: i64,
    /// Show at most this many suggestions.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Also show suggestions below the display threshold.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, clap::Args)]
pub struct ThemesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Distinct customers from which a theme is recurring (2 customers is emerging, 1 a one-off).
    #[arg(long, default_value_t = crate::domain::RECURRING_DEFAULT, value_name = "N")]
    pub recurring: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    /// Items as CSV; cells that a spreadsheet would run are prefixed with '.
    Csv,
    /// The report of the last week.
    Markdown,
    /// Accepted items as `gh issue create` commands (JSON payloads with --json).
    Github,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse().map_err(|e: crate::domain::ParseSeverityError| e.to_string())
}

fn parse_status(s: &str) -> Result<Status, String> {
    s.parse().map_err(|e: crate::domain::ParseStatusError| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_map(s: &str) -> Result<ColumnMap, String> {
    s.parse()
}
