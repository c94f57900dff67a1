//! Snapshot tests of the terminal UI: the app is drawn into ratatui's
//! `TestBackend` through the same `tui::draw` the event loop uses, with a
//! fixed clock and UTC display, so every screen reads the same everywhere.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --test ui_snapshots`
//! (or `cargo insta review`), then read every changed `.snap` file.

use chrono::{DateTime, Utc};
use loopboard::clock::Clock;
use loopboard::domain::NewItem;
use loopboard::store::Store;
use loopboard::timefmt::Zone;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use tempfile::TempDir;

/// The instant every snapshot is taken at.
const NOW: &str = "2026-11-21T12:00:00Z";

/// What the status line shows instead of the database path, which lives in a
/// fresh temporary directory on every run.
const DB_PLACEHOLDER: &str = "[tempdir]/t.db";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .expect("NOW is valid RFC 3339")
        .with_timezone(&Utc)
}

/// An app over its own temporary database, with a terminal to draw it on.
struct Fixture {
    app: App,
    terminal: Terminal<TestBackend>,
    /// Kept alive for as long as the store uses the file in it.
    _dir: TempDir,
}

impl Fixture {
    /// An empty database, drawn at `width` × `height` with `theme`.
    fn empty_with(width: u16, height: u16, theme: Theme) -> Fixture {
        let dir = tempfile::tempdir().expect("create a temporary directory");
        let store = Store::open(&dir.path().join("t.db")).expect("open a fresh database");
        Fixture::over(dir, store, width, height, theme)
    }

    /// The demo data set, drawn at `width` × `height` with `theme`.
    fn demo_with(width: u16, height: u16, theme: Theme) -> Fixture {
        let dir = tempfile::tempdir().expect("create a temporary directory");
        let mut store = Store::open(&dir.path().join("t.db")).expect("open a fresh database");
        loopboard::demo::load(&mut store, now()).expect("load the demo");
        Fixture::over(dir, store, width, height, theme)
    }

    fn demo(width: u16, height: u16) -> Fixture {
        Fixture::demo_with(width, height, Theme::dark())
    }

    fn over(dir: TempDir, store: Store, width: u16, height: u16, theme: Theme) -> Fixture {
        let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), theme).expect("open the app");
        app.zone = Zone::UTC;
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal never fails");
        let mut fixture = Fixture {
            app,
            terminal,
            _dir: dir,
        };
        fixture.draw();
        fixture
    }

    fn draw(&mut self) {
        loopboard::tui::draw(&mut self.terminal, &mut self.app).expect("draw a frame");
    }

    /// Presses one key, then redraws.
    fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.draw();
    }

    fn char(&mut self, c: char) {
        self.key(KeyCode::Char(c));
    }

    /// Types `text` one character at a time, then redraws.
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self.draw();
    }

    fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// The screen as insta should record it: the drawn frame with the
    /// temporary database path on the status line replaced by a placeholder.
    fn screen(&self) -> TestBackend {
        let mut backend = self.terminal.backend().clone();
        let area = backend.buffer().area;
        let status_row = area.height.saturating_sub(2);
        let path = self.app.store().path().display().to_string();
        let row_text: String = (0..area.width)
            .map(|x| backend.buffer()[(x, status_row)].symbol().to_string())
            .collect();
        let shown = format!(" {path}");
        let visible: String = shown.chars().take(usize::from(area.width)).collect();
        if !path.is_empty() && row_text.starts_with(&visible) {
            let style = backend.buffer()[(1, status_row)].style();
            let mut line = Buffer::empty(Rect::new(0, 0, area.width, 1));
            line.set_string(0, 0, format!(" {DB_PLACEHOLDER}"), Style::default());
            line.set_style(line.area, style);
            let cells: Vec<(u16, u16, &Cell)> = (0..area.width).map(|x| (x, status_row, &line[(x, 0)])).collect();
            backend
                .draw(cells.into_iter())
                .expect("drawing into a TestBackend never fails");
        }
        backend
    }

    /// The text of row `y` of the screen.
    fn row(&self, y: u16) -> String {
        let buffer = self.buffer();
        (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect()
    }
}

#[test]
fn inbox() {
    let f = Fixture::demo(120, 30);
    insta::assert_snapshot!(f.screen());
}

#[test]
fn inbox_narrow() {
    let f = Fixture::demo(80, 24);
    insta::assert_snapshot!(f.screen());
}

#[test]
fn inbox_after_moving_down() {
    let mut f = Fixture::demo(120, 30);
    for _ in 0..3 {
        f.char('j');
    }
    let id = f
        .app
        .inbox
        .selected_row()
        .map(|row| row.id)
        .expect("the demo inbox has a fourth item");
    f.char('2');
    let message = f.app.message.clone().expect("setting a severity reports it");
    assert!(!message.error, "{message:?}");
    assert!(message.text.starts_with(&format!("{id} is S2")), "{message:?}");
    insta::assert_snapshot!(f.screen());
}

#[test]
fn empty_state() {
    let f = Fixture::empty_with(120, 30, Theme::dark());
    insta::assert_snapshot!(f.screen());
}

#[test]
fn help_overlay() {
    let mut f = Fixture::demo(120, 40);
    f.char('?');
    insta::assert_snapshot!(f.screen());
}

#[test]
fn decline_prompt() {
    let mut f = Fixture::demo(120, 30);
    f.char('x');
    f.type_text("Not a fit for self-hosted");
    insta::assert_snapshot!(f.screen());
}

#[test]
fn decline_prompt_empty_reason() {
    let mut f = Fixture::demo(120, 30);
    f.char('x');
    f.key(KeyCode::Enter);
    match &f.app.mode {
        loopboard::tui::app::Mode::Prompt(p) => assert!(p.error.is_some(), "an empty reason is refused"),
        _ => panic!("the prompt stays open without a reason"),
    }
    insta::assert_snapshot!(f.screen());
}

#[test]
fn capture_form() {
    let mut f = Fixture::demo(120, 30);
    f.char('n');
    f.type_text("Export to CSV drops the currency column");
    f.key(KeyCode::Tab);
    f.type_text("Seen by Acme finance on the monthly export.");
    f.key(KeyCode::Enter);
    f.type_text("They reconcile in three currencies, so the file is unusable.");
    insta::assert_snapshot!(f.screen());
}

#[test]
fn capture_form_missing_title() {
    let mut f = Fixture::demo(120, 30);
    f.char('n');
    f.key(KeyCode::Enter);
    match &f.app.mode {
        loopboard::tui::app::Mode::Capture(form) => {
            assert!(form.error.is_some(), "the form explains why it did not save");
        }
        _ => panic!("the form stays open when the title is missing"),
    }
    insta::assert_snapshot!(f.screen());
}

#[test]
fn no_color_theme_has_no_colours_and_keeps_selection_visible() {
    // The plain theme: no colour anywhere, selection shown by reverse video.
    let f = Fixture::demo_with(120, 30, Theme::plain());
    let buffer = f.buffer();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "cell ({x}, {y}) {:?} has a colour in the plain theme",
                cell.symbol()
            );
        }
    }
    let selected: Vec<u16> = (0..buffer.area.height)
        .filter(|&y| {
            (0..buffer.area.width)
                .any(|x| buffer[(x, y)].symbol() == ">" && buffer[(x.saturating_sub(1), y)].symbol() == "│")
        })
        .collect();
    assert_eq!(
        selected.len(),
        1,
        "exactly one table row carries the > marker: {selected:?}"
    );
    let y = selected[0];
    let row = f.row(y);
    // The row's cells between the table's borders are reversed.
    let left = row
        .chars()
        .position(|c| c == '>')
        .and_then(|p| u16::try_from(p).ok())
        .expect("the marker is on the row");
    let right = (left..buffer.area.width)
        .find(|&x| buffer[(x, y)].symbol() == "│")
        .expect("the table's right border");
    assert!(right > left + 20, "the selected row is wide: {row:?}");
    for x in left..right {
        assert!(
            buffer[(x, y)].modifier.contains(Modifier::REVERSED),
            "cell ({x}, {y}) {:?} of the selected row is not reversed: {row:?}",
            buffer[(x, y)].symbol()
        );
    }

    // The dark theme does use colour, so the check above can fail.
    let dark = Fixture::demo_with(120, 30, Theme::dark());
    let coloured = dark
        .buffer()
        .content()
        .iter()
        .any(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset);
    assert!(coloured, "the dark theme draws some colour");
}

#[test]
fn hostile_text_is_rendered_inert() {
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let mut store = Store::open(&dir.path().join("t.db")).expect("open a fresh database");
    loopboard::demo::load(&mut store, now()).expect("load the demo");
    let combining = format!("e{}", "\u{0301}".repeat(500));
    let long_word = "A".repeat(5_000);
    let new = NewItem {
        title: format!(
            "Hostile \x1b]52;c;cm0gLXJmIH4=\x07clipboard \x1b[2J cleared \u{202E}desrever\u{202C} {combining} 導入が失敗 🚀🔥"
        ),
        body: format!(
            "OSC 52: \x1b]52;c;ZWNobyBwd25lZA==\x1b\\ end\n\
             CSI: \x1b[2J\x1b[H\x1b[31mred\x1b[0m\n\
             bidi: \u{202E}txet desrever\n\
             zalgo: {combining}\n\
             long: {long_word}\n\
             CJK: 管理画面でエクスポートが失敗します。 emoji: 👩‍💻🎉"
        ),
        customer: Some("Evil \x1b[5mCorp\u{202E}".into()),
        source: "test".into(),
        ..NewItem::default()
    };
    let added = store.add_item(&new, now()).expect("add the hostile item");

    let mut f = Fixture::over(dir, store, 120, 30, Theme::dark());
    f.app
        .update(loopboard::tui::action::Action::Top)
        .expect("go to the top");
    for _ in 0..f.app.inbox.len() {
        if f.app.selected() == Some(added.id) {
            break;
        }
        f.app.update(loopboard::tui::action::Action::Down).expect("move down");
    }
    f.draw();
    let detail = f.app.detail.as_ref().expect("an item is selected");
    assert_eq!(detail.item.id, added.id, "the hostile item is selected");

    for (i, cell) in f.buffer().content().iter().enumerate() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "cell {i} holds {symbol:?}"
        );
    }
    let text = f.screen().to_string();
    for payload in ["52;c", "cm0gLXJmIH4=", "ZWNobyBwd25lZA==", "[2J", "[31m", "[5m"] {
        assert!(
            !text.contains(payload),
            "the escape sequence around {payload:?} was shown instead of removed"
        );
    }
    insta::assert_snapshot!(f.screen());
}

#[test]
fn board() {
    let mut f = Fixture::demo(120, 30);
    f.key(KeyCode::Tab);
    insta::assert_snapshot!(f.screen());
}

#[test]
fn board_batch_confirmation() {
    let mut f = Fixture::demo(120, 30);
    f.key(KeyCode::Tab);
    f.char(' ');
    f.char(' ');
    f.char('L');
    assert!(matches!(f.app.mode, loopboard::tui::app::Mode::Confirm(_)));
    insta::assert_snapshot!(f.screen());
}

#[test]
fn at_risk_queue() {
    let mut f = Fixture::demo(120, 30);
    f.key(KeyCode::Tab);
    f.key(KeyCode::Tab);
    insta::assert_snapshot!(f.screen());
}

#[test]
fn category_picker_filtering() {
    let mut f = Fixture::demo(120, 30);
    f.char('c');
    f.type_text("bil");
    insta::assert_snapshot!(f.screen());
}

fn to_bets(f: &mut Fixture) {
    for _ in 0..4 {
        if f.app.view == loopboard::tui::app::View::Bets {
            break;
        }
        f.key(KeyCode::Tab);
    }
}

#[test]
fn bets_table() {
    let mut f = Fixture::demo(140, 30);
    to_bets(&mut f);
    insta::assert_snapshot!(f.screen());
}

/// The demo with two themes (one recurring, one a one-off), drawn on the
/// themes view once the similarity index has arrived, so the suggestions
/// below the themes are the same on every run.
fn themes_fixture() -> Fixture {
    use loopboard::domain::ItemId;
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let mut store = Store::open(&dir.path().join("t.db")).expect("open a fresh database");
    loopboard::demo::load(&mut store, now()).expect("load the demo");
    let ids = |v: &[i64]| v.iter().copied().map(ItemId).collect::<Vec<_>>();
    store
        .set_theme(&ids(&[1, 6, 36, 53]), Some("Helm upgrade migrations"), now())
        .expect("a theme");
    store
        .mark_duplicate(&ids(&[33]), ItemId(1), "tester", now())
        .expect("a duplicate counts for its theme");
    store
        .set_theme(&ids(&[10]), Some("Audit log retention"), now())
        .expect("a one-off theme");
    let mut f = Fixture::over(dir, store, 120, 30, Theme::dark());
    while f.app.view != loopboard::tui::app::View::Themes {
        f.key(KeyCode::Tab);
    }
    for _ in 0..500 {
        f.app.poll_external();
        if f.app.themes.proposals.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(f.app.themes.proposals.is_some(), "the similarity index arrived");
    f.draw();
    f
}

#[test]
fn themes_view() {
    let f = themes_fixture();
    insta::assert_snapshot!(f.screen());
}

#[test]
fn bets_focus_mode() {
    let mut f = Fixture::demo(140, 36);
    to_bets(&mut f);
    f.key(KeyCode::Enter);
    insta::assert_snapshot!(f.screen());
}

#[test]
fn bets_focus_presenter_mode_hides_customer_names() {
    let mut f = Fixture::demo(140, 36);
    to_bets(&mut f);
    f.key(KeyCode::Enter);
    f.char('P');
    let screen = f.screen();
    let text = screen.to_string();
    assert!(
        !text.contains("Castellan"),
        "a customer name leaked in presenter mode:\n{text}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn theme_items_with_quotes() {
    let mut f = themes_fixture();
    f.key(KeyCode::Enter);
    assert!(matches!(f.app.mode, loopboard::tui::app::Mode::Detail));
    insta::assert_snapshot!(f.screen());
}

#[test]
fn help_scrolls_when_taller_than_the_screen() {
    let mut f = Fixture::demo(120, 24);
    f.char('?');
    let top = f.screen().to_string();
    assert!(top.contains("more (j)"), "a hint that more is below:\n{top}");
    for _ in 0..20 {
        f.char('j');
    }
    let bottom = f.screen().to_string();
    assert!(
        bottom.contains("Shift-Tab") && !bottom.contains("more (j)"),
        "scrolled to the end:\n{bottom}"
    );
    assert!(
        matches!(f.app.mode, loopboard::tui::app::Mode::Help(_)),
        "j scrolls, it does not close"
    );
    f.char('q');
    assert!(matches!(f.app.mode, loopboard::tui::app::Mode::Normal));
}

/// The demo with a correction chain (evidence cited, revisit date passed on
/// the decision still in force), on the decisions view.
fn decisions_fixture() -> Fixture {
    use loopboard::domain::{DecisionKind, DecisionLinks, EvidenceRef, NewDecision, SubjectKind};
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let mut store = Store::open(&dir.path().join("t.db")).expect("open a fresh database");
    loopboard::demo::load(&mut store, now()).expect("load the demo");
    let note = |kind, why: &str| NewDecision {
        kind,
        subject: SubjectKind::Item,
        subject_id: 4,
        rationale: why.into(),
        decided_by: "dana".into(),
    };
    let day = chrono::Duration::days(1);
    let links = DecisionLinks {
        evidence: vec![
            EvidenceRef {
                kind: SubjectKind::Item,
                id: 16,
            },
            EvidenceRef {
                kind: SubjectKind::Bet,
                id: 5,
            },
        ],
        ..DecisionLinks::default()
    };
    let first = store
        .record_decision(
            &note(DecisionKind::Snooze, "Wait for the Stripe fix"),
            &links,
            now() - day * 3,
        )
        .expect("first");
    let again = DecisionLinks {
        supersedes: Some(first),
        revisit_by: Some(now() - day),
        ..DecisionLinks::default()
    };
    store
        .record_decision(
            &note(DecisionKind::Escalate, "Second customer hit it"),
            &again,
            now() - day * 2,
        )
        .expect("second");
    let mut f = Fixture::over(dir, store, 120, 30, Theme::dark());
    while f.app.view != loopboard::tui::app::View::Decisions {
        f.key(KeyCode::Tab);
    }
    f
}

#[test]
fn decisions_view_with_due_for_revisit() {
    let mut f = decisions_fixture();
    f.char('G');
    insta::assert_snapshot!(f.screen());
}

#[test]
fn decision_evidence_chain() {
    let mut f = decisions_fixture();
    f.char('G');
    f.char('k');
    f.key(KeyCode::Enter);
    insta::assert_snapshot!(f.screen());
}

#[test]
fn dashboard() {
    let mut f = Fixture::demo(120, 30);
    while f.app.view != loopboard::tui::app::View::Dashboard {
        f.key(KeyCode::Tab);
    }
    insta::assert_snapshot!(f.screen());
}

/// The guided review's progress leads the header: step, title, position.
#[test]
fn review_header() {
    let mut f = Fixture::demo(140, 30);
    f.char('R');
    f.char(']');
    assert!(
        f.row(0).contains("Review 1/5 · New since the last review · 2 of"),
        "{}",
        f.row(0)
    );
    insta::assert_snapshot!(f.screen());
}
