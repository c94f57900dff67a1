//! Fuzzy search over everything (`/`): items, themes, hypotheses, bets and
//! decisions, each a [`Doc`]. Pure — no SQL, no terminal — so it is tested
//! and benchmarked on its own.
//!
//! Speed at 100k documents comes from not running the fuzzy matcher over
//! everything on each key:
//! - **prefilter**: a document can only match if the query's characters
//!   appear in it in order (case-folded); one forward byte scan decides
//!   this and yields a cheap score (a contiguous match, early, in the title
//!   beats a scattered one);
//! - **incremental**: the hits of each query are kept on a stack; a query
//!   that extends the previous one scans only its hits (a document that
//!   lacks "inv" lacks "invo"), and Backspace pops back to a kept list
//!   without scanning at all;
//! - **bounded matching**: only the best [`CANDIDATES`] by the cheap score
//!   go through SkimMatcherV2, which orders them and gives the matched
//!   characters to highlight.

pub mod docs;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// How many prefiltered documents the fuzzy matcher ranks per query.
pub const CANDIDATES: usize = 400;

/// What a document is, for grouping and for jumping to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Item,
    Theme,
    Hypothesis,
    Bet,
    Decision,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Item, Kind::Theme, Kind::Hypothesis, Kind::Bet, Kind::Decision];

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Item => "Items",
            Kind::Theme => "Themes",
            Kind::Hypothesis => "Hypotheses",
            Kind::Bet => "Bets",
            Kind::Decision => "Decisions",
        }
    }
}

/// One searchable object: `label` is what a result shows (a title), `text`
/// everything searched (label, then body, customer, tags…).
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub kind: Kind,
    pub id: i64,
    pub label: String,
    pub text: String,
}

/// A document as the scan sees it: case-folded bytes and where the label
/// ends in them.
struct Prepared {
    hay: Box<str>,
    label_len: usize,
}

impl Prepared {
    fn new(doc: &Doc) -> Prepared {
        Prepared {
            hay: doc.text.to_lowercase().into_boxed_str(),
            label_len: doc.label.to_lowercase().len(),
        }
    }
}

/// One result: the document, its fuzzy score, and the matched characters'
/// positions (char indices) in `shown`, the text to display.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: i64,
    pub shown: String,
    pub indices: Vec<usize>,
}

/// The documents and the incremental state of the current query.
pub struct Engine {
    docs: Vec<Doc>,
    prepared: Vec<Prepared>,
    /// (query, indices of the documents passing its prefilter), each query
    /// an extension of the one below it.
    stack: Vec<(String, Vec<u32>)>,
    matcher: SkimMatcherV2,
}

impl Engine {
    pub fn new(docs: Vec<Doc>) -> Engine {
        let prepared = docs.iter().map(Prepared::new).collect();
        Engine {
            docs,
            prepared,
            stack: Vec::new(),
            matcher: SkimMatcherV2::default(),
        }
    }

    pub fn doc(&self, i: usize) -> &Doc {
        &self.docs[i]
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best documents for `query`, best first, at most `limit` of each
    /// kind (so a thousand matching items leave room for the one theme).
    /// An empty query finds nothing.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() {
            self.stack.clear();
            return Vec::new();
        }
        let scored = self.narrow(&needle);
        self.rank(query.trim(), scored, limit)
    }

    /// The prefilter, over the previous hits when `needle` extends the
    /// query they belong to. Returns (cheap score, doc) of every hit.
    fn narrow(&mut self, needle: &str) -> Vec<(i64, u32)> {
        while let Some((q, _)) = self.stack.last() {
            if needle.starts_with(q.as_str()) {
                break;
            }
            self.stack.pop();
        }
        let n = needle;
        let scored: Vec<(i64, u32)> = match self.stack.last() {
            Some((_, hits)) => hits
                .iter()
                .filter_map(|&d| cheap_score(&self.prepared[d as usize], n).map(|s| (s, d)))
                .collect(),
            None => (0..self.prepared.len())
                .filter_map(|d| cheap_score(&self.prepared[d], n).map(|s| (s, d as u32)))
                .collect(),
        };
        let hits = scored.iter().map(|&(_, d)| d).collect();
        if self.stack.last().is_none_or(|(q, _)| q != needle) {
            self.stack.push((needle.to_string(), hits));
        }
        scored
    }

    fn rank(&self, query: &str, mut scored: Vec<(i64, u32)>, limit: usize) -> Vec<Hit> {
        if scored.len() > CANDIDATES {
            scored.select_nth_unstable_by(CANDIDATES, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(CANDIDATES);
        }
        let mut hits: Vec<Hit> = scored
            .into_iter()
            .filter_map(|(_, d)| self.hit(d as usize, query))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        let mut taken = [0usize; Kind::ALL.len()];
        hits.retain(|h| {
            let n = &mut taken[self.docs[h.doc].kind as usize];
            *n += 1;
            *n <= limit
        });
        hits
    }

    /// The fuzzy match of one document, shown as its label when the label
    /// matches, else as the part of its text around the match.
    fn hit(&self, doc: usize, query: &str) -> Option<Hit> {
        let d = &self.docs[doc];
        let (score, indices) = self.matcher.fuzzy_indices(&d.text, query)?;
        let label_chars = d.label.chars().count();
        if indices.last().is_some_and(|&i| i < label_chars) {
            return Some(Hit {
                doc,
                score: score + 20,
                shown: d.label.clone(),
                indices,
            });
        }
        let (shown, indices) = snippet(&d.text, &indices);
        Some(Hit {
            doc,
            score,
            shown,
            indices,
        })
    }
}

/// Whether `needle` is a subsequence of the document, and if so a cheap
/// score: a contiguous match is best, earlier is better, in the label
/// better still; a scattered one scores by how tightly it is spread.
fn cheap_score(p: &Prepared, needle: &str) -> Option<i64> {
    let label = |at: usize| if at < p.label_len { 5_000 } else { 0 };
    if let Some(at) = p.hay.find(needle) {
        return Some(10_000 + label(at) - (at as i64).min(8000) / 8);
    }
    let (hay, needle) = (p.hay.as_bytes(), needle.as_bytes());
    let first = memchr(needle[0], hay)?;
    let mut at = first + 1;
    for &b in &needle[1..] {
        at += memchr(b, &hay[at..])? + 1;
    }
    Some(label(first) - (at - first) as i64 - (first as i64).min(8000) / 8)
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&x| x == b)
}

/// About [`SNIPPET`] characters of `text` around the matched `indices`,
/// with the indices moved to match.
fn snippet(text: &str, indices: &[usize]) -> (String, Vec<usize>) {
    let first = indices.first().copied().unwrap_or(0);
    let start = first.saturating_sub(SNIPPET / 4);
    let shown: String = text.chars().skip(start).take(SNIPPET).collect();
    let lead = if start > 0 { "…" } else { "" };
    let offset = usize::from(start > 0);
    let moved = indices
        .iter()
        .filter(|&&i| i >= start && i < start + SNIPPET)
        .map(|&i| i - start + offset)
        .collect();
    (format!("{lead}{shown}"), moved)
}

/// How many characters of a body a result shows around the match.
const SNIPPET: usize = 80;

#[cfg(test)]
mod tests;
