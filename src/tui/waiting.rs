//! Showing a long wait for another session's write lock while it lasts.
//!
//! While SQLite waits for the lock, the event loop is blocked inside the
//! store call and cannot draw. The store's busy handler calls the hook set
//! here after 300 ms, and the hook writes the notice straight onto the status
//! row. Once the action is done, the whole screen is repainted, so the notice
//! never outlives the wait.

use std::io::Write;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::{MoveTo, RestorePosition, SavePosition};
use ratatui::crossterm::style::{Attribute, Print, SetAttribute};
use ratatui::crossterm::terminal::{self, Clear, ClearType};
use ratatui::crossterm::{execute, queue};

use super::app::App;

/// What the status row says during a long wait.
pub const NOTICE: &str = " waiting for the other session (it is saving a change)…";

/// Starts announcing long waits on the terminal.
pub(super) fn install(app: &App) {
    app.store.on_long_wait(Some(Box::new(write_notice)));
}

/// Stops announcing (the terminal is about to be given back).
pub(super) fn uninstall(app: &App) {
    app.store.on_long_wait(None);
}

fn write_notice() {
    let Ok((_, rows)) = terminal::size() else { return };
    let mut out = std::io::stdout();
    // Best effort: a notice that cannot be written must not fail the write
    // the person is waiting for.
    let _ = queue!(
        out,
        SavePosition,
        MoveTo(0, rows.saturating_sub(2)),
        Clear(ClearType::CurrentLine),
        SetAttribute(Attribute::Reverse),
        Print(NOTICE),
        SetAttribute(Attribute::Reset),
        RestorePosition
    );
    let _ = out.flush();
}

/// After each event: when the action waited long enough to show the notice,
/// clear the screen and forget the last frame so the next draw repaints
/// everything (ratatui only redraws cells it believes changed).
pub(super) fn repaint_after_wait(terminal: &mut DefaultTerminal, app: &App) -> std::io::Result<()> {
    if app.store.take_long_wait() {
        execute!(std::io::stdout(), Clear(ClearType::All))?;
        terminal.swap_buffers();
    }
    Ok(())
}
