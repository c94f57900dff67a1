//! Realistic generated databases for benchmarks (`examples/gen_db.rs`,
//! `benches/`): items from many customers and segments over a year, with
//! categories, tags, severities and statuses that follow the item's age,
//! duplicates (reworded reports linked to the original), themes, decisions,
//! hypotheses and bets. Everything goes through the store's own import
//! (`Store::import`: sanitizing, validation, one transaction per chunk), so a
//! generated database is as valid as an imported one. The same seed gives the
//! same database.

mod rng;
mod text;

use chrono::{DateTime, Duration, Utc};

use crate::domain::{
    Bet, BetId, BetStatus, DecisionKind, Hypothesis, HypothesisId, HypothesisStatus, Item, ItemId, NewDecision,
    Severity, Status, SubjectKind,
};
use crate::scoring::Inputs;
use crate::store::{
    ImportBatch, ImportSummary, ImportedBet, ImportedDecision, ImportedHypothesis, ImportedItem, ImportedTheme, Store,
    StoreError,
};
use rng::Rng;
use text::AREAS;

/// Items per import transaction: big enough that commits do not dominate,
/// small enough that a chunk's records stay a few tens of MB.
const CHUNK: usize = 50_000;
/// Themes per product area.
const THEMES_PER_AREA: usize = 5;
const SOURCES: &[&str] = &["email", "slack", "zendesk", "call", "intercom"];
const SEGMENTS: &[&str] = &["enterprise", "mid-market", "smb", "startup"];
const OWNERS: &[&str] = &["ana", "ben", "chen", "dara", "eli", "fay", "gus", "hana"];

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub items: usize,
    pub seed: u64,
}

/// Generates `spec.items` items (and their themes, decisions, hypotheses and
/// bets) into `store`, ending an hour before `now`. `progress` hears the
/// number of items written after each chunk. Running it again on the same
/// database adds nothing (items carry external ids).
pub fn generate(
    store: &mut Store,
    spec: Spec,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportSummary, StoreError> {
    let mut g = Generator::new(spec, now);
    let mut total = ImportSummary::default();
    let mut start = 0;
    while start < spec.items {
        let end = (start + CHUNK).min(spec.items);
        let mut batch = ImportBatch {
            themes: g.themes(),
            ..ImportBatch::default()
        };
        for i in start..end {
            g.item(i, start, &mut batch);
        }
        if end == spec.items {
            g.bets(start, end, &mut batch);
        }
        add(&mut total, store.import(&batch)?);
        progress(end);
        start = end;
    }
    Ok(total)
}

fn add(total: &mut ImportSummary, s: ImportSummary) {
    total.items_new += s.items_new;
    total.items_present += s.items_present;
    total.hypotheses_new += s.hypotheses_new;
    total.bets_new += s.bets_new;
    total.decisions_new += s.decisions_new;
    total.decisions_present += s.decisions_present;
}

struct Generator {
    rng: Rng,
    spec: Spec,
    filler: Vec<String>,
    customers: usize,
    first: DateTime<Utc>,
    step_secs: f64,
    now: DateTime<Utc>,
    /// (file id, title, body) of this chunk's recent items: what duplicates copy.
    recent: Vec<(i64, String, String)>,
}

impl Generator {
    fn new(spec: Spec, now: DateTime<Utc>) -> Generator {
        let span = Duration::days(365);
        Generator {
            rng: Rng::new(spec.seed),
            spec,
            filler: text::vocabulary(8_000),
            customers: (spec.items / 200).max(50),
            first: now - span - Duration::hours(1),
            step_secs: span.num_seconds() as f64 / spec.items.max(1) as f64,
            now: now - Duration::hours(1),
            recent: Vec::new(),
        }
    }

    fn themes(&self) -> Vec<ImportedTheme> {
        let mut out = Vec::new();
        for (a, (area, words)) in AREAS.iter().enumerate() {
            for (w, word) in words.iter().take(THEMES_PER_AREA).enumerate() {
                out.push(ImportedTheme {
                    line: 0,
                    file_id: Some((a * THEMES_PER_AREA + w + 1) as i64),
                    name: format!("{area}: {word}"),
                    created_at: self.first,
                });
            }
        }
        out
    }

    /// Item `i` (file id `i + 1`), its duplicate link, theme and decision.
    fn item(&mut self, i: usize, chunk_start: usize, batch: &mut ImportBatch) {
        let r = &mut self.rng;
        let id = i as i64 + 1;
        if i == chunk_start {
            // Duplicates link within one import (file ids are per batch).
            self.recent.clear();
        }
        let jitter = r.below(3_600) as i64;
        let created = self.first + Duration::seconds((i as f64 * self.step_secs) as i64 + jitter);
        let created = created.min(self.now);
        let age_days = (self.now - created).num_days();
        let area = r.zipf(AREAS.len() * 3) % AREAS.len();
        let copy_of = (!self.recent.is_empty() && r.chance(0.05)).then(|| r.below(self.recent.len().min(2_000)));
        let (title, body, duplicate_of) = match copy_of {
            Some(back) => {
                let (orig, t, b) = &self.recent[self.recent.len() - 1 - back];
                let (t, b) = text::reworded(r, t, b);
                (t, b, Some(*orig))
            }
            None => {
                let (t, b) = text::report(r, area, &self.filler);
                (t, b, None)
            }
        };
        let status = match duplicate_of {
            Some(_) => Status::Duplicate,
            None => status_for(r, age_days),
        };
        let severity = (status != Status::New || r.chance(0.1)).then(|| severity(r.unit()));
        let severity = severity.or(status.needs_severity().then_some(Severity::S3));
        let triaged_at = (status != Status::New).then(|| created + Duration::minutes(30 + r.below(2_880) as i64));
        let resolved_at = matches!(status, Status::Resolved | Status::Declined)
            .then(|| triaged_at.unwrap_or(created) + Duration::hours(1 + r.below(400) as i64));
        let clamp = |t: Option<DateTime<Utc>>| t.map(|t| t.min(self.now));
        let (triaged_at, resolved_at) = (clamp(triaged_at), clamp(resolved_at));
        let updated_at = resolved_at.or(triaged_at).unwrap_or(created);
        let customer = r.zipf(self.customers);
        let words = AREAS[area].1;
        let mut tags: Vec<String> = (0..r.below(3)).map(|_| r.pick(words).to_string()).collect();
        if r.chance(0.03) {
            tags.push("regression".into());
        }
        let theme_word = r.below(words.len());
        let theme_id = (status != Status::New && theme_word < THEMES_PER_AREA && r.chance(0.15))
            .then(|| (area * THEMES_PER_AREA + theme_word + 1) as i64);
        let item = Item {
            id: ItemId(0),
            title: title.clone(),
            body: body.clone(),
            customer: Some(text::customer(customer)),
            segment: Some(SEGMENTS[customer % SEGMENTS.len()].to_string()),
            category: Some(AREAS[area].0.to_string()),
            tags,
            severity,
            status,
            owner: (status != Status::New).then(|| r.pick(OWNERS).to_string()),
            source: r.pick(SOURCES).to_string(),
            external_id: Some(format!("GEN-{id}")),
            created_at: created,
            updated_at,
            triaged_at,
            resolved_at,
            suggested_severity: None,
        };
        self.decision(id, status, triaged_at.unwrap_or(created), batch);
        batch.items.push(ImportedItem {
            line: i + 1,
            file_id: Some(id),
            key: None,
            item,
            duplicate_of,
            theme_id,
        });
        self.recent.push((id, title, body));
    }

    /// The decision log of a declined or accepted item.
    fn decision(&mut self, id: i64, status: Status, at: DateTime<Utc>, batch: &mut ImportBatch) {
        let (kind, why) = match status {
            Status::Declined => (DecisionKind::Decline, "Out of scope for this year's roadmap"),
            Status::Accepted if self.rng.chance(0.5) => (DecisionKind::Accept, "Several enterprise accounts blocked"),
            _ => return,
        };
        batch.decisions.push(ImportedDecision {
            line: batch.decisions.len() + 1,
            file_id: None,
            at,
            decision: NewDecision {
                kind,
                subject: SubjectKind::Item,
                subject_id: id,
                rationale: why.to_string(),
                decided_by: self.rng.pick(OWNERS).to_string(),
            },
            links: Default::default(),
        });
    }

    /// Hypotheses and bets with evidence among the items `start..end`.
    fn bets(&mut self, start: usize, end: usize, batch: &mut ImportBatch) {
        let hypotheses = 5 + self.spec.items / 20_000;
        let bets = 8 + self.spec.items / 5_000;
        let r = &mut self.rng;
        let evidence = |r: &mut Rng| -> Vec<ItemId> {
            let mut ids: Vec<ItemId> = (0..5 + r.below(40))
                .map(|_| ItemId((start + r.below(end - start)) as i64 + 1))
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        for h in 0..hypotheses {
            let (area, words) = AREAS[h % AREAS.len()];
            batch.hypotheses.push(ImportedHypothesis {
                line: h + 1,
                file_id: Some(h as i64 + 1),
                key: None,
                hypothesis: Hypothesis {
                    id: HypothesisId(0),
                    statement: format!("Accounts leave because {area} {} is unreliable (#{h})", r.pick(words)),
                    status: HypothesisStatus::Open,
                    evidence: evidence(r),
                    created_at: self.first,
                    updated_at: self.first,
                },
            });
        }
        for b in 0..bets {
            let (area, words) = AREAS[b % AREAS.len()];
            let status = [
                BetStatus::Proposed,
                BetStatus::Proposed,
                BetStatus::Running,
                BetStatus::Stopped,
            ][r.below(4)];
            let inputs = Inputs {
                impact: Some([0.5, 1.0, 2.0, 3.0][r.below(4)]),
                confidence: Some([50.0, 80.0, 100.0][r.below(3)]),
                effort: Some([1.0, 2.0, 3.0, 5.0, 8.0][r.below(5)]),
                ice_impact: Some(1.0 + r.below(10) as f64),
                ice_confidence: Some(1.0 + r.below(10) as f64),
                ease: Some(1.0 + r.below(10) as f64),
                ..Inputs::default()
            };
            batch.bets.push(ImportedBet {
                line: b + 1,
                file_id: Some(b as i64 + 1),
                key: None,
                bet: Bet {
                    id: BetId(0),
                    title: format!("Fix {area} {} for good (#{b})", r.pick(words)),
                    hypothesis: r.chance(0.5).then(|| HypothesisId(1 + r.below(hypotheses) as i64)),
                    owner: Some(r.pick(OWNERS).to_string()),
                    metric: Some("tickets -30 %".to_string()),
                    status,
                    inputs,
                    started_at: (status != BetStatus::Proposed).then_some(self.first),
                    deadline: None,
                    closed_at: (status == BetStatus::Stopped).then_some(self.now),
                    evidence: evidence(r),
                    created_at: self.first,
                    updated_at: self.first,
                },
            });
        }
    }
}

/// Statuses follow age: recent items are mostly untriaged, old ones mostly closed.
fn status_for(r: &mut Rng, age_days: i64) -> Status {
    let u = r.unit();
    if age_days < 14 {
        return if u < 0.6 {
            Status::New
        } else if u < 0.8 {
            Status::Triaged
        } else {
            Status::Accepted
        };
    }
    const SPREAD: &[(f64, Status)] = &[
        (0.04, Status::New),
        (0.14, Status::Triaged),
        (0.22, Status::Accepted),
        (0.27, Status::InProgress),
        (0.31, Status::Waiting),
        (0.85, Status::Resolved),
    ];
    SPREAD
        .iter()
        .find(|(p, _)| u < *p)
        .map_or(Status::Declined, |(_, s)| *s)
}

/// Few S1s, mostly S3 and S4, as in a real queue.
fn severity(u: f64) -> Severity {
    match u {
        u if u < 0.04 => Severity::S1,
        u if u < 0.2 => Severity::S2,
        u if u < 0.65 => Severity::S3,
        _ => Severity::S4,
    }
}
