//! Measuring duplicate suggestions against confirmed duplicate pairs.
//!
//! Reads an evaluation folder in the layout of `shared/eval/real-feedback`
//! (`issues.json` in `gh issue list --json` shape plus `repo`, and
//! `duplicates.json` with confirmed pairs) straight with serde_json, and
//! reports recall@1, recall@3 and the precision of the suggestions shown
//! above [`SHOW_THRESHOLD`]. Also holds the plain TF-IDF baseline the
//! figures are compared with. Used by `tests/similarity_eval.rs` and
//! `examples/eval_similar.rs`.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Doc, Index, Params, SHOW_THRESHOLD};

/// Suggestions a person sees for one item (the CLI's default `--limit`).
pub const DISPLAY_LIMIT: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Json { path: String, source: serde_json::Error },
    #[error("duplicates.json names {0}, which is not in issues.json")]
    UnknownIssue(String),
}

#[derive(Debug, Deserialize)]
struct GhIssue {
    title: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    labels: Vec<GhLabel>,
    #[serde(default)]
    author: Option<GhAuthor>,
    #[serde(rename = "createdAt")]
    created_at: DateTime<Utc>,
    url: String,
    #[serde(default)]
    repo: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GhLabel {
    name: String,
}

#[derive(Debug, Deserialize)]
struct GhAuthor {
    login: String,
}

#[derive(Debug, Deserialize)]
struct Pairs {
    pairs: Vec<Pair>,
}

#[derive(Debug, Deserialize)]
struct Pair {
    a: String,
    b: String,
}

/// An evaluation set: documents (id = position in issues.json) and the
/// confirmed pairs as (id, id).
#[derive(Debug, Clone)]
pub struct EvalSet {
    pub docs: Vec<Doc>,
    pub urls: Vec<String>,
    pub repos: Vec<String>,
    pub pairs: Vec<(i64, i64)>,
}

/// Loads `dir/issues.json` and `dir/duplicates.json`. An issue maps to a
/// document as an importer would: author → customer, repository → category
/// (the product), labels → tags.
pub fn load(dir: &Path) -> Result<EvalSet, EvalError> {
    let issues: Vec<GhIssue> = read_json(&dir.join("issues.json"))?;
    let pairs: Pairs = read_json(&dir.join("duplicates.json"))?;
    let position: HashMap<&str, i64> = issues
        .iter()
        .enumerate()
        .map(|(i, x)| (x.url.as_str(), i as i64))
        .collect();
    let find = |url: &str| {
        position
            .get(url)
            .copied()
            .ok_or_else(|| EvalError::UnknownIssue(url.to_string()))
    };
    let pairs = pairs
        .pairs
        .iter()
        .map(|p| Ok((find(&p.a)?, find(&p.b)?)))
        .collect::<Result<Vec<_>, EvalError>>()?;
    let docs = issues.iter().enumerate().map(|(i, x)| doc_from(i as i64, x)).collect();
    Ok(EvalSet {
        docs,
        urls: issues.iter().map(|x| x.url.clone()).collect(),
        repos: issues.iter().map(|x| x.repo.clone().unwrap_or_default()).collect(),
        pairs,
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EvalError> {
    let p = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: p.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| EvalError::Json { path: p, source })
}

fn doc_from(id: i64, x: &GhIssue) -> Doc {
    Doc {
        id,
        title: x.title.clone(),
        body: x.body.clone().unwrap_or_default(),
        customer: x.author.as_ref().map(|a| a.login.clone()),
        category: x.repo.clone(),
        tags: x.labels.iter().map(|l| l.name.clone()).collect(),
        created_at: x.created_at,
    }
}

/// For one query and one of its confirmed partners: the partner's rank
/// (1-based, within the top [`DISPLAY_LIMIT`]) and its score, if ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    pub query: i64,
    pub partner: i64,
    pub rank: Option<usize>,
    pub top: Vec<(i64, f32)>,
}

/// The figures for one ranking method.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One row per confirmed pair and direction.
    pub rows: Vec<PairRow>,
    /// Share of (query, partner) rows with the partner first / in the top three.
    pub recall_at_1: f64,
    pub recall_at_3: f64,
    /// The best recall@1 any ranking can reach: a query with three partners
    /// can put only one of them first.
    pub recall_at_1_ceiling: f64,
    /// Share of queries with some confirmed partner first / in the top three.
    pub issue_recall_at_1: f64,
    pub issue_recall_at_3: f64,
    /// Suggestions shown (score ≥ threshold, top [`DISPLAY_LIMIT`]) for the
    /// queries that have a confirmed partner, and how many are confirmed.
    pub shown: usize,
    pub shown_confirmed: usize,
    /// Suggestions shown for every issue, distractors included.
    pub shown_all: usize,
    pub shown_all_confirmed: usize,
}

impl Report {
    /// Precision of the suggestions shown for queries in a confirmed pair.
    pub fn precision(&self) -> f64 {
        ratio(self.shown_confirmed, self.shown)
    }

    /// Precision over every issue's shown suggestions (stricter: distractors
    /// are not guaranteed to be non-duplicates).
    pub fn precision_all(&self) -> f64 {
        ratio(self.shown_all_confirmed, self.shown_all)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Evaluates a ranking: `rank(id)` returns the best suggestions for `id`,
/// best first, with scores; `threshold` decides which are shown.
pub fn evaluate(set: &EvalSet, threshold: f32, rank: impl Fn(i64) -> Vec<(i64, f32)>) -> Report {
    let mut partners: HashMap<i64, HashSet<i64>> = HashMap::new();
    for &(a, b) in &set.pairs {
        partners.entry(a).or_default().insert(b);
        partners.entry(b).or_default().insert(a);
    }
    let mut report = Report {
        rows: Vec::new(),
        recall_at_1: 0.0,
        recall_at_3: 0.0,
        recall_at_1_ceiling: 0.0,
        issue_recall_at_1: 0.0,
        issue_recall_at_3: 0.0,
        shown: 0,
        shown_confirmed: 0,
        shown_all: 0,
        shown_all_confirmed: 0,
    };
    let (mut hit1, mut hit3) = (0, 0);
    for doc in &set.docs {
        let top: Vec<(i64, f32)> = rank(doc.id).into_iter().take(DISPLAY_LIMIT).collect();
        let empty = HashSet::new();
        let mine = partners.get(&doc.id).unwrap_or(&empty);
        let shown: Vec<i64> = top.iter().filter(|(_, s)| *s >= threshold).map(|(id, _)| *id).collect();
        let confirmed = shown.iter().filter(|id| mine.contains(id)).count();
        report.shown_all += shown.len();
        report.shown_all_confirmed += confirmed;
        if mine.is_empty() {
            continue;
        }
        report.shown += shown.len();
        report.shown_confirmed += confirmed;
        let first = |k: usize| top.iter().take(k).any(|(id, _)| mine.contains(id));
        hit1 += usize::from(first(1));
        hit3 += usize::from(first(3));
        let mut sorted: Vec<i64> = mine.iter().copied().collect();
        sorted.sort_unstable();
        for partner in sorted {
            let rank = top.iter().position(|(id, _)| *id == partner).map(|p| p + 1);
            report.rows.push(PairRow {
                query: doc.id,
                partner,
                rank,
                top: top.clone(),
            });
        }
    }
    let rows = report.rows.len();
    let rows_ranked = |k: usize| report.rows.iter().filter(|r| r.rank.is_some_and(|x| x <= k)).count();
    report.recall_at_1 = ratio(rows_ranked(1), rows);
    report.recall_at_3 = ratio(rows_ranked(3), rows);
    report.recall_at_1_ceiling = ratio(partners.len(), rows);
    report.issue_recall_at_1 = ratio(hit1, partners.len());
    report.issue_recall_at_3 = ratio(hit3, partners.len());
    report
}

/// Evaluates the engine with its default weights: an [`Index`] over the whole set.
pub fn evaluate_index(set: &EvalSet) -> Report {
    evaluate_with(set, Params::default())
}

/// Evaluates the engine with other weights (ablation).
pub fn evaluate_with(set: &EvalSet, params: Params) -> Report {
    let mut index = Index::with_params(params);
    for doc in &set.docs {
        index.insert(doc);
    }
    evaluate(set, SHOW_THRESHOLD, |id| {
        index
            .suggest(id, DISPLAY_LIMIT)
            .into_iter()
            .map(|s| (s.id, s.score))
            .collect()
    })
}

/// The baseline: plain TF-IDF cosine over title and body (lower-cased
/// alphanumeric words, stop words removed, sublinear tf, no stemming, no
/// synonyms, no title weight, no metadata), by brute force.
pub fn baseline_ranker(set: &EvalSet) -> impl Fn(i64) -> Vec<(i64, f32)> + '_ {
    let bags: Vec<HashMap<String, f32>> = set
        .docs
        .iter()
        .map(|d| {
            let mut tf: HashMap<String, f32> = HashMap::new();
            let text = format!("{} {}", d.title, d.body).to_lowercase();
            for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                if !super::vocab::is_stop_word(w) {
                    *tf.entry(w.to_string()).or_default() += 1.0;
                }
            }
            tf
        })
        .collect();
    let n = bags.len() as f32;
    let mut df: HashMap<&str, f32> = HashMap::new();
    for bag in &bags {
        for w in bag.keys() {
            *df.entry(w.as_str()).or_default() += 1.0;
        }
    }
    let vectors: Vec<HashMap<String, f32>> = bags
        .iter()
        .map(|bag| {
            let v: HashMap<String, f32> = bag
                .iter()
                .map(|(w, tf)| (w.clone(), (1.0 + tf.ln()) * (n / df[w.as_str()]).ln()))
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f32>().sqrt().max(f32::EPSILON);
            v.into_iter().map(|(w, x)| (w, x / norm)).collect()
        })
        .collect();
    move |id| {
        let Some(q) = usize::try_from(id).ok().and_then(|i| vectors.get(i)) else {
            return Vec::new();
        };
        let mut scored: Vec<(i64, f32)> = vectors
            .iter()
            .enumerate()
            .filter(|&(i, _)| i as i64 != id)
            .map(|(i, v)| {
                (
                    i as i64,
                    q.iter().map(|(w, x)| x * v.get(w).copied().unwrap_or(0.0)).sum(),
                )
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(DISPLAY_LIMIT);
        scored
    }
}

/// The demo data's documented recurring patterns (ids as in assets/demo.jsonl).
pub const DEMO_PATTERNS: &[(&str, &[i64])] = &[
    ("usage CSV export vs invoice", &[7, 26, 29, 39, 59, 108, 132]),
    ("helm upgrade migration timeout", &[1, 6, 33, 36, 53, 134]),
    ("connector drops rows / times out", &[13, 18, 32, 51, 92, 95]),
    ("SSO/SAML login loop, Okta groups", &[2, 15, 38, 44, 140]),
    ("stripe webhook duplicate events", &[4, 16, 30, 74, 103]),
    ("scheduled reports early after DST", &[69, 73, 77, 115]),
    ("audit-log retention/forwarding", &[10, 25, 60, 89]),
    ("dashboard 30 s timeouts", &[14, 35, 52, 65, 101, 131]),
];

/// The demo items as documents, with the ids the demo file gives them.
pub fn demo_docs() -> Result<Vec<Doc>, crate::interchange::InterchangeError> {
    let demo = include_str!("../../assets/demo.jsonl");
    let batch = crate::interchange::parse(demo.as_bytes(), Utc::now())?;
    Ok(batch
        .items
        .iter()
        .map(|r| Doc {
            id: r.file_id.unwrap_or(r.item.id.0),
            ..Doc::from_item(&r.item)
        })
        .collect())
}

/// Demo figures: how many top-3 suggestions of pattern members come from the
/// same pattern, and how many members' first suggestion is from their
/// pattern and shown (score ≥ threshold).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoReport {
    pub top3_same: usize,
    pub top3_slots: usize,
    pub first_same: usize,
    pub first_shown: usize,
    pub members: usize,
}

pub fn evaluate_demo(index: &Index) -> DemoReport {
    let mut r = DemoReport {
        top3_same: 0,
        top3_slots: 0,
        first_same: 0,
        first_shown: 0,
        members: 0,
    };
    for (_, members) in DEMO_PATTERNS {
        for &id in *members {
            let top = index.suggest(id, 3);
            r.members += 1;
            r.top3_slots += top.len();
            r.top3_same += top.iter().filter(|s| members.contains(&s.id)).count();
            if let Some(first) = top.first().filter(|s| members.contains(&s.id)) {
                r.first_same += 1;
                r.first_shown += usize::from(first.is_likely());
            }
        }
    }
    r
}

/// How well theme proposals recover the demo patterns: the number recovered
/// (the best proposal holds ≥ 60 % of the pattern and is ≥ 60 % pattern
/// members) and one line per pattern.
pub fn demo_clusters(proposals: &[super::ThemeProposal]) -> (usize, Vec<String>) {
    let mut recovered = 0;
    let mut lines = Vec::new();
    for (name, members) in DEMO_PATTERNS {
        let hits = |p: &super::ThemeProposal| p.members.iter().filter(|m| members.contains(m)).count();
        let Some(best) = proposals.iter().max_by_key(|p| hits(p)) else {
            lines.push(format!("{name}: no proposal"));
            continue;
        };
        let coverage = hits(best) as f64 / members.len() as f64;
        let purity = hits(best) as f64 / best.members.len() as f64;
        recovered += usize::from(coverage >= 0.6 && purity >= 0.6);
        lines.push(format!(
            "{name:<36} coverage {coverage:.2} purity {purity:.2}  \"{}\"",
            best.name
        ));
    }
    (recovered, lines)
}
