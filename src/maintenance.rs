//! The maintenance commands (`backup`, `restore`, `doctor`) and the advice
//! printed when a database turns out to be damaged. They work on the file
//! directly, without opening it as a board (no migration, no automatic
//! backup), so they also work on a file the board refuses to open.

use std::io::Write;
use std::path::Path;

use chrono::Utc;

use crate::cli::Command;
use crate::doctor::{self, shell_quote};
use crate::store::{StoreError, backup, health, restore};

/// Whether `command` is one of the maintenance commands run by [`run`].
pub fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::Backup { .. } | Command::Restore { .. } | Command::Doctor
    )
}

/// Runs a maintenance command on the database at `db`. Returns false when
/// the process should exit with status 1 without an error message (the
/// doctor found problems and has said so).
pub fn run(command: &Command, db: &Path, out: &mut dyn Write) -> anyhow::Result<bool> {
    let healthy = match command {
        Command::Backup { out: file } => {
            let path = backup::backup_file(db, file.as_deref())?;
            writeln!(out, "backed up {} to {}", db.display(), path.display())?;
            true
        }
        Command::Restore { file } => {
            let done = restore::restore(db, file)?;
            writeln!(
                out,
                "restored {} from {}: {} items",
                db.display(),
                file.display(),
                done.items
            )?;
            if let Some(saved) = done.saved {
                writeln!(out, "the database as it was before is kept in {}", saved.display())?;
            }
            true
        }
        Command::Doctor => doctor::report(db, Utc::now(), out)?,
        _ => true,
    };
    out.flush()?;
    Ok(healthy)
}

/// Adds what to do to an error that says the database is damaged; other
/// errors pass through unchanged.
pub fn explain(e: anyhow::Error, db: &Path) -> anyhow::Error {
    if !is_damaged(&e) {
        return e;
    }
    let quoted = shell_quote(db);
    let restore_line = match restore::latest_good(db) {
        Some((good, c)) => format!(
            "  loopboard --db {quoted} restore {}\n      brings back the latest good backup ({} items, {} old; the damaged file is kept)",
            shell_quote(&good.path),
            c.items,
            crate::timefmt::age(Utc::now(), good.taken)
        ),
        None => format!(
            "  no good backup was found in {}; `loopboard restore FILE` takes any copy you have",
            backup::dir_for(db).display()
        ),
    };
    anyhow::anyhow!(
        "{e:#}\nthe database file is damaged. What you can do:\n  loopboard --db {quoted} doctor\n      says what is wrong\n{restore_line}"
    )
}

/// Whether any error in the chain says the database file is damaged.
pub fn is_damaged(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<StoreError>().is_some_and(StoreError::is_damaged)
            || c.downcast_ref::<rusqlite::Error>()
                .is_some_and(health::is_damaged_sqlite)
    })
}
