//! The incremental inverted index: a term table (ids, document frequencies,
//! readable forms), postings per term, and one entry per document.
//!
//! A query runs in two stages. First it walks the postings of its own terms
//! (skipping terms so common they cannot discriminate) to accumulate an
//! approximate cosine, so it touches only documents that share a term with
//! it; then it re-scores the best few hundred exactly ([`super::score`]).
//! Inserting or removing a document touches only its own terms' postings.

use std::collections::HashMap;

use super::features::{self, Features};
use super::score::{self, Scored};
use super::{Doc, Params, Suggestion};

/// How many stage-one candidates are re-scored exactly.
const CANDIDATES: usize = 200;
/// A term in more than this share of documents (and more than
/// [`COMMON_FLOOR`] of them) is skipped in stage one: its postings are long
/// and it says little. It still counts in the exact score.
const COMMON_SHARE: f64 = 0.05;
const COMMON_FLOOR: u32 = 500;

#[derive(Debug, Clone, Copy)]
struct Posting {
    slot: u32,
    weight: f32,
}

/// Term ids, document frequencies, readable forms and postings.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    ids: HashMap<Box<str>, u32>,
    pub(crate) df: Vec<u32>,
    pub(crate) surface: Vec<Box<str>>,
    postings: Vec<Vec<Posting>>,
}

impl Terms {
    fn intern(&mut self, key: String, surface: &str) -> u32 {
        if let Some(&id) = self.ids.get(key.as_str()) {
            return id;
        }
        let id = self.df.len() as u32;
        self.ids.insert(key.into_boxed_str(), id);
        self.df.push(0);
        self.surface.push(surface.into());
        self.postings.push(Vec::new());
        id
    }
}

/// The readable forms of title words, each stored once: an entry refers to
/// them by number, so a title word costs 8 bytes in its entry instead of a
/// boxed string of its own (at 100k items, 470k allocations and ~20 MiB).
#[derive(Debug, Default)]
pub(crate) struct Words {
    ids: HashMap<Box<str>, u32>,
    text: Vec<Box<str>>,
}

impl Words {
    fn intern(&mut self, word: String) -> u32 {
        if let Some(&id) = self.ids.get(word.as_str()) {
            return id;
        }
        let id = self.text.len() as u32;
        let word = word.into_boxed_str();
        self.text.push(word.clone());
        self.ids.insert(word, id);
        id
    }

    pub(crate) fn get(&self, id: u32) -> &str {
        self.text.get(id as usize).map_or("", |w| w)
    }
}

/// One indexed document, with its terms as ids. Boxed slices and interned
/// labels, not `Vec`s and `String`s: at 100k documents every byte here is
/// 100 kB of the TUI's memory.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) id: i64,
    /// (term, weight without IDF), sorted by term.
    pub(crate) terms: Box<[(u32, f32)]>,
    /// Norm under the IDF of the moment it was inserted: only to rank stage-one
    /// candidates, where slight staleness does not matter.
    norm_hint: f32,
    /// Title words as (term, readable word in `Index::words`).
    pub(crate) title_words: Box<[(u32, u32)]>,
    pub(crate) title_grams: Box<[u32]>,
    /// Customer and category, interned (see `Index::labels`): only compared.
    pub(crate) customer: Option<u32>,
    pub(crate) category: Option<u32>,
    pub(crate) at: i64,
}

/// Documents to find duplicates among. See the module docs of `similar`.
#[derive(Debug, Default)]
pub struct Index {
    pub(crate) params: Params,
    pub(crate) terms: Terms,
    pub(crate) words: Words,
    /// Slots are never reused, so postings stay sorted by slot.
    entries: Vec<Option<Entry>>,
    slots: HashMap<i64, u32>,
    live: usize,
    /// Customer and category names → small ids.
    labels: HashMap<Box<str>, u32>,
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// An empty index with other weights (for measuring them).
    pub fn with_params(params: Params) -> Index {
        Index {
            params,
            ..Index::default()
        }
    }

    /// Builds an index over `docs`.
    pub fn build<'a>(docs: impl IntoIterator<Item = &'a Doc>) -> Index {
        let mut index = Index::new();
        for doc in docs {
            index.insert(doc);
        }
        index
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn contains(&self, id: i64) -> bool {
        self.slots.contains_key(&id)
    }

    /// Adds a document; a document with the same id is replaced.
    pub fn insert(&mut self, doc: &Doc) {
        self.remove(doc.id);
        let entry = self.entry_for(doc.id, features::extract(doc, &self.params));
        let slot = self.entries.len() as u32;
        for &(t, weight) in &entry.terms {
            self.terms.df[t as usize] += 1;
            self.terms.postings[t as usize].push(Posting { slot, weight });
        }
        self.entries.push(Some(entry));
        self.slots.insert(doc.id, slot);
        self.live += 1;
    }

    /// Replaces a document (same as [`Index::insert`]).
    pub fn update(&mut self, doc: &Doc) {
        self.insert(doc);
    }

    /// Removes a document; returns whether it was there.
    pub fn remove(&mut self, id: i64) -> bool {
        let Some(slot) = self.slots.remove(&id) else {
            return false;
        };
        let Some(entry) = self.entries.get_mut(slot as usize).and_then(Option::take) else {
            return false;
        };
        for &(t, _) in &entry.terms {
            let postings = &mut self.terms.postings[t as usize];
            if let Ok(at) = postings.binary_search_by_key(&slot, |p| p.slot) {
                postings.remove(at);
            }
            self.terms.df[t as usize] = self.terms.df[t as usize].saturating_sub(1);
        }
        self.live -= 1;
        true
    }

    /// The `limit` documents most likely to duplicate document `id`, best
    /// first, whatever their score (compare with [`super::SHOW_THRESHOLD`]).
    /// Empty when `id` is not indexed.
    pub fn suggest(&self, id: i64, limit: usize) -> Vec<Suggestion> {
        self.suggest_where(id, limit, |_| true)
    }

    /// Like [`Index::suggest`], among the documents whose id passes `keep`.
    pub fn suggest_where(&self, id: i64, limit: usize, keep: impl Fn(i64) -> bool) -> Vec<Suggestion> {
        let Some(query) = self.entry(id) else {
            return Vec::new();
        };
        let mut scored: Vec<Scored> = self
            .candidates(query)
            .into_iter()
            .filter_map(|slot| self.entries[slot as usize].as_ref())
            .filter(|e| e.id != id && keep(e.id))
            .map(|e| score::score(self, query, e))
            .collect();
        scored.sort_by(|a, b| b.total.total_cmp(&a.total).then(a.id.cmp(&b.id)));
        scored.truncate(limit);
        scored.into_iter().map(|s| score::explain(self, query, s)).collect()
    }

    /// Gives back the spare capacity that growing left behind (postings and
    /// tables grow by doubling, so up to half of them is unused after a bulk
    /// build). Called once, when a build is done; later inserts grow again.
    pub fn shrink(&mut self) {
        for postings in &mut self.terms.postings {
            postings.shrink_to_fit();
        }
        self.terms.postings.shrink_to_fit();
        self.terms.df.shrink_to_fit();
        self.terms.surface.shrink_to_fit();
        self.terms.ids.shrink_to_fit();
        self.entries.shrink_to_fit();
        self.slots.shrink_to_fit();
        self.labels.shrink_to_fit();
        self.words.ids.shrink_to_fit();
        self.words.text.shrink_to_fit();
    }

    /// What the index holds, in counts (for `examples/index_memory.rs`).
    pub fn memory_report(&self) -> String {
        let postings: usize = self.terms.postings.iter().map(Vec::len).sum();
        let spare: usize = self.terms.postings.iter().map(|p| p.capacity() - p.len()).sum();
        let live = self.entries.iter().flatten();
        let (mut terms, mut words, mut grams) = (0, 0, 0);
        for e in live {
            terms += e.terms.len();
            words += e.title_words.len();
            grams += e.title_grams.len();
        }
        format!(
            "{} terms, {} title words; {postings} postings (+{spare} spare); per-document terms {terms}, title words {words}, \
             title trigrams {grams}; {} slots",
            self.terms.df.len(),
            self.words.text.len(),
            self.entries.len()
        )
    }

    /// The exact similarity of two indexed documents (0..1), if both exist.
    pub fn similarity(&self, a: i64, b: i64) -> Option<f32> {
        Some(score::score(self, self.entry(a)?, self.entry(b)?).total)
    }

    pub(crate) fn entry(&self, id: i64) -> Option<&Entry> {
        self.entries.get(*self.slots.get(&id)? as usize)?.as_ref()
    }

    /// Inverse document frequency, BM25's form (always positive).
    pub(crate) fn idf(&self, term: u32) -> f32 {
        let n = self.live.max(1) as f32;
        let df = self.terms.df.get(term as usize).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Norm of a term vector under the current IDF.
    pub(crate) fn norm(&self, terms: &[(u32, f32)]) -> f32 {
        terms
            .iter()
            .map(|&(t, w)| (w * self.idf(t)).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    fn entry_for(&mut self, id: i64, f: Features) -> Entry {
        let mut terms: Vec<(u32, f32)> = f
            .terms
            .into_iter()
            .map(|(key, (w, surface))| (self.terms.intern(key, &surface), w))
            .collect();
        terms.sort_unstable_by_key(|&(t, _)| t);
        let title_words = f
            .title_words
            .into_iter()
            .map(|(stem, surface)| (self.terms.intern(stem, &surface), self.words.intern(surface)))
            .collect();
        let norm_hint = self.norm(&terms);
        Entry {
            id,
            terms: terms.into_boxed_slice(),
            norm_hint,
            title_words,
            title_grams: f.title_grams.into_boxed_slice(),
            customer: f.customer.map(|c| self.label(c)),
            category: f.category.map(|c| self.label(c)),
            at: f.at,
        }
    }

    fn label(&mut self, name: String) -> u32 {
        let next = self.labels.len() as u32;
        *self.labels.entry(name.into_boxed_str()).or_insert(next)
    }

    /// Stage one: slots of the documents with the highest approximate cosine.
    fn candidates(&self, query: &Entry) -> Vec<u32> {
        let common = (self.live as f64 * COMMON_SHARE).max(f64::from(COMMON_FLOOR));
        let mut acc = vec![0.0_f32; self.entries.len()];
        let mut touched = Vec::new();
        for &(t, qw) in &query.terms {
            if f64::from(self.terms.df[t as usize]) > common {
                continue;
            }
            let q = qw * self.idf(t).powi(2);
            for p in &self.terms.postings[t as usize] {
                let a = &mut acc[p.slot as usize];
                if *a == 0.0 {
                    touched.push(p.slot);
                }
                *a += q * p.weight;
            }
        }
        let approx = |slot: u32| {
            let hint = self.entries[slot as usize].as_ref().map_or(1.0, |e| e.norm_hint);
            acc[slot as usize] / hint.max(f32::EPSILON)
        };
        if touched.len() > CANDIDATES {
            touched.select_nth_unstable_by(CANDIDATES, |&a, &b| approx(b).total_cmp(&approx(a)));
            touched.truncate(CANDIDATES);
        }
        touched
    }
}
