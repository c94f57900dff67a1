//! How one document ranks for a query: the definition, and the pieces
//! `phases.rs` ranks many documents with.
//!
//! Ranking, best first: the query as a whole word in the title; inside a
//! title word; as a whole word in the body; scattered through the title;
//! inside a body word; scattered through the body. Within a tier an earlier
//! and tighter match wins. The tiers never overlap (a tier's worst score is
//! above the next tier's best), which is what lets `phases.rs` stop early.

use memchr::memmem::Finder;

/// Tier bases, best first (see the module documentation).
pub(super) const TITLE_WORD: i64 = 600_000;
pub(super) const TITLE_INSIDE: i64 = 500_000;
pub(super) const BODY_WORD: i64 = 400_000;
pub(super) const TITLE_SCATTERED: i64 = 300_000;
pub(super) const BODY_INSIDE: i64 = 200_000;
pub(super) const BODY_SCATTERED: i64 = 100_000;

/// A document as ranking sees it: its case-folded title and the rest of
/// its text, kept apart so a scan of titles reads only titles. The body is
/// sliced only when asked for: even slicing it reads its memory (UTF-8
/// boundary checks), which a titles-only phase must not pay for.
#[derive(Clone, Copy)]
pub(super) struct Hay<'a> {
    pub title: &'a str,
    bodies: &'a str,
    at: (u32, u32),
    /// Which group the document is counted in (its kind).
    pub group: usize,
}

impl<'a> Hay<'a> {
    /// The document whose body is `bodies[at.0..at.1]`.
    pub fn new(title: &'a str, bodies: &'a str, at: (u32, u32), group: usize) -> Hay<'a> {
        Hay {
            title,
            bodies,
            at,
            group,
        }
    }

    /// The same document with an empty body.
    pub fn title_only(self) -> Hay<'a> {
        Hay { at: (0, 0), ..self }
    }

    pub fn body(&self) -> &'a str {
        &self.bodies[self.at.0 as usize..self.at.1 as usize]
    }
}

/// The penalty for a match starting `at` bytes into the text.
fn late(at: usize) -> i64 {
    (at as i64).min(80_000) / 8
}

/// The rank of a whole occurrence at `at` of `part` (the title, or the
/// body `skip` bytes into the text).
pub(super) fn contiguous_rank(part: &str, at: usize, len: usize, skip: usize, in_title: bool) -> i64 {
    let tier = match (in_title, is_word(part, at, len)) {
        (true, true) => TITLE_WORD,
        (true, false) => TITLE_INSIDE,
        (false, true) => BODY_WORD,
        (false, false) => BODY_INSIDE,
    };
    tier - late(skip + at)
}

pub(super) fn scattered_rank(first: usize, end: usize, title_len: usize) -> i64 {
    let tier = if end <= title_len {
        TITLE_SCATTERED
    } else {
        BODY_SCATTERED
    };
    tier - ((end - first) as i64).min(40_000) - late(first) / 4
}

/// The rank of one document, or `None` if `needle` is not a subsequence of
/// it: the definition `phases::rank_best` computes in phases (tests check that
/// both agree).
#[cfg(test)]
pub(super) fn rank_of(hay: Hay, needle: &str) -> Option<i64> {
    let finder = Finder::new(needle);
    let len = needle.len();
    if let Some(at) = title_contiguous(&finder, hay.title) {
        return Some(contiguous_rank(hay.title, at, len, 0, true));
    }
    if let Some(at) = finder.find(hay.body().as_bytes()) {
        return Some(contiguous_rank(hay.body(), at, len, hay.title.len(), false));
    }
    let (first, end) = subsequence(hay, needle.as_bytes(), |_| ())?;
    Some(scattered_rank(first, end, hay.title.len()))
}

/// The title's first whole-word occurrence of the needle, else its first.
pub(super) fn title_contiguous(finder: &Finder, title: &str) -> Option<usize> {
    let bytes = title.as_bytes();
    let first = finder.find(bytes)?;
    let len = finder.needle().len();
    let word = finder
        .find_iter(&bytes[first..])
        .map(|i| first + i)
        .find(|&i| is_word(title, i, len));
    Some(word.unwrap_or(first))
}

/// The leftmost subsequence match of `needle` in the title then the body:
/// its first byte and one past its last, counted in the whole text, each
/// matched byte also given to `each`. Allocates nothing (it runs for every
/// document scanned).
fn subsequence(hay: Hay, needle: &[u8], each: impl FnMut(usize)) -> Option<(usize, usize)> {
    resume(hay, needle, None, 0, each)
}

/// [`subsequence`] picked up where a match of a prefix of the needle
/// ended: `needle` is the rest, `first` the prefix match's first byte (none
/// for an empty prefix), `at` one past its last. Greedy leftmost matching
/// is incremental, so this is the whole needle's leftmost match.
pub(super) fn resume(
    hay: Hay,
    needle: &[u8],
    mut first: Option<usize>,
    mut at: usize,
    mut each: impl FnMut(usize),
) -> Option<(usize, usize)> {
    let (title, body) = (hay.title.as_bytes(), hay.body().as_bytes());
    for &b in needle {
        let i = match title.get(at..).and_then(|rest| memchr::memchr(b, rest)) {
            Some(i) => at + i,
            None => {
                let from = at.saturating_sub(title.len());
                title.len() + from + memchr::memchr(b, body.get(from..)?)?
            }
        };
        first.get_or_insert(i);
        each(i);
        at = i + 1;
    }
    Some((first?, at))
}

/// Whether `part[at..at + len]` is a whole word (no letter or digit on
/// either side within the title or the body).
pub(super) fn is_word(part: &str, at: usize, len: usize) -> bool {
    let before = part[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = part[at + len..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// Byte offsets in the whole folded text (title then body) of the match
/// the rank was given for: the chosen whole occurrence, else the leftmost
/// subsequence. A match of valid UTF-8 in valid UTF-8 starts on a
/// character boundary, so these offsets are safe to slice at.
pub(super) fn positions(hay: Hay, needle: &str) -> Vec<usize> {
    let finder = Finder::new(needle);
    let at = title_contiguous(&finder, hay.title)
        .or_else(|| finder.find(hay.body().as_bytes()).map(|i| hay.title.len() + i));
    if let Some(at) = at {
        return (at..at + needle.len()).collect();
    }
    let mut out = Vec::with_capacity(needle.len());
    match subsequence(hay, needle.as_bytes(), |i| out.push(i)) {
        Some(_) => out,
        None => Vec::new(),
    }
}

/// A byte offset or count as stored (u32: 4 GiB of folded text, far beyond
/// a board).
pub(super) fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
