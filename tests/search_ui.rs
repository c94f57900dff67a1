//! The `/` search and `:` palette overlays as a person sees them: snapshots
//! on the demo data (matched characters marked), the plain NO_COLOR theme
//! without a single colour and with the selection still visible, and the
//! jump from a result to the object in its view.

use chrono::{DateTime, Utc};
use loopboard::clock::Clock;
use loopboard::store::Store;
use loopboard::timefmt::Zone;
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .expect("valid")
        .with_timezone(&Utc)
}

struct Fixture {
    app: App,
    terminal: Terminal<TestBackend>,
    _dir: TempDir,
}

impl Fixture {
    fn demo(theme: Theme) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("t.db")).expect("open");
        loopboard::demo::load(&mut store, now()).expect("demo");
        let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), theme).expect("app");
        app.zone = Zone::UTC;
        let terminal = Terminal::new(TestBackend::new(110, 30)).expect("terminal");
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

    fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.draw();
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self.draw();
    }

    fn search(&mut self, query: &str) {
        self.key(KeyCode::Char('/'));
        self.app.wait_for_search();
        self.type_text(query);
    }

    /// The screen's text, with matched characters (underlined) in [brackets]
    /// so the snapshot records the highlight, not only the letters.
    fn marked_text(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 1..buffer.area.height.saturating_sub(2) {
            for x in 0..buffer.area.width {
                let cell = &buffer[(x, y)];
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    out.push('[');
                    out.push_str(cell.symbol());
                    out.push(']');
                } else {
                    out.push_str(cell.symbol());
                }
            }
            out.push('\n');
        }
        out
    }
}

#[test]
fn search_groups_results_and_marks_the_matched_characters() {
    let mut f = Fixture::demo(Theme::dark());
    f.search("invoice");
    insta::assert_snapshot!(f.marked_text());
}

#[test]
fn search_in_no_color_has_no_colours_and_the_selection_is_reversed() {
    let mut f = Fixture::demo(Theme::plain());
    f.search("export");
    let buffer = f.terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "a colour in the plain theme: {cell:?}"
        );
    }
    let selected = (0..buffer.area.height).find(|&y| {
        (0..buffer.area.width)
            .any(|x| buffer[(x, y)].symbol() == ">" && buffer[(x, y)].modifier.contains(Modifier::REVERSED))
    });
    assert!(
        selected.is_some(),
        "the selected result is marked with > in reverse video"
    );
}

#[test]
fn enter_jumps_to_the_item_and_esc_leaves_everything_as_it_was() {
    let mut f = Fixture::demo(Theme::plain());
    f.key(KeyCode::Tab);
    assert_eq!(f.app.view, View::Board);
    f.search("invoice");
    f.key(KeyCode::Esc);
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.app.view, View::Board, "Esc returns to where you were");
    f.search("invoice");
    let Mode::Search(search) = &f.app.mode else {
        panic!("search is open")
    };
    let first = search.results.first().expect("a result").id;
    f.key(KeyCode::Enter);
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.app.selected().map(|i| i.0), Some(first), "the found item is selected");
}

#[test]
fn the_palette_lists_actions_with_keys_and_runs_one() {
    let mut f = Fixture::demo(Theme::dark());
    f.key(KeyCode::Char(':'));
    f.type_text("view bo");
    insta::assert_snapshot!(f.marked_text());
    f.key(KeyCode::Enter);
    assert_eq!(f.app.view, View::Board);
}
