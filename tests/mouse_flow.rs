//! The mouse on the real layout: a click on a table row, a board card or a
//! view tab selects it; the wheel moves the selection.

use chrono::{DateTime, Utc};
use loopboard::clock::Clock;
use loopboard::store::Store;
use loopboard::tui::app::{App, View};
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .expect("valid")
        .with_timezone(&Utc)
}

struct Fixture {
    app: App,
    terminal: Terminal<TestBackend>,
    _dir: tempfile::TempDir,
}

const AREA: Rect = Rect::new(0, 0, 120, 30);

impl Fixture {
    fn demo() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("t.db")).expect("open");
        loopboard::demo::load(&mut store, now()).expect("demo");
        let app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
        let terminal = Terminal::new(TestBackend::new(AREA.width, AREA.height)).expect("terminal");
        let mut f = Fixture {
            app,
            terminal,
            _dir: dir,
        };
        f.draw();
        f
    }

    fn draw(&mut self) {
        loopboard::tui::draw(&mut self.terminal, &mut self.app).expect("draw");
    }

    fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        let event = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        self.app.handle_mouse(event, AREA);
        self.draw();
    }

    fn click(&mut self, column: u16, row: u16) {
        self.mouse(MouseEventKind::Down(MouseButton::Left), column, row);
    }

    fn row_text(&self, y: u16) -> String {
        let b = self.terminal.backend().buffer();
        (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()
    }

    /// The first screen row containing `text`, and the column where it starts.
    fn find(&self, text: &str) -> (u16, u16) {
        (0..AREA.height)
            .find_map(|y| {
                let row = self.row_text(y);
                row.find(text).map(|byte| (row[..byte].chars().count() as u16, y))
            })
            .unwrap_or_else(|| panic!("{text:?} is not on screen"))
    }
}

#[test]
fn clicking_a_row_selects_that_item_and_the_wheel_moves_on() {
    let mut f = Fixture::demo();
    let before = f.app.selected();
    // The fifth data row of the table: border, heading, then rows.
    let y = 1 + 2 + 4;
    let cells: String = f.row_text(y).chars().skip(1).take(8).collect();
    let id: i64 = cells
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .expect("an id");
    f.click(5, y);
    assert_eq!(f.app.selected().map(|i| i.0), Some(id));
    assert_ne!(f.app.selected(), before);
    let at = f.app.inbox.selected();
    f.mouse(MouseEventKind::ScrollDown, 5, y);
    assert_eq!(f.app.inbox.selected(), at + 1);
    f.mouse(MouseEventKind::ScrollUp, 5, y);
    assert_eq!(f.app.inbox.selected(), at);
}

#[test]
fn clicking_a_tab_switches_views_and_a_card_selects_it() {
    let mut f = Fixture::demo();
    let (x, _) = f.find("Board");
    f.click(x + 1, 0);
    assert_eq!(f.app.view, View::Board);
    // The second card of the third column (In progress).
    let column = 2;
    let col_x = AREA.width / 5 * column + 3;
    let second = f.app.board.columns[column as usize].visible()[1].id;
    f.click(col_x, 1 + 1 + 3);
    assert_eq!(f.app.board.focus, column as usize);
    assert_eq!(f.app.selected(), Some(second));
    let (x, _) = f.find("At risk");
    f.click(x + 1, 0);
    assert_eq!(f.app.view, View::AtRisk);
}
