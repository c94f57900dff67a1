//! The decision log as a log: decisions recorded by hand with their evidence,
//! revisit date and the decision they supersede, read back with who
//! superseded whom; and the weekly reviews. Both tables only ever grow.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::time::{from_db, opt_from_db, to_db};
use super::{Store, StoreError};
use crate::domain::{Decision, DecisionLinks, EvidenceRef, LogEntry, NewDecision, Review, SubjectKind};
use crate::sanitize::{clean_line, clean_text};

impl Store {
    /// Appends a decision with its links in one transaction, after checking
    /// that its subject, its evidence and the decision it supersedes exist.
    pub fn record_decision(
        &mut self,
        d: &NewDecision,
        links: &DecisionLinks,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            if !subject_exists(tx, d.subject, d.subject_id)? {
                return Err(StoreError::invalid(
                    "subject",
                    format!("there is no {} {}", d.subject.as_str(), d.subject_id),
                ));
            }
            for e in &links.evidence {
                if !subject_exists(tx, e.kind, e.id)? {
                    return Err(StoreError::invalid(
                        "evidence",
                        format!("there is no {} {}", e.kind.as_str(), e.id),
                    ));
                }
            }
            if let Some(old) = links.supersedes {
                check_supersedable(tx, old)?;
            }
            insert_logged(tx, d, links, at, None)
        })
    }

    /// Every decision with its links, oldest first.
    pub fn decision_log(&self) -> Result<Vec<LogEntry>, StoreError> {
        let decisions = self.list_decisions()?;
        let mut extra: HashMap<i64, (Option<i64>, Option<i64>)> = HashMap::new();
        let mut stmt = self.conn.prepare("SELECT id, supersedes, revisit_by FROM decisions")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, sup, revisit) = row?;
            extra.insert(id, (sup, revisit));
        }
        let mut evidence: HashMap<i64, Vec<EvidenceRef>> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT decision_id, kind, ref_id FROM decision_evidence ORDER BY decision_id, kind, ref_id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?)))? {
            let (id, kind, ref_id) = row?;
            let kind = kind.parse().map_err(|e: String| StoreError::invalid("evidence", e))?;
            evidence.entry(id).or_default().push(EvidenceRef { kind, id: ref_id });
        }
        Ok(assemble(decisions, &extra, &mut evidence))
    }

    /// The chain a decision belongs to, oldest first: what it superseded,
    /// itself, and what superseded it (following every branch forward).
    pub fn decision_chain(&self, id: i64) -> Result<Vec<LogEntry>, StoreError> {
        let log = self.decision_log()?;
        Ok(chain_of(&log, id))
    }

    /// Records a finished review.
    pub fn record_review(
        &mut self,
        at: DateTime<Utc>,
        since: DateTime<Utc>,
        by: &str,
        summary: &str,
        path: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO reviews (at, since, by, summary, path) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![to_db(at), to_db(since), clean_line(by), summary, path],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Every review, oldest first.
    pub fn reviews(&self) -> Result<Vec<Review>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, at, since, by, summary, path FROM reviews ORDER BY at, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Review {
                id: r.get(0)?,
                at: from_db(r.get(1)?),
                since: from_db(r.get(2)?),
                by: r.get(3)?,
                summary: r.get(4)?,
                path: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The most recent review, if any.
    pub fn last_review(&self) -> Result<Option<Review>, StoreError> {
        Ok(self.reviews()?.pop())
    }
}

fn assemble(
    decisions: Vec<Decision>,
    extra: &HashMap<i64, (Option<i64>, Option<i64>)>,
    evidence: &mut HashMap<i64, Vec<EvidenceRef>>,
) -> Vec<LogEntry> {
    let mut superseded_by: HashMap<i64, Vec<i64>> = HashMap::new();
    for (&id, &(sup, _)) in extra {
        if let Some(old) = sup {
            superseded_by.entry(old).or_default().push(id);
        }
    }
    decisions
        .into_iter()
        .map(|d| {
            let (supersedes, revisit) = extra.get(&d.id).copied().unwrap_or_default();
            let mut later = superseded_by.remove(&d.id).unwrap_or_default();
            later.sort_unstable();
            LogEntry {
                links: DecisionLinks {
                    supersedes,
                    revisit_by: opt_from_db(revisit),
                    evidence: evidence.remove(&d.id).unwrap_or_default(),
                },
                superseded_by: later,
                decision: d,
            }
        })
        .collect()
}

/// The entries linked to `id` through `supersedes`, in id order.
pub fn chain_of(log: &[LogEntry], id: i64) -> Vec<LogEntry> {
    let by_id: HashMap<i64, &LogEntry> = log.iter().map(|e| (e.decision.id, e)).collect();
    let mut ids = vec![];
    // Back to the root: each decision supersedes at most one.
    let mut cur = by_id.get(&id).copied();
    while let Some(e) = cur {
        if ids.contains(&e.decision.id) {
            break;
        }
        ids.push(e.decision.id);
        cur = e.links.supersedes.and_then(|s| by_id.get(&s).copied());
    }
    // Forward from the decision itself.
    let mut todo: Vec<i64> = by_id.get(&id).map(|e| e.superseded_by.clone()).unwrap_or_default();
    while let Some(next) = todo.pop() {
        if let Some(e) = by_id.get(&next).filter(|e| !ids.contains(&e.decision.id)) {
            ids.push(next);
            todo.extend(e.superseded_by.iter().copied());
        }
    }
    ids.sort_unstable();
    ids.iter().filter_map(|i| by_id.get(i).map(|e| (*e).clone())).collect()
}

/// Appends a decision with its links; `id` keeps an imported decision's id.
pub(crate) fn insert_logged(
    tx: &Transaction<'_>,
    d: &NewDecision,
    links: &DecisionLinks,
    at: DateTime<Utc>,
    id: Option<i64>,
) -> Result<i64, StoreError> {
    let rationale = clean_text(&d.rationale);
    if rationale.is_empty() {
        return Err(StoreError::invalid("rationale", "a decision needs a rationale"));
    }
    tx.prepare_cached(
        "INSERT INTO decisions (id, at, kind, subject_kind, subject_id, rationale, decided_by, supersedes, revisit_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        to_db(at),
        d.kind.as_str(),
        d.subject.as_str(),
        d.subject_id,
        rationale,
        clean_line(&d.decided_by),
        links.supersedes,
        links.revisit_by.map(to_db),
    ])?;
    let new_id = tx.last_insert_rowid();
    for e in &links.evidence {
        tx.prepare_cached("INSERT OR IGNORE INTO decision_evidence (decision_id, kind, ref_id) VALUES (?1, ?2, ?3)")?
            .execute(params![new_id, e.kind.as_str(), e.id])?;
    }
    Ok(new_id)
}

/// A decision may be superseded once: a chain, not a tree, so "the decision
/// in force" is always the last one.
fn check_supersedable(tx: &Transaction<'_>, old: i64) -> Result<(), StoreError> {
    if super::decisions::get(tx, old)?.is_none() {
        return Err(StoreError::invalid("supersedes", format!("there is no decision {old}")));
    }
    let later: Option<i64> = tx
        .query_row("SELECT id FROM decisions WHERE supersedes = ?1", [old], |r| r.get(0))
        .optional()?;
    match later {
        Some(newer) => Err(StoreError::invalid(
            "supersedes",
            format!("decision {old} is already superseded by decision {newer}; supersede {newer} instead"),
        )),
        None => Ok(()),
    }
}

pub(crate) fn subject_exists(tx: &Transaction<'_>, kind: SubjectKind, id: i64) -> Result<bool, StoreError> {
    let table = match kind {
        SubjectKind::Item => "items",
        SubjectKind::Hypothesis => "hypotheses",
        SubjectKind::Bet => "bets",
        SubjectKind::Theme => "themes",
    };
    super::transfer::id_taken(tx, table, id)
}

/// The id of exactly this decision if the log holds it already (so
/// re-importing a file does not append it twice).
pub(crate) fn find_existing(
    tx: &Transaction<'_>,
    d: &NewDecision,
    at: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM decisions WHERE at = ?1 AND kind = ?2 AND subject_kind = ?3 \
             AND subject_id = ?4 AND rationale = ?5 AND decided_by = ?6 ORDER BY id LIMIT 1",
        )?
        .query_row(
            params![
                to_db(at),
                d.kind.as_str(),
                d.subject.as_str(),
                d.subject_id,
                clean_text(&d.rationale),
                clean_line(&d.decided_by)
            ],
            |r| r.get(0),
        )
        .optional()?)
}

/// An imported decision's links with the file's ids mapped to the database's:
/// `decisions` maps the decisions imported so far (a correction comes after
/// what it corrects), `subjects` each kind's records.
pub(crate) fn map_links<'m>(
    links: &DecisionLinks,
    decisions: &super::import_bets::IdMap,
    subjects: &impl Fn(SubjectKind) -> &'m super::import_bets::IdMap,
) -> Result<DecisionLinks, StoreError> {
    let supersedes = match links.supersedes {
        Some(f) => Some(
            decisions
                .get(&f)
                .ok_or_else(|| {
                    StoreError::invalid(
                        "supersedes",
                        format!("refers to decision {f} which is not earlier in the file"),
                    )
                })?
                .0,
        ),
        None => None,
    };
    let evidence = links
        .evidence
        .iter()
        .map(|e| {
            let (id, _) = subjects(e.kind).get(&e.id).ok_or_else(|| {
                StoreError::invalid(
                    "evidence",
                    format!("refers to {} {} which is not in the file", e.kind.as_str(), e.id),
                )
            })?;
            Ok(EvidenceRef { kind: e.kind, id: *id })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(DecisionLinks {
        supersedes,
        revisit_by: links.revisit_by,
        evidence,
    })
}

/// Adds the reviews the database does not hold yet (same time and reviewer).
pub(crate) fn import_reviews(
    tx: &Transaction<'_>,
    records: &[super::transfer::ImportedReview],
) -> Result<super::import_bets::Counts, StoreError> {
    let mut counts = super::import_bets::Counts::default();
    for rec in records {
        let by = clean_line(&rec.by);
        let present: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM reviews WHERE at = ?1 AND by = ?2)",
            params![to_db(rec.at), by],
            |r| r.get(0),
        )?;
        if present {
            counts.present += 1;
            continue;
        }
        tx.execute(
            "INSERT INTO reviews (at, since, by, summary, path) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![to_db(rec.at), to_db(rec.since), by, rec.summary, rec.path],
        )
        .map_err(|e| StoreError::Import(format!("line {}: {e}", rec.line)))?;
        counts.new += 1;
    }
    Ok(counts)
}
