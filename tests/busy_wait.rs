//! Waiting for another session's write lock: the wait ends in success, not
//! SQLITE_BUSY; a long wait is announced while it lasts (on the board's
//! status line, in a real terminal); and the 5 s budget still ends a wait
//! that would never end.

mod common;
mod pty;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::{item, now};
use loopboard::domain::Severity;
use loopboard::store::Store;
use loopboard::store::busy::{BUSY_TIMEOUT, NOTICE_AFTER};
use rusqlite::Connection;

/// Holds the write lock of `path` from another connection for `hold`,
/// starting once `ready` is passed.
fn hold_lock(path: std::path::PathBuf, hold: Duration, ready: Arc<Barrier>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE items SET owner = 'other' WHERE id = 1;")
            .expect("take the write lock");
        ready.wait();
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").expect("commit");
    })
}

#[test]
fn a_write_waits_for_the_other_session_and_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).expect("open");
    let id = store.add_item(&item("shared", 1), now()).expect("add").id;
    let notices = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&notices);
    store.on_long_wait(Some(Box::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
    })));

    let ready = Arc::new(Barrier::new(2));
    let holder = hold_lock(path.clone(), Duration::from_millis(600), Arc::clone(&ready));
    ready.wait();
    let started = Instant::now();
    store
        .set_severity(&[id], Severity::S2, now())
        .expect("the write succeeds once the other session commits");
    let waited = started.elapsed();
    holder.join().expect("holder");

    assert!(waited >= Duration::from_millis(500), "it did wait: {waited:?}");
    assert!(waited < BUSY_TIMEOUT, "{waited:?}");
    assert_eq!(
        notices.load(Ordering::SeqCst),
        1,
        "announced once, after {NOTICE_AFTER:?}"
    );
    assert!(store.take_long_wait(), "the store remembers the long wait");
    assert!(!store.take_long_wait(), "…once");
    let after = store.get_item(id).expect("item");
    assert_eq!(after.severity, Some(Severity::S2));
    assert_eq!(
        after.owner.as_deref(),
        Some("other"),
        "the other session's write is kept too"
    );
}

#[test]
fn a_short_wait_is_not_announced() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).expect("open");
    let id = store.add_item(&item("shared", 1), now()).expect("add").id;
    let ready = Arc::new(Barrier::new(2));
    let holder = hold_lock(path.clone(), Duration::from_millis(50), Arc::clone(&ready));
    ready.wait();
    store.set_severity(&[id], Severity::S3, now()).expect("write");
    holder.join().expect("holder");
    assert!(!store.take_long_wait());
}

#[test]
fn a_lock_held_past_the_budget_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).expect("open");
    let id = store.add_item(&item("shared", 1), now()).expect("add").id;
    let ready = Arc::new(Barrier::new(2));
    let holder = hold_lock(path.clone(), BUSY_TIMEOUT + Duration::from_secs(1), Arc::clone(&ready));
    ready.wait();
    let started = Instant::now();
    let e = store.set_severity(&[id], Severity::S1, now()).expect_err("gives up");
    let waited = started.elapsed();
    holder.join().expect("holder");
    assert!(e.to_string().contains("locked"), "{e}");
    assert!(
        waited >= BUSY_TIMEOUT && waited < BUSY_TIMEOUT + Duration::from_secs(1),
        "{waited:?}"
    );
    assert_eq!(store.get_item(id).expect("item").severity, None, "nothing half-done");
}

#[test]
fn the_board_says_it_is_waiting_for_the_other_session() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).expect("open");
    loopboard::demo::load(&mut store, now()).expect("demo");
    drop(store);
    let home = dir.path().to_str().expect("utf-8");
    let mut board = pty::Pty::spawn(
        env!("CARGO_BIN_EXE_loopboard"),
        [std::ffi::OsStr::new("--db"), path.as_os_str()],
        &[("TERM", "xterm-256color"), ("HOME", home)],
        120,
        30,
    );
    let wait = Duration::from_secs(10);
    board.wait_for("│>", wait);

    let other = Connection::open(&path).expect("the other session");
    other.execute_batch("BEGIN IMMEDIATE").expect("take the write lock");
    board.send("2");
    board.wait_for("waiting for the other session", Duration::from_secs(3));
    std::thread::sleep(Duration::from_millis(300));
    other.execute_batch("COMMIT").expect("release");
    board.wait_until("the severity change, and no notice", wait, |screen| {
        (screen.contains(" is S2") && !screen.contains("waiting for the other")).then_some(())
    });
    board.send("q");
    assert!(board.wait_exit(wait).success());
}
