//! Restoring a backup into the live database.
//!
//! The chosen file is checked first (`integrity_check`, a loopboard schema
//! this binary knows) and refused if it fails. The current database is saved
//! before anything changes: as a normal backup when it is sound, as a raw
//! copy of its bytes (`damaged-*.db`) when it is not, so a restore never
//! loses anything. Then SQLite's online backup API copies the file in as one
//! write transaction: a crash leaves the old or the new database, and other
//! sessions simply see a commit. A file too damaged for that (not even a
//! database header) is replaced whole, by renaming a fresh copy over it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Utc;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::backup::{self, BackupFile, create_private_dir, io_error, write_copy};
use super::busy::BUSY_TIMEOUT;
use super::{SCHEMA_VERSION, StoreError, health};

/// A sound loopboard database file, ready to be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub schema_version: i64,
    pub items: i64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database as it was before the restore was saved.
    pub saved: Option<PathBuf>,
    /// The items in the restored database.
    pub items: i64,
}

/// Checks that `file` is a sound loopboard database this version can open.
pub fn check_candidate(file: &Path) -> Result<Candidate, StoreError> {
    let refuse = |reason: String| StoreError::Backup {
        path: file.to_path_buf(),
        reason,
    };
    let conn = open_read_only(file)?;
    let problems = match health::problems(&conn, true) {
        Ok(problems) if problems.is_empty() => health::text_problems(&conn).unwrap_or_else(|e| vec![e.to_string()]),
        Ok(problems) => problems,
        Err(e) if e.is_damaged() => vec![e.to_string()],
        Err(e) => return Err(refuse(format!("cannot be checked: {e}"))),
    };
    if let Some(first) = problems.first() {
        return Err(refuse(format!("fails the integrity check ({first}); not restored")));
    }
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if schema_version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: file.to_path_buf(),
            found: schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    let items = conn
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .map_err(|_| refuse("is not a loopboard database (it has no items table)".into()))?;
    Ok(Candidate {
        path: file.to_path_buf(),
        schema_version,
        items,
    })
}

/// The newest backup of `db` that passes [`check_candidate`].
pub fn latest_good(db: &Path) -> Option<(BackupFile, Candidate)> {
    backup::list(db)
        .ok()?
        .into_iter()
        .find_map(|b| check_candidate(&b.path).ok().map(|c| (b, c)))
}

/// Restores `from` into the database at `db` (see the module docs).
pub fn restore(db: &Path, from: &Path) -> Result<Restored, StoreError> {
    if same_file(db, from) {
        return Err(StoreError::Backup {
            path: from.to_path_buf(),
            reason: "is the database itself; choose a backup".into(),
        });
    }
    let candidate = check_candidate(from)?;
    let src = open_read_only(from)?;
    if !db.exists() {
        write_copy(&src, db)?;
        return Ok(Restored {
            saved: None,
            items: candidate.items,
        });
    }
    let saved = save_current(db)?;
    match copy_in(&src, db) {
        Ok(()) => {}
        Err(e) if e.is_damaged() => replace_whole(&src, db)?,
        Err(e) => return Err(e),
    }
    Ok(Restored {
        saved: Some(saved),
        items: candidate.items,
    })
}

/// A backup of the current database, or a raw copy when it is damaged.
fn save_current(db: &Path) -> Result<PathBuf, StoreError> {
    match backup::open_existing(db).and_then(|conn| backup::take(&conn, db)) {
        Ok(path) => Ok(path),
        Err(e) if e.is_damaged() => save_raw(db),
        Err(e) => Err(e),
    }
}

/// Copies the database file (and its WAL, which may hold committed data)
/// byte for byte into the rotation directory as `damaged-*.db`.
fn save_raw(db: &Path) -> Result<PathBuf, StoreError> {
    let dir = backup::dir_for(db);
    create_private_dir(&dir)?;
    let dest = dir.join(format!("damaged-{}.db", Utc::now().format("%Y%m%d-%H%M%S-%f")));
    copy_private(db, &dest)?;
    let wal = with_suffix(db, "-wal");
    if wal.exists() {
        copy_private(&wal, &with_suffix(&dest, "-wal"))?;
    }
    Ok(dest)
}

fn copy_private(from: &Path, to: &Path) -> Result<(), StoreError> {
    let mut out = backup::create_private_file(to)?;
    let mut input = fs::File::open(from).map_err(|e| io_error(from, e))?;
    std::io::copy(&mut input, &mut out).map_err(|e| io_error(to, e))?;
    out.sync_all().map_err(|e| io_error(to, e))
}

/// The online backup API, all pages in one step: one write transaction on
/// the destination, retried while another session holds the lock.
fn copy_in(src: &Connection, db: &Path) -> Result<(), StoreError> {
    let mut dst = backup::open_existing(db)?;
    let started = Instant::now();
    let copy = Backup::new(src, &mut dst)?;
    loop {
        match copy.step(-1)? {
            StepResult::Done => return Ok(()),
            _ if started.elapsed() >= BUSY_TIMEOUT => {
                return Err(StoreError::Backup {
                    path: db.to_path_buf(),
                    reason: "another session kept the database busy; nothing was restored".into(),
                });
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
}

/// For a file SQLite cannot even read as a database: its WAL and shared
/// memory are removed (they belong to the damaged file) and a fresh copy is
/// renamed over it.
fn replace_whole(src: &Connection, db: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(db, suffix);
        match fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(&side, e)),
            _ => {}
        }
    }
    write_copy(src, db)
}

fn open_read_only(file: &Path) -> Result<Connection, StoreError> {
    if !file.is_file() {
        return Err(StoreError::Backup {
            path: file.to_path_buf(),
            reason: "no such file".into(),
        });
    }
    Ok(Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}
