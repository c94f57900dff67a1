use super::*;

fn doc(kind: Kind, id: i64, label: &str, rest: &str) -> Doc {
    Doc {
        kind,
        id,
        label: label.to_string(),
        text: format!("{label} {rest}"),
    }
}

fn engine() -> Engine {
    Engine::new(vec![
        doc(
            Kind::Item,
            1,
            "Invoice totals wrong",
            "the PDF shows the old VAT · Acme · billing",
        ),
        doc(
            Kind::Item,
            2,
            "SSO login loops",
            "okta redirect never returns · Globex · sso",
        ),
        doc(Kind::Theme, 3, "Invoice accuracy", ""),
        doc(
            Kind::Bet,
            4,
            "Rebuild export",
            "customers quote invoice exports in their tickets",
        ),
        doc(Kind::Decision, 5, "decline #9", "we will not support IE11"),
    ])
}

#[test]
fn finds_by_fuzzy_title_and_highlights_the_matched_characters() {
    let mut e = engine();
    let hits = e.search("invtot", 10);
    assert_eq!(hits[0].doc, 0);
    assert_eq!(hits[0].shown, "Invoice totals wrong");
    let marked: String = hits[0]
        .indices
        .iter()
        .map(|&i| hits[0].shown.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked.to_lowercase(), "invtot");
}

#[test]
fn a_match_in_the_body_shows_the_part_around_it() {
    let mut e = engine();
    let hits = e.search("okta", 10);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].shown.contains("okta redirect"), "{:?}", hits[0].shown);
    let marked: String = hits[0]
        .indices
        .iter()
        .map(|&i| hits[0].shown.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked, "okta");
}

#[test]
fn narrowing_and_backspace_give_the_same_results_as_a_fresh_search() {
    let mut e = engine();
    let mut typed = String::new();
    for c in "invoice".chars() {
        typed.push(c);
        let incremental = e.search(&typed, 10);
        let fresh = Engine::new(engine().docs).search(&typed, 10);
        assert_eq!(incremental, fresh, "after {typed:?}");
    }
    let back = e.search("inv", 10);
    assert_eq!(back, Engine::new(engine().docs).search("inv", 10));
    // A different query after that starts over.
    assert_eq!(e.search("sso", 10)[0].doc, 1);
    assert!(e.search("zzz", 10).is_empty());
    assert!(e.search("  ", 10).is_empty());
}

#[test]
fn title_matches_rank_above_body_matches() {
    let mut e = engine();
    let hits = e.search("invoice", 10);
    let kinds: Vec<usize> = hits.iter().map(|h| h.doc).collect();
    assert_eq!(
        kinds.last(),
        Some(&3),
        "the bet only mentions it in its text: {kinds:?}"
    );
    assert_eq!(hits.len(), 3);
}

#[test]
fn each_kind_gets_its_own_room() {
    let mut docs: Vec<Doc> = (0..50)
        .map(|i| doc(Kind::Item, i, &format!("invoice {i}"), ""))
        .collect();
    docs.push(doc(Kind::Theme, 99, "Invoices", ""));
    let mut e = Engine::new(docs);
    let hits = e.search("invoice", 5);
    assert_eq!(hits.len(), 6);
    assert!(hits.iter().any(|h| e.doc(h.doc).kind == Kind::Theme));
}

#[test]
fn only_the_best_candidates_are_fuzzy_ranked_but_the_best_one_is_found() {
    let mut docs: Vec<Doc> = (0..5000)
        .map(|i| doc(Kind::Item, i, &format!("item {i} about i n v o i c e"), "noise"))
        .collect();
    docs.push(doc(Kind::Item, 9999, "invoice", ""));
    let mut e = Engine::new(docs);
    let best = e.search("invoice", 5)[0].doc;
    assert_eq!(e.doc(best).id, 9999);
}

fn order(e: &mut Engine, query: &str) -> Vec<i64> {
    e.search(query, 10).iter().map(|h| e.doc(h.doc).id).collect()
}

#[test]
fn a_title_hit_ranks_above_the_same_word_in_a_body() {
    let mut e = Engine::new(vec![
        doc(
            Kind::Item,
            1,
            "Dashboard loads slowly",
            "customers mention the webhook retries",
        ),
        doc(Kind::Item, 2, "Webhook retries pile up", "seen on the dashboard"),
    ]);
    assert_eq!(order(&mut e, "webhook"), [2, 1]);
    assert_eq!(order(&mut e, "dashboard"), [1, 2]);
}

#[test]
fn an_exact_word_beats_a_scattered_subsequence_even_in_a_title() {
    let mut e = Engine::new(vec![
        // s…s…o scattered through the title.
        doc(Kind::Item, 1, "Slow sync of orders", "nothing else"),
        // "sso" as a word, but only in the body.
        doc(Kind::Item, 2, "Login fails", "through SSO with okta"),
        // "sso" inside a word of the title.
        doc(Kind::Item, 3, "Lessons from the pilot", ""),
    ]);
    assert_eq!(order(&mut e, "sso"), [3, 2, 1]);
}

#[test]
fn a_whole_word_beats_the_same_letters_inside_a_word() {
    let mut e = Engine::new(vec![
        doc(Kind::Item, 1, "Export broken", ""),
        doc(Kind::Item, 2, "Port 443 blocked", ""),
        doc(Kind::Item, 3, "Reports: port mapping", ""),
    ]);
    // 2 and 3 both hold "port" as a word in the title; 2 earlier.
    assert_eq!(order(&mut e, "port"), [2, 3, 1]);
    let hits = e.search("port", 10);
    let shown = &hits[1];
    let marked: String = shown
        .indices
        .iter()
        .map(|&i| shown.shown.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked, "port", "the word is marked, not the letters inside Reports");
    assert_eq!(shown.indices[0], 9);
}

#[test]
fn non_ascii_text_still_marks_the_right_characters() {
    let mut e = Engine::new(vec![doc(Kind::Item, 1, "Ärger mit Überweisung", "")]);
    let hits = e.search("überweisung", 10);
    assert_eq!(hits.len(), 1);
    let marked: String = hits[0]
        .indices
        .iter()
        .map(|&i| hits[0].shown.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked.to_lowercase(), "überweisung");
}

/// The engine's (doc, score) results against the plain definition: every
/// document ranked by `rank_of`, the best `limit` of each kind.
fn oracle(e: &Engine, query: &str, limit: usize) -> Vec<(usize, i64)> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut all: Vec<(i64, usize)> = (0..e.len())
        .filter_map(|d| rank::rank_of(e.hay(rank::offset(d)), &needle).map(|s| (s, d)))
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut per_kind = std::collections::HashMap::new();
    all.retain(|&(_, d)| {
        let n = per_kind.entry(e.doc(d).kind).or_insert(0);
        *n += 1;
        *n <= limit
    });
    all.into_iter().map(|(s, d)| (d, s)).collect()
}

fn scored(hits: &[Hit]) -> Vec<(usize, i64)> {
    hits.iter().map(|h| (h.doc, h.score)).collect()
}

proptest::proptest! {
    /// Ranking tier by tier, stopping early, and narrowing as keys are typed
    /// and erased give exactly what ranking every document would.
    #[test]
    fn phased_incremental_ranking_equals_ranking_everything(
        docs in proptest::collection::vec(
            (0..5usize, "[abc é]{0,12}", "[abcd ÉX]{0,30}"), 1..60),
        typed in "[abcé ]{1,6}",
        erase in 0..4usize,
        limit in 1..6usize,
    ) {
        let docs: Vec<Doc> = docs
            .into_iter()
            .enumerate()
            .map(|(i, (k, title, body))| doc(Kind::ALL[k], i as i64, &title, &body))
            .collect();
        let mut e = Engine::new(docs);
        let mut query = String::new();
        for c in typed.chars() {
            query.push(c);
            let got = scored(&e.search(&query, limit));
            proptest::prop_assert_eq!(got, oracle(&e, &query, limit), "typing {:?}", query);
        }
        for _ in 0..erase {
            query.pop();
            let got = scored(&e.search(&query, limit));
            proptest::prop_assert_eq!(got, oracle(&e, &query, limit), "erasing to {:?}", query);
        }
    }
}

proptest::proptest! {
    /// One search over the titles (bodies) laid back to back finds, for
    /// every document, what searching that document alone finds: matches
    /// straddling two documents, overlapping ones and empty titles included.
    #[test]
    fn one_scan_over_all_texts_equals_a_search_per_document(
        docs in proptest::collection::vec(("[ab é]{0,8}", "[ab É]{0,12}"), 1..40),
        needle in "[ab é]{1,3}",
        skip in 0..3usize,
    ) {
        let docs: Vec<Doc> = docs
            .into_iter()
            .enumerate()
            .map(|(i, (title, body))| doc(Kind::Item, i as i64, &title, &body))
            .collect();
        let e = Engine::new(docs);
        let texts = Corpus { prepared: &e.prepared, folded: &e.folded };
        let finder = memchr::memmem::Finder::new(&needle);
        // Every `skip + 1`-th document: gaps between the asked-about ones.
        let asked: Vec<u32> = (0..e.len() as u32).step_by(skip + 1).collect();
        for part in [scan::Part::Title, scan::Part::Body] {
            let one: Vec<Option<u32>> = asked
                .iter()
                .map(|&d| {
                    let h = e.hay(d);
                    match part {
                        scan::Part::Title => rank::title_contiguous(&finder, h.title),
                        scan::Part::Body => finder.find(h.body().as_bytes()),
                    }
                    .map(rank::offset)
                })
                .collect();
            let all = scan::occurrences(&texts, part, &finder, &asked);
            proptest::prop_assert_eq!(all, one, "{:?}", part);
        }
    }
}
