//! `kill -9` at random moments never loses a committed action, never leaves
//! half an action, and never damages the file.
//!
//! Actions: a worker process (this test binary run again with
//! `LOOPBOARD_CRASH_DB` set) performs store actions as fast as it can,
//! printing `committed K` after each one returns, and is killed with SIGKILL
//! after a random delay; 50 rounds on one database. After every round: every
//! action reported as committed is there; nothing beyond the one action in
//! flight is there; every action is whole (an item with all three of its
//! tags, a batch severity on all twenty items or none); `integrity_check`
//! and `foreign_key_check` pass; and every backup in the rotation is a
//! complete, sound file (every fifth round makes the daily backup due, so
//! some kills land in the middle of one).
//!
//! Imports: the real binary imports 2,000 new items and is killed at a random
//! moment around the time a whole import takes; the item count is then the
//! old one or old + 2,000, never in between.

mod common;
mod reliability;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{item, now};
use loopboard::domain::{ItemId, NewItem, Severity};
use loopboard::store::Store;
use reliability::Rng;
use rusqlite::Connection;

const SEED_ITEMS: i64 = 20;
const TAGS: [&str; 3] = ["alpha", "beta", "gamma"];

/// Action `k` of round `round`: even ones add an item with three tags, odd
/// ones set one severity on all twenty seed items (one batch).
fn severity_of(k: usize) -> Severity {
    Severity::ALL[(k / 2) % 4]
}

#[test]
fn worker() {
    let Ok(db) = std::env::var("LOOPBOARD_CRASH_DB") else {
        return;
    };
    let round = std::env::var("LOOPBOARD_CRASH_ROUND").expect("round");
    let mut store = Store::open(Path::new(&db)).expect("open");
    let seeds: Vec<ItemId> = (1..=SEED_ITEMS).map(ItemId).collect();
    let mut out = std::io::stdout();
    for k in 0.. {
        if k % 2 == 0 {
            let new = NewItem {
                title: format!("r{round} a{k}"),
                tags: TAGS.iter().map(|t| t.to_string()).collect(),
                source: "crash".into(),
                ..NewItem::default()
            };
            store.add_item(&new, now()).expect("add");
        } else {
            store.set_severity(&seeds, severity_of(k), now()).expect("severity");
        }
        writeln!(out, "committed {k}")
            .and_then(|()| out.flush())
            .expect("report");
    }
}

fn spawn_worker(db: &Path, round: usize) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "worker", "--nocapture", "--test-threads=1"])
        .env("LOOPBOARD_CRASH_DB", db)
        .env("LOOPBOARD_CRASH_ROUND", round.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn a worker")
}

/// Kills `child` with SIGKILL after `delay` and returns the last action it
/// reported as committed, and whether it was still running when killed.
fn kill_after(mut child: Child, delay: Duration) -> (Option<usize>, bool) {
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("committed ")?.parse().ok())
            .last()
    });
    std::thread::sleep(delay);
    let running = child.try_wait().expect("try_wait").is_none();
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    (reader.join().expect("reader"), running)
}

fn assert_sound(conn: &Connection) {
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("fk check");
    assert_eq!(broken, 0, "broken references");
}

/// The checks after one round of actions (see the module docs).
fn verify_round(db: &Path, round: usize, last: Option<usize>) {
    let conn = Connection::open(db).expect("open");
    assert_sound(&conn);
    let mut stmt = conn
        .prepare(
            "SELECT title, (SELECT count(*) FROM item_tags WHERE item_id = items.id) FROM items WHERE title LIKE ?1",
        )
        .expect("prepare");
    let added: BTreeMap<usize, i64> = stmt
        .query_map([format!("r{round} a%")], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))
        .expect("query")
        .map(|row| row.expect("row"))
        .map(|(title, tags)| (title.rsplit('a').next().and_then(|k| k.parse().ok()).expect("k"), tags))
        .collect();
    let in_flight = last.map_or(0, |l| l + 1);
    for (k, tags) in &added {
        assert!(
            *k <= in_flight,
            "round {round}: action {k} exists but only {last:?} was reported"
        );
        assert_eq!(
            *tags, 3,
            "round {round}: item {k} has {tags} of its 3 tags (half an action)"
        );
    }
    for k in (0..in_flight).filter(|k| k % 2 == 0) {
        assert!(added.contains_key(&k), "round {round}: committed action {k} was lost");
    }
    let severities: Vec<Option<i64>> = conn
        .prepare("SELECT DISTINCT severity FROM items WHERE id <= ?1")
        .and_then(|mut s| s.query_map([SEED_ITEMS], |r| r.get(0))?.collect())
        .expect("severities");
    assert_eq!(
        severities.len(),
        1,
        "round {round}: a batch was half applied: {severities:?}"
    );
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM undo_groups g WHERE NOT EXISTS (SELECT 1 FROM undo_rows r WHERE r.group_id = g.id)",
            [],
            |r| r.get(0),
        )
        .expect("journal");
    assert_eq!(orphans, 0, "an undo entry without its rows");
    for b in loopboard::store::backup::list(db).expect("backups") {
        loopboard::store::restore::check_candidate(&b.path)
            .unwrap_or_else(|e| panic!("round {round}: backup {} is not sound: {e}", b.path.display()));
    }
}

/// Makes the daily backup due on the next open.
fn age_backups(db: &Path) {
    for b in loopboard::store::backup::list(db).expect("list") {
        let old = b.taken - chrono::Duration::days(2);
        let name = format!("loopboard-{}.db", old.format("%Y%m%d-%H%M%S"));
        std::fs::rename(&b.path, b.path.with_file_name(name)).expect("rename");
    }
}

#[test]
fn kill_9_during_actions_loses_no_committed_action() {
    let rounds = reliability::count("LOOPBOARD_CRASH_ROUNDS", 50);
    let mut rng = Rng::from_env(0x0C4A_5B9D);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("crash.db");
    {
        let mut store = Store::open(&db).expect("open");
        for i in 0..SEED_ITEMS {
            store.add_item(&item(&format!("seed {i}"), i), now()).expect("seed");
        }
    }
    let started = Instant::now();
    let (mut committed, mut killed_running) = (0, 0);
    for round in 0..rounds {
        if round % 5 == 4 {
            age_backups(&db);
        }
        let delay = Duration::from_millis(20 + rng.below(280));
        let (last, running) = kill_after(spawn_worker(&db, round), delay);
        committed += last.map_or(0, |l| l + 1);
        killed_running += usize::from(running);
        verify_round(&db, round, last);
    }
    eprintln!(
        "{rounds} kill -9 rounds in {:.1} s: {committed} actions reported committed, all present; \
         {killed_running} workers killed mid-run",
        started.elapsed().as_secs_f64()
    );
    assert!(
        committed > 0 && killed_running == rounds,
        "the harness really killed busy workers"
    );
}

/// An interchange file of `n` new items whose external ids start with `tag`.
fn import_file(path: &Path, tag: &str, n: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..n {
        writeln!(
            out,
            r#"{{"kind":"item","title":"imported {tag} {i}","body":"from the crash test","customer":"Acme","tags":["x","y"],"source":"crash","external_id":"{tag}-{i}"}}"#
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

fn import_child(db: &Path, file: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_loopboard"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn loopboard import")
}

fn count_items(db: &Path) -> i64 {
    let conn = Connection::open(db).expect("open");
    assert_sound(&conn);
    conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn kill_9_during_an_import_leaves_all_or_nothing() {
    const N: usize = 2_000;
    let rounds = reliability::count("LOOPBOARD_CRASH_IMPORT_ROUNDS", 20);
    let mut rng = Rng::from_env(0x1_3907);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("import.db");
    drop(Store::open(&db).expect("create"));

    // How long one whole import takes here, to aim the kills around it.
    let first = dir.path().join("first.jsonl");
    import_file(&first, "first", N);
    let started = Instant::now();
    let status = import_child(&db, &first).wait().expect("import");
    let whole = started.elapsed();
    assert!(status.success());
    let (mut old, mut none, mut all) = (count_items(&db), 0, 0);
    assert_eq!(old, N as i64);

    for round in 0..rounds {
        let file = dir.path().join(format!("round-{round}.jsonl"));
        import_file(&file, &format!("r{round}"), N);
        let delay = whole.mul_f64(0.3 + rng.below(1_000) as f64 / 1_000.0);
        let mut child = import_child(&db, &file);
        std::thread::sleep(delay);
        child.kill().expect("kill -9");
        child.wait().expect("reap");
        let now = count_items(&db);
        assert!(
            now == old || now == old + N as i64,
            "round {round}: {now} items after the kill; expected {old} or {}",
            old + N as i64
        );
        if now == old {
            none += 1
        } else {
            all += 1
        }
        old = now;
    }
    eprintln!("import of {N} items takes {whole:?}; {rounds} kills: {none} left nothing, {all} left everything");
}
