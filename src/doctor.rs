//! `loopboard doctor`: a health report on one database file, in words, with
//! an exit code a script can use (0 healthy, 1 problems found).
//!
//! It checks what can go wrong with a local SQLite file and its privacy:
//! integrity (`integrity_check`), broken references (`foreign_key_check`),
//! the schema version, the journal and WAL size, file permissions, and the
//! backups (how many, how old, the newest one that is good). It works on a
//! file the board cannot open, and changes nothing: no migration, no backup.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

mod files;

use crate::store::backup::{self, BackupFile};
use crate::store::{SCHEMA_VERSION, StoreError, health, restore};

/// How serious a finding is. Only problems make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    Warning,
    Problem,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Warning => "warning",
            Level::Problem => "PROBLEM",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    pub topic: &'static str,
    pub text: String,
}

fn finding(level: Level, topic: &'static str, text: impl Into<String>) -> Finding {
    Finding {
        level,
        topic,
        text: text.into(),
    }
}

/// Examines the database at `db` (see the module docs).
pub fn examine(db: &Path, now: DateTime<Utc>) -> Vec<Finding> {
    if !db.is_file() {
        return vec![finding(Level::Problem, "database", "no database file here")];
    }
    let mut findings = match backup::open_existing(db) {
        Ok(conn) => database_findings(&conn),
        Err(e) => vec![damage(&e)],
    };
    findings.extend(files::permissions(db));
    findings.push(wal_size(db));
    findings.extend(backup_findings(db, now));
    findings
}

/// Writes the report and returns whether the database is healthy.
pub fn report(db: &Path, now: DateTime<Utc>, out: &mut dyn Write) -> std::io::Result<bool> {
    let findings = examine(db, now);
    writeln!(out, "loopboard doctor: {}", db.display())?;
    for f in &findings {
        writeln!(out, "  {:<8} {:<12} {}", f.level.label(), f.topic, f.text)?;
    }
    let problems = findings.iter().filter(|f| f.level == Level::Problem).count();
    if problems == 0 {
        writeln!(out, "healthy")?;
        return Ok(true);
    }
    writeln!(out, "{problems} problem(s) found")?;
    let damaged = findings
        .iter()
        .any(|f| f.topic == "integrity" && f.level == Level::Problem);
    if let (true, Some((good, _))) = (damaged, restore::latest_good(db)) {
        let file = shell_quote(&good.path);
        writeln!(
            out,
            "to bring back the latest good backup: loopboard --db {} restore {file}",
            shell_quote(db)
        )?;
    }
    Ok(false)
}

fn database_findings(conn: &Connection) -> Vec<Finding> {
    let mut findings = Vec::new();
    match health::problems(conn, true) {
        Ok(p) if p.is_empty() => findings.push(finding(Level::Ok, "integrity", "integrity_check passed")),
        Ok(p) => {
            findings.push(finding(
                Level::Problem,
                "integrity",
                format!("damaged: {}", p.join("; ")),
            ));
            return findings;
        }
        Err(e) => {
            findings.push(damage(&e));
            return findings;
        }
    }
    findings.push(match health::foreign_key_problems(conn) {
        Ok(p) if p.is_empty() => finding(Level::Ok, "references", "foreign_key_check passed"),
        Ok(p) => finding(Level::Problem, "references", p.join("; ")),
        Err(e) => finding(Level::Problem, "references", e.to_string()),
    });
    findings.push(schema(conn));
    findings.push(contents(conn));
    findings
}

fn damage(e: &StoreError) -> Finding {
    let text = if e.is_damaged() {
        format!("the file is damaged: {e}")
    } else {
        format!("cannot be opened: {e}")
    };
    finding(Level::Problem, "integrity", text)
}

fn schema(conn: &Connection) -> Finding {
    let version: rusqlite::Result<i64> = conn.pragma_query_value(None, "user_version", |r| r.get(0));
    match version {
        Ok(v) if v == SCHEMA_VERSION => finding(Level::Ok, "schema", format!("version {v}, current")),
        Ok(v) if v < SCHEMA_VERSION => finding(
            Level::Warning,
            "schema",
            format!("version {v}; the next open migrates it to {SCHEMA_VERSION} (after a backup)"),
        ),
        Ok(v) => finding(
            Level::Problem,
            "schema",
            format!("version {v} is newer than this loopboard ({SCHEMA_VERSION}); upgrade loopboard"),
        ),
        Err(e) => finding(Level::Problem, "schema", e.to_string()),
    }
}

fn contents(conn: &Connection) -> Finding {
    let count = |table: &str| -> rusqlite::Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    let mode: rusqlite::Result<String> = conn.pragma_query_value(None, "journal_mode", |r| r.get(0));
    match (count("items"), count("decisions"), mode) {
        (Ok(items), Ok(decisions), Ok(mode)) => finding(
            Level::Ok,
            "contents",
            format!("{items} items, {decisions} decisions; journal mode {mode}"),
        ),
        _ => finding(Level::Warning, "contents", "no loopboard tables yet (an empty file)"),
    }
}

fn wal_size(db: &Path) -> Finding {
    let wal = files::side_file(db, "-wal");
    let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    // SQLite checkpoints at about 4 MB; a much larger WAL means a reader
    // has been holding it open, or checkpoints keep failing.
    let level = if size > 64 * 1024 * 1024 {
        Level::Warning
    } else {
        Level::Ok
    };
    finding(level, "wal", format!("write-ahead log {}", human_size(size)))
}

fn backup_findings(db: &Path, now: DateTime<Utc>) -> Vec<Finding> {
    let backups = match backup::list(db) {
        Ok(b) => b,
        Err(e) => return vec![finding(Level::Warning, "backups", e.to_string())],
    };
    let Some(newest) = backups.first() else {
        let text = format!(
            "none yet in {} (one is taken on the next open, or run `loopboard backup`)",
            backup::dir_for(db).display()
        );
        return vec![finding(Level::Warning, "backups", text)];
    };
    let mut findings = vec![newest_backup(db, newest, backups.len(), now)];
    findings.push(match restore::latest_good(db) {
        Some((good, c)) if good.path == newest.path => finding(
            Level::Ok,
            "restorable",
            format!("the newest backup passes the checks ({} items)", c.items),
        ),
        Some((good, c)) => finding(
            Level::Warning,
            "restorable",
            format!(
                "the newest backup fails the checks; the latest good one is {} ({} items, {} old)",
                good.path.display(),
                c.items,
                crate::timefmt::age(now, good.taken)
            ),
        ),
        None => finding(Level::Problem, "restorable", "no backup passes the integrity check"),
    });
    findings
}

/// How old the newest backup is; a warning when the database changed more
/// than a day after it was taken (its changes since are not backed up).
fn newest_backup(db: &Path, newest: &BackupFile, count: usize, now: DateTime<Utc>) -> Finding {
    let age = crate::timefmt::age(now, newest.taken);
    let text = format!("{count} kept, newest {age} old: {}", newest.path.display());
    let changed = last_change(db);
    let stale = changed.is_some_and(|c| c - newest.taken > backup::DAILY);
    let level = if stale { Level::Warning } else { Level::Ok };
    finding(level, "backups", text)
}

/// When the database (or its WAL) was last written.
fn last_change(db: &Path) -> Option<DateTime<Utc>> {
    [db.to_path_buf(), files::side_file(db, "-wal")]
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
        .map(DateTime::<Utc>::from)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// A path a person can paste into a shell.
pub fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c)) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
