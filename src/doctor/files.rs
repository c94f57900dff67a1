//! The privacy part of `loopboard doctor`: the database, its `-wal` and
//! `-shm`, and the backups must be readable by their owner only (0600 files,
//! 0700 directories), whatever the umask was when they were made.

use std::path::{Path, PathBuf};

use super::{Finding, Level, finding};
use crate::store::backup;

/// The file beside `db` with `suffix` appended (`-wal`, `-shm`).
pub(super) fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Findings about file modes: one line when everything is private.
pub(super) fn permissions(db: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    for path in [db.to_path_buf(), side_file(db, "-wal"), side_file(db, "-shm")] {
        if let Some(mode) = open_to_others(&path) {
            findings.push(exposed(Level::Problem, &path, mode, "600"));
        }
    }
    let rotation = backup::dir_for(db);
    if let Some(mode) = open_to_others(&rotation) {
        findings.push(exposed(Level::Problem, &rotation, mode, "700"));
    }
    for path in std::fs::read_dir(&rotation)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
    {
        if let Some(mode) = open_to_others(&path) {
            findings.push(exposed(Level::Problem, &path, mode, "600"));
        }
    }
    // Where the user chose to keep the file is theirs to decide; the files
    // in it are private either way, so an open directory is only a warning.
    let parent = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Some(mode) = open_to_others(parent) {
        findings.push(exposed(Level::Warning, parent, mode, "700"));
    }
    if findings.is_empty() {
        findings.push(finding(
            Level::Ok,
            "permissions",
            "database, -wal, -shm and backups are private to their owner",
        ));
    }
    findings
}

fn exposed(level: Level, path: &Path, mode: u32, fix: &str) -> Finding {
    let text = format!(
        "{} is {mode:04o}: other users can read it; fix: chmod {fix} '{}'",
        path.display(),
        path.display()
    );
    finding(level, "permissions", text)
}

/// The mode of `path` when group or others have any access to it.
#[cfg(unix)]
fn open_to_others(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn open_to_others(_: &Path) -> Option<u32> {
    None
}
