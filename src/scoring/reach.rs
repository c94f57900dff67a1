//! RICE reach derived from evidence: the distinct customers behind a bet's
//! linked themes and items, seen in the last 90 days, each counted once and
//! weighted by its segment.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::ScoreError;

/// Evidence older than this many days does not count towards reach.
pub const REACH_WINDOW_DAYS: i64 = 90;
/// The weight of a segment the config does not name, and of no segment.
pub const DEFAULT_SEGMENT_WEIGHT: f64 = 1.0;

/// What a bet's linked themes and items say, as the store gathers it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// One entry per linked item (directly or through a theme); the same
    /// customer may appear many times.
    pub customers: Vec<EvidenceCustomer>,
    /// Linked items of severity S1 or S2 whose SLA is breached now (see
    /// `sla::Sla::is_breached`); feeds the optional urgency term.
    pub breached_urgent: usize,
}

/// One customer's appearance in the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceCustomer {
    /// Compared trimmed and case-insensitively, as intake identity does.
    pub customer: String,
    pub segment: Option<String>,
    /// When this piece of evidence was given (the item's `created_at`).
    pub seen_at: DateTime<Utc>,
}

/// Scoring configuration (`[scoring]` in the config file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Weights {
    /// Segment name → weight; names match case-insensitively; unnamed
    /// segments weigh [`DEFAULT_SEGMENT_WEIGHT`].
    pub segment: BTreeMap<String, f64>,
    /// Added per breached S1/S2 evidence item; `None` turns the term off.
    pub urgency_boost: Option<f64>,
}

impl Weights {
    /// The weight of `segment`, after checking the configured weights.
    pub fn segment_weight(&self, segment: Option<&str>) -> f64 {
        let Some(name) = segment.map(normalize) else {
            return DEFAULT_SEGMENT_WEIGHT;
        };
        self.segment
            .iter()
            .find(|(k, _)| normalize(k) == name)
            .map_or(DEFAULT_SEGMENT_WEIGHT, |(_, &w)| w)
    }

    /// Rejects negative or non-finite weights and boosts: they would let more
    /// evidence lower a score, or make it NaN.
    pub fn validate(&self) -> Result<(), ScoreError> {
        if let Some((segment, &weight)) = self.segment.iter().find(|(_, w)| !is_weight(**w)) {
            return Err(ScoreError::BadWeight {
                segment: segment.clone(),
                weight,
            });
        }
        match self.urgency_boost {
            Some(boost) if !is_weight(boost) => Err(ScoreError::BadBoost(boost)),
            _ => Ok(()),
        }
    }
}

fn is_weight(w: f64) -> bool {
    w.is_finite() && w >= 0.0
}

/// Reach derived from evidence, with the per-segment breakdown behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reach {
    /// Σ over distinct recent customers of their segment weight.
    pub value: f64,
    /// Distinct customers seen within the window.
    pub customers: usize,
    /// Per segment (by name, no segment last): customers and weight.
    pub segments: Vec<SegmentReach>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SegmentReach {
    pub segment: Option<String>,
    pub customers: usize,
    pub weight: f64,
}

/// The heaviest recent sighting of one customer.
struct Sighting<'a> {
    weight: f64,
    segment: Option<&'a str>,
}

/// Derives reach: each customer seen since `now - 90 days` (inclusive)
/// counts once. A customer whose evidence names several segments counts at
/// the heaviest one's weight, so more evidence never lowers reach and the
/// order evidence arrives in never matters.
pub fn derive_reach(evidence: &Evidence, weights: &Weights, now: DateTime<Utc>) -> Reach {
    let since = now
        .checked_sub_signed(Duration::days(REACH_WINDOW_DAYS))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let mut heaviest: BTreeMap<String, Sighting<'_>> = BTreeMap::new();
    for e in evidence.customers.iter().filter(|e| e.seen_at >= since) {
        let key = normalize(&e.customer);
        if key.is_empty() {
            continue;
        }
        let segment = e.segment.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let new = Sighting {
            weight: weights.segment_weight(segment),
            segment,
        };
        match heaviest.get(&key) {
            Some(old) if !outweighs(&new, old) => {}
            _ => {
                heaviest.insert(key, new);
            }
        }
    }
    summarize(heaviest.values())
}

/// Heavier wins; at equal weight the alphabetically first segment (named
/// before none): a total order, so the result is independent of input order.
fn outweighs(new: &Sighting<'_>, old: &Sighting<'_>) -> bool {
    let by_weight = new.weight.total_cmp(&old.weight);
    let by_name = segment_order(old.segment).cmp(&segment_order(new.segment));
    by_weight.then(by_name).is_gt()
}

fn segment_order(segment: Option<&str>) -> (bool, Option<String>) {
    (segment.is_none(), segment.map(normalize))
}

fn summarize<'a>(sightings: impl Iterator<Item = &'a Sighting<'a>>) -> Reach {
    // Keyed by (no segment?, segment) so named segments sort first.
    let mut groups: BTreeMap<(bool, Option<String>), (usize, f64)> = BTreeMap::new();
    let (mut value, mut customers) = (0.0, 0);
    for s in sightings {
        value += s.weight;
        customers += 1;
        groups.entry(segment_order(s.segment)).or_insert((0, s.weight)).0 += 1;
    }
    let segments = groups
        .into_iter()
        .map(|((_, segment), (customers, weight))| SegmentReach {
            segment,
            customers,
            weight,
        })
        .collect();
    Reach {
        value,
        customers,
        segments,
    }
}

fn normalize(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Reach {
    /// "12 customers in the last 90 days (enterprise 3 × 2, smb 9 × 1)".
    pub fn describe(&self) -> String {
        let noun = if self.customers == 1 { "customer" } else { "customers" };
        let head = format!("{} {noun} in the last {REACH_WINDOW_DAYS} days", self.customers);
        if self.segments.is_empty() {
            return head;
        }
        let parts: Vec<String> = self
            .segments
            .iter()
            .map(|s| {
                let name = s.segment.as_deref().unwrap_or("no segment");
                format!("{name} {} × {}", s.customers, super::explain::number(s.weight))
            })
            .collect();
        format!("{head} ({})", parts.join(", "))
    }
}
