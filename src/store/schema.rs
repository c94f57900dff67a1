//! Schema migrations keyed on `PRAGMA user_version`. Each step runs in its own
//! transaction together with the version bump, so a crash mid-migration leaves
//! the database at the previous version, never in between. Steps are only ever
//! appended; a released step is never edited.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Migration steps; step `i` takes the schema from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    // 1: items, their tags, and the append-only decision log.
    r#"
    CREATE TABLE items (
        id          INTEGER PRIMARY KEY,
        intake_key  TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL CHECK (length(title) > 0),
        body        TEXT NOT NULL DEFAULT '',
        customer    TEXT,
        segment     TEXT,
        category    TEXT,
        severity    INTEGER CHECK (severity BETWEEN 1 AND 4),
        status      TEXT NOT NULL CHECK (status IN
                      ('new','triaged','accepted','in_progress','waiting','snoozed','resolved','declined','duplicate')),
        owner       TEXT,
        source      TEXT NOT NULL,
        external_id TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        triaged_at  INTEGER,
        resolved_at INTEGER
    );
    CREATE TABLE item_tags (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        tag     TEXT NOT NULL CHECK (length(tag) > 0),
        PRIMARY KEY (item_id, tag)
    ) WITHOUT ROWID;
    -- The inbox order: untriaged first, then worst severity, newest first.
    CREATE INDEX items_inbox ON items ((status <> 'new'), coalesce(severity, 5), created_at DESC, id DESC)
        WHERE status IN ('new','triaged','accepted','in_progress','waiting');
    CREATE INDEX items_status ON items (status);
    CREATE TABLE decisions (
        id           INTEGER PRIMARY KEY,
        at           INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id   INTEGER NOT NULL,
        rationale    TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
        decided_by   TEXT NOT NULL
    );
    CREATE INDEX decisions_subject ON decisions (subject_kind, subject_id);
    -- The log is append-only: a correction is a new decision, never an edit.
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END;
    "#,
    // 2: the triage loop: SLA pause accounting, snooze, escalation, the board
    // index, and the persisted undo/redo journal.
    r#"
    ALTER TABLE items ADD COLUMN waiting_since INTEGER;
    ALTER TABLE items ADD COLUMN paused_secs INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN snoozed_until INTEGER;
    ALTER TABLE items ADD COLUMN snoozed_from TEXT;
    ALTER TABLE items ADD COLUMN back_from_snooze INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX items_board ON items (status, coalesce(severity, 5), updated_at DESC, id DESC);
    CREATE INDEX items_snoozed ON items (snoozed_until) WHERE status = 'snoozed';
    -- Undo journal: one group per user action, with JSON images of every item
    -- row it touched (NULL before = the action inserted the row).
    CREATE TABLE undo_groups (
        id    INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        at    INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('done', 'undone'))
    );
    CREATE TABLE undo_rows (
        group_id INTEGER NOT NULL REFERENCES undo_groups(id) ON DELETE CASCADE,
        item_id  INTEGER NOT NULL,
        before   TEXT,
        after    TEXT
    );
    CREATE INDEX undo_rows_group ON undo_rows (group_id);
    CREATE TABLE undo_decisions (
        group_id    INTEGER NOT NULL REFERENCES undo_groups(id) ON DELETE CASCADE,
        decision_id INTEGER NOT NULL
    );
    CREATE INDEX undo_decisions_group ON undo_decisions (group_id);
    "#,
    // 3: patterns: an item may be a duplicate of a canonical item and belong
    // to one theme; proposals the user dismissed are remembered by their
    // members, so they do not come back until the members change.
    r#"
    ALTER TABLE items ADD COLUMN duplicate_of INTEGER REFERENCES items(id);
    CREATE INDEX items_duplicate_of ON items (duplicate_of) WHERE duplicate_of IS NOT NULL;
    CREATE TABLE themes (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX themes_name ON themes (name COLLATE NOCASE);
    ALTER TABLE items ADD COLUMN theme_id INTEGER REFERENCES themes(id);
    CREATE INDEX items_theme ON items (theme_id) WHERE theme_id IS NOT NULL;
    CREATE TABLE dismissed_proposals (
        signature    TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        dismissed_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    "#,
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies every step the database has not seen yet.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies steps up to `target` (tests use this to build old versions).
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read inside the write lock: two processes opening a fresh file at
        // once must not both run the same step.
        let current = user_version(&tx)?;
        if current >= target {
            return Ok(());
        }
        let step = STEPS[usize::try_from(current).unwrap_or(0)];
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
