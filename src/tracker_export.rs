//! Exports for other tools: items as CSV (with a guard so spreadsheets never
//! run a cell as a formula), accepted items as `gh issue create` commands
//! (shell-quoted) or as GitHub issue JSON payloads, and the report as
//! Markdown. The interchange JSONL lives in `interchange`.

use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::domain::{Item, Status};
use crate::store::{ItemFilter, Store};

/// The columns of `export --format csv`, in order.
pub const CSV_HEADER: [&str; 13] = [
    "id",
    "title",
    "body",
    "customer",
    "segment",
    "category",
    "tags",
    "severity",
    "status",
    "owner",
    "source",
    "created_at",
    "resolved_at",
];

/// A cell a spreadsheet could run as a formula gets a leading `'`, which
/// spreadsheets show as text (OWASP "CSV injection").
pub fn guard(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Every item as CSV, in id order.
pub fn csv(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for item in store.list_items(&ItemFilter::default())? {
        w.write_record(csv_row(&item).iter().map(|c| guard(c)))?;
    }
    w.flush()?;
    Ok(())
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn csv_row(i: &Item) -> [String; 13] {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        i.id.0.to_string(),
        i.title.clone(),
        i.body.clone(),
        opt(&i.customer),
        opt(&i.segment),
        opt(&i.category),
        i.tags.join(";"),
        i.severity.map(|s| s.as_str().to_string()).unwrap_or_default(),
        i.status.as_str().to_string(),
        opt(&i.owner),
        i.source.clone(),
        time(i.created_at),
        i.resolved_at.map(time).unwrap_or_default(),
    ]
}

/// What a GitHub issue for an accepted item holds. The customer field is
/// left out (a tracker may be public; the loopboard id leads back to it);
/// the feedback text itself goes as written, so review it before running.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IssuePayload {
    pub title: String,
    pub body: String,
    pub labels: Vec<String>,
}

/// The payload for one item.
pub fn payload(i: &Item) -> IssuePayload {
    let mut labels = vec!["feedback".to_string()];
    labels.extend(i.severity.map(|s| format!("severity:{}", s.as_str())));
    labels.extend(i.category.as_ref().map(|c| c.to_lowercase()));
    let body = format!(
        "{}\n\n---\nFrom loopboard item #{} ({}).",
        i.body.trim(),
        i.id.0,
        i.source
    );
    IssuePayload {
        title: i.title.clone(),
        body: body.trim_start().to_string(),
        labels,
    }
}

/// Quotes one word for a POSIX shell: inside single quotes nothing is
/// special, and a single quote is written as `'\''`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// One `gh issue create` line.
pub fn gh_command(p: &IssuePayload) -> String {
    let mut cmd = format!(
        "gh issue create --title {} --body {}",
        shell_quote(&p.title),
        shell_quote(&p.body)
    );
    for l in &p.labels {
        cmd.push_str(" --label ");
        cmd.push_str(&shell_quote(l));
    }
    cmd
}

/// Accepted items as `gh issue create` commands, or as JSON payloads (one a
/// line, the body of GitHub's "create an issue" call) with `json`.
pub fn github(store: &Store, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let filter = ItemFilter {
        status: Some(Status::Accepted),
        ..ItemFilter::default()
    };
    for item in store.list_items(&filter)? {
        let p = payload(&item);
        let line = if json {
            serde_json::to_string(&p)?
        } else {
            gh_command(&p)
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `loopboard export`: the chosen format to standard output or a 0600 file.
pub fn export(
    store: &Store,
    format: crate::cli::ExportFormat,
    json: bool,
    out_path: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use crate::cli::ExportFormat;
    use anyhow::Context as _;
    if json && !matches!(format, ExportFormat::Github) {
        anyhow::bail!("--json: only applies to --format github");
    }
    let write = |out: &mut dyn Write| -> anyhow::Result<()> {
        match format {
            ExportFormat::Jsonl => crate::interchange::export(store, out),
            ExportFormat::Csv => csv(store, out),
            ExportFormat::Github => github(store, json, out),
            ExportFormat::Markdown => {
                let period = crate::report::Period {
                    since: now - chrono::Duration::days(7),
                    until: now,
                };
                Ok(out.write_all(crate::report::markdown(store, period, now)?.as_bytes())?)
            }
        }
    };
    match out_path {
        Some(path) => {
            let mut file = std::io::BufWriter::new(crate::paths::create_private_file(path)?);
            write(&mut file)?;
            file.flush().with_context(|| format!("writing {}", path.display()))?;
            file.into_inner()?.sync_all()?;
            Ok(())
        }
        None => write(stdout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_guarded_and_others_untouched() {
        for bad in ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(bad), format!("'{bad}"));
        }
        for ok in ["plain", "", "a=b", "1-2", " =x"] {
            assert_eq!(guard(ok), ok);
        }
    }

    #[test]
    fn shell_quoting_survives_quotes() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
