//! The engine's weights in one place, so the evaluation can switch each
//! signal off (ablation) and the defaults are documented together.
//!
//! The defaults were fixed from general retrieval practice before the
//! evaluation's per-pair results were examined; BENCHMARKS.md lists what
//! each one is worth on the development set.

/// Weights of the similarity signals. `Params::default()` is what loopboard uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// A title word counts this many times a body word: titles are the
    /// reporter's own summary of the problem.
    pub title_boost: f32,
    /// Adjacent word pairs ("usage export") add evidence on top of the words.
    pub bigram_weight: f32,
    /// Adjacent words also count as their joined compound ("data source" →
    /// "datasource"), weaker than a word actually written.
    pub compound_weight: f32,
    /// A quoted identifier (error name, config key, event type) is specific.
    pub ident_boost: f32,
    /// Tags are chosen by people, so they count like a body word.
    pub tag_weight: f32,
    /// Share of the text score from the TF-IDF cosine…
    pub w_cosine: f32,
    /// …and from fuzzy title matching (the two add up to 1).
    pub w_title: f32,
    /// Within the title score, the share of character-trigram overlap (the
    /// rest is rarity-weighted fuzzy word matching).
    pub title_trigram_share: f32,
    /// Share of the score metadata (category, customer, time) can scale.
    pub meta_span: f32,
    /// Apply the synonym table and stemming (off only for ablation).
    pub normalize_words: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            title_boost: 2.0,
            bigram_weight: 0.5,
            compound_weight: 0.5,
            ident_boost: 1.5,
            tag_weight: 1.0,
            w_cosine: 0.8,
            w_title: 0.2,
            title_trigram_share: 0.5,
            meta_span: 0.2,
            normalize_words: true,
        }
    }
}
