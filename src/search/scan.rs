//! Whole occurrences of a needle in many documents' titles or bodies at
//! once. When most documents of a stretch are asked about, one SIMD search
//! runs over their text laid back to back, so a document costs nothing
//! unless the needle is in it; otherwise each document is searched alone.

use memchr::memmem::Finder;

use super::rank::{Hay, is_word, offset, title_contiguous};

/// Which part of the documents a scan reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Part {
    Title,
    Body,
}

/// The documents' folded text as the engine lays it out: every title back
/// to back in document order, and every body likewise.
pub(super) trait Texts: Sync {
    fn hay(&self, d: u32) -> Hay<'_>;
    /// The group (kind) document `d` counts in.
    fn group(&self, d: u32) -> usize;
    /// Every document's `part`, back to back.
    fn all(&self, part: Part) -> &str;
    /// Where document `d`'s `part` lies in [`Texts::all`].
    fn range(&self, d: u32, part: Part) -> (usize, usize);
}

/// For each of `docs` (ascending), where the needle occurs whole in its
/// `part`: in a title its first whole-word occurrence, else its first (as
/// `title_contiguous`); in a body its first.
pub(super) fn occurrences(texts: &impl Texts, part: Part, finder: &Finder, docs: &[u32]) -> Vec<Option<u32>> {
    let (Some(&lo), Some(&hi)) = (docs.first(), docs.last()) else {
        return Vec::new();
    };
    if docs.len() * 4 >= (hi - lo) as usize {
        return dense(texts, part, finder, docs);
    }
    docs.iter()
        .map(|&d| {
            let h = texts.hay(d);
            match part {
                Part::Title => title_contiguous(finder, h.title),
                Part::Body => finder.find(h.body().as_bytes()),
            }
            .map(offset)
        })
        .collect()
}

/// [`occurrences`] by one search through the stretch of text from the
/// first document asked about to the last.
fn dense(texts: &impl Texts, part: Part, finder: &Finder, docs: &[u32]) -> Vec<Option<u32>> {
    let all = texts.all(part);
    let buf = all.as_bytes();
    let len = finder.needle().len();
    let mut out = vec![None; docs.len()];
    let stop = docs.last().map_or(0, |&d| texts.range(d, part).1);
    let (mut i, mut pos) = (0, 0);
    while i < docs.len() {
        let (start, end) = texts.range(docs[i], part);
        pos = pos.max(start);
        let Some(at) = finder.find(&buf[pos..stop]).map(|m| pos + m) else {
            break;
        };
        if at + len > end {
            // Not wholly in this document (nor, if it starts in it, is any
            // later occurrence): on to the documents it may lie in.
            i += 1;
            while i < docs.len() && texts.range(docs[i], part).1 <= at {
                i += 1;
            }
            pos = at;
            continue;
        }
        let within = offset(at - start);
        match part {
            Part::Body => {
                out[i] = Some(within);
                i += 1;
            }
            Part::Title if is_word(&all[start..end], at - start, len) => {
                out[i] = Some(within);
                i += 1;
            }
            Part::Title => {
                // The first occurrence stands unless a whole word follows;
                // look on after it (not overlapping, as `title_contiguous`).
                out[i].get_or_insert(within);
                pos = at + len;
            }
        }
    }
    out
}
