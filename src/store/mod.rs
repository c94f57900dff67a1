//! The only module that speaks SQL. It opens the one SQLite file (created 0600
//! before SQLite touches it; WAL, foreign keys, `synchronous=FULL`, a busy
//! timeout), migrates its schema, and offers typed verbs. Every write runs in
//! one IMMEDIATE transaction, so a second process waits its turn instead of
//! failing half-way, and a verb either happens entirely or not at all.

pub mod backup;
mod bet_rows;
mod bets;
mod bulk;
pub mod busy;
mod checkpoint;
mod clocks;
mod counts;
mod customers;
mod customers_step;
mod decision_log;
mod decisions;
mod edits;
mod error;
mod evidence;
mod filter;
pub mod health;
mod hypotheses;
mod image;
mod import_bets;
mod intake;
mod items;
mod lists;
mod patterns;
mod prepare;
pub mod restore;
mod saved_views;
mod scan;
mod schema;
mod stream;
#[doc(hidden)]
pub mod testing;
mod themes;
mod time;
mod touched;
mod transfer;
mod triage;
mod undo;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

pub use decision_log::chain_of;
pub use edits::Label;
pub use error::StoreError;
pub use evidence::LinkedItem;
pub use import_bets::{ImportedBet, ImportedHypothesis};
pub use items::{AddOutcome, InboxCounts, ItemFilter};
pub use lists::{ItemRow, ListSource};
pub use patterns::DuplicateRow;
pub use saved_views::SavedView;
pub use schema::{SCHEMA_VERSION, migrate_to};
pub use themes::{Evidence, NamedTheme, ThemeStats, WEEKS, proposal_signature, summarize};
pub use transfer::{
    ImportBatch, ImportMode, ImportSummary, ImportedCustomer, ImportedDecision, ImportedItem, ImportedReview,
    ImportedTheme,
};
pub use undo::UndoOutcome;

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

/// Connection settings as SQLite reports them (for tests and `doctor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub journal_mode: String,
    pub foreign_keys: bool,
    pub synchronous_full: bool,
    pub schema_version: i64,
}

/// An open loopboard database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Shared with the busy handler: long waits and their notice hook.
    wait: std::sync::Arc<busy::WaitState>,
    /// Whether the file held a database before this open (a brand-new file
    /// has nothing to back up yet).
    existed: bool,
    /// The ids last written to the temporary exclusion table (`counts.rs`).
    excluded: std::cell::RefCell<Vec<crate::domain::ItemId>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A database written by a newer loopboard is refused before
    /// anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        create_private_file(path)?;
        let mut conn = Connection::open(path)?;
        let wait = std::sync::Arc::default();
        busy::install(&mut conn, std::sync::Arc::clone(&wait))?;
        let found = schema::user_version(&conn)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        // Every verb's statements stay prepared; the default of 16 is fewer
        // than an import cycles through, and re-preparing costs more than SQL.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        if found > 0 && found < SCHEMA_VERSION {
            // A migration rewrites tables: keep the database as it was first.
            backup::take(&conn, path)?;
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            wait,
            existed: found > 0,
            excluded: Default::default(),
        };
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A counter that changes whenever another connection (another process
    /// or session) commits to this database; cheap enough to poll often.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// The connection settings in force, as SQLite reports them.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let text = |name: &str| -> Result<String, StoreError> {
            Ok(self
                .conn
                .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| match v {
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    other => format!("{other:?}"),
                })?)
        };
        Ok(Settings {
            journal_mode: text("journal_mode")?,
            foreign_keys: text("foreign_keys")? == "1",
            // 2 = FULL in SQLite's numbering.
            synchronous_full: text("synchronous")? == "2",
            schema_version: schema::user_version(&self.conn)?,
        })
    }

    /// Runs `f` inside one IMMEDIATE transaction and commits it. IMMEDIATE
    /// takes the write lock up front: a DEFERRED read-then-write would get
    /// SQLITE_BUSY at once under contention, whatever the busy timeout.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Creates the database file with mode 0600 if it does not exist yet, so the
/// customer data in it is never readable by other users, whatever the umask.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it between our check and our open: fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io_err(e)),
    }
}
