//! Backups and restore: taken automatically (daily on open, before a
//! migration, before an import), private, self-contained and rotated; a
//! restore brings a backup back in one transaction, saves what it replaces,
//! and refuses a file that is damaged, not loopboard's, or too new.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{export, item, now};
use loopboard::store::backup::{self, KEEP};
use loopboard::store::restore::{check_candidate, latest_good, restore};
use loopboard::store::{SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;

/// A database with `n` items, closed (so its WAL is checkpointed away).
fn database(dir: &Path, n: i64) -> PathBuf {
    let path = dir.join("board.db");
    let mut store = Store::open(&path).expect("open");
    for i in 0..n {
        store.add_item(&item(&format!("item {i}"), i), now()).expect("add");
    }
    path
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn items_in(path: &Path) -> i64 {
    let conn = Connection::open(path).expect("open");
    conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .expect("count")
}

/// Renames every backup so it looks `hours` older, keeping their order (in
/// two passes, so no rename lands on a name not yet moved).
fn age_backups(db: &Path, hours: i64) {
    let backups = backup::list(db).expect("list");
    let moved: Vec<(PathBuf, chrono::DateTime<chrono::Utc>)> = backups
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let parked = b.path.with_file_name(format!("parked-{i}"));
            std::fs::rename(&b.path, &parked).expect("park");
            (parked, b.taken)
        })
        .collect();
    for (i, (parked, taken)) in moved.into_iter().enumerate() {
        let when = taken - chrono::Duration::hours(hours) - chrono::Duration::seconds(i as i64);
        let name = format!("loopboard-{}.db", when.format("%Y%m%d-%H%M%S"));
        std::fs::rename(&parked, parked.with_file_name(name)).expect("rename");
    }
}

#[test]
fn a_backup_is_taken_once_a_day_on_open_but_not_for_a_new_file() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 3);
    assert!(
        backup::list(&db).expect("list").is_empty(),
        "a brand-new file has nothing to save"
    );

    let opened = |db: &std::path::Path| {
        let store = Store::open(db).expect("reopen");
        store.daily_backup().expect("daily backup");
    };
    drop(Store::open(&db).expect("open"));
    assert!(
        backup::list(&db).expect("list").is_empty(),
        "opening alone reads nothing yet"
    );
    opened(&db);
    let backups = backup::list(&db).expect("list");
    assert_eq!(
        backups.len(),
        1,
        "the first successful use of an existing file backs it up"
    );
    opened(&db);
    assert_eq!(backup::list(&db).expect("list").len(), 1, "not twice the same day");

    age_backups(&db, 25);
    opened(&db);
    assert_eq!(backup::list(&db).expect("list").len(), 2, "a day later, another one");
}

#[test]
fn backups_are_private_self_contained_and_complete() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 5);
    let store = Store::open(&db).expect("open");
    let taken = store.backup().expect("backup");
    let rotation = backup::dir_for(&db);
    assert_eq!(mode(&rotation), 0o700, "the backup directory");
    for entry in std::fs::read_dir(&rotation).expect("read dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        assert!(
            name.starts_with("loopboard-") && name.ends_with(".db"),
            "stray file {name}"
        );
        assert_eq!(mode(&path), 0o600, "{name}");
    }
    let copy = Store::open(&taken).expect("a backup opens as a database");
    assert_eq!(export(&copy), export(&store), "the backup holds everything");
    let candidate = check_candidate(&taken).expect("the backup passes the checks");
    assert_eq!(candidate.items, 5);
}

#[test]
fn the_rotation_keeps_the_newest_ten() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 1);
    let store = Store::open(&db).expect("open");
    for _ in 0..KEEP + 2 {
        age_backups(&db, 1);
        store.backup().expect("backup");
    }
    let backups = backup::list(&db).expect("list");
    assert_eq!(backups.len(), KEEP);
    let newest = &backups[0];
    assert!(
        chrono::Utc::now() - newest.taken < chrono::Duration::minutes(5),
        "{newest:?}"
    );
    assert!(backups.windows(2).all(|w| w[0].taken > w[1].taken), "newest first");
}

#[test]
fn backups_taken_within_one_second_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 1);
    let store = Store::open(&db).expect("open");
    let paths: Vec<PathBuf> = (0..3).map(|_| store.backup().expect("backup")).collect();
    let mut unique = paths.clone();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{paths:?}");
    assert_eq!(
        backup::list(&db).expect("list")[0].path,
        paths[2],
        "the last one is the newest"
    );
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_old_version() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("board.db");
    let old_version = SCHEMA_VERSION - 1;
    loopboard::store::testing::create_at_version(&db, old_version).expect("an old database");
    Connection::open(&db)
        .and_then(|c| {
            c.execute(
                "INSERT INTO items (intake_key, title, status, source, created_at, updated_at)
                 VALUES ('k', 'from the old version', 'new', 't', 0, 0)",
                [],
            )
        })
        .expect("an item in the old schema");
    let store = Store::open(&db).expect("open migrates");
    assert_eq!(store.settings().expect("settings").schema_version, SCHEMA_VERSION);
    let backups = backup::list(&db).expect("list");
    assert_eq!(
        backups.len(),
        1,
        "one backup: before the migration (the daily one is then fresh)"
    );
    let old = Connection::open(&backups[0].path).expect("open backup");
    let version: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(
        version, old_version,
        "the backup is the database as it was before migrating"
    );
    assert_eq!(items_in(&backups[0].path), 1);
}

#[test]
fn an_import_is_preceded_by_a_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 2);
    let mut store = Store::open(&db).expect("open");
    let before = backup::list(&db).expect("list").len();
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, common_line("imported one")).expect("write");
    let args = loopboard::cli::ImportArgs {
        file: file.clone(),
        format: None,
        dry_run: false,
        maps: Vec::new(),
    };
    let mut out = Vec::new();
    loopboard::commands::import(&mut store, args, Box::new(std::io::empty()), &mut out, false, now()).expect("import");
    let backups = backup::list(&db).expect("list");
    assert_eq!(backups.len(), before + 1);
    assert_eq!(
        items_in(&backups[0].path),
        2,
        "the backup is the state before the import"
    );
}

fn common_line(title: &str) -> String {
    format!(
        "{{\"kind\":\"item\",\"id\":1,\"title\":\"{title}\",\"body\":\"\",\"customer\":null,\"segment\":null,\
         \"category\":null,\"tags\":[],\"severity\":null,\"status\":\"new\",\"owner\":null,\"source\":\"t\",\
         \"external_id\":\"x1\",\"created_at\":\"2026-11-01T00:00:00Z\",\"updated_at\":\"2026-11-01T00:00:00Z\",\
         \"triaged_at\":null,\"resolved_at\":null}}\n"
    )
}

#[test]
fn restore_brings_a_backup_back_and_saves_what_it_replaces() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 3);
    let mut store = Store::open(&db).expect("open");
    let good = store.backup().expect("backup");
    let wanted = export(&store);
    for i in 0..5 {
        store.add_item(&item(&format!("later {i}"), 0), now()).expect("add");
    }
    let watcher = Store::open(&db).expect("a second session");
    let seen = watcher.data_version().expect("version");

    let done = restore(&db, &good).expect("restore");
    assert_eq!(done.items, 3);
    assert_eq!(export(&store), wanted, "the live database is the backup again");
    assert_ne!(
        watcher.data_version().expect("version"),
        seen,
        "other sessions see a commit"
    );
    let saved = done.saved.expect("the replaced state was saved");
    assert_eq!(items_in(&saved), 8, "the state before the restore is kept");
    assert_eq!(store.settings().expect("settings").journal_mode, "wal");
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn restore_refuses_damaged_foreign_and_newer_files_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 3);
    let store = Store::open(&db).expect("open");
    let before = export(&store);
    let good = store.backup().expect("backup");

    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&good).expect("read");
    // Page 2 onwards holds the tables: scribble over a whole page of it.
    for b in &mut bytes[4096..8192] {
        *b = 0x5a;
    }
    std::fs::write(&damaged, bytes).expect("write");
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x)"))
        .expect("foreign");
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).expect("copy");
    Connection::open(&newer)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 99"))
        .expect("newer");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just some words").expect("write");

    for (file, expect) in [
        (&damaged, "integrity"),
        (&foreign, "not a loopboard database"),
        (&newer, "version 99"),
        (&text, "not a database"),
        (&db, "the database itself"),
    ] {
        let e = restore(&db, file).expect_err("refused");
        assert!(e.to_string().contains(expect), "{file:?}: {e}");
    }
    assert_eq!(export(&store), before, "nothing changed");
}

#[test]
fn a_database_too_damaged_to_open_is_replaced_and_its_bytes_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 3);
    let good = Store::open(&db).expect("open").backup().expect("backup");
    let mut bytes = std::fs::read(&db).expect("read");
    bytes[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(&db, &bytes).expect("write");
    let e = Store::open(&db).err().expect("a damaged file does not open");
    assert!(e.is_damaged(), "{e}");

    let (found, candidate) = latest_good(&db).expect("the backup is found");
    assert_eq!((found.path.clone(), candidate.items), (good.clone(), 3));
    let done = restore(&db, &good).expect("restore");
    let saved = done.saved.expect("saved");
    assert!(
        saved
            .file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with("damaged-")
    );
    assert_eq!(
        std::fs::read(&saved).expect("read"),
        bytes,
        "the damaged bytes are kept as they were"
    );
    let store = Store::open(&db).expect("the restored database opens");
    assert_eq!(store.list_items(&Default::default()).expect("items").len(), 3);
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn a_damaged_database_is_not_backed_up_over_good_backups() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path(), 200);
    let store = Store::open(&db).expect("open");
    store.daily_backup().expect("the first daily backup");
    drop(store);
    let mut bytes = std::fs::read(&db).expect("read");
    let len = bytes.len();
    for b in &mut bytes[len - 4096..] {
        *b = 0xff;
    }
    std::fs::write(&db, bytes).expect("write");
    age_backups(&db, 48);
    let before = backup::list(&db).expect("list");
    match Store::open(&db).and_then(|store| store.daily_backup()) {
        Err(e) => assert!(matches!(e, StoreError::Damaged { .. }) || e.is_damaged(), "{e}"),
        Ok(()) => panic!("a damaged database was backed up as if sound"),
    }
    assert_eq!(
        backup::list(&db).expect("list"),
        before,
        "no damaged copy entered the rotation"
    );
}
