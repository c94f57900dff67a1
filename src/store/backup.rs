//! Backups: consistent copies of the database that a damaged file, a bad
//! migration or a wrong import can be undone with.
//!
//! A backup is `VACUUM INTO` a temporary file (a consistent snapshot, taken
//! while other sessions keep working), converted to a self-contained
//! rollback-journal file, fsynced, made 0600 and renamed into place, so a
//! backup file is either complete or absent. The rotation lives beside the
//! database in `<db file name>.backups/` (0700) as
//! `loopboard-YYYYMMDD-HHMMSS.db` (UTC); the newest [`KEEP`] are kept.
//!
//! Automatic backups are taken before a migration, before an import and
//! once a day on open. A database that fails `quick_check` is never copied
//! into the rotation: a damaged copy must not push a good one out.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{StoreError, health};

/// Backups kept in the rotation.
pub const KEEP: usize = 10;
/// The automatic backup on open is taken when the newest is older than this.
pub const DAILY: chrono::Duration = chrono::Duration::hours(24);
/// A temporary file this old was left by a process that died mid-backup.
const STALE_TEMP: Duration = Duration::from_secs(3600);
const PREFIX: &str = "loopboard-";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// One backup in the rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken (from its name, to the second).
    pub taken: DateTime<Utc>,
    /// Tells apart backups taken within the same second.
    seq: u32,
}

/// The rotation directory of the database at `db`: `<db>.backups` beside it.
pub fn dir_for(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "loopboard.db".into());
    name.push(".backups");
    db.with_file_name(name)
}

/// The backups of the database at `db`, newest first (none when the
/// directory does not exist yet).
pub fn list(db: &Path) -> Result<Vec<BackupFile>, StoreError> {
    list_in(&dir_for(db))
}

fn list_in(dir: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name();
        if let Some((taken, seq)) = name.to_str().and_then(parse_name) {
            found.push(BackupFile {
                path: entry.path(),
                taken,
                seq,
            });
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse((b.taken, b.seq)));
    Ok(found)
}

/// Backs up the database at `db` into its rotation, or to `out` when given,
/// without migrating or otherwise changing it (`loopboard backup`).
pub fn backup_file(db: &Path, out: Option<&Path>) -> Result<PathBuf, StoreError> {
    let conn = open_existing(db)?;
    match out {
        Some(dest) => {
            refuse_damaged(&conn, db)?;
            write_copy(&conn, dest)?;
            Ok(dest.to_path_buf())
        }
        None => take(&conn, db),
    }
}

impl super::Store {
    /// The automatic daily backup (see [`daily`]). Called once the database
    /// has been read successfully (the board loaded, a command succeeded),
    /// so a file damaged in a way only reading reveals is never rotated in
    /// as the newest backup. Not for a brand-new file: nothing to lose yet.
    pub fn daily_backup(&self) -> Result<(), StoreError> {
        if self.existed {
            daily(&self.conn, &self.path)?;
        }
        Ok(())
    }

    /// Takes a backup into the rotation now (before an import, say).
    pub fn backup(&self) -> Result<PathBuf, StoreError> {
        take(&self.conn, &self.path)
    }
}

/// Opens an existing database without creating, migrating or reconfiguring
/// it, with the busy handler so another session's write only delays us.
pub(crate) fn open_existing(db: &Path) -> Result<Connection, StoreError> {
    if !db.is_file() {
        return Err(StoreError::Backup {
            path: db.to_path_buf(),
            reason: "no database here".into(),
        });
    }
    let mut conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    super::busy::install(&mut conn, Default::default())?;
    Ok(conn)
}

/// Takes a backup into the rotation of `db` and prunes it.
pub(crate) fn take(conn: &Connection, db: &Path) -> Result<PathBuf, StoreError> {
    refuse_damaged(conn, db)?;
    let dir = dir_for(db);
    create_private_dir(&dir)?;
    let dest = free_name(&dir, Utc::now());
    write_copy(conn, &dest)?;
    prune(&dir)?;
    Ok(dest)
}

/// The automatic backup on open: taken when the newest backup is older than
/// [`DAILY`]. Only damage is an error (the board must not open a damaged file
/// as if nothing happened); any other failure, such as a read-only
/// directory, must not lock a person out of their board, and `loopboard
/// doctor` reports how old the newest backup is.
pub(crate) fn daily(conn: &Connection, db: &Path) -> Result<(), StoreError> {
    let due = match list(db) {
        Ok(backups) => backups.first().is_none_or(|b| Utc::now() - b.taken >= DAILY),
        Err(_) => return Ok(()),
    };
    match if due { take(conn, db).map(drop) } else { Ok(()) } {
        Err(e) if e.is_damaged() => Err(e),
        _ => Ok(()),
    }
}

fn refuse_damaged(conn: &Connection, db: &Path) -> Result<(), StoreError> {
    let problems = health::problems(conn, false)?;
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(StoreError::Damaged {
            path: db.to_path_buf(),
            detail: first.clone(),
        }),
    }
}

/// Writes a consistent copy of the database behind `conn` to `dest`:
/// complete or not at all, 0600, durable before it gets its name.
pub(crate) fn write_copy(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".tmp-{}-{}.db",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let result = write_temp(conn, &tmp).and_then(|()| {
        fs::rename(&tmp, dest).map_err(|e| io_error(dest, e))?;
        sync_dir(dir)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_temp(conn: &Connection, tmp: &Path) -> Result<(), StoreError> {
    // Created empty and private first: VACUUM INTO fills an empty file, and
    // the copy is never readable by others, even for a moment.
    create_private_file(tmp)?;
    let name = tmp.to_str().ok_or_else(|| StoreError::Backup {
        path: tmp.to_path_buf(),
        reason: "the path is not valid UTF-8".into(),
    })?;
    conn.execute("VACUUM INTO ?1", [name])?;
    // The copy keeps the WAL flag of its source; a backup must be one
    // self-contained file that opens read-only, so switch it to a rollback
    // journal while it has no other user.
    let copy = Connection::open(tmp)?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    drop(copy);
    let file = fs::File::open(tmp).map_err(|e| io_error(tmp, e))?;
    file.sync_all().map_err(|e| io_error(tmp, e))
}

/// Deletes all but the newest [`KEEP`] backups, and temporary files left by
/// a process that died mid-backup.
fn prune(dir: &Path) -> Result<(), StoreError> {
    for old in list_in(dir)?.iter().skip(KEEP) {
        fs::remove_file(&old.path).map_err(|e| io_error(&old.path, e))?;
    }
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMP);
        if stale && entry.file_name().to_string_lossy().starts_with(".tmp-") {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// `loopboard-YYYYMMDD-HHMMSS.db`, or `…-N.db` when that name is taken.
fn free_name(dir: &Path, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format(STAMP);
    let first = dir.join(format!("{PREFIX}{stamp}.db"));
    if !first.exists() {
        return first;
    }
    (1u32..)
        .map(|n| dir.join(format!("{PREFIX}{stamp}-{n}.db")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, u32)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let (stamp, seq) = match rest.get(15..) {
        Some("") => (rest, 0),
        Some(tail) => (rest.get(..15)?, tail.strip_prefix('-')?.parse().ok()?),
        None => return None,
    };
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((taken, seq))
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| io_error(dir, e))
}

/// A new, empty file only its owner can read.
pub(crate) fn create_private_file(path: &Path) -> Result<fs::File, StoreError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| io_error(path, e))
}

/// Makes a rename durable: the directory entry is fsynced too.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io_error(dir, e))?;
    Ok(())
}

pub(crate) fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_then_sequence() {
        let (t, seq) = parse_name("loopboard-20261121-120000-2.db").expect("parses");
        assert_eq!(t.to_rfc3339(), "2026-11-21T12:00:00+00:00");
        assert_eq!(seq, 2);
        assert_eq!(parse_name("loopboard-20261121-120000.db").map(|p| p.1), Some(0));
        for bad in [
            "loopboard-2026.db",
            "other-20261121-120000.db",
            "loopboard-20261121-120000-x.db",
        ] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_rotation_lives_beside_the_database() {
        assert_eq!(dir_for(Path::new("/d/board.db")), Path::new("/d/board.db.backups"));
        assert_eq!(dir_for(Path::new("board.db")), Path::new("board.db.backups"));
    }
}
