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
