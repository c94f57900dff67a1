//! Times are stored as whole UTC seconds since the epoch: compact, indexable,
//! and sorted the way people expect. These helpers convert at the edge.

use chrono::{DateTime, Utc};

pub(crate) fn to_db(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub(crate) fn from_db(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

pub(crate) fn opt_from_db(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.map(from_db)
}
