//! Every screen of the board, reached with keys as a person would: the
//! three views, the card detail, help, the prompts (with the text typed into
//! them, and submitted where the answer is echoed back), the capture form
//! and a batch confirmation. The random-string test draws a subset, one
//! screen per view and kind of prompt, without writes: it runs 10,000 times.

use loopboard::tui::app::{App, Mode, View};
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Board;

/// At most this many characters are typed per screen: typing is per key,
/// and the stored fields already carry the whole string.
const TYPED: usize = 48;

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars().take(TYPED) {
        press(app, KeyCode::Char(c));
    }
}

/// Switches to `view` as Tab does (set directly, so views added later do
/// not shift which one this lands on).
fn show(app: &mut App, view: View) {
    app.view = view;
    press(app, KeyCode::Home);
}

/// Back to the inbox, first item, nothing open.
fn reset(app: &mut App) {
    app.mode = Mode::Normal;
    app.message = None;
    app.marks.clear();
    app.view = View::Inbox;
    press(app, KeyCode::Home);
}

type Screen = (&'static str, fn(&mut App, &str));

/// The names of the screens in [`Board::check_each_view`].
const EACH_VIEW: &[&str] = &[
    "inbox",
    "at risk",
    "board card detail",
    "help",
    "owner prompt, prefilled and typed",
    "snooze prompt, refused",
    "capture form, typed",
];

/// Each screen: its name and the keys that lead to it (from the inbox).
const SCREENS: &[Screen] = &[
    ("inbox", |_, _| {}),
    ("inbox, second item", |app, _| press(app, KeyCode::Char('j'))),
    ("at risk", |app, _| show(app, View::AtRisk)),
    ("board", |app, _| show(app, View::Board)),
    ("board card detail", |app, _| {
        show(app, View::Board);
        press(app, KeyCode::Enter);
    }),
    ("help", |app, _| press(app, KeyCode::Char('?'))),
    ("owner prompt, prefilled", |app, _| press(app, KeyCode::Char('o'))),
    ("owner prompt, prefilled and typed", |app, text| {
        press(app, KeyCode::Char('o'));
        type_text(app, text);
    }),
    ("owner prompt, typed and saved", |app, text| {
        press(app, KeyCode::Char('o'));
        type_text(app, text);
        press(app, KeyCode::Enter);
    }),
    ("decline prompt, typed", |app, text| {
        press(app, KeyCode::Char('x'));
        type_text(app, text);
    }),
    ("snooze prompt, refused", |app, text| {
        press(app, KeyCode::Char('s'));
        type_text(app, text);
        press(app, KeyCode::Enter);
    }),
    ("capture form, typed", |app, text| {
        press(app, KeyCode::Char('n'));
        type_text(app, text);
        press(app, KeyCode::Tab);
        type_text(app, text);
        press(app, KeyCode::Tab);
        type_text(app, text);
    }),
    ("batch confirmation", |app, _| {
        press(app, KeyCode::Char(' '));
        press(app, KeyCode::Char(' '));
        press(app, KeyCode::Char('2'));
    }),
];

/// What is checked besides the bytes and cells sent to the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Also render the same state a second time to inspect the whole frame
    /// (the terminal only receives what changed): every wide symbol must
    /// have blank cells to cover.
    WholeFrame,
    /// The bytes and cells sent only: half the cost.
    Sent,
}

/// Every wide symbol must have blank cells to cover, inside its row.
fn coverage_problems(buffer: &Buffer) -> Vec<String> {
    let width = usize::from(buffer.area.width);
    let mut problems = Vec::new();
    for (i, cell) in buffer.content.iter().enumerate() {
        let (x, wide) = (i % width, usize::from(cell.symbol().cell_width()));
        let covered = buffer.content[i + 1..].iter().take(wide.saturating_sub(1));
        if x + wide.max(1) > width || covered.clone().any(|c| !matches!(c.symbol(), " " | "")) {
            let hidden: String = covered.map(|c| c.symbol()).collect();
            problems.push(format!("({x},{}) {:?} covers {hidden:?}", i / width, cell.symbol()));
        }
    }
    problems
}

fn render(app: &App, frame: &mut Frame<'_>) {
    loopboard::tui::views::render(app, frame);
    loopboard::tui::guard::scrub(frame.buffer_mut());
}

impl Board {
    /// Draws the current state through `tui::draw`, the event loop's own
    /// entry point, and returns what the checks found.
    fn draw_checked(&mut self, depth: Depth) -> Vec<String> {
        loopboard::tui::draw(&mut self.terminal, &mut self.app).expect("draw");
        let mut problems = self.terminal.backend_mut().take_problems();
        if depth == Depth::WholeFrame {
            let app = &self.app;
            problems.extend(coverage_problems(
                self.frame.draw(|f| render(app, f)).expect("draw").buffer,
            ));
        }
        problems
    }

    /// Draws every screen with `text` in play and returns what was found
    /// wrong, each problem prefixed with its screen.
    pub fn check_every_screen(&mut self, text: &str) -> Vec<String> {
        self.check(text, SCREENS.iter(), Depth::WholeFrame)
    }

    /// Every view and kind of prompt, without the screens that write.
    pub fn check_each_view(&mut self, text: &str, depth: Depth) -> Vec<String> {
        let screens = SCREENS.iter().filter(|(name, _)| EACH_VIEW.contains(name));
        self.check(text, screens, depth)
    }

    fn check<'a>(&mut self, text: &str, screens: impl Iterator<Item = &'a Screen>, depth: Depth) -> Vec<String> {
        let mut found = Vec::new();
        for (name, keys) in screens {
            reset(&mut self.app);
            keys(&mut self.app, text);
            let problems = self.draw_checked(depth);
            found.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
        }
        reset(&mut self.app);
        found
    }
}
