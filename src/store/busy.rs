//! Waiting for another process's write lock, visibly.
//!
//! SQLite calls a busy handler while another connection (a second session on
//! the same file) holds the lock we need. Ours keeps the 5 s budget of a plain
//! busy timeout, but differs in two ways that matter to a person:
//!
//! - After [`NOTICE_AFTER`] of waiting it calls the notice hook once (the TUI
//!   writes "waiting for the other session" on the status line; the CLI says
//!   it on stderr) and remembers that a long wait happened, so the board never
//!   freezes silently.
//! - It polls often (every 1–4 ms) instead of SQLite's backing off to 100 ms
//!   sleeps. Under sustained contention the lock is free only for the moment
//!   between the other process's transactions; a waiter that sleeps 100 ms at
//!   a time can miss that moment for the whole budget and fail, one that looks
//!   every millisecond catches it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rusqlite::Connection;

/// How long a writer waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(5_000);
/// A wait longer than this is shown to the person waiting.
pub const NOTICE_AFTER: Duration = Duration::from_millis(300);

/// Called once per long wait, on the thread that is waiting.
pub type NoticeHook = Box<dyn Fn() + Send>;

/// What the busy handler shares with the store that owns the connection.
#[derive(Default)]
pub(crate) struct WaitState {
    /// A wait reached `NOTICE_AFTER` since the last `take_long_wait`.
    long_wait: AtomicBool,
    notice: Mutex<Option<NoticeHook>>,
}

impl WaitState {
    pub(crate) fn set_notice(&self, hook: Option<NoticeHook>) {
        *self.notice.lock().unwrap_or_else(PoisonError::into_inner) = hook;
    }

    pub(crate) fn take_long_wait(&self) -> bool {
        self.long_wait.swap(false, Ordering::Relaxed)
    }

    fn noticed(&self) {
        self.long_wait.store(true, Ordering::Relaxed);
        if let Some(hook) = self.notice.lock().unwrap_or_else(PoisonError::into_inner).as_ref() {
            hook();
        }
    }
}

/// Installs the busy handler on `conn`. It replaces SQLite's busy timeout
/// (a connection has one or the other).
pub(crate) fn install(conn: &mut Connection, state: Arc<WaitState>) -> rusqlite::Result<()> {
    let mut started = Instant::now();
    let mut noticed = false;
    conn.busy_handler(Some(move |count: i32| {
        // `count` restarts at 0 for every new locking event.
        if count == 0 {
            started = Instant::now();
            noticed = false;
        }
        let waited = started.elapsed();
        if waited >= BUSY_TIMEOUT {
            return false;
        }
        if waited >= NOTICE_AFTER && !noticed {
            noticed = true;
            state.noticed();
        }
        std::thread::sleep(poll_interval(waited));
        true
    }))
}

/// Short sleeps at first (most waits end within a transaction or two), a
/// little longer once the wait is visibly long; never long enough to miss the
/// gap between the other process's transactions for the whole budget.
fn poll_interval(waited: Duration) -> Duration {
    if waited < Duration::from_millis(100) {
        Duration::from_millis(1)
    } else {
        Duration::from_millis(4)
    }
}

impl super::Store {
    /// Sets what happens when a write has waited [`NOTICE_AFTER`] for another
    /// session's lock (called on the waiting thread, during the wait).
    pub fn on_long_wait(&self, hook: Option<NoticeHook>) {
        self.wait.set_notice(hook);
    }

    /// Whether a wait reached [`NOTICE_AFTER`] since the last call; the TUI
    /// repaints over its notice and says the wait is over.
    pub fn take_long_wait(&self) -> bool {
        self.wait.take_long_wait()
    }
}
