//! The report as GitHub-flavoured Markdown. Text from the database is made
//! safe for a table cell: control characters go (as for the terminal),
//! line breaks become spaces and pipes are escaped.

use chrono::Duration;
use std::fmt::Write;

use super::figures::{Headline, Report};
use crate::sla::format_duration;

/// Renders the whole report.
pub fn render(r: &Report) -> String {
    let mut md = String::new();
    let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
    let _ = writeln!(
        md,
        "# Feedback report: {} to {}\n",
        day(r.period.since),
        day(r.period.until)
    );
    headline(&mut md, r);
    table(
        &mut md,
        "Intake by category",
        &["Category", "Items"],
        r.by_category.iter().map(|(k, n)| vec![cell(k), n.to_string()]),
    );
    table(
        &mut md,
        "Intake by severity",
        &["Severity", "Items"],
        r.by_severity.iter().map(|(k, n)| vec![k.clone(), n.to_string()]),
    );
    compliance(&mut md, r);
    table(
        &mut md,
        "Open SLA breaches",
        &["Item", "Severity", "Title", "Clock"],
        r.breaches.iter().map(|b| {
            vec![
                format!("#{}", b.id.0),
                b.severity.map_or("–".into(), |s| s.as_str().into()),
                cell(&b.title),
                cell(&b.label),
            ]
        }),
    );
    table(
        &mut md,
        "Top recurring themes",
        &["Theme", "Customers", "Items", "Segments"],
        r.themes.iter().map(|t| {
            vec![
                cell(&t.theme.name),
                t.customers.to_string(),
                t.items.to_string(),
                t.segments.to_string(),
            ]
        }),
    );
    table(
        &mut md,
        "Top bets",
        &["Rank", "Bet", "Status", "Owner"],
        r.bets.iter().map(|b| {
            vec![
                b.rank.map_or("–".into(), |n| n.to_string()),
                format!("#{} {}", b.id, cell(&b.title)),
                b.status.as_str().to_string(),
                cell(b.owner.as_deref().unwrap_or("–")),
            ]
        }),
    );
    table(
        &mut md,
        "Decisions",
        &["#", "When", "Kind", "Subject", "By", "Rationale"],
        r.decisions.iter().map(|e| {
            let d = &e.decision;
            let mut why = cell(&d.rationale);
            if let Some(s) = e.links.supersedes {
                let _ = write!(why, " (supersedes #{s})");
            }
            vec![
                d.id.to_string(),
                day(d.at),
                d.kind.as_str().into(),
                format!("{} {}", d.subject.as_str(), d.subject_id),
                cell(&d.decided_by),
                why,
            ]
        }),
    );
    metrics(&mut md, r);
    md
}

fn headline(md: &mut String, r: &Report) {
    let (now, was) = (&r.headline, &r.previous);
    let row = |name: &str, f: fn(&Headline) -> usize| {
        let (a, b) = (f(now), f(was));
        vec![
            name.to_string(),
            a.to_string(),
            b.to_string(),
            change(a as i64 - b as i64),
        ]
    };
    let rows = vec![
        row("New items", |h| h.new_items),
        row("Triaged", |h| h.triaged),
        row("Resolved", |h| h.resolved),
        row("Declined", |h| h.declined),
        row("Decisions", |h| h.decisions),
        vec![
            "Median time to triage".into(),
            duration(now.median_triage),
            duration(was.median_triage),
            match (now.median_triage, was.median_triage) {
                (Some(a), Some(b)) if a < b => format!("−{}", format_duration(b - a)),
                (Some(a), Some(b)) if a > b => format!("+{}", format_duration(a - b)),
                (Some(_), Some(_)) => "±0".into(),
                _ => "–".into(),
            },
        ],
    ];
    let _ = writeln!(
        md,
        "Open items now: **{}**. Open SLA breaches now: **{}**.\n",
        r.open_items,
        r.breaches.len()
    );
    table(
        md,
        "Headline",
        &["", "This period", "Previous period", "Change"],
        rows.into_iter(),
    );
}

fn compliance(md: &mut String, r: &Report) {
    let ratio = |hit: usize, of: usize| match (hit * 100).checked_div(of) {
        Some(pct) => format!("{hit}/{of} ({pct}%)"),
        None => "–".into(),
    };
    let rows = r.compliance.iter().map(|c| {
        vec![
            c.severity.as_str().into(),
            c.items.to_string(),
            ratio(c.ack_within_target, c.acknowledged),
            c.resolved_within_target
                .map_or(format!("{} resolved, no target", c.resolved), |n| ratio(n, c.resolved)),
            (c.ack_breached + c.resolve_breached).to_string(),
            duration(c.median_ack),
            duration(c.median_resolve),
        ]
    });
    table(
        md,
        "SLA compliance (items of the period)",
        &[
            "Severity",
            "Items",
            "Acknowledged in target",
            "Resolved in target",
            "Breached, open",
            "Median time to triage",
            "Median time to resolve",
        ],
        rows,
    );
}

fn metrics(md: &mut String, r: &Report) {
    let _ = writeln!(md, "## Learning\n");
    let (median, n) = r.learning;
    match median {
        Some(d) => {
            let _ = writeln!(
                md,
                "Median time to validated learning (bet start → verdict): **{}** over {n} bet(s).\n",
                format_duration(d)
            );
        }
        None => {
            let _ = writeln!(md, "No bet reached a verdict in this period.\n");
        }
    }
}

/// A section with a table, or a line saying there is nothing.
fn table(md: &mut String, title: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let _ = writeln!(md, "## {title}\n");
    let rows: Vec<Vec<String>> = rows.collect();
    if rows.is_empty() {
        let _ = writeln!(md, "_None._\n");
        return;
    }
    let _ = writeln!(md, "| {} |", header.join(" | "));
    let _ = writeln!(md, "|{}|", header.iter().map(|_| "---").collect::<Vec<_>>().join("|"));
    for row in rows {
        let _ = writeln!(md, "| {} |", row.join(" | "));
    }
    md.push('\n');
}

fn change(delta: i64) -> String {
    match delta {
        0 => "±0".into(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    }
}

fn duration(d: Option<Duration>) -> String {
    d.map_or("–".into(), format_duration)
}

/// Database text made safe for one Markdown table cell.
fn cell(text: &str) -> String {
    crate::sanitize::display(text)
        .replace(['\n', '\r'], " ")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_cannot_break_the_table() {
        assert!(!super::cell("x\u{1b}]52;c;AAAA\u{7}").contains('\u{1b}'));
        assert_eq!(super::cell("a|b\nc"), "a\\|b c");
    }
}
