//! Ranking many documents for one keystroke: [`rank_best`] finds the ranks
//! of every candidate that can reach its kind's best `limit`, tier by tier,
//! and keeps what it learned about each document ([`Known`]) so the next,
//! longer query starts from there instead of from scratch.
//!
//! Two facts make the knowledge carry over from a query to one that
//! extends it: a document without a whole occurrence of "inv" has none of
//! "invo", and the leftmost scattered match of "invo" continues the
//! leftmost match of "inv" (greedy matching is incremental).

use memchr::memmem::Finder;

use super::rank::{Hay, TITLE_SCATTERED, contiguous_rank, offset, resume, scattered_rank};
use super::scan::{Part, Texts, occurrences};

/// What the queries so far learned about a document that may still match.
#[derive(Clone, Copy, Debug)]
pub(super) struct Known {
    pub doc: u32,
    /// The leftmost scattered match of the needle's first `len` bytes: its
    /// first byte and one past its last (`len == 0`: not looked for).
    first: u32,
    end: u32,
    len: u16,
    flags: u8,
}

/// No whole occurrence of the query anywhere in the document.
const NO_WHOLE: u8 = 1;
/// The query is not scattered through the title alone.
const NOT_IN_TITLE: u8 = 2;
/// The query is not in the document at all.
const GONE: u8 = 4;

impl Known {
    /// A document nothing is known about yet.
    pub fn new(doc: u32) -> Known {
        Known {
            doc,
            first: 0,
            end: 0,
            len: 0,
            flags: 0,
        }
    }

    /// The leftmost scattered match of `needle` in `hay`, continuing the
    /// known one of its prefix; `title_only` looks only in the title.
    fn span(&mut self, hay: Hay, needle: &[u8], title_only: bool) -> Option<(usize, usize)> {
        // A span of more than the needle (never kept, but cheap to rule out)
        // says nothing about it: start over.
        let (known, first, at) = match usize::from(self.len) {
            0 => (0, None, 0),
            len if len > needle.len() => (0, None, 0),
            len => (len, Some(self.first as usize), self.end as usize),
        };
        let hay = if title_only { hay.title_only() } else { hay };
        let (first, end) = resume(hay, &needle[known..], first, at, |_| ())?;
        if let Ok(len) = u16::try_from(needle.len()) {
            (self.first, self.end, self.len) = (offset(first), offset(end), len);
        }
        Some((first, end))
    }
}

/// Ranks `known` (the candidates) for `needle`, one tier family at a time,
/// each phase only over what the earlier ones left: (1) a whole occurrence
/// in the title, (2) in the body, (3) scattered through the title, (4)
/// through the body. A group (kind) with `limit` documents in tiers no
/// later phase can beat is settled: its other documents are not looked at
/// and stay candidates for the next keystroke. Returns the (rank, doc)
/// pairs found; `known` keeps every document not shown to fail, with what
/// was learned about it.
pub(super) fn rank_best(
    known: &mut Vec<Known>,
    texts: &impl Texts,
    needle: &str,
    groups: usize,
    limit: usize,
) -> Vec<(i64, u32)> {
    let finder = Finder::new(needle);
    let bytes = needle.as_bytes();
    let mut scored = Vec::new();
    // sure[g]: documents of group g ranked above anything a later phase gives.
    let mut sure = vec![0usize; groups];
    let mut below = vec![0usize; groups];
    // A group is settled by finished phases only, never part-way through
    // one: within a phase, a later document may outrank an earlier one.
    let settled = |sure: &[usize]| sure.iter().map(|&n| n >= limit).collect::<Vec<_>>();
    let mut ranked = vec![false; known.len()];

    let all: Vec<u32> = (0..offset(known.len())).collect();
    for (i, at) in whole(known, texts, Part::Title, &finder, &all) {
        let k = &known[i as usize];
        if at.is_none() {
            continue;
        }
        let h = texts.hay(k.doc);
        if let Some(at) = at {
            scored.push((contiguous_rank(h.title, at as usize, bytes.len(), 0, true), k.doc));
            sure[h.group] += 1;
            ranked[i as usize] = true;
        }
    }
    let done = settled(&sure);
    let mut left: Vec<u32> = all
        .into_iter()
        .filter(|&i| !ranked[i as usize] && !done[texts.group(known[i as usize].doc)])
        .collect();
    for (i, at) in whole(known, texts, Part::Body, &finder, &left) {
        let k = &mut known[i as usize];
        let Some(at) = at else {
            k.flags |= NO_WHOLE;
            continue;
        };
        let h = texts.hay(k.doc);
        let rank = contiguous_rank(h.body(), at as usize, bytes.len(), h.title.len(), false);
        scored.push((rank, k.doc));
        ranked[i as usize] = true;
        if rank > TITLE_SCATTERED {
            sure[h.group] += 1;
        } else {
            below[h.group] += 1;
        }
    }
    left.retain(|&i| !ranked[i as usize]);
    let done = settled(&sure);
    left.retain(|&i| {
        let k = &mut known[i as usize];
        let h = texts.hay(k.doc);
        if done[h.group] {
            return false;
        }
        // A prefix whose leftmost match already leaves the title.
        if k.flags & NOT_IN_TITLE != 0 || (k.len > 0 && k.end as usize > h.title.len()) {
            k.flags |= NOT_IN_TITLE;
            return true;
        }
        match k.span(h, bytes, true) {
            Some((first, end)) => {
                scored.push((scattered_rank(first, end, h.title.len()), k.doc));
                sure[h.group] += 1;
                false
            }
            None => {
                k.flags |= NOT_IN_TITLE;
                true
            }
        }
    });
    // Body-inside hits now count: only body-scattered ones remain below them.
    for (s, b) in sure.iter_mut().zip(&below) {
        *s += b;
    }
    let done = settled(&sure);
    for &i in &left {
        let k = &mut known[i as usize];
        let h = texts.hay(k.doc);
        if done[h.group] {
            continue;
        }
        match k.span(h, bytes, false) {
            Some((first, end)) => scored.push((scattered_rank(first, end, h.title.len()), k.doc)),
            None => k.flags |= GONE,
        }
    }
    known.retain(|k| k.flags & GONE == 0);
    scored
}

/// The whole occurrences in `part` of the candidates at `at` (indices into
/// `known`) not already known to have none: (index, where).
fn whole(known: &[Known], texts: &impl Texts, part: Part, finder: &Finder, at: &[u32]) -> Vec<(u32, Option<u32>)> {
    let asked: Vec<u32> = at
        .iter()
        .copied()
        .filter(|&i| known[i as usize].flags & NO_WHOLE == 0)
        .collect();
    let docs: Vec<u32> = asked.iter().map(|&i| known[i as usize].doc).collect();
    let found = occurrences(texts, part, finder, &docs);
    asked.into_iter().zip(found).collect()
}

/// Below this many candidates one thread ranks them all: a second thread
/// costs more to start than it saves. (Tests split tiny sets, so the
/// proptests in `tests.rs` check the split too.)
#[cfg(not(test))]
const SPLIT_AT: usize = 16_384;
#[cfg(test)]
const SPLIT_AT: usize = 6;

/// [`rank_best`] on both cores: the candidates are cut in two and each
/// half ranked on its own. That gives the same best `limit` per group: a
/// half settles a group only when it holds `limit` documents of that group
/// that outrank everything it skips, so nothing skipped can be among the
/// group's best overall.
pub(super) fn rank_best_split(
    known: &mut Vec<Known>,
    texts: &impl Texts,
    needle: &str,
    groups: usize,
    limit: usize,
) -> Vec<(i64, u32)> {
    if known.len() < SPLIT_AT {
        return rank_best(known, texts, needle, groups, limit);
    }
    let mut second = known.split_off(known.len() / 2);
    let (mut scored, rest) = std::thread::scope(|s| {
        let other = s.spawn(|| rank_best(&mut second, texts, needle, groups, limit));
        let scored = rank_best(known, texts, needle, groups, limit);
        (scored, other.join())
    });
    // A panic in the other half is a bug; rank it here rather than lose it.
    let rest = rest.unwrap_or_else(|_| rank_best(&mut second, texts, needle, groups, limit));
    scored.extend(rest);
    known.append(&mut second);
    scored
}
