//! Schema migrations keyed on `PRAGMA user_version`. Each step runs in its own
//! transaction together with the version bump, so a crash mid-migration leaves
//! the database at the previous version, never in between. Steps are only ever
//! appended; a released step is never edited.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

/// One migration step: plain SQL, or code when the data must be reshaped in
/// ways SQL alone cannot (Unicode case folding, for one).
enum Step {
    Sql(&'static str),
    Code(fn(&Transaction<'_>) -> Result<(), StoreError>),
}

/// Migration steps; step `i` takes the schema from version `i` to `i + 1`.
const STEPS: &[Step] = &[
    // 1: items, their tags, and the append-only decision log.
    Step::Sql(
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
    ),
    // 2: the triage loop: SLA pause accounting, snooze, escalation, the board
    // index, and the persisted undo/redo journal.
    Step::Sql(
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
    ),
    // 3: patterns: an item may be a duplicate of a canonical item and belong
    // to one theme; proposals the user dismissed are remembered by their
    // members, so they do not come back until the members change.
    Step::Sql(
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
    ),
    // 4: hypotheses, bets and their evidence links (issue 6); the undo journal
    // learns which table each row image belongs to. Self-contained: it only
    // relies on `items` and `undo_rows` from the steps before it.
    Step::Sql(
        r#"
    CREATE TABLE hypotheses (
        id         INTEGER PRIMARY KEY,
        -- Frozen identity (random at creation), exported, so re-importing an
        -- export adds nothing even after the text was edited.
        key        TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
        statement  TEXT NOT NULL CHECK (length(trim(statement)) > 0),
        status     TEXT NOT NULL CHECK (status IN ('open','validated','invalidated')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    -- Evidence links. A hypothesis's links go with it (CASCADE); an item
    -- that is evidence cannot vanish under a link (no cascade from items).
    CREATE TABLE hypothesis_evidence (
        hypothesis_id INTEGER NOT NULL REFERENCES hypotheses(id) ON DELETE CASCADE,
        item_id       INTEGER NOT NULL REFERENCES items(id),
        PRIMARY KEY (hypothesis_id, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX hypothesis_evidence_item ON hypothesis_evidence (item_id);
    CREATE TABLE bets (
        id               INTEGER PRIMARY KEY,
        key              TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
        title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
        hypothesis_id    INTEGER REFERENCES hypotheses(id),
        owner            TEXT,
        metric           TEXT,
        status           TEXT NOT NULL CHECK (status IN ('proposed','running','won','lost','stopped')),
        started_at       INTEGER,
        deadline         INTEGER,
        closed_at        INTEGER,
        -- One column per scoring input, named by scoring::Input::key; NULL is
        -- unset. Scales are checked in Rust on every write path, not here, so
        -- a scale can change without a migration.
        reach            REAL,
        impact           REAL,
        confidence       REAL,
        effort           REAL,
        ice_impact       REAL,
        ice_confidence   REAL,
        ease             REAL,
        value            REAL,
        time_criticality REAL,
        risk_reduction   REAL,
        job_size         REAL,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
    );
    CREATE INDEX bets_hypothesis ON bets (hypothesis_id);
    CREATE INDEX bets_status ON bets (status);
    CREATE TABLE bet_evidence (
        bet_id  INTEGER NOT NULL REFERENCES bets(id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES items(id),
        PRIMARY KEY (bet_id, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX bet_evidence_item ON bet_evidence (item_id);
    -- Journal rows of any table; rows written before this step were items.
    ALTER TABLE undo_rows RENAME COLUMN item_id TO row_id;
    ALTER TABLE undo_rows ADD COLUMN tbl TEXT NOT NULL DEFAULT 'items';
    "#,
    ),
    // 5: customers become rows that items reference; items gain the severity
    // another tool suggested.
    Step::Code(super::customers_step::customers_step),
    // 6: the decision log grows corrections (supersedes), a revisit date and
    // evidence links; weekly reviews are recorded. New columns are added to
    // the append-only table (ALTER is not an UPDATE, the triggers stay).
    Step::Sql(
        r#"
    ALTER TABLE decisions ADD COLUMN supersedes INTEGER REFERENCES decisions(id);
    ALTER TABLE decisions ADD COLUMN revisit_by INTEGER;
    CREATE INDEX decisions_at ON decisions (at);
    CREATE INDEX decisions_revisit ON decisions (revisit_by) WHERE revisit_by IS NOT NULL;
    -- Evidence of a decision: any subject kind by id. Written with the
    -- decision, never changed afterwards, like the decision itself.
    CREATE TABLE decision_evidence (
        decision_id INTEGER NOT NULL REFERENCES decisions(id),
        kind        TEXT NOT NULL CHECK (kind IN ('item','theme','hypothesis','bet')),
        ref_id      INTEGER NOT NULL,
        PRIMARY KEY (decision_id, kind, ref_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER decision_evidence_no_update BEFORE UPDATE ON decision_evidence
        BEGIN SELECT RAISE(ABORT, 'decision evidence is append-only'); END;
    CREATE TRIGGER decision_evidence_no_delete BEFORE DELETE ON decision_evidence
        BEGIN SELECT RAISE(ABORT, 'decision evidence is append-only'); END;
    CREATE TABLE reviews (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        since   INTEGER NOT NULL,
        by      TEXT NOT NULL,
        summary TEXT NOT NULL,
        path    TEXT
    );
    "#,
    ),
    // 7: saved views (`:save NAME`): a screen and a filter line, by name.
    Step::Sql(
        r#"
    CREATE TABLE saved_views (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
        view     TEXT NOT NULL,
        filter   TEXT NOT NULL,
        saved_at INTEGER NOT NULL
    );
    "#,
    ),
    // 8: the SLA pass reads open items' clock inputs from this covering
    // partial index instead of their rows (177 ms → a few ms at 100k), and
    // counts per status are kept by triggers instead of counted.
    Step::Sql(
        r#"
    CREATE INDEX items_open_clock ON items
        (severity, triaged_at, created_at, waiting_since, paused_secs, status, resolved_at, snoozed_until)
        WHERE status IN ('new','triaged','accepted','in_progress','waiting');
    -- Items per status, kept by triggers, so the header's counts and the
    -- lists' lengths cost one row each instead of a scan (37 ms at 100k).
    CREATE TABLE item_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO item_counts (status, n) SELECT status, count(*) FROM items GROUP BY status;
    CREATE TRIGGER item_counts_insert AFTER INSERT ON items BEGIN
        INSERT INTO item_counts (status, n) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER item_counts_delete AFTER DELETE ON items BEGIN
        UPDATE item_counts SET n = n - 1 WHERE status = OLD.status;
    END;
    CREATE TRIGGER item_counts_status AFTER UPDATE OF status ON items
        WHEN OLD.status IS NOT NEW.status BEGIN
        UPDATE item_counts SET n = n - 1 WHERE status = OLD.status;
        INSERT INTO item_counts (status, n) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END;
    "#,
    ),
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

/// Applies steps up to `target`. Public so tests and tools can build a
/// database of an older version and check that migrating it keeps its data.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read inside the write lock: two processes opening a fresh file at
        // once must not both run the same step.
        let current = user_version(&tx)?;
        if current >= target {
            return Ok(());
        }
        let Some(step) = usize::try_from(current).ok().and_then(|i| STEPS.get(i)) else {
            return Ok(());
        };
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(f) => f(&tx)?,
        }
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ItemId;
    use crate::store::Store;
    use crate::store::image::{Table, image};

    /// A journal written before bets existed (no `tbl`, `item_id` column)
    /// still undoes once the database is migrated.
    #[test]
    fn an_old_item_journal_still_undoes_after_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, 2).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO items (id, intake_key, title, status, source, created_at, updated_at) \
             VALUES (7, 'k', 'Old', 'new', 'test', 0, 0)",
            [],
        )
        .unwrap();
        tx.execute("INSERT INTO item_tags (item_id, tag) VALUES (7, 'legacy')", [])
            .unwrap();
        let after = image(&tx, Table::Items, 7).unwrap().unwrap().to_string();
        assert!(after.contains("\"__tags\":[\"legacy\"]"), "{after}");
        tx.execute(
            "INSERT INTO undo_groups (id, label, at, state) VALUES (1, 'add', 0, 'done')",
            [],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO undo_rows (group_id, item_id, before, after) VALUES (1, 7, NULL, ?1)",
            [after],
        )
        .unwrap();
        tx.commit().unwrap();
        drop(conn);

        let mut store = Store::open(&path).unwrap();
        let outcome = store.undo("t", chrono::Utc::now()).unwrap().unwrap();
        assert_eq!(outcome.items, vec![ItemId(7)]);
        assert!(store.get_item(ItemId(7)).is_err());
        store.redo("t", chrono::Utc::now()).unwrap().unwrap();
        assert_eq!(store.get_item(ItemId(7)).unwrap().tags, vec!["legacy"]);
    }
}
