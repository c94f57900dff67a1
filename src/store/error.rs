//! Everything that can go wrong in the store, in words a person can act on.

use std::path::PathBuf;

use crate::domain::{BetId, HypothesisId, ItemId, TransitionError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    #[error(
        "{}: the database has schema version {found}, but this loopboard only knows up to version {supported}; \
         upgrade loopboard to open it (the file was not changed)",
        path.display()
    )]
    SchemaTooNew { path: PathBuf, found: i64, supported: i64 },

    #[error(
        "{}: the database is damaged ({detail}); `loopboard doctor` tells more, \
         `loopboard restore FILE` brings back a backup",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },

    #[error("{}: {reason}", path.display())]
    Backup { path: PathBuf, reason: String },

    #[error("item {0} does not exist")]
    NoSuchItem(ItemId),

    #[error("{0} does not exist")]
    NoSuchBet(BetId),

    #[error("{0} does not exist")]
    NoSuchHypothesis(HypothesisId),

    #[error("{0}")]
    Transition(#[from] TransitionError),

    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },

    #[error("{0}")]
    Import(String),
}

impl StoreError {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        StoreError::Invalid {
            field,
            reason: reason.into(),
        }
    }
}
