//! The terminal UI: the inbox and its overlays. `run` owns the terminal: it
//! enters raw mode and the alternate screen, and restores both on quit, on
//! error and on panic (ratatui's `init` installs a panic hook that restores
//! first). Ctrl-C arrives as a key in raw mode and quits like `q`.

pub mod action;
pub mod app;
pub mod board;
pub mod capture;
pub mod keymap;
pub mod list_window;
pub mod prompt;
pub mod theme;
mod update;
pub mod views;

use std::time::Duration;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal};

use app::App;

/// How long to wait for input before looking around again (later: other
/// processes' commits).
const TICK: Duration = Duration::from_millis(250);
/// How often an idle board re-reads what time changes: snoozes that ended and
/// SLA states.
const REFRESH: Duration = Duration::from_secs(30);

/// Runs the TUI until the user quits. The terminal is restored whatever happens.
pub fn run(app: &mut App) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app);
    // Show the cursor explicitly rather than relying on the terminal's drop.
    let shown = terminal.show_cursor();
    ratatui::try_restore()?;
    shown?;
    result
}

/// Draws one frame: tells the app how many rows fit, then renders. The loop
/// and the snapshot tests both draw through here.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let (rows, cards) = views::page_sizes(area);
    app.set_page_size(rows, cards);
    terminal.draw(|frame| views::render(app, frame))?;
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut last_tick = std::time::Instant::now();
    while !app.quit {
        draw(terminal, app)?;
        if event::poll(TICK)? {
            // Any event (a key, a resize) leads to a redraw on the next turn.
            if let Event::Key(key) = event::read()? {
                app.handle_key(key);
            }
        } else if last_tick.elapsed() >= REFRESH {
            app.tick();
            last_tick = std::time::Instant::now();
        }
    }
    Ok(())
}
