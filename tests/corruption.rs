//! Damaged databases never crash loopboard. 100 copies of the demo database
//! with random bytes flipped (seeded, so a failure can be replayed) are each
//! opened, shown on the board through every view with a few keys pressed,
//! or, when damage is detected, on the recovery screen, which restores the
//! latest good backup when there is one. Nothing may panic; every failure is
//! an error message.

mod common;
mod reliability;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use common::now;
use loopboard::clock::Clock;
use loopboard::store::{Store, StoreError};
use loopboard::tui::app::App;
use loopboard::tui::recovery::{Outcome, Recovery};
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reliability::Rng;

const PAGE: usize = 4096;

/// What happened to one damaged copy.
#[derive(Debug, Default)]
struct Tally {
    board: usize,
    recovery: usize,
    restored: usize,
    other_errors: usize,
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// The demo database and a good backup of it, closed.
fn template(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let path = dir.join("template.db");
    let mut store = Store::open(&path).expect("open");
    loopboard::demo::load(&mut store, now()).expect("demo");
    let backup = store.backup().expect("backup");
    drop(store);
    (
        std::fs::read(&path).expect("read"),
        std::fs::read(backup).expect("read backup"),
    )
}

/// Flips 1–16 random bytes: in the first page (header and schema) for a
/// quarter of the copies, anywhere for the rest.
fn damage(bytes: &mut [u8], rng: &mut Rng) {
    let span = if rng.below(4) == 0 { PAGE } else { bytes.len() };
    for _ in 0..=rng.below(16) {
        let at = rng.below(span as u64) as usize;
        bytes[at] ^= 1 + rng.below(255) as u8;
    }
}

/// Half the copies get a fresh good backup (so the daily backup is not due
/// and the board opens on the damaged file); the others have none.
fn place_copy(dir: &Path, k: usize, bytes: &[u8], backup: &[u8]) -> PathBuf {
    let path = dir.join(format!("copy-{k}.db"));
    std::fs::write(&path, bytes).expect("write copy");
    if k.is_multiple_of(2) {
        let rotation = loopboard::store::backup::dir_for(&path);
        std::fs::create_dir(&rotation).expect("rotation dir");
        let name = format!("loopboard-{}.db", chrono::Utc::now().format("%Y%m%d-%H%M%S"));
        std::fs::write(rotation.join(name), backup).expect("write backup");
    }
    path
}

fn draw_app(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    loopboard::tui::draw(terminal, app).expect("a TestBackend never fails to draw");
}

/// Every view, the overlays, and a few keys that read and write.
fn exercise_board(app: &mut App) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let keys = [
        KeyCode::Char('j'),
        KeyCode::Char('G'),
        KeyCode::Char('?'),
        KeyCode::Esc,
        KeyCode::Char('2'),
        KeyCode::Char('u'),
        KeyCode::Tab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('L'),
        KeyCode::Tab,
        KeyCode::Char('k'),
        KeyCode::Char('x'),
        KeyCode::Char('r'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
    ];
    draw_app(&mut terminal, app);
    for code in keys {
        app.handle_key(key(code));
        draw_app(&mut terminal, app);
        if let Some(m) = &app.message {
            assert!(!m.text.trim().is_empty(), "an error is a message");
        }
    }
    app.poll_external();
    app.tick();
    draw_app(&mut terminal, app);
}

/// The recovery screen: drawn, cancelled once, then restored when a good
/// backup exists; the restored database must then open on the board.
fn exercise_recovery(path: &Path, problem: &StoreError, tally: &mut Tally) {
    tally.recovery += 1;
    let mut screen = Recovery::new(path, problem, now());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let mut outcome = None;
    for code in [
        KeyCode::Char('r'),
        KeyCode::Char('n'),
        KeyCode::Char('r'),
        KeyCode::Char('y'),
    ] {
        loopboard::tui::recovery::draw(&mut terminal, &screen).expect("draw");
        outcome = screen.handle_key(key(code));
        if outcome.is_some() {
            break;
        }
    }
    loopboard::tui::recovery::draw(&mut terminal, &screen).expect("draw");
    let text = format!("{:?}", terminal.backend().buffer());
    assert!(text.contains("damaged"), "the screen says what is wrong");
    if outcome == Some(Outcome::Restored) {
        tally.restored += 1;
        let store = Store::open(path).expect("the restored database opens");
        let mut app = App::new(store, Clock::Fixed(now()), "t".into(), Theme::plain()).expect("app");
        assert_eq!(app.counts.total, 150, "the demo is back");
        exercise_board(&mut app);
    }
}

fn open_one(path: &Path, tally: &mut Tally) {
    let opened = Store::open(path).and_then(|store| App::new(store, Clock::Fixed(now()), "t".into(), Theme::plain()));
    match opened {
        Ok(mut app) => {
            tally.board += 1;
            exercise_board(&mut app);
        }
        Err(e) if e.is_damaged() => exercise_recovery(path, &e, tally),
        Err(e) => {
            tally.other_errors += 1;
            assert!(!e.to_string().is_empty(), "an error is a message");
        }
    }
}

#[test]
fn a_hundred_damaged_copies_never_crash_the_app() {
    let copies = reliability::count("LOOPBOARD_CORRUPT_COPIES", 100);
    let dir = tempfile::tempdir().expect("dir");
    let (bytes, backup) = template(dir.path());
    let mut rng = Rng::from_env(0x100B_0A4D);
    let mut tally = Tally::default();
    for k in 0..copies {
        let mut copy = bytes.clone();
        damage(&mut copy, &mut rng);
        let path = place_copy(dir.path(), k, &copy, &backup);
        let result = catch_unwind(AssertUnwindSafe(|| open_one(&path, &mut tally)));
        assert!(result.is_ok(), "copy {k} ({}) made loopboard panic", path.display());
    }
    eprintln!("{copies} damaged copies: {tally:?}");
    assert!(
        tally.recovery > 0 && tally.restored > 0,
        "the recovery path was exercised: {tally:?}"
    );
}

#[test]
fn the_recovery_screen_says_what_is_wrong_and_where() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut bytes, backup) = template(dir.path());
    bytes[..16].copy_from_slice(b"not a database!!");
    let path = place_copy(dir.path(), 0, &bytes, &backup);
    let e = Store::open(&path).err().expect("refused");
    assert!(e.is_damaged(), "{e}");
    let screen = Recovery::new(&path, &e, now());
    let mut terminal = Terminal::new(TestBackend::new(110, 20)).expect("terminal");
    loopboard::tui::recovery::draw(&mut terminal, &screen).expect("draw");
    let rows: Vec<String> = {
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
            .collect()
    };
    let text = rows.join("\n");
    for expected in [
        "the database is damaged",
        "not a database",
        "copy-0.db",
        "Latest good backup",
        "150 items",
        "r restore the latest good backup",
        "q quit",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
}

#[test]
fn without_a_backup_the_screen_only_offers_to_quit() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut bytes, backup) = template(dir.path());
    bytes[..16].copy_from_slice(b"not a database!!");
    let path = place_copy(dir.path(), 1, &bytes, &backup);
    let e = Store::open(&path).err().expect("refused");
    let mut screen = Recovery::new(&path, &e, now());
    assert_eq!(screen.handle_key(key(KeyCode::Char('r'))), None, "nothing to restore");
    assert_eq!(screen.handle_key(key(KeyCode::Char('y'))), None);
    assert_eq!(screen.handle_key(key(KeyCode::Char('q'))), Some(Outcome::Quit));
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "the file was not touched");
}
