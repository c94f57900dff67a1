//! The exact score of one candidate against the query, and its explanation.
//!
//! `total = (0.8 · cosine + 0.2 · title) · (0.8 + 0.2 · meta)`, all in 0..1:
//! text decides, metadata (category, customer, time) can only scale a text
//! match by up to a fifth, so two unrelated items from the same customer in
//! the same week never look alike.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::OnceLock;

use super::Suggestion;
use super::index::{Entry, Index};

/// Time closeness halves every this many days.
const TIME_HALF_LIFE_DAYS: f64 = 30.0;
/// A fuzzy word match must keep this share of a perfect match's score.
const FUZZY_MIN: f32 = 0.6;
/// Fuzzy matching needs words this long; shorter ones match by accident.
const FUZZY_MIN_LEN: usize = 4;
/// How many shared terms explain a suggestion.
const WHY_TERMS: usize = 5;

/// A candidate's score before it is explained.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub id: i64,
    pub total: f32,
}

pub(crate) fn score(index: &Index, q: &Entry, c: &Entry) -> Scored {
    let p = &index.params;
    let text = p.w_cosine * cosine(index, q, c) + p.w_title * title(index, q, c);
    let total = text * (1.0 - p.meta_span + p.meta_span * meta(q, c));
    Scored {
        id: c.id,
        total: total.clamp(0.0, 1.0),
    }
}

/// TF-IDF cosine under the current IDF (a merge over the sorted term lists).
fn cosine(index: &Index, q: &Entry, c: &Entry) -> f32 {
    let dot: f32 = shared(&q.terms, &c.terms)
        .map(|(t, a, b)| a * b * index.idf(t).powi(2))
        .sum();
    let norms = index.norm(&q.terms) * index.norm(&c.terms);
    if norms > 0.0 { (dot / norms).min(1.0) } else { 0.0 }
}

/// Shared terms of two lists sorted by term: (term, weight in q, weight in c).
fn shared<'a>(q: &'a [(u32, f32)], c: &'a [(u32, f32)]) -> impl Iterator<Item = (u32, f32, f32)> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < q.len() && j < c.len() {
            let ((tq, wq), (tc, wc)) = (q[i], c[j]);
            if tq < tc {
                i += 1;
            } else if tq > tc {
                j += 1;
            } else {
                i += 1;
                j += 1;
                return Some((tq, wq, wc));
            }
        }
        None
    })
}

/// Fuzzy title similarity: the mean of rarity-weighted fuzzy word overlap
/// (both directions) and trigram overlap (Dice).
fn title(index: &Index, q: &Entry, c: &Entry) -> f32 {
    let words = 0.5 * (word_overlap(index, q, c) + word_overlap(index, c, q));
    let share = index.params.title_trigram_share;
    (1.0 - share) * words + share * dice(&q.title_grams, &c.title_grams)
}

/// Share of `a`'s title words (weighted by IDF) found in `b`'s title, exactly
/// by stem or else fuzzily ("exports" / "exporting", typos, compounds).
fn word_overlap(index: &Index, a: &Entry, b: &Entry) -> f32 {
    let (mut found, mut total) = (0.0, 0.0);
    for &(t, word) in &a.title_words {
        let idf = index.idf(t);
        total += idf;
        let word = index.words.get(word);
        found += idf
            * if b.title_words.iter().any(|&(u, _)| u == t) {
                1.0
            } else {
                b.title_words
                    .iter()
                    .map(|&(_, w)| fuzzy(word, index.words.get(w)))
                    .fold(0.0, f32::max)
            };
    }
    if total > 0.0 { found / total } else { 0.0 }
}

/// Fuzzy match of two words in 0..1: the shorter is matched inside the
/// longer, scored against a perfect match and scaled by the length ratio, so
/// "time" does not fully match "timeout". Below [`FUZZY_MIN`] it is 0.
fn fuzzy(a: &str, b: &str) -> f32 {
    static MATCHER: OnceLock<SkimMatcherV2> = OnceLock::new();
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Cheap refusals first: the length ratio caps the result, and words that
    // differ in their first letter are different words, not variants.
    let len_ratio = short.len() as f32 / long.len() as f32;
    if short.len() < FUZZY_MIN_LEN || len_ratio < FUZZY_MIN || short.chars().next() != long.chars().next() {
        return 0.0;
    }
    let m = MATCHER.get_or_init(|| SkimMatcherV2::default().ignore_case());
    let (Some(got), Some(best)) = (m.fuzzy_match(long, short), m.fuzzy_match(short, short)) else {
        return 0.0;
    };
    let ratio = (got as f32 / best.max(1) as f32).min(1.0) * len_ratio;
    if ratio >= FUZZY_MIN { ratio } else { 0.0 }
}

/// Dice coefficient of two sorted, unique sets.
fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Metadata agreement in 0..1; 0.5 is "nothing known either way".
/// Different categories pull down, the same category and the same customer
/// pull up (one customer often reports the same problem twice), and items
/// close in time pull up (a problem tends to arrive in a burst).
fn meta(q: &Entry, c: &Entry) -> f32 {
    let category = match (&q.category, &c.category) {
        (Some(a), Some(b)) if a == b => 1.0,
        (Some(_), Some(_)) => -1.0,
        _ => 0.0,
    };
    let customer = match (&q.customer, &c.customer) {
        (Some(a), Some(b)) if a == b => 1.0,
        _ => 0.0,
    };
    let days = (q.at - c.at).unsigned_abs() as f64 / 86_400.0;
    let time = 0.5_f64.powf(days / TIME_HALF_LIFE_DAYS) as f32;
    (0.5 + 0.25 * category + 0.1 * customer + 0.15 * time).clamp(0.0, 1.0)
}

/// Turns a score into a suggestion with the shared terms that weighed most.
pub(crate) fn explain(index: &Index, q: &Entry, s: Scored) -> Suggestion {
    let Some(c) = index.entry(s.id) else {
        return Suggestion {
            id: s.id,
            score: s.total,
            why: Vec::new(),
        };
    };
    let mut shared: Vec<(f32, u32)> = shared(&q.terms, &c.terms)
        .map(|(t, a, b)| (a * b * index.idf(t).powi(2), t))
        .collect();
    shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut why: Vec<String> = Vec::new();
    for (_, t) in shared {
        let word = &index.terms.surface[t as usize];
        // A word already shown, alone or inside a shown pair, adds nothing
        // (a compound and its bigram read the same).
        if !why
            .iter()
            .any(|w| **w == **word || w.split(' ').any(|part| part == &**word))
        {
            why.push(word.to_string());
        }
        if why.len() == WHY_TERMS {
            break;
        }
    }
    Suggestion {
        id: s.id,
        score: s.total,
        why,
    }
}
