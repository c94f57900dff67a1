//! A small harness for driving the real binary in a pseudo-terminal.
//!
//! The child runs on the slave side of a pty; a background thread reads the
//! master side continuously (so the child can never block on a full pty
//! buffer), keeps every raw byte and feeds a `vt100::Parser` that models the
//! screen. Tests synchronise only by waiting for text to appear on that screen
//! (or for the child to exit), always with a deadline; on time-out they panic
//! with the whole screen, so a failure says what the program was showing. A
//! `Pty` that is dropped with its child still running kills the child, so a
//! failing test never hangs.

#![allow(dead_code)] // Not every test binary uses every helper.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// What the reader thread shares with the test.
struct Output {
    parser: vt100::Parser,
    /// Every byte the program wrote, in order.
    raw: Vec<u8>,
    /// The reader saw end of output (EOF, or EIO once the slave is closed).
    eof: bool,
}

struct Shared {
    output: Mutex<Output>,
    /// Notified after every chunk of output and at end of output.
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Output> {
        // A panic while holding the lock only happens in this module's own
        // code; the data is still usable for a screen dump.
        self.output.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A program running in a pseudo-terminal.
pub struct Pty {
    shared: Arc<Shared>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Kept so the pty stays open (and sized) for the child's whole life.
    _master: Box<dyn MasterPty + Send>,
    status: Option<ExitStatus>,
    rows: u16,
    cols: u16,
}

impl Pty {
    /// Starts `program args…` in a `cols`×`rows` pty. The environment is
    /// cleared except for `PATH`, then `envs` is applied (set `TERM` there).
    pub fn spawn<I, S>(program: &str, args: I, envs: &[(&str, &str)], cols: u16, rows: u16) -> Pty
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        for (key, value) in envs {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn the program");
        // Our copy of the slave must go, or the reader would never see the end
        // of output when the child exits.
        drop(pair.slave);

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                parser: vt100::Parser::new(
                    NonZeroU16::new(rows).expect("rows > 0"),
                    NonZeroU16::new(cols).expect("cols > 0"),
                    0,
                ),
                raw: Vec::new(),
                eof: false,
            }),
            changed: Condvar::new(),
        });
        let feed = Arc::clone(&shared);
        thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        // portable-pty maps EIO (slave closed) to Ok(0).
                        Ok(0) => break,
                        Ok(n) => {
                            let mut out = feed.lock();
                            out.raw.extend_from_slice(&buf[..n]);
                            out.parser.process(&buf[..n]);
                            drop(out);
                            feed.changed.notify_all();
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                feed.lock().eof = true;
                feed.changed.notify_all();
            })
            .expect("start the pty reader thread");

        Pty {
            shared,
            writer,
            child,
            _master: pair.master,
            status: None,
            rows,
            cols,
        }
    }

    /// The screen as plain text, one line per row.
    pub fn screen(&self) -> String {
        let out = self.shared.lock();
        out.parser.screen().rows(0, self.cols).collect::<Vec<_>>().join("\n")
    }

    /// The screen's rows as plain text.
    pub fn rows(&self) -> Vec<String> {
        let out = self.shared.lock();
        out.parser.screen().rows(0, self.cols).collect()
    }

    /// Every byte the program has written so far.
    /// The child's process id, to send it signals.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    /// Waits until the screen contains `text`; panics with the screen after
    /// `timeout`.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} on screen"), timeout, |screen| {
            screen.contains(text).then_some(())
        });
    }

    /// Waits until `check` returns `Some` for the screen text (rows joined by
    /// newlines) and returns that value; panics with `what` and the screen
    /// after `timeout`. Fails early if the program exits meanwhile.
    pub fn wait_until<T>(&mut self, what: &str, timeout: Duration, mut check: impl FnMut(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            let screen = out.parser.screen().rows(0, self.cols).collect::<Vec<_>>().join("\n");
            if let Some(found) = check(&screen) {
                return found;
            }
            let now = Instant::now();
            if out.eof || now >= deadline {
                let reason = if out.eof {
                    "the program's output ended"
                } else {
                    "timed out"
                };
                drop(out);
                self.fail(&format!(
                    "{reason} after {:?} waiting for {what}",
                    timeout.saturating_sub(deadline.saturating_duration_since(now))
                ));
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Sends bytes as if typed (keys: `"\r"` Enter, `"\t"` Tab, `"\x1b"` Esc,
    /// `"\x03"` Ctrl-C, `"\x13"` Ctrl-S).
    pub fn send(&mut self, keys: impl AsRef<[u8]>) {
        self.writer
            .write_all(keys.as_ref())
            .and_then(|()| self.writer.flush())
            .expect("write to the pty");
    }

    /// Waits for the program to exit and for all its output to be read;
    /// kills it and panics with the screen after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = &self.status {
                break status.clone();
            }
            match self.child.try_wait().expect("check whether the child exited") {
                Some(status) => {
                    self.status = Some(status.clone());
                    break status;
                }
                None if Instant::now() >= deadline => {
                    self.fail(&format!("the program did not exit within {timeout:?}"))
                }
                // The child's exit is not something the reader thread sees
                // as output, so poll it, briefly.
                None => thread::sleep(Duration::from_millis(10)),
            }
        };
        // The child is gone; drain what it wrote before it went.
        let mut out = self.shared.lock();
        while !out.eof {
            let now = Instant::now();
            if now >= deadline {
                drop(out);
                self.fail("the program exited but its output never ended");
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        status
    }

    /// Kills the child (if still running) and panics with `why` and the screen.
    fn fail(&mut self, why: &str) -> ! {
        let screen = self.screen();
        let ruler = "-".repeat(usize::from(self.cols));
        self.kill();
        panic!(
            "{why}\nscreen ({}x{}):\n{ruler}\n{screen}\n{ruler}",
            self.cols, self.rows
        );
    }

    fn kill(&mut self) {
        if self.status.is_some() {
            return;
        }
        if let Ok(Some(status)) = self.child.try_wait() {
            self.status = Some(status);
            return;
        }
        let _ = self.child.kill();
        if let Ok(status) = self.child.wait() {
            self.status = Some(status);
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave a child behind (a failing test must not hang or leak).
        self.kill();
    }
}
