//! The report's figures for one period, and the same headline for the
//! period before it so the renderer can show the change.

use chrono::Duration;
use std::collections::BTreeMap;

use super::{Input, Period, learning_time};
use crate::domain::{BetStatus, ItemId, LogEntry, Severity, Status, ThemeClass};
use crate::sla::{self, Compliance};
use crate::store::ThemeStats;

/// How many themes and bets the report lists.
const TOP: usize = 5;

/// The numbers at the top of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Headline {
    pub new_items: usize,
    pub triaged: usize,
    pub resolved: usize,
    pub declined: usize,
    pub decisions: usize,
    pub median_triage: Option<Duration>,
}

/// One open item past an SLA target.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub id: ItemId,
    pub severity: Option<Severity>,
    pub title: String,
    pub label: String,
}

/// One bet among the top of the backlog.
#[derive(Debug, Clone, PartialEq)]
pub struct BetLine {
    pub id: i64,
    pub rank: Option<usize>,
    pub title: String,
    pub status: BetStatus,
    pub owner: Option<String>,
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub headline: Headline,
    pub previous: Headline,
    pub open_items: usize,
    /// Intake of the period by category ("uncategorized" for none), by count.
    pub by_category: Vec<(String, usize)>,
    /// Intake of the period by severity, S1–S4 then unrated.
    pub by_severity: Vec<(String, usize)>,
    /// Items created in the period, judged now.
    pub compliance: [Compliance; 4],
    pub breaches: Vec<Breach>,
    pub themes: Vec<ThemeStats>,
    pub bets: Vec<BetLine>,
    pub decisions: Vec<LogEntry>,
    /// Median start → verdict of bets closed in the period, and how many.
    pub learning: (Option<Duration>, usize),
}

/// Computes the report of `period` from `input`.
pub fn compute(input: &Input, period: Period) -> Report {
    let new: Vec<_> = input.items.iter().filter(|i| period.contains(i.created_at)).collect();
    let clocks: Vec<_> = input
        .clocks
        .iter()
        .filter(|r| period.contains(r.created_at))
        .map(|r| r.clock())
        .collect();
    let learned: Vec<Duration> = input
        .bets
        .iter()
        .filter_map(|b| learning_time(&b.bet, period))
        .collect();
    Report {
        period,
        headline: headline(input, period),
        previous: headline(input, period.previous()),
        open_items: input
            .items
            .iter()
            .filter(|i| !matches!(i.status, Status::Resolved | Status::Declined | Status::Duplicate))
            .count(),
        by_category: count_by(
            new.iter()
                .map(|i| i.category.clone().unwrap_or_else(|| "uncategorized".into())),
        ),
        by_severity: severity_counts(new.iter().map(|i| i.severity)),
        compliance: sla::compliance(&clocks, &input.policy, input.now),
        breaches: breaches(input),
        themes: top_themes(&input.themes),
        bets: top_bets(input),
        decisions: input
            .log
            .iter()
            .filter(|e| period.contains(e.decision.at))
            .cloned()
            .collect(),
        learning: (median(learned.clone()), learned.len()),
    }
}

fn headline(input: &Input, period: Period) -> Headline {
    let items = &input.items;
    let in_period = |t: Option<chrono::DateTime<chrono::Utc>>| t.is_some_and(|t| period.contains(t));
    let triage_times = items
        .iter()
        .filter(|i| in_period(i.triaged_at))
        .filter_map(|i| Some(i.triaged_at? - i.created_at))
        .collect();
    let decisions: Vec<_> = input.log.iter().filter(|e| period.contains(e.decision.at)).collect();
    Headline {
        new_items: items.iter().filter(|i| period.contains(i.created_at)).count(),
        triaged: items.iter().filter(|i| in_period(i.triaged_at)).count(),
        resolved: items.iter().filter(|i| in_period(i.resolved_at)).count(),
        declined: decisions
            .iter()
            .filter(|e| e.decision.kind == crate::domain::DecisionKind::Decline)
            .count(),
        decisions: decisions.len(),
        median_triage: median(triage_times),
    }
}

/// Counts by key, most first, then by name.
fn count_by(keys: impl Iterator<Item = String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

fn severity_counts(severities: impl Iterator<Item = Option<Severity>>) -> Vec<(String, usize)> {
    let mut counts = [0usize; 5];
    for s in severities {
        let slot = s.map_or(4, |s| Severity::ALL.iter().position(|x| *x == s).unwrap_or(4));
        counts[slot] += 1;
    }
    let names = Severity::ALL
        .iter()
        .map(|s| s.as_str().to_string())
        .chain(["unrated".to_string()]);
    names.zip(counts).collect()
}

/// Open items past a target now, worst severity first, oldest first.
fn breaches(input: &Input) -> Vec<Breach> {
    let mut rows: Vec<_> = input
        .clocks
        .iter()
        .filter(|r| r.status != Status::Resolved)
        .filter_map(|r| {
            let clock = sla::evaluate(&input.policy, &r.clock(), input.now);
            clock.is_breached().then(|| {
                let label = clock.headline().unwrap_or_default();
                (
                    r.severity,
                    r.created_at,
                    Breach {
                        id: r.id,
                        severity: r.severity,
                        title: r.title.clone(),
                        label,
                    },
                )
            })
        })
        .collect();
    rows.sort_by_key(|(sev, at, b)| (*sev, *at, b.id));
    rows.into_iter().map(|(_, _, b)| b).collect()
}

/// Recurring themes, most distinct customers first.
fn top_themes(themes: &[ThemeStats]) -> Vec<ThemeStats> {
    let mut rows: Vec<_> = themes
        .iter()
        .filter(|t| t.class == ThemeClass::Recurring)
        .cloned()
        .collect();
    rows.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then(b.items.cmp(&a.items))
            .then(a.theme.id.0.cmp(&b.theme.id.0))
    });
    rows.truncate(TOP);
    rows
}

/// The best-ranked open bets (the ranking's order).
fn top_bets(input: &Input) -> Vec<BetLine> {
    input
        .bets
        .iter()
        .filter(|b| !b.bet.status.is_closed())
        .take(TOP)
        .map(|b| BetLine {
            id: b.bet.id.0,
            rank: b.rank,
            title: b.bet.title.clone(),
            status: b.bet.status,
            owner: b.bet.owner.clone(),
        })
        .collect()
}

/// The middle value; the mean of the two middle values for an even count.
fn median(mut times: Vec<Duration>) -> Option<Duration> {
    times.sort();
    let n = times.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => times.get(n / 2).copied(),
        _ => Some((times[n / 2 - 1] + times[n / 2]) / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_counts() {
        let h = Duration::hours;
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![h(3), h(1), h(2)]), Some(h(2)));
        assert_eq!(median(vec![h(1), h(4)]), Some(Duration::minutes(150)));
        let rows = count_by(["b", "a", "b"].into_iter().map(String::from));
        assert_eq!(rows, vec![("b".to_string(), 2), ("a".to_string(), 1)]);
        let sev = severity_counts([Some(Severity::S2), None, Some(Severity::S2)].into_iter());
        assert_eq!(sev[1], ("S2".to_string(), 2));
        assert_eq!(sev[4], ("unrated".to_string(), 1));
    }
}
