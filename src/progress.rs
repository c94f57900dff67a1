//! The import progress bar on standard error: drawn only on a terminal, and
//! only once an import has run for longer than a moment, so quick imports
//! and piped output stay quiet. Redraws are throttled to a few per second.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Imports shorter than this never show a bar.
const QUIET_FOR: Duration = Duration::from_millis(400);
const REDRAW_EVERY: Duration = Duration::from_millis(150);
const WIDTH: usize = 30;

/// Wraps a record stream and draws progress as records are pulled.
pub struct Progress<I> {
    inner: I,
    records: u64,
    started: Instant,
    last_draw: Option<Instant>,
    bytes_read: Arc<AtomicU64>,
    total_bytes: Option<u64>,
    enabled: bool,
}

impl<I> Progress<I> {
    pub fn new(inner: I, bytes_read: Arc<AtomicU64>, total_bytes: Option<u64>, enabled: bool) -> Self {
        Progress {
            inner,
            records: 0,
            started: Instant::now(),
            last_draw: None,
            bytes_read,
            total_bytes,
            enabled,
        }
    }

    fn draw(&mut self, now: Instant) {
        let elapsed = now.duration_since(self.started).as_secs_f64();
        let rate = self.records as f64 / elapsed.max(0.001);
        let line = match self.total_bytes.filter(|&t| t > 0) {
            Some(total) => {
                let done = self.bytes_read.load(Ordering::Relaxed).min(total) as f64 / total as f64;
                let filled = (done * WIDTH as f64) as usize;
                format!(
                    "[{}{}] {:>3.0}%  {} records  {:.0}/s",
                    "#".repeat(filled),
                    "-".repeat(WIDTH - filled),
                    done * 100.0,
                    self.records,
                    rate
                )
            }
            None => format!("{} records  {:.0}/s", self.records, rate),
        };
        let mut err = std::io::stderr().lock();
        // Carriage return and clear-to-end keep the bar on one line.
        let _ = write!(err, "\r\u{1b}[K{line}");
        let _ = err.flush();
        self.last_draw = Some(now);
    }

    /// Removes the bar before the closing summary is printed.
    pub fn clear(&mut self) {
        if self.last_draw.take().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\u{1b}[K");
            let _ = err.flush();
        }
    }
}

impl<T, I: Iterator<Item = T>> Iterator for Progress<I> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let item = self.inner.next();
        self.records += 1;
        // Checking the clock every record would cost more than the bar.
        if self.enabled && self.records.is_multiple_of(1024) {
            let now = Instant::now();
            let due = self.last_draw.is_none_or(|t| now.duration_since(t) >= REDRAW_EVERY);
            if now.duration_since(self.started) >= QUIET_FOR && due {
                self.draw(now);
            }
        }
        item
    }
}

impl<I> Drop for Progress<I> {
    fn drop(&mut self) {
        self.clear();
    }
}
