//! Fuzzy search over everything (`/`): items, themes, hypotheses, bets and
//! decisions, each a [`Doc`]. Pure — no SQL, no terminal — so it is tested
//! and benchmarked on its own; `tui/search.rs` runs it on a worker thread.
//!
//! Speed at 100k documents comes from never running a fuzzy matrix over
//! everything on a key:
//! - **prefilter and rank in one scan**: a document can only match if the
//!   query's characters appear in it in order (case-folded); one forward
//!   byte scan decides this and yields the rank (see [`rank_of`]);
//! - **incremental**: the hits of each query are kept on a stack; a query
//!   that extends the previous one scans only its hits (a document that
//!   lacks "inv" lacks "invo"), and Backspace pops back to a kept list
//!   without scanning at all;
//! - **bounded**: only the best `limit` of each kind are kept (a partial
//!   selection, not a sort), and only those are turned into shown text with
//!   the matched characters.
//!
//! Ranking, best first: the query as a whole word in the title; inside a
//! title word; as a whole word in the body; scattered through the title;
//! inside a body word; scattered through the body. Within a tier an earlier
//! and tighter match wins, then the older document.

pub mod docs;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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

/// A document as the scan sees it: where its case-folded text lies in the
/// engine's one folded string (all documents back to back, so a scan walks
/// memory in order), where its label ends, and which ASCII letters, digits
/// and spaces it holds (a query needing one it lacks is rejected at once).
struct Prepared {
    start: u32,
    end: u32,
    label_len: u32,
    bag: u64,
    /// Byte offsets in the folded text are char offsets in the document's
    /// text (ASCII text, whose case folding keeps every offset).
    plain: bool,
    /// Case folding kept the number of characters, so the n-th character of
    /// the folded text is the n-th of the text (true of nearly all text).
    same_chars: bool,
}

/// The letters, digits and spaces of `text` as bits of a u64.
fn bag(text: &str) -> u64 {
    text.bytes().fold(0, |bag, b| {
        bag | match b {
            b'0'..=b'9' => 1 << (b - b'0'),
            b'a'..=b'z' => 1 << (b - b'a' + 10),
            b' ' => 1 << 36,
            _ => 0,
        }
    })
}

/// The folded text of every document, and each one's place in it.
fn prepare(docs: &[Doc]) -> (String, Vec<Prepared>) {
    let mut all = String::new();
    let prepared = docs
        .iter()
        .map(|doc| {
            let hay = doc.text.to_lowercase();
            // The label's folded length, if the text starts with it (as
            // `docs` builds them); else no part of the text is the title.
            let label = doc.label.to_lowercase();
            let label_len = if hay.starts_with(&label) { label.len() } else { 0 };
            let start = all.len();
            all.push_str(&hay);
            Prepared {
                start: offset(start),
                end: offset(all.len()),
                label_len: offset(label_len),
                bag: bag(&hay),
                plain: doc.text.is_ascii(),
                same_chars: doc.text.is_ascii() || hay.chars().count() == doc.text.chars().count(),
            }
        })
        .collect();
    (all, prepared)
}

/// A byte offset as stored (u32: 4 GiB of folded text, far beyond a board).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One result: the document, its rank, and the matched characters'
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
    /// Every document's folded text, back to back.
    folded: String,
    prepared: Vec<Prepared>,
    /// (query, indices of the documents passing its prefilter), each query
    /// an extension of the one below it.
    stack: Vec<(String, Vec<u32>)>,
    matcher: SkimMatcherV2,
}

impl Engine {
    pub fn new(docs: Vec<Doc>) -> Engine {
        let (folded, prepared) = prepare(&docs);
        Engine {
            docs,
            folded,
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
        let mut best = self.best_per_kind(scored, limit);
        best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        best.into_iter()
            .map(|(score, d)| self.hit(d as usize, &needle, query.trim(), score))
            .collect()
    }

    /// The prefilter, over the previous hits when `needle` extends the
    /// query they belong to. Returns (rank, doc) of every hit.
    fn narrow(&mut self, needle: &str) -> Vec<(i64, u32)> {
        while let Some((q, _)) = self.stack.last() {
            if needle.starts_with(q.as_str()) {
                break;
            }
            self.stack.pop();
        }
        let wanted = bag(needle);
        let rank = |d: u32| {
            let p = &self.prepared[d as usize];
            if p.bag & wanted != wanted {
                return None;
            }
            let hay = &self.folded[p.start as usize..p.end as usize];
            rank_of(hay, p.label_len as usize, needle).map(|s| (s, d))
        };
        let scored: Vec<(i64, u32)> = match self.stack.last() {
            Some((_, hits)) => hits.iter().filter_map(|&d| rank(d)).collect(),
            None => (0..offset(self.prepared.len())).filter_map(rank).collect(),
        };
        let hits = scored.iter().map(|&(_, d)| d).collect();
        if self.stack.last().is_none_or(|(q, _)| q != needle) {
            self.stack.push((needle.to_string(), hits));
        }
        scored
    }

    /// The best `limit` of each kind: a partial selection per kind, linear
    /// in the number of hits.
    fn best_per_kind(&self, scored: Vec<(i64, u32)>, limit: usize) -> Vec<(i64, u32)> {
        let mut by_kind: [Vec<(i64, u32)>; Kind::ALL.len()] = Default::default();
        for hit in scored {
            by_kind[self.docs[hit.1 as usize].kind as usize].push(hit);
        }
        let order = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let mut out = Vec::new();
        for mut hits in by_kind {
            if hits.len() > limit && limit > 0 {
                hits.select_nth_unstable_by(limit - 1, order);
            }
            hits.truncate(limit);
            out.extend(hits);
        }
        out
    }

    /// One result, shown as its label when the match lies in the label,
    /// else as the part of its text around the match.
    fn hit(&self, doc: usize, needle: &str, query: &str, score: i64) -> Hit {
        let d = &self.docs[doc];
        let indices = self.indices(doc, needle, query);
        let label_chars = d.label.chars().count();
        let (shown, indices) = if indices.last().is_some_and(|&i| i < label_chars) {
            (d.label.clone(), indices)
        } else {
            snippet(&d.text, &indices)
        };
        Hit {
            doc,
            score,
            shown,
            indices,
        }
    }

    /// The matched characters (char indices in the text): where the scan
    /// found them, or by the fuzzy matcher when case folding changed the
    /// number of characters.
    fn indices(&self, doc: usize, needle: &str, query: &str) -> Vec<usize> {
        let p = &self.prepared[doc];
        let hay = &self.folded[p.start as usize..p.end as usize];
        if p.plain {
            return positions(hay, p.label_len as usize, needle).unwrap_or_default();
        }
        if p.same_chars {
            let bytes = positions(hay, p.label_len as usize, needle).unwrap_or_default();
            return bytes
                .into_iter()
                .filter(|&b| hay.is_char_boundary(b))
                .map(|b| hay[..b].chars().count())
                .collect();
        }
        self.matcher
            .fuzzy_indices(&self.docs[doc].text, query)
            .map(|(_, ix)| ix)
            .unwrap_or_default()
    }
}

/// Tier bases, best first (see the module documentation).
const TITLE_WORD: i64 = 600_000;
const TITLE_INSIDE: i64 = 500_000;
const BODY_WORD: i64 = 400_000;
const TITLE_SCATTERED: i64 = 300_000;
const BODY_INSIDE: i64 = 200_000;
const BODY_SCATTERED: i64 = 100_000;

/// Whether `needle` is a subsequence of the document's folded text `hay`
/// (whose first `label_len` bytes are its title) and, if so, its rank: the
/// tier, less how far in (and for a scattered match, how spread out).
fn rank_of(hay: &str, label_len: usize, needle: &str) -> Option<i64> {
    let late = |at: usize| (at as i64).min(80_000) / 8;
    if let Some((at, in_label)) = contiguous(hay, label_len, needle) {
        let tier = match (in_label, is_word(hay, at, needle.len())) {
            (true, true) => TITLE_WORD,
            (true, false) => TITLE_INSIDE,
            (false, true) => BODY_WORD,
            (false, false) => BODY_INSIDE,
        };
        return Some(tier - late(at));
    }
    let (first, end) = span(hay.as_bytes(), needle.as_bytes())?;
    let tier = if end <= label_len {
        TITLE_SCATTERED
    } else {
        BODY_SCATTERED
    };
    Some(tier - ((end - first) as i64).min(40_000) - late(first) / 4)
}

/// Where `needle` occurs whole: in the title (its first whole-word
/// occurrence there, else its first), else its first in the rest. Bounded
/// work: the title is short, and the rest is searched once.
fn contiguous(hay: &str, label_len: usize, needle: &str) -> Option<(usize, bool)> {
    let label = &hay[..label_len];
    if let Some(first) = label.find(needle) {
        let word = label[first..]
            .match_indices(needle)
            .map(|(i, _)| first + i)
            .find(|&i| is_word(hay, i, needle.len()));
        return Some((word.unwrap_or(first), true));
    }
    hay[label_len..].find(needle).map(|i| (label_len + i, false))
}

/// The leftmost subsequence match's first byte and one past its last,
/// without allocating (this runs for every document scanned).
fn span(hay: &[u8], needle: &[u8]) -> Option<(usize, usize)> {
    let first = memchr(*needle.first()?, hay)?;
    let mut at = first + 1;
    for &b in &needle[1..] {
        at += memchr(b, &hay[at..])? + 1;
    }
    Some((first, at))
}

/// The bytes of the leftmost subsequence match (for the shown results).
fn scattered(hay: &[u8], needle: &[u8]) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(needle.len());
    let mut at = 0;
    for &b in needle {
        let i = at + memchr(b, &hay[at..])?;
        out.push(i);
        at = i + 1;
    }
    Some(out)
}

/// Whether `hay[at..at + len]` is a whole word (no letter or digit on
/// either side).
fn is_word(hay: &str, at: usize, len: usize) -> bool {
    let before = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = hay[at + len..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// Byte offsets of the match [`rank_of`] ranked: the chosen contiguous
/// occurrence, else the leftmost subsequence.
fn positions(hay: &str, label_len: usize, needle: &str) -> Option<Vec<usize>> {
    if let Some((at, _)) = contiguous(hay, label_len, needle) {
        return Some((at..at + needle.len()).collect());
    }
    scattered(hay.as_bytes(), needle.as_bytes())
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
