//! The terminal UI: the inbox, the board, the at-risk queue and their
//! overlays. `run` owns the terminal: it enters raw mode and the alternate
//! screen, and restores both on quit, on error, on panic (ratatui's `init`
//! installs a panic hook that restores first), on SIGTERM, SIGHUP and SIGINT
//! (then the process exits 128 + the signal), and around a Ctrl-z suspend.
//! Ctrl-C arrives as a key in raw mode and quits like `q`.

pub mod action;
mod action_names;
pub mod app;
pub mod bet_form;
pub mod bets;
pub mod board;
pub mod capture;
mod configure;
pub mod decision_form;
pub mod decisions;
mod detail;
pub mod external;
pub mod filter;
pub mod guard;
pub mod import_job;
mod jump;
pub mod keymap;
mod labels;
pub mod list_window;
mod mouse;
mod overlays;
pub mod palette;
pub mod path_complete;
pub mod patterns;
pub mod picker;
pub mod prompt;
pub mod recovery;
mod refresh;
pub mod review;
pub mod saved_views;
pub mod search;
pub mod theme;
pub mod themes;
mod update;
pub mod view;
pub mod views;
mod waiting;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::{execute, terminal};
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal};

use app::App;

/// How long to wait for input before looking around again (later: other
/// processes' commits).
const TICK: Duration = Duration::from_millis(250);
/// How often an idle board re-reads what time changes: snoozes that ended and
/// SLA states.
const REFRESH: Duration = Duration::from_secs(30);

/// How the TUI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT) asked us to stop; the process
    /// should exit with 128 + this number.
    Signal(i32),
}

/// Runs the TUI until the user quits or a signal arrives. The terminal is
/// restored whatever happens: on quit, on error, on a signal, and on panic
/// (ratatui's `init` installs a hook that restores before the panic prints).
pub fn run(app: &mut App) -> anyhow::Result<Exit> {
    let stop = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)?;
    }
    // The loop sees `stop` within a tick, unless it is stuck: when the
    // terminal goes away (a dropped ssh session), crossterm's reader can spin
    // on end-of-file and never return. Then this thread
    // ends the process, so it never burns a core forever.
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // The loop normally restores and exits well within this; if it
            // has not, it is stuck, and touching the terminal could block.
            std::thread::sleep(Duration::from_secs(1));
            std::process::exit(128 + sig);
        }
    });
    // A terminal can also vanish without any signal arriving (seen with a
    // closed tmux pane): then /dev/tty no longer opens, and we leave as for
    // a hangup instead of spinning in the reader.
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            if std::fs::File::open("/dev/tty").is_err() {
                std::process::exit(128 + SIGHUP);
            }
        }
    });
    let mut terminal = ratatui::try_init()?;
    // Clicks and the wheel (tui/mouse.rs); turned off again before restoring.
    execute!(std::io::stdout(), event::EnableMouseCapture)?;
    release_mouse_on_panic();
    waiting::install(app);
    app.defer_suggestions(true);
    let result = event_loop(&mut terminal, app, &stop);
    signal_handle.close();
    waiting::uninstall(app);
    // Show the cursor explicitly rather than relying on the terminal's drop.
    let shown = terminal.show_cursor();
    let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
    ratatui::try_restore()?;
    shown?;
    result
}

/// ratatui's panic hook leaves raw mode and the alternate screen but knows
/// nothing of mouse capture; left on, the shell after a panic would fill
/// with escape codes at every mouse move. This hook turns it off first, then
/// hands over to ratatui's.
fn release_mouse_on_panic() {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
        restore(info);
    }));
}

/// Debug builds only: `LOOPBOARD_TEST_PANIC_KEY=K` makes key K panic, so the
/// end-to-end tests can check the terminal is given back after a panic. A
/// release binary has no such door.
#[cfg(debug_assertions)]
fn test_panic(key: &event::KeyEvent) {
    let wanted = std::env::var("LOOPBOARD_TEST_PANIC_KEY").ok();
    if let (Some(wanted), event::KeyCode::Char(c)) = (wanted, key.code)
        && wanted.chars().eq([c])
    {
        panic!("test panic on key {c:?} (LOOPBOARD_TEST_PANIC_KEY)");
    }
}

/// Draws one frame: tells the app how many rows fit, then renders. The loop
/// and the snapshot tests both draw through here.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let (rows, cards) = views::page_sizes(area);
    app.set_page_size(rows, cards);
    terminal.draw(|frame| {
        views::render(app, frame);
        guard::scrub(frame.buffer_mut());
    })?;
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicUsize) -> anyhow::Result<Exit> {
    let mut last_tick = std::time::Instant::now();
    while !app.quit {
        if let sig @ 1.. = stop.load(Ordering::Relaxed) {
            return Ok(Exit::Signal(i32::try_from(sig).unwrap_or(SIGTERM)));
        }
        draw(terminal, app)?;
        // The first frame is on screen: background work may take a core now.
        app.start_background();
        if event::poll(app.idle_wait(TICK))? {
            // Any event (a key, a resize) leads to a redraw on the next turn.
            let ev = event::read()?;
            if let Event::Mouse(mouse) = ev {
                let size = terminal.size()?;
                app.handle_mouse(mouse, Rect::new(0, 0, size.width, size.height));
            }
            if let Event::Key(key) = ev {
                if is_suspend(&key) {
                    suspend(terminal)?;
                } else {
                    #[cfg(debug_assertions)]
                    test_panic(&key);
                    app.handle_key(key);
                }
            }
            if let Some(request) = app.take_edit_request() {
                let result = lend_terminal(terminal, || edit::edit(&request.text))?;
                app.finish_edit(request.id, result);
            }
        } else if app.settle_detail() {
            // No key waiting: the suggestions were looked up; drawn next turn.
        } else if last_tick.elapsed() >= REFRESH {
            app.tick();
            last_tick = std::time::Instant::now();
        } else {
            app.poll_external();
        }
        waiting::repaint_after_wait(terminal, app)?;
    }
    Ok(Exit::Quit)
}

/// Ctrl-z: raw mode turns off the terminal's own job control, so we do what
/// it would: give the terminal back, stop, and take it again on `fg`.
fn is_suspend(key: &event::KeyEvent) -> bool {
    key.kind == event::KeyEventKind::Press
        && key.code == event::KeyCode::Char('z')
        && key.modifiers.contains(event::KeyModifiers::CONTROL)
}

fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    lend_terminal(terminal, || signal_hook::low_level::raise(signal_hook::consts::SIGTSTP))?
        .map_err(anyhow::Error::from)
}

/// Gives the terminal back (cooked mode, main screen) while `f` runs — an
/// editor, or a stop — and takes it again afterwards.
fn lend_terminal<T>(terminal: &mut DefaultTerminal, f: impl FnOnce() -> T) -> anyhow::Result<T> {
    execute!(std::io::stdout(), event::DisableMouseCapture)?;
    ratatui::try_restore()?;
    let value = f();
    // The existing Terminal is reused: making a new one would ask the
    // terminal for the cursor position, which not every terminal answers.
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All),
        event::EnableMouseCapture
    )?;
    // Forget the last frame (Terminal::clear would query the cursor), so the
    // next draw repaints the whole screen.
    terminal.swap_buffers();
    Ok(value)
}
