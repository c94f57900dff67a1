//! `i` in the TUI: a path prompt (Tab completes it), then the import runs on
//! its own thread over its own connection, so the screen keeps drawing and the
//! status line shows how far the file has been read. The import is the same
//! all-or-nothing transaction as `loopboard import`; when it ends the views
//! reload and the summary (or the error, with its file:line) is shown.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use ratatui_textarea::{CursorMove, TextArea};

use super::app::{App, Mode};
use super::path_complete;
use super::prompt::{Prompt, Purpose};
use crate::import::{self, Options};
use crate::store::{ImportMode, ImportSummary, Store, StoreError};

/// What the prompt says before anything is typed.
const INTRO: &str = "a CSV, JSON(L), GitHub, Linear, Jira, Zendesk, Intercom, Canny file or a Slack export";

/// An import running in the background.
pub struct ImportJob {
    label: String,
    bytes_read: Arc<AtomicU64>,
    total: Option<u64>,
    started: Instant,
    done: Receiver<Result<ImportSummary, String>>,
}

impl ImportJob {
    /// "importing feedback.csv… 42 % (12.0 MB)" for the status line.
    pub fn progress(&self) -> String {
        let read = self.bytes_read.load(Ordering::Relaxed);
        let mb = read as f64 / 1_000_000.0;
        match self.total {
            Some(total) if total > 0 => {
                let pct = (read.min(total) * 100) / total;
                format!("importing {}… {pct} % ({mb:.1} MB)", self.label)
            }
            _ => format!("importing {}… {mb:.1} MB read", self.label),
        }
    }
}

/// The summary line of a finished import, as `loopboard import` words it.
pub fn summary_line(label: &str, s: &ImportSummary, secs: f64) -> String {
    let mut line = format!(
        "imported {} new, {} already present from {label} in {secs:.2} s",
        s.items_new, s.items_present
    );
    if s.customers_new > 0 {
        line.push_str(&format!(" ({} new customers)", s.customers_new));
    }
    line
}

/// Completes the prompt's path with Tab; several matches are listed above it.
pub fn complete(prompt: &mut Prompt, home: Option<&Path>) {
    let typed = prompt.input.lines().join("");
    let done = path_complete::complete(&typed, home);
    let mut input = TextArea::from([done.text]);
    input.move_cursor(CursorMove::End);
    prompt.input = input;
    prompt.error = None;
    prompt.subject = Some(if done.candidates.is_empty() {
        INTRO.to_string()
    } else {
        done.candidates.join("  ")
    });
}

fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

impl App {
    pub(super) fn open_import_prompt(&mut self) -> Result<(), StoreError> {
        if let Some(job) = &self.import {
            self.info(format!("{} (one import at a time)", job.progress()));
            return Ok(());
        }
        let mut prompt = Prompt::new(Purpose::Import, Vec::new());
        prompt.subject = Some(INTRO.to_string());
        self.mode = Mode::Prompt(Box::new(prompt));
        Ok(())
    }

    pub(super) fn complete_import_path(&mut self) {
        if let Mode::Prompt(prompt) = &mut self.mode {
            complete(prompt, home().as_deref());
        }
    }

    /// Opens the file here (so a missing file or an unknown format is told
    /// inside the prompt) and imports it on a thread with its own connection.
    pub(super) fn start_import(&mut self, typed: &str) -> Result<String, StoreError> {
        let path = PathBuf::from(path_complete::expand(typed.trim(), home().as_deref()));
        let opts = Options {
            format: None,
            maps: Vec::new(),
            now: self.clock.now(),
        };
        let source = import::open_path(&path, &opts).map_err(|e| StoreError::invalid("file", e.to_string()))?;
        let label = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let (bytes_read, total) = (source.bytes_read.clone(), source.total_bytes);
        let (db, now) = (self.store.path().to_path_buf(), opts.now);
        let (tx, done) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = Store::open(&db).map_err(|e| e.to_string()).and_then(|mut store| {
                store
                    .import_source(source, now, ImportMode::Commit)
                    .map_err(|e| e.to_string())
            });
            // The app may have quit meanwhile; the import is committed or not either way.
            let _ = tx.send(result);
        });
        let job = ImportJob {
            label,
            bytes_read,
            total,
            started: Instant::now(),
            done,
        };
        let text = job.progress();
        self.import = Some(job);
        Ok(text)
    }

    /// Called between keys: shows progress, and on the end reloads and reports.
    pub(super) fn poll_import(&mut self) {
        let Some(job) = &self.import else { return };
        let outcome = match job.done.try_recv() {
            Err(TryRecvError::Empty) => {
                let text = job.progress();
                self.info(text);
                return;
            }
            Ok(outcome) => outcome,
            Err(TryRecvError::Disconnected) => Err("the import stopped unexpectedly; nothing was written".into()),
        };
        let (label, secs) = (job.label.clone(), job.started.elapsed().as_secs_f64());
        self.import = None;
        match outcome {
            Ok(summary) => match self.reload() {
                Ok(()) => self.info(summary_line(&label, &summary, secs)),
                Err(e) => self.fail(e),
            },
            Err(e) => self.fail(StoreError::invalid(
                "import",
                format!("{e}; nothing was written (an import is all or nothing)"),
            )),
        }
    }

    /// Waits for a running import (tests and a clean quit).
    pub fn finish_import(&mut self) {
        while self.import.is_some() {
            self.poll_import();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
