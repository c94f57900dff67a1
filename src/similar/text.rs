//! Text → terms: tokenizing, identifiers, synonyms, stop words and stemming.
//!
//! A field becomes an ordered list of content words (each a stem plus the
//! readable word it came from, for explanations) and a list of whole
//! identifiers. Identifiers (`java.sql.SQLException`, `usage_rollup_v2`,
//! `DeadlineExceeded`, `E11000`) are kept whole, because two reports quoting
//! the same error name are strong evidence, and are also split into their
//! parts, so `SQLException` still meets a report that says "SQL exception".

use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::vocab;

/// One content word: the stem that is matched and the word shown to people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub stem: String,
    pub surface: String,
}

/// What one field (a title or a body) says, ready for weighting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Content words in reading order (stop words removed, synonyms applied).
    pub words: Vec<Word>,
    /// Whole identifiers, lower-cased.
    pub idents: Vec<String>,
}

/// Analyzes one field; `normalize` applies synonyms and stemming (it is off
/// only to measure what they are worth).
pub fn analyze(text: &str, normalize: bool) -> Analysis {
    let mut pieces = Vec::new();
    let mut idents = Vec::new();
    for raw in raw_tokens(text) {
        split_token(raw, &mut pieces, &mut idents);
    }
    Analysis {
        words: content_words(&pieces, normalize),
        idents,
    }
}

/// Runs of letters, digits and the joiners identifiers use, with joiners
/// trimmed from the ends ("end." → "end", "v2.14.0," → "v2.14.0").
fn raw_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '\'' | '’')))
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
}

/// Splits one raw token into lower-case pieces, recording it whole when it is
/// an identifier. Apostrophes go ("doesn't" → "doesnt", "Acme's" → "acme").
fn split_token(raw: &str, pieces: &mut Vec<String>, idents: &mut Vec<String>) {
    let raw = raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")).unwrap_or(raw);
    let raw: String = raw.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    if is_version(&raw) {
        pieces.push(raw.trim_start_matches(['v', 'V']).to_string());
        return;
    }
    let lower = raw.to_lowercase();
    if vocab::canonical(&lower).is_some() {
        pieces.push(lower);
        return;
    }
    if is_identifier(&raw) {
        idents.push(lower);
    }
    for part in raw.split(['_', '.', '-']).filter(|p| !p.is_empty()) {
        let camel = camel_parts(part);
        if camel.len() > 1 {
            // "ClickHouse" must meet "Clickhouse" and "clickhouse": the whole
            // word first, then its parts so "SQLException" meets "SQL exception".
            pieces.push(part.to_lowercase());
        }
        pieces.extend(camel.into_iter().map(|p| p.to_lowercase()));
    }
}

/// "2.14.0", "v0.33.4", "5.6": digits joined by dots.
fn is_version(raw: &str) -> bool {
    let digits = raw.trim_start_matches(['v', 'V']);
    digits.contains('.')
        && digits
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Error names and code symbols: snake_case, dotted names, or letters mixed
/// with digits (at least four characters, so "s3" is a word). Plain
/// camelCase is not one: "ClickHouse" is also written "Clickhouse", so it is
/// matched as a word, which every spelling shares.
fn is_identifier(raw: &str) -> bool {
    let has_alpha = raw.chars().any(char::is_alphabetic);
    let has_digit = raw.chars().any(|c| c.is_ascii_digit());
    let inner_dot = raw.contains('.') && has_alpha;
    has_alpha && (raw.contains('_') || inner_dot || (has_digit && raw.chars().count() >= 4))
}

/// Splits camelCase and PascalCase, keeping acronyms whole:
/// "SQLException" → ["SQL", "Exception"], "useSSL" → ["use", "SSL"].
fn camel_parts(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (prev, cur) = (chars[i - 1].1, chars[i].1);
        let next_lower = chars.get(i + 1).is_some_and(|(_, c)| c.is_lowercase());
        let boundary =
            (prev.is_lowercase() && cur.is_uppercase()) || (prev.is_uppercase() && cur.is_uppercase() && next_lower);
        if boundary {
            parts.push(&word[start..chars[i].0]);
            start = chars[i].0;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// Applies phrases and synonyms, drops stop words and single letters, stems.
fn content_words(pieces: &[String], normalize: bool) -> Vec<Word> {
    let mut words = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let (len, word) = match vocab::phrase_at(&pieces[i..]).filter(|_| normalize) {
            Some((len, canonical)) => (len, canonical.to_string()),
            None if normalize => (
                1,
                vocab::canonical(&pieces[i]).map_or_else(|| pieces[i].clone(), str::to_string),
            ),
            None => (1, pieces[i].clone()),
        };
        i += len;
        if word.chars().count() > 1 && !vocab::is_stop_word(&word) {
            words.push(Word {
                stem: if normalize { stem(&word) } else { word.clone() },
                surface: word,
            });
        }
    }
    words
}

/// Distinct words whose stems a thread remembers; past this the cache starts
/// over (text with endless distinct words gains nothing from it).
const STEM_CACHE: usize = 100_000;

/// Snowball English stem; words with digits are kept as they are.
///
/// Memoized per thread: vocabulary is Zipf-distributed, so building an
/// index over 100k items stems the same few thousand words millions of
/// times, and stemming was a third of the build.
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    thread_local! {
        static CACHE: RefCell<HashMap<Box<str>, Box<str>>> = RefCell::new(HashMap::new());
    }
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    CACHE.with_borrow_mut(|cache| {
        if let Some(stem) = cache.get(word) {
            return stem.to_string();
        }
        if cache.len() >= STEM_CACHE {
            cache.clear();
        }
        let stem = STEMMER.get_or_init(|| Stemmer::create(Algorithm::English)).stem(word);
        cache.insert(word.into(), stem.as_ref().into());
        stem.into_owned()
    })
}

/// Character trigrams of each word, padded so word starts and ends count,
/// hashed to integers, sorted and unique. Catches what stemming misses:
/// compounds ("dataset" / "data set"), typos, product-name variants.
pub fn trigrams<'a>(words: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut grams = Vec::new();
    for word in words {
        let padded: Vec<char> = std::iter::once(' ').chain(word.chars()).chain([' ']).collect();
        grams.extend(padded.windows(3).map(fnv));
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// FNV-1a over the characters: a small, stable hash (trigram sets are only
/// compared with each other, never stored across versions).
fn fnv(chars: &[char]) -> u32 {
    chars
        .iter()
        .fold(0x811c_9dc5_u32, |h, &c| (h ^ c as u32).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        analyze(text, true).words.into_iter().map(|w| w.stem).collect()
    }

    #[test]
    fn stop_words_go_and_words_are_stemmed() {
        assert_eq!(stems("The exports are failing"), ["export", "fail"]);
    }

    #[test]
    fn synonyms_and_phrases_meet() {
        assert_eq!(stems("can't sign in"), stems("login"));
        assert_eq!(stems("the request timed out"), stems("request timeout"));
        assert_eq!(stems("Postgres DB"), stems("postgresql database"));
    }

    #[test]
    fn identifiers_are_kept_whole_and_split() {
        let a = analyze("throws java.sql.SQLException and E11000, see usage_rollup_v2", true);
        assert_eq!(a.idents, ["java.sql.sqlexception", "e11000", "usage_rollup_v2"]);
        let s: Vec<_> = a.words.iter().map(|w| w.stem.as_str()).collect();
        assert!(
            s.contains(&"sql") && s.contains(&"rollup") && s.contains(&"e11000"),
            "{s:?}"
        );
        assert_eq!(
            stems("killed with DeadlineExceeded"),
            ["kill", "deadlineexceed", "timeout"]
        );
        assert!(analyze("ClickHouse", true).idents.is_empty());
        assert_eq!(stems("ClickHouse")[0], stems("clickhouse")[0]);
    }

    #[test]
    fn versions_are_one_term() {
        assert_eq!(stems("upgrade to v2.14.0."), ["upgrad", "2.14.0"]);
    }

    #[test]
    fn camel_case_keeps_acronyms() {
        assert_eq!(camel_parts("SQLException"), ["SQL", "Exception"]);
        assert_eq!(camel_parts("useSSL"), ["use", "SSL"]);
        assert_eq!(camel_parts("plain"), ["plain"]);
    }

    #[test]
    fn trigrams_overlap_for_variants() {
        let a = trigrams(["dataset"].into_iter());
        let b = trigrams(["dataset", "s"].into_iter());
        assert!(a.iter().all(|g| b.contains(g)));
    }
}
