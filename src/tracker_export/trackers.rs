//! Linear and Jira CSV: the accepted items and the running bets as rows their
//! CSV importers take, so the work decided in loopboard can be handed to the
//! team's tracker without retyping.
//!
//! Columns, from the sources they are read by:
//! - Linear: `Title`, `Description`, `Priority` (`Urgent`, `High`, `Medium`,
//!   `Low`, `No priority`), `Status`, `Assignee`, `Labels` (one cell, labels
//!   joined by `", "`): the `LinearIssueType` interface of Linear's own CSV
//!   importer, github.com/linear/linear-import
//!   `src/importers/linearCsv/LinearCsvImporter.ts` (it splits `Labels` on
//!   `", "` and maps the priority words to 1–4).
//! - Jira: `Summary` (required), `Issue Type`, `Description`, `Priority`
//!   (`Highest`, `High`, `Medium`, `Low`, `Lowest`), `Due date`, and one
//!   `Labels` column per label, since Jira's importer takes a multi-value
//!   field as repeated columns with the same name: Atlassian, "Importing
//!   data from CSV", https://confluence.atlassian.com/adminjiracloud/importing-data-from-csv-776636762.html
//!   and https://support.atlassian.com/jira-software-cloud/docs/create-issues-using-the-csv-importer/
//!   (header example `Summary, Assignee, Reporter, Issue Type, Description,
//!   Priority`). Jira labels cannot hold spaces, so spaces become `-`.
//!   Assignee and Reporter are left out: Jira matches people by e-mail and
//!   loopboard owners are names.
//!
//! Customer names stay out (a tracker is shared more widely than the
//! feedback board); the loopboard id in each description leads back.

use std::io::Write;

use chrono::{DateTime, Local, NaiveDate, Utc};

use super::guard;
use crate::domain::{Bet, BetStatus, Item, Severity, Status};
use crate::store::{ItemFilter, Store};

/// The Linear CSV header (see the module doc for its source).
pub const LINEAR_HEADER: [&str; 6] = ["Title", "Description", "Priority", "Status", "Assignee", "Labels"];

/// The Jira CSV header before the repeated `Labels` columns.
pub const JIRA_FIXED: [&str; 5] = ["Summary", "Issue Type", "Description", "Priority", "Due date"];

/// One row for either tracker: what an accepted item or a running bet says.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub title: String,
    pub description: String,
    pub severity: Option<Severity>,
    /// Running bets are under way; accepted items wait to be started.
    pub started: bool,
    pub owner: Option<String>,
    pub labels: Vec<String>,
    pub due: Option<NaiveDate>,
}

/// Linear's priority word for a severity.
pub fn linear_priority(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::S1) => "Urgent",
        Some(Severity::S2) => "High",
        Some(Severity::S3) => "Medium",
        Some(Severity::S4) => "Low",
        None => "No priority",
    }
}

/// Jira's priority name for a severity. S4 (a question or cosmetic) is
/// `Low`, leaving `Lowest` to the team; no severity leaves the cell empty
/// so Jira applies the project's default.
pub fn jira_priority(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::S1) => "Highest",
        Some(Severity::S2) => "High",
        Some(Severity::S3) => "Medium",
        Some(Severity::S4) => "Low",
        None => "",
    }
}

fn item_ticket(i: &Item) -> Ticket {
    let mut labels = vec!["feedback".to_string()];
    labels.extend(i.category.as_ref().map(|c| c.to_lowercase()));
    labels.extend(i.tags.iter().cloned());
    let description = format!(
        "{}\n\n---\nFrom loopboard item #{} ({}).",
        i.body.trim(),
        i.id.0,
        i.source
    );
    Ticket {
        title: i.title.clone(),
        description: description.trim_start().to_string(),
        severity: i.severity,
        started: false,
        owner: i.owner.clone(),
        labels,
        due: None,
    }
}

fn bet_ticket(b: &Bet, hypothesis: Option<String>) -> Ticket {
    let mut lines = Vec::new();
    lines.extend(hypothesis.map(|h| format!("Hypothesis: {h}")));
    lines.extend(b.metric.as_ref().map(|m| format!("Success metric: {m}")));
    lines.push(format!("From loopboard bet #{}.", b.id.0));
    Ticket {
        title: b.title.clone(),
        description: lines.join("\n\n"),
        severity: None,
        started: true,
        owner: b.owner.clone(),
        labels: vec!["bet".to_string()],
        // The deadline is the last second of a day in the user's zone.
        due: b.deadline.map(|d: DateTime<Utc>| d.with_timezone(&Local).date_naive()),
    }
}

/// Accepted items (id order), then running bets (id order).
pub fn tickets(store: &Store) -> anyhow::Result<Vec<Ticket>> {
    let filter = ItemFilter {
        status: Some(Status::Accepted),
        ..ItemFilter::default()
    };
    let mut out: Vec<Ticket> = store.list_items(&filter)?.iter().map(item_ticket).collect();
    let mut bets = store.list_bets()?;
    bets.retain(|b| b.status == BetStatus::Running);
    bets.sort_by_key(|b| b.id.0);
    for b in &bets {
        let statement = match b.hypothesis {
            Some(h) => Some(store.get_hypothesis(h)?.statement),
            None => None,
        };
        out.push(bet_ticket(b, statement));
    }
    Ok(out)
}

/// Linear splits the one `Labels` cell on `", "`, so a comma inside a label
/// would cut it in two.
fn linear_label(l: &str) -> String {
    l.replace(',', " ")
}

/// Jira labels are single words.
fn jira_label(l: &str) -> String {
    l.split_whitespace().collect::<Vec<_>>().join("-")
}

/// Linear's CSV, every cell through the formula guard.
pub fn linear(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(LINEAR_HEADER)?;
    for t in tickets(store)? {
        let labels: Vec<String> = t.labels.iter().map(|l| linear_label(l)).collect();
        let row = [
            t.title,
            t.description,
            linear_priority(t.severity).to_string(),
            if t.started { "In Progress" } else { "Todo" }.to_string(),
            t.owner.unwrap_or_default(),
            labels.join(", "),
        ];
        w.write_record(row.iter().map(|c| guard(c)))?;
    }
    w.flush()?;
    Ok(())
}

/// The Jira header for rows carrying at most `labels` labels (at least one
/// `Labels` column, so the file always says where labels go).
pub fn jira_header(labels: usize) -> Vec<&'static str> {
    let mut h = JIRA_FIXED.to_vec();
    h.extend(std::iter::repeat_n("Labels", labels.max(1)));
    h
}

/// Jira's CSV: the repeated `Labels` columns are as many as the row with
/// the most labels needs; shorter rows leave the rest empty.
pub fn jira(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    let tickets = tickets(store)?;
    let width = tickets.iter().map(|t| t.labels.len()).max().unwrap_or(0).max(1);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(jira_header(width))?;
    for t in tickets {
        let mut row = vec![
            t.title,
            "Task".to_string(),
            t.description,
            jira_priority(t.severity).to_string(),
            t.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        ];
        let mut labels: Vec<String> = t.labels.iter().map(|l| jira_label(l)).collect();
        labels.resize(width, String::new());
        row.extend(labels);
        w.write_record(row.iter().map(|c| guard(c)))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_to_each_trackers_words() {
        let all = [
            Some(Severity::S1),
            Some(Severity::S2),
            Some(Severity::S3),
            Some(Severity::S4),
            None,
        ];
        let linear: Vec<_> = all.iter().map(|s| linear_priority(*s)).collect();
        assert_eq!(linear, ["Urgent", "High", "Medium", "Low", "No priority"]);
        let jira: Vec<_> = all.iter().map(|s| jira_priority(*s)).collect();
        assert_eq!(jira, ["Highest", "High", "Medium", "Low", ""]);
    }

    #[test]
    fn labels_fit_each_tracker() {
        assert_eq!(jira_label("needs  design review"), "needs-design-review");
        assert_eq!(linear_label("a,b"), "a b");
        assert_eq!(
            jira_header(0),
            ["Summary", "Issue Type", "Description", "Priority", "Due date", "Labels"]
        );
        assert_eq!(jira_header(3).iter().filter(|h| **h == "Labels").count(), 3);
    }
}
