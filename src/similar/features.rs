//! A document's features: weighted terms for the vector-space match, title
//! words and trigrams for fuzzy title matching, and the metadata signals.
//!
//! Weights are the corpus-independent half of TF-IDF (sublinear term
//! frequency times a per-kind boost); the IDF half is applied at query time,
//! so adding a document never forces other documents to be re-weighted.

use std::collections::HashMap;

use super::text::{self, Analysis};
use super::{Doc, Params};

/// The kind of a term, kept in its key so kinds never collide: words are
/// bare stems, bigrams contain a space, identifiers start with `#`, tags `@`.
pub(crate) fn ident_key(ident: &str) -> String {
    format!("#{ident}")
}

fn tag_key(tag: &str) -> String {
    format!("@{}", tag.trim().to_lowercase())
}

/// Features of one document, with terms as strings (the index maps them to ids).
#[derive(Debug, Default)]
pub(crate) struct Features {
    /// Term key → (weight, readable form).
    pub terms: HashMap<String, (f32, String)>,
    /// Title content words: (stem, readable form), unique, in order.
    pub title_words: Vec<(String, String)>,
    /// Hashed character trigrams of the title's content words.
    pub title_grams: Vec<u32>,
    pub customer: Option<String>,
    pub category: Option<String>,
    pub at: i64,
}

pub(crate) fn extract(doc: &Doc, p: &Params) -> Features {
    let title = text::analyze(&doc.title, p.normalize_words);
    let body = text::analyze(&doc.body, p.normalize_words);
    let mut f = Features {
        title_grams: text::trigrams(title.words.iter().map(|w| w.surface.as_str())),
        title_words: unique_words(&title),
        customer: normalized(doc.customer.as_deref()),
        category: normalized(doc.category.as_deref()),
        at: doc.created_at.timestamp(),
        ..Features::default()
    };
    add_field(&mut f.terms, &title, p.title_boost, p, true);
    add_field(&mut f.terms, &body, 1.0, p, false);
    for tag in doc.tags.iter().filter(|t| !t.trim().is_empty() && p.tag_weight > 0.0) {
        f.terms.insert(tag_key(tag), (p.tag_weight, tag.trim().to_lowercase()));
    }
    f
}

/// Adds one field's terms: words, bigrams, joined compounds and identifiers, each with a
/// sublinear frequency (1 + ln tf) so repeating a word ten times is not ten
/// times the evidence.
///
/// Word pairs (bigrams and joined compounds) come from titles only: that is
/// where the phrasing of the problem is, and in bodies they tripled the
/// number of terms (memory, speed) for no measurable gain.
fn add_field(terms: &mut HashMap<String, (f32, String)>, field: &Analysis, boost: f32, p: &Params, pairs: bool) {
    let mut counts: HashMap<String, (u32, f32, String)> = HashMap::new();
    let mut count = |key: String, weight: f32, surface: &str| {
        let e = counts.entry(key).or_insert((0, weight, surface.to_string()));
        e.0 += 1;
    };
    for w in &field.words {
        count(w.stem.clone(), 1.0, &w.surface);
    }
    for pair in field.words.windows(2).filter(|_| pairs && p.bigram_weight > 0.0) {
        let surface = format!("{} {}", pair[0].surface, pair[1].surface);
        count(format!("{} {}", pair[0].stem, pair[1].stem), p.bigram_weight, &surface);
    }
    for pair in field.words.windows(2).filter(|_| pairs && p.compound_weight > 0.0) {
        // "data source" also says "datasource": the joined word is a word term,
        // so it meets the closed compound in another report.
        if pair.iter().all(|w| w.surface.chars().all(char::is_alphabetic)) {
            let joined = format!("{}{}", pair[0].surface, pair[1].surface);
            let shown = format!("{} {}", pair[0].surface, pair[1].surface);
            count(text::stem(&joined), p.compound_weight, &shown);
        }
    }
    for ident in field.idents.iter().filter(|_| p.ident_boost > 0.0) {
        count(ident_key(ident), p.ident_boost, ident);
    }
    for (key, (tf, kind_weight, surface)) in counts {
        let w = boost * kind_weight * (1.0 + (tf as f32).ln());
        let e = terms.entry(key).or_insert((0.0, surface));
        e.0 += w;
    }
}

fn unique_words(field: &Analysis) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for w in &field.words {
        if !out.iter().any(|(s, _)| *s == w.stem) {
            out.push((w.stem.clone(), w.surface.clone()));
        }
    }
    out
}

fn normalized(s: Option<&str>) -> Option<String> {
    s.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn doc(title: &str, body: &str) -> Doc {
        Doc {
            id: 1,
            title: title.into(),
            body: body.into(),
            customer: Some(" Acme ".into()),
            category: None,
            tags: vec!["Billing".into()],
            created_at: chrono::Utc.timestamp_opt(0, 0).single().expect("epoch"),
        }
    }

    #[test]
    fn title_words_weigh_more_and_kinds_do_not_collide() {
        let f = extract(
            &doc("Invoice export", "The export of usage fails with ERR_EXPORT_FAILED"),
            &Params::default(),
        );
        assert!(f.terms["invoic"].0 > f.terms["fail"].0);
        assert!(f.terms.contains_key("invoic export"));
        assert!(f.terms.contains_key("#err_export_failed"));
        assert!(f.terms.contains_key("@billing"));
        assert_eq!(f.customer.as_deref(), Some("acme"));
    }
}
