//! Fuzzy search over everything (`/`): items, themes, hypotheses, bets and
//! decisions, each a [`Doc`]. Pure — no SQL, no terminal — so it is tested
//! and benchmarked on its own; `tui/search.rs` runs it on a worker thread.
//!
//! Speed at 100k documents comes from never running a fuzzy matrix over
//! everything on a key:
//! - **prefilter**: a document can only match if it holds every letter
//!   and digit of the query; a 64-bit letter bag per document decides it;
//! - **rank tier by tier**: the tiers below never overlap, so the ranking
//!   (`rank.rs`) first looks only at titles, and reads a kind's bodies only
//!   while fewer than `limit` of that kind matched in its title; a
//!   scattered (subsequence) match is looked for last;
//! - **one scan, not one search per document**: when most documents are
//!   asked about, a whole-occurrence phase runs one SIMD search (`memchr`)
//!   over all titles (or bodies) laid back to back (`scan.rs`);
//! - **incremental**: each query keeps, on a stack, the documents not shown
//!   to fail it and what it learned of each (`phases::Known`: no whole
//!   occurrence; not in the title; where its scattered match ends); a query
//!   that extends the previous one starts from that (a document that lacks
//!   "inv" lacks "invo"), and Backspace pops back;
//! - **both cores**: a large candidate set is ranked in two halves at once;
//! - **bounded**: only the best `limit` of each kind are kept (a partial
//!   selection, not a sort), and only those are turned into shown text with
//!   the matched characters.
//!
//! Ranking, best first: the query as a whole word in the title; inside a
//! title word; as a whole word in the body; scattered through the title;
//! inside a body word; scattered through the body. Within a tier an earlier
//! and tighter match wins, then the older document.

pub mod docs;
mod phases;
mod rank;
mod scan;

use phases::Known;
use rank::{Hay, offset, positions};
use scan::{Part, Texts};

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

/// A document as the scan sees it: where its case-folded title and the
/// rest of its folded text lie in the engine's two folded strings (each
/// document's back to back, so a scan walks memory in order, and a scan
/// of titles reads a quarter of the bytes), and which ASCII letters,
/// digits and spaces it holds (a query needing one it lacks is rejected at
/// once).
struct Prepared {
    /// Here rather than only in the [`Doc`], so a scan never reads docs.
    kind: Kind,
    title: (u32, u32),
    body: (u32, u32),
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

/// The folded titles and bodies of every document, and each one's place
/// in them.
fn prepare(docs: &[Doc]) -> (Folded, Vec<Prepared>) {
    let mut all = Folded::default();
    let prepared = docs
        .iter()
        .map(|doc| {
            let hay = doc.text.to_lowercase();
            // The label's folded length, if the text starts with it (as
            // `docs` builds them); else no part of the text is the title.
            let label = doc.label.to_lowercase();
            let label_len = if hay.starts_with(&label) { label.len() } else { 0 };
            let (title, body) = hay.split_at(label_len);
            let place = |buf: &mut String, part: &str| {
                let start = buf.len();
                buf.push_str(part);
                (offset(start), offset(buf.len()))
            };
            Prepared {
                kind: doc.kind,
                title: place(&mut all.titles, title),
                body: place(&mut all.bodies, body),
                bag: bag(&hay),
                plain: doc.text.is_ascii(),
                same_chars: doc.text.is_ascii() || hay.chars().count() == doc.text.chars().count(),
            }
        })
        .collect();
    all.titles.shrink_to_fit();
    all.bodies.shrink_to_fit();
    (all, prepared)
}

/// Document `d` as ranking sees it.
fn hay<'a>(prepared: &[Prepared], folded: &'a Folded, d: u32) -> Hay<'a> {
    let p = &prepared[d as usize];
    let title = &folded.titles[p.title.0 as usize..p.title.1 as usize];
    Hay::new(title, &folded.bodies, p.body, p.kind as usize)
}

/// The engine's documents as the ranking phases read them.
struct Corpus<'a> {
    prepared: &'a [Prepared],
    folded: &'a Folded,
}

impl Texts for Corpus<'_> {
    fn hay(&self, d: u32) -> Hay<'_> {
        hay(self.prepared, self.folded, d)
    }

    fn group(&self, d: u32) -> usize {
        self.prepared[d as usize].kind as usize
    }

    fn all(&self, part: Part) -> &str {
        match part {
            Part::Title => &self.folded.titles,
            Part::Body => &self.folded.bodies,
        }
    }

    fn range(&self, d: u32, part: Part) -> (usize, usize) {
        let p = &self.prepared[d as usize];
        let (start, end) = match part {
            Part::Title => p.title,
            Part::Body => p.body,
        };
        (start as usize, end as usize)
    }
}

/// Every document's folded title, back to back, and the rest of its text.
#[derive(Default)]
struct Folded {
    titles: String,
    bodies: String,
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
    folded: Folded,
    prepared: Vec<Prepared>,
    /// (query, the documents that may still match it: every one not shown
    /// to fail), each query an extension of the one below it.
    stack: Vec<(String, Vec<Known>)>,
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
        let scored = self.narrow(&needle, limit);
        let mut best = self.best_per_kind(scored, limit);
        best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        best.into_iter()
            .map(|(score, d)| self.hit(d as usize, &needle, query.trim(), score))
            .collect()
    }

    /// The candidates (the previous query's survivors when `needle` extends
    /// it, else every document), through the letter prefilter, ranked by
    /// [`rank::rank_best`]. Returns (rank, doc) of every document that may
    /// be among a kind's best `limit`.
    fn narrow(&mut self, needle: &str, limit: usize) -> Vec<(i64, u32)> {
        while let Some((q, _)) = self.stack.last() {
            if needle.starts_with(q.as_str()) {
                break;
            }
            self.stack.pop();
        }
        let wanted = bag(needle);
        let passes = |k: &Known| self.prepared[k.doc as usize].bag & wanted == wanted;
        let same = self.stack.last().is_some_and(|(q, _)| q == needle);
        // The previous query's knowledge is copied, not refined in place:
        // Backspace returns to it, and what holds for "invo" may not for "inv".
        let mut known: Vec<Known> = match self.stack.last_mut() {
            Some((_, known)) if same => std::mem::take(known),
            Some((_, known)) => known.iter().copied().filter(passes).collect(),
            None => (0..offset(self.prepared.len()))
                .map(Known::new)
                .filter(passes)
                .collect(),
        };
        let texts = Corpus {
            prepared: &self.prepared,
            folded: &self.folded,
        };
        let scored = phases::rank_best_split(&mut known, &texts, needle, Kind::ALL.len(), limit);
        match self.stack.last_mut() {
            Some(top) if same => top.1 = known,
            _ => self.stack.push((needle.to_string(), known)),
        }
        scored
    }

    fn hay(&self, d: u32) -> Hay<'_> {
        hay(&self.prepared, &self.folded, d)
    }

    /// The best `limit` of each kind: a partial selection per kind, linear
    /// in the number of hits.
    fn best_per_kind(&self, scored: Vec<(i64, u32)>, limit: usize) -> Vec<(i64, u32)> {
        let mut by_kind: [Vec<(i64, u32)>; Kind::ALL.len()] = Default::default();
        for hit in scored {
            by_kind[self.prepared[hit.1 as usize].kind as usize].push(hit);
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
        let hay = self.hay(offset(doc));
        if p.plain {
            return positions(hay, needle);
        }
        if p.same_chars {
            let folded = format!("{}{}", hay.title, hay.body());
            return positions(hay, needle)
                .into_iter()
                .filter(|&b| folded.is_char_boundary(b))
                .map(|b| folded[..b].chars().count())
                .collect();
        }
        self.matcher
            .fuzzy_indices(&self.docs[doc].text, query)
            .map(|(_, ix)| ix)
            .unwrap_or_default()
    }
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
