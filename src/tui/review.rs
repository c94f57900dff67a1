//! The guided weekly review (`R`): five steps over the existing views, each
//! walking its objects one at a time with `]` / `[` while the usual keys stay
//! active. Finishing records the review and writes the period's summary
//! Markdown next to the database. Esc behaves the same in every view: it
//! first closes what the view has open (bets focus, marks, the decisions
//! filter), and with nothing open it pauses the review, recording nothing;
//! `R` resumes at the same object.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};

use super::app::{App, View};
use super::board::Board;
use crate::domain::{BetId, ItemId, ThemeClass, ThemeId};
use crate::report::{self, Period};
use crate::store::{ItemFilter, StoreError, summarize};

/// One object a review step visits, selected in its own view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Item(ItemId),
    Theme(ThemeId),
    Bet(BetId),
    Decision(i64),
}

/// A step: its title, the view it walks, and what it visits there (fixed
/// when the review starts, so acting on an object does not reshuffle it).
#[derive(Debug, Clone)]
pub struct Step {
    pub title: &'static str,
    pub view: View,
    pub targets: Vec<Target>,
}

/// A review in progress.
#[derive(Debug, Clone)]
pub struct Review {
    /// The end of the last review (a week ago when there was none).
    pub since: DateTime<Utc>,
    pub steps: Vec<Step>,
    /// The step shown, and the object within it.
    pub step: usize,
    pub index: usize,
    /// Paused with Esc: the views have their keys back until `R`.
    pub paused: bool,
}

/// Where `]` led.
enum Moved {
    To,
    PastTheEnd,
}

impl Review {
    /// "Review 2/5 · SLA at risk or breached · 3 of 12" for the header.
    pub fn progress(&self) -> String {
        let Some(step) = self.steps.get(self.step) else {
            return String::new();
        };
        let at = match step.targets.len() {
            0 => "nothing to review".to_string(),
            n => format!("{} of {n}", self.index + 1),
        };
        let last = self.step + 1 == self.steps.len() && self.index + 1 >= step.targets.len();
        let next = if last { "] finish" } else { "] next" };
        format!("{} · {next} · [ back · Esc pause", self.position(&at))
    }

    /// The progress without its keys, for narrow screens.
    pub fn progress_short(&self) -> String {
        match self.steps.get(self.step) {
            Some(step) if !step.targets.is_empty() => {
                self.position(&format!("{}/{}", self.index + 1, step.targets.len()))
            }
            Some(_) => self.position("none"),
            None => String::new(),
        }
    }

    /// Just where the review is ("Review 4/5 · 1/3"), for the narrowest header.
    pub fn progress_tiny(&self) -> String {
        let len = self.steps.get(self.step).map_or(0, |s| s.targets.len());
        let at = if len == 0 { 0 } else { self.index + 1 };
        format!("Review {}/{} · {at}/{len}", self.step + 1, self.steps.len())
    }

    fn position(&self, at: &str) -> String {
        let title = self.steps.get(self.step).map_or("", |s| s.title);
        format!("Review {}/{} · {title} · {at}", self.step + 1, self.steps.len())
    }

    fn current(&self) -> Option<Target> {
        self.steps.get(self.step)?.targets.get(self.index).copied()
    }

    fn next(&mut self) -> Moved {
        let len = self.steps.get(self.step).map_or(0, |s| s.targets.len());
        if self.index + 1 < len {
            self.index += 1;
        } else if self.step + 1 < self.steps.len() {
            self.step += 1;
            self.index = 0;
        } else {
            return Moved::PastTheEnd;
        }
        Moved::To
    }

    fn prev(&mut self) {
        if self.index > 0 {
            self.index -= 1;
        } else if self.step > 0 {
            self.step -= 1;
            self.index = self.steps[self.step].targets.len().saturating_sub(1);
        }
    }
}

/// The summary file for a review finished at `at`, beside the database.
pub fn summary_path(db: &Path, at: DateTime<Utc>) -> PathBuf {
    let name = format!("review-{}.md", at.format("%Y%m%d-%H%M%S"));
    db.parent().unwrap_or(Path::new("")).join(name)
}

impl App {
    /// `R`: starts a review from the end of the last one.
    pub(super) fn start_review(&mut self) -> Result<(), StoreError> {
        self.load_for_review()?;
        let now = self.clock.now();
        let since = match self.store.last_review()? {
            Some(r) => r.at,
            None => now - Duration::days(7),
        };
        let steps = vec![
            self.new_items_step(since)?,
            self.at_risk_step(),
            self.recurring_step(since, now)?,
            self.bets_step_list(now)?,
            self.revisit_step(),
        ];
        self.review = Some(Review {
            since,
            steps,
            step: 0,
            index: 0,
            paused: false,
        });
        self.show_review_target()
    }

    /// `]`, `[` and Esc while a review runs; `None` lets the view have the key.
    pub(super) fn review_action(&mut self, action: super::action::Action) -> Option<Result<(), StoreError>> {
        use super::action::Action;
        let inner_open = self.esc_has_something_to_close();
        let review = self.review.as_mut()?;
        if review.paused {
            // Only R resumes; every other key belongs to the views meanwhile.
            if action != Action::StartReview {
                return None;
            }
            review.paused = false;
            return Some(self.show_review_target());
        }
        Some(match action {
            Action::ReviewNext => match review.next() {
                Moved::To => self.show_review_target(),
                Moved::PastTheEnd => self.finish_review(),
            },
            Action::ReviewPrev => {
                review.prev();
                self.show_review_target()
            }
            Action::StartReview => Ok(()),
            Action::Back if inner_open => return None,
            Action::Back => {
                review.paused = true;
                let text = format!(
                    "review paused at step {}/{}; R resumes here (nothing is recorded until it is finished)",
                    review.step + 1,
                    review.steps.len()
                );
                self.info(text);
                Ok(())
            }
            _ => return None,
        })
    }

    /// Whether Esc has something of the view's own to close first.
    fn esc_has_something_to_close(&self) -> bool {
        !self.marks.is_empty()
            || (self.view == View::Bets && self.bets.focus.is_some())
            || (self.view == View::Decisions && !self.decisions.filter.is_empty())
    }

    fn new_items_step(&self, since: DateTime<Utc>) -> Result<Step, StoreError> {
        let mut items = self.store.list_items(&ItemFilter::default())?;
        items.retain(|i| i.created_at >= since);
        items.sort_by_key(|i| (i.created_at, i.id));
        Ok(Step {
            title: "New since the last review",
            view: View::Inbox,
            targets: items.into_iter().map(|i| Target::Item(i.id)).collect(),
        })
    }

    fn at_risk_step(&self) -> Step {
        Step {
            title: "SLA at risk or breached",
            view: View::AtRisk,
            targets: self.at_risk.pinned_ids().iter().map(|&id| Target::Item(id)).collect(),
        }
    }

    /// Themes recurring now that were not when the last review ended.
    fn recurring_step(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<Step, StoreError> {
        let at = self.themes.recurring_at;
        let mut targets = Vec::new();
        for stats in self.store.theme_stats(now, at)? {
            if stats.class != ThemeClass::Recurring {
                continue;
            }
            let mut before = self.store.theme_evidence(stats.theme.id)?;
            before.retain(|e| e.created_at < since);
            if summarize(stats.theme.clone(), &before, since, at).class != ThemeClass::Recurring {
                targets.push(Target::Theme(stats.theme.id));
            }
        }
        Ok(Step {
            title: "Themes that became recurring",
            view: View::Themes,
            targets,
        })
    }

    /// Open bets without an owner, metric or deadline, or past their deadline.
    /// Read from the store: the bets view's rows are only loaded while it is
    /// on screen, and a review starts from the inbox.
    fn bets_step_list(&self, now: DateTime<Utc>) -> Result<Step, StoreError> {
        let rows = crate::ranking::ranked(&self.store, self.bets.method, &self.settings.weights, &self.policy, now)?;
        let targets = rows
            .iter()
            .map(|r| &r.bet)
            .filter(|b| b.closed_at.is_none())
            .filter(|b| b.owner.is_none() || b.metric.is_none() || b.deadline.is_none() || b.is_past_deadline(now))
            .map(|b| Target::Bet(b.id))
            .collect();
        Ok(Step {
            title: "Bets missing owner/metric/deadline or overdue",
            view: View::Bets,
            targets,
        })
    }

    fn revisit_step(&self) -> Step {
        let log = &self.decisions.log;
        let targets = self
            .decisions
            .due
            .iter()
            .filter_map(|&i| log.get(i).map(|e| Target::Decision(e.decision.id)))
            .collect();
        Step {
            title: "Decisions due for revisit",
            view: View::Decisions,
            targets,
        }
    }

    /// Switches to the step's view and selects its current object there.
    fn show_review_target(&mut self) -> Result<(), StoreError> {
        let Some(review) = &self.review else { return Ok(()) };
        let Some(step) = review.steps.get(review.step) else {
            return Ok(());
        };
        self.view = step.view;
        // The bets view loads its rows only while on screen.
        self.reload_bets()?;
        let Some(review) = &self.review else { return Ok(()) };
        let found = match review.current() {
            None => true,
            Some(Target::Item(id)) => self.select_review_item(id)?,
            Some(Target::Theme(id)) => select_position(
                &mut self.themes.selected,
                self.themes.themes.iter().position(|t| t.theme.id == id),
            ),
            Some(Target::Bet(id)) => select_position(
                &mut self.bets.selected,
                self.bets.rows.iter().position(|r| r.bet.id == id),
            ),
            Some(Target::Decision(id)) => {
                let log = &self.decisions.log;
                let at = self
                    .decisions
                    .due
                    .iter()
                    .position(|&i| log.get(i).is_some_and(|e| e.decision.id == id));
                select_position(&mut self.decisions.selected, at)
            }
        };
        self.reload_themes()?;
        self.reload_dashboard()?;
        self.load_detail(true)?;
        if found {
            self.message = None;
        } else {
            self.info("this one has left the view since the review started; ] for the next".to_string());
        }
        Ok(())
    }

    /// Selects an item in its step's list; a new item already triaged out of
    /// the inbox is shown on the board instead.
    fn select_review_item(&mut self, id: ItemId) -> Result<bool, StoreError> {
        let (list, store) = self.list_mut();
        if list.select_id(store, id)? || self.view != View::Inbox {
            return list_found(self, id);
        }
        let status = self.store.get_item(id)?.status;
        let Some(column) = Board::column_of(status) else {
            return Ok(false);
        };
        self.view = View::Board;
        self.board.focus = column;
        self.board.focused_mut().select_id(&self.store, id)
    }

    /// Records the review and writes its summary; the path goes on the status line.
    fn finish_review(&mut self) -> Result<(), StoreError> {
        let Some(review) = self.review.take() else {
            return Ok(());
        };
        let now = self.clock.now();
        let period = Period {
            since: review.since,
            until: now,
        };
        let input = report::load(&self.store, &self.policy, now)?;
        let text = report::render(&report::compute(&input, period));
        let path = summary_path(self.store.path(), now);
        // The file first: a recorded review must never point at a missing file.
        write_private(&path, &text)?;
        let shown = path.display().to_string();
        self.store
            .record_review(now, review.since, &self.user, &text, Some(&shown))?;
        self.reload()?;
        self.info(format!("review recorded; summary written to {shown}"));
        Ok(())
    }
}

fn list_found(app: &App, id: ItemId) -> Result<bool, StoreError> {
    Ok(app.selected() == Some(id))
}

fn select_position(cursor: &mut usize, at: Option<usize>) -> bool {
    match at {
        Some(i) => {
            *cursor = i;
            true
        }
        None => false,
    }
}

fn write_private(path: &Path, text: &str) -> Result<(), StoreError> {
    use std::io::Write;
    let io = |source: std::io::Error| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = crate::paths::create_private_file(path).map_err(|e| io(std::io::Error::other(format!("{e:#}"))))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io)
}
