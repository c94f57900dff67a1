//! The screen shown instead of the board when the database is damaged.
//!
//! It says what is wrong, where the database is and which backup is the
//! latest good one (and how old), and offers to restore it: `r`, then `y` to
//! confirm. The damaged file is kept as a copy by the restore, so nothing is
//! lost by trying. `q` quits without touching anything. All text on it is
//! passed through the sanitizer: a file name is data too.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};
use ratatui::{Frame, Terminal};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::sanitize::display;
use crate::store::backup::BackupFile;
use crate::store::restore::{self, Candidate};
use crate::timefmt::age;

/// How the recovery screen ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The backup was restored: open the board again.
    Restored,
    /// The user left; nothing was changed.
    Quit,
    /// A signal asked us to stop (exit 128 + this number).
    Signal(i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Offer,
    Confirm,
    Failed(String),
}

/// The recovery screen's state.
pub struct Recovery {
    db: PathBuf,
    problem: String,
    latest: Option<(BackupFile, Candidate)>,
    now: DateTime<Utc>,
    state: State,
}

impl Recovery {
    /// Looks for the latest good backup of `db`, which failed with `problem`.
    pub fn new(db: &Path, problem: &dyn std::fmt::Display, now: DateTime<Utc>) -> Recovery {
        Recovery {
            db: db.to_path_buf(),
            problem: problem.to_string(),
            latest: restore::latest_good(db),
            now,
            state: State::Offer,
        }
    }

    /// Handles one key; `Some` when the screen is done.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Outcome> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match (&self.state, key.code) {
            _ if ctrl_c => Some(Outcome::Quit),
            (State::Confirm, KeyCode::Char('y') | KeyCode::Enter) => self.restore(),
            (State::Confirm, _) => {
                self.state = State::Offer;
                None
            }
            (_, KeyCode::Char('r')) if self.latest.is_some() => {
                self.state = State::Confirm;
                None
            }
            (_, KeyCode::Char('q') | KeyCode::Esc) => Some(Outcome::Quit),
            _ => None,
        }
    }

    fn restore(&mut self) -> Option<Outcome> {
        let (backup, _) = self.latest.as_ref()?;
        match restore::restore(&self.db, &backup.path) {
            Ok(_) => Some(Outcome::Restored),
            Err(e) => {
                self.state = State::Failed(format!("the restore failed: {e}"));
                None
            }
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>) {
        let [main, keys] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(frame.area());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Style::new().fg(Color::Red))
            .padding(Padding::horizontal(1))
            .title(Span::styled(
                " loopboard · the database is damaged ",
                Style::new().add_modifier(Modifier::BOLD),
            ));
        let text = Paragraph::new(self.lines()).block(block).wrap(Wrap { trim: false });
        frame.render_widget(text, main);
        frame.render_widget(Paragraph::new(Line::raw(self.keys())), keys);
    }

    fn lines(&self) -> Vec<Line<'static>> {
        let label = |name: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{name:<20}"), Style::new().add_modifier(Modifier::DIM)),
                Span::raw(display(&value).into_owned()),
            ])
        };
        let mut lines = vec![
            Line::raw(""),
            label("What is wrong", self.problem.clone()),
            label("Database", self.db.display().to_string()),
        ];
        match &self.latest {
            Some((b, c)) => {
                lines.push(label("Latest good backup", b.path.display().to_string()));
                let when = format!("taken {} ago, {} items", age(self.now, b.taken), c.items);
                lines.push(label("", when));
            }
            None => lines.push(label(
                "Latest good backup",
                "none found (nothing to restore here)".into(),
            )),
        }
        lines.push(Line::raw(""));
        lines.push(Line::raw(match &self.state {
            State::Offer if self.latest.is_some() => {
                "Restoring puts the backup in place of the damaged file; the damaged file is kept as a copy \
                 beside the backups. Changes made after the backup are lost."
                    .to_string()
            }
            State::Offer => "Nothing was changed. From a shell, `loopboard doctor` says more, and \
                             `loopboard restore FILE` restores any copy you have."
                .to_string(),
            State::Confirm => "Restore the latest good backup now? y restores · any other key cancels".to_string(),
            State::Failed(why) => display(why).into_owned(),
        }));
        lines
    }

    fn keys(&self) -> &'static str {
        match (&self.state, self.latest.is_some()) {
            (State::Confirm, _) => " y restore · n cancel",
            (_, true) => " r restore the latest good backup · q quit",
            (_, false) => " q quit",
        }
    }
}

/// Draws one frame of the recovery screen.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, screen: &Recovery) -> Result<(), B::Error> {
    terminal
        .draw(|frame| {
            screen.render(frame);
            super::guard::scrub(frame.buffer_mut());
        })
        .map(drop)
}

/// Shows the recovery screen until the user restores, quits, or a signal
/// arrives; the terminal is restored in every case.
pub fn run(db: &Path, problem: &dyn std::fmt::Display) -> anyhow::Result<Outcome> {
    let stop = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)?;
    }
    let mut screen = Recovery::new(db, problem, Utc::now());
    let mut terminal = ratatui::try_init()?;
    let result = (|| loop {
        if let sig @ 1.. = stop.load(Ordering::Relaxed) {
            return Ok(Outcome::Signal(i32::try_from(sig).unwrap_or(SIGTERM)));
        }
        draw(&mut terminal, &screen)?;
        if event::poll(Duration::from_millis(250))?
            && let Event::Key(key) = event::read()?
            && let Some(outcome) = screen.handle_key(key)
        {
            return Ok(outcome);
        }
    })();
    ratatui::try_restore()?;
    result
}
