//! Support for tests that need a database as an older loopboard left it
//! (the migration backup, the doctor's schema check). Not part of the API.

use std::path::Path;

use rusqlite::Connection;

use super::{StoreError, schema};

/// Creates a database at `path` with the schema steps up to `version` only,
/// as a loopboard of that version would have left it.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: i64) -> Result<(), StoreError> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    schema::migrate_to(&mut conn, version)?;
    Ok(())
}
