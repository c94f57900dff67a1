//! The harness of the hostile-text tests: a board whose every text field can
//! be set to any string, and a backend that checks every frame on the way to
//! the terminal.
//!
//! The backend wraps ratatui's real `CrosstermBackend` writing into memory,
//! so the check covers the actual bytes a terminal would receive: the only
//! escape sequences allowed are the ones ratatui itself emits (cursor moves,
//! colours, cursor show/hide); no OSC, DCS, APC, PM, SOS, C1 control, BEL,
//! backspace, bidi control or zero-width character may get through. It also
//! checks that every cell drawn lies inside the frame, wide characters
//! included, and that no cell holds a symbol that takes no column (which
//! would shift the rest of its row on a real terminal).
//!
//! Text is put into the database two ways: through the store's verbs (the
//! intake path, which sanitizes), and raw with SQL behind the store's back,
//! so rendering is tested against text that was never sanitized (a file
//! written by an older version, or edited by hand).

pub mod backend;
pub mod screens;

use std::path::Path;

use chrono::Duration;
use loopboard::clock::Clock;
use loopboard::domain::{ItemId, NewItem, Severity};
use loopboard::store::Store;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::Connection;
use tempfile::TempDir;

use crate::common::now;
use backend::CheckedBackend;

/// A board over two items (one new and overdue, one triaged S1) whose text
/// fields, tags, owner and decisions hold the string under test.
pub struct Board {
    pub app: App,
    pub terminal: Terminal<CheckedBackend>,
    /// Renders the same state again to inspect the whole frame (ratatui's
    /// terminal only sends what changed).
    pub frame: Terminal<TestBackend>,
    raw: Connection,
    _dir: TempDir,
}

impl Board {
    /// Two items whose fields hold `text` through the intake path (so they
    /// are sanitized as any real input is), with decisions holding it too.
    pub fn through_intake(text: &str, width: u16, height: u16) -> Board {
        Board::build(width, height, |store| {
            for (i, hours) in [(1, 48), (2, 200)] {
                let new = NewItem {
                    title: format!("{text} {i}"),
                    body: format!("{text}\nline two {text}"),
                    customer: Some(text.into()),
                    segment: Some(text.into()),
                    category: Some(text.into()),
                    tags: vec![text.into(), "plain".into()],
                    source: text.into(),
                    external_id: Some(format!("{i}")),
                    created_at: Some(now() - Duration::hours(hours)),
                    ..NewItem::default()
                };
                let id = store.add_item(&new, now()).expect("add").id;
                let _ = store.set_owner(&[id], Some(text), now());
                // Refused for text that sanitizes to nothing: also fine.
                let _ = store.escalate(&[id], text, text, now());
            }
            store.set_severity(&[ItemId(2)], Severity::S1, now()).expect("triage");
        })
    }

    /// Two plain items, ready for [`Board::put_raw`].
    pub fn plain(width: u16, height: u16) -> Board {
        let board = Board::through_intake("plain text", width, height);
        // The append-only triggers protect real data; this fixture rewrites
        // its two decisions in place so every case costs the same.
        board
            .raw
            .execute_batch("DROP TRIGGER decisions_no_update; PRAGMA synchronous = OFF;")
            .expect("fixture setup");
        board
    }

    fn build(width: u16, height: u16, fill: impl FnOnce(&mut Store)) -> Board {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("hostile.db");
        let mut store = Store::open(&path).expect("open");
        fill(&mut store);
        let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::dark()).expect("app");
        app.zone = loopboard::timefmt::Zone::UTC;
        let terminal = Terminal::new(CheckedBackend::new(width, height)).expect("terminal");
        let frame = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        Board {
            app,
            terminal,
            frame,
            raw: open_raw(&path),
            _dir: dir,
        }
    }

    /// Makes both terminals this size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.frame.backend_mut().resize(width, height);
    }

    /// Writes `text` into every text column of both items, their tags and
    /// their decisions, bypassing the store and its sanitizer, and reloads.
    /// Titles, tags and reasons get a short prefix: their CHECK constraints
    /// refuse text that SQLite measures as empty (it stops at a NUL).
    pub fn put_raw(&mut self, text: &str) {
        self.raw
            .execute_batch("BEGIN")
            .and_then(|()| {
                self.raw.execute(
                    "UPDATE items SET title = 't' || ?1, body = ?1 || char(10) || ?1, segment = ?1,
                         category = ?1, owner = ?1, source = ?1, external_id = ?1",
                    [text],
                )?;
                // Names stay unique (case-insensitively) with the id appended.
                self.raw.execute(
                    "UPDATE customers SET name = 'c' || ?1 || id, name_key = 'c' || lower(?1) || id, segment = ?1, tier = ?1",
                    [text],
                )?;
                self.raw.execute("UPDATE themes SET name = 'n' || ?1 || id", [text])?;
                self.raw.execute("UPDATE hypotheses SET statement = 'h' || ?1", [text])?;
                self.raw
                    .execute("UPDATE bets SET title = 'b' || ?1, owner = ?1, metric = ?1", [text])?;
                self.raw
                    .execute("UPDATE item_tags SET tag = item_id || ?1 WHERE tag <> 'plain'", [text])?;
                self.raw
                    .execute("UPDATE decisions SET rationale = 'r' || ?1, decided_by = ?1", [text])?;
                self.raw.execute_batch("COMMIT")
            })
            .expect("raw update");
        self.app.reload().expect("reload");
    }
}

fn open_raw(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("raw connection");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    conn
}
