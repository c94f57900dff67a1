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

/// Text values that are not UTF-8, as "table.column rowid" lines (at most
/// 20). SQLite's structural checks pass a bit flipped inside a row; this
/// reads every text value, so it is for checking a backup before restoring
/// it, not for every open.
pub fn text_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut tables =
        conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?;
    let tables: Vec<String> = tables.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut found = Vec::new();
    for table in tables {
        let mut cols = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
        let cols: Vec<String> = cols.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        for col in cols {
            let sql = format!("SELECT rowid, \"{col}\" FROM \"{table}\" WHERE typeof(\"{col}\") = 'text'");
            let Ok(mut stmt) = conn.prepare(&sql) else { continue };
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let bad = match row.get_ref(1)? {
                    rusqlite::types::ValueRef::Text(bytes) => std::str::from_utf8(bytes).is_err(),
                    _ => false,
                };
                if bad {
                    let rowid: i64 = row.get(0).unwrap_or(0);
                    found.push(format!("{table}.{col} row {rowid} is not UTF-8"));
                    if found.len() >= 20 {
                        return Ok(found);
                    }
                }
            }
        }
    }
    Ok(found)
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
