//! Is a database file sound? SQLite's own checks (`integrity_check`,
//! `quick_check`, `foreign_key_check`) and the one test every caller needs:
//! does this error mean the file is damaged (as opposed to busy, missing or
//! refused for a reason a person can fix)?

use rusqlite::{Connection, ErrorCode};

use super::StoreError;

impl StoreError {
    /// True when the error says the database file itself is damaged or not a
    /// database at all: the cue for the recovery screen and for pointing at
    /// `loopboard restore`.
    pub fn is_damaged(&self) -> bool {
        match self {
            StoreError::Damaged { .. } => true,
            StoreError::Sqlite(e) => is_damaged_sqlite(e),
            _ => false,
        }
    }
}

/// SQLITE_CORRUPT (and its extended codes), SQLITE_NOTADB, or text that is
/// not UTF-8: loopboard only ever writes valid UTF-8, so invalid bytes in a
/// text column mean the file's contents were damaged (a flipped bit inside a
/// row passes SQLite's structural checks).
pub fn is_damaged_sqlite(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::Utf8Error(..))
        || matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        )
}

/// Runs `PRAGMA integrity_check` (`full`) or the faster `quick_check` and
/// returns the problems SQLite reports; empty when the file is sound. At most
/// 20 problems are listed: enough to say what is wrong.
pub fn problems(conn: &Connection, full: bool) -> Result<Vec<String>, StoreError> {
    let pragma = if full { "integrity_check(20)" } else { "quick_check(20)" };
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// Rows that break a foreign key, as "table rowid → parent" lines.
pub fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        let table: String = r.get(0)?;
        let rowid: Option<i64> = r.get(1)?;
        let parent: String = r.get(2)?;
        Ok(format!(
            "{table} row {} refers to a missing {parent} row",
            rowid.unwrap_or(0)
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
