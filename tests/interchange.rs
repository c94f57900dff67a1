//! The JSONL interchange: byte-exact round trips (bets and hypotheses
//! included), all-or-nothing imports with line numbers, and idempotent
//! re-imports.

mod common;

use common::{bet, export, now, rice, temp_store};
use loopboard::domain::{BetId, ItemId, NewBet, SubjectKind};
use loopboard::interchange::parse;
use loopboard::scoring::Inputs;

fn import(store: &mut loopboard::store::Store, text: &str) -> Result<loopboard::store::ImportSummary, String> {
    let batch = parse(text.as_bytes(), now()).map_err(|e| e.to_string())?;
    store.import(&batch).map_err(|e| e.to_string())
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let (_a, mut first) = temp_store();
    loopboard::demo::load(&mut first, now()).expect("demo");
    let id = first
        .list_window(loopboard::store::ListSource::Inbox, &[], 0, 1)
        .expect("window")[0]
        .id;
    first
        .decline(&[id], "Covered by the managed offering", "dana", now())
        .expect("decline");
    let exported = export(&first);
    assert!(exported.lines().count() > 150);

    let (_b, mut second) = temp_store();
    let summary = import(&mut second, &exported).expect("import");
    assert_eq!(summary.items_new, 150);
    assert_eq!(export(&second), exported);
}

/// The demo with a theme over two items and a duplicate of one of them.
fn demo_with_patterns() -> (tempfile::TempDir, loopboard::store::Store) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let (a, b, dup) = (ItemId(7), ItemId(26), ItemId(29));
    store
        .set_theme(&[a, b], Some("Usage export vs invoice"), now())
        .expect("theme");
    store.mark_duplicate(&[dup], a, "dana", now()).expect("duplicate");
    (dir, store)
}

#[test]
fn themes_and_duplicates_round_trip_byte_for_byte() {
    let (_a, first) = demo_with_patterns();
    let exported = export(&first);
    let head = exported
        .lines()
        .find(|l| !l.starts_with(r#"{"kind":"customer""#))
        .expect("a line after the customers");
    assert!(
        head.starts_with(r#"{"kind":"theme","id":1,"name":"Usage export vs invoice""#),
        "{head}"
    );
    assert!(exported.contains(r#""duplicate_of":7"#) && exported.contains(r#""theme_id":1"#));

    let (_b, mut second) = temp_store();
    import(&mut second, &exported).expect("import");
    assert_eq!(export(&second), exported);
    let again = import(&mut second, &exported).expect("re-import");
    assert_eq!((again.items_new, again.decisions_new), (0, 0));
    assert_eq!(export(&second), exported, "re-importing changes nothing");
}

#[test]
fn theme_and_duplicate_links_are_remapped_to_the_new_ids() {
    let (_a, first) = demo_with_patterns();
    let exported = export(&first);
    // A database whose ids 1 (theme) and 1..3 (items) are taken already.
    let (_b, mut second) = temp_store();
    let mine: Vec<ItemId> = (0..3)
        .map(|i| {
            second
                .add_item(&common::item(&format!("mine {i}"), i), now())
                .expect("add")
                .id
        })
        .collect();
    second.set_theme(&mine[..1], Some("Mine"), now()).expect("theme");
    import(&mut second, &exported).expect("import");
    let themes = second.themes().expect("themes");
    let usage = themes
        .iter()
        .find(|t| t.name == "Usage export vs invoice")
        .expect("imported");
    assert_ne!(usage.id.0, 1, "the file's id was taken, so the theme got another");
    let members: Vec<i64> = second
        .theme_evidence(usage.id)
        .expect("evidence")
        .iter()
        .map(|e| e.id.0)
        .collect();
    assert_eq!(members.len(), 3, "two members and the duplicate: {members:?}");
    assert_eq!(
        second.theme_of(mine[0]).expect("theme").map(|t| t.name),
        Some("Mine".into())
    );
    assert!(
        members.iter().all(|id| !mine.iter().any(|m| m.0 == *id)),
        "links point at imported items"
    );
}

#[test]
fn a_theme_id_not_in_the_file_is_refused() {
    let (_a, mut store) = temp_store();
    let text = r#"{"kind":"item","id":1,"title":"x","theme_id":4}"#;
    let err = import(&mut store, text).expect_err("dangling");
    assert!(err.contains("line 1") && err.contains("theme 4"), "{err}");
    assert_eq!(store.inbox_counts().expect("counts").total, 0);
}

#[test]
fn reimporting_adds_nothing_even_with_crlf_and_a_bom() {
    let (_a, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let exported = export(&store);
    let before = exported.clone();
    for variant in [
        exported.clone(),
        exported.replace('\n', "\r\n"),
        format!("\u{feff}{exported}"),
        exported.lines().rev().collect::<Vec<_>>().join("\n"),
    ] {
        // Reversed order puts decisions before their items; the importer
        // reads items first, so it still resolves them.
        let s = import(&mut store, &variant).expect("re-import");
        assert_eq!((s.items_new, s.decisions_new), (0, 0), "{s:?}");
        assert_eq!(export(&store), before);
    }
}

#[test]
fn one_bad_line_imports_nothing_and_names_line_and_field() {
    let (_a, mut store) = temp_store();
    let text = concat!(
        r#"{"kind":"item","title":"Good one","external_id":"a1","source":"csv"}"#,
        "\n\n",
        r#"{"kind":"item","title":"Bad severity","severity":"S7"}"#,
        "\n"
    );
    let err = import(&mut store, text).expect_err("must fail");
    assert!(err.contains("line 3") && err.contains("severity"), "{err}");
    assert_eq!(store.inbox_counts().expect("counts").total, 0);
}

#[test]
fn store_level_errors_keep_the_line_and_roll_back() {
    let (_a, mut store) = temp_store();
    let text = concat!(
        r#"{"kind":"item","id":1,"title":"Fine"}"#,
        "\n",
        r#"{"kind":"item","id":2,"title":"Accepted without severity","status":"accepted"}"#,
        "\n"
    );
    let err = import(&mut store, text).expect_err("must fail");
    assert!(err.contains("line 2") && err.contains("severity"), "{err}");
    assert_eq!(
        store.inbox_counts().expect("counts").total,
        0,
        "the first line was rolled back"
    );
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = parse(
        &b"{\"kind\":\"item\",\"title\":\"x\"}\n{\"kind\":\"item\", \"title\": }\n"[..],
        now(),
    )
    .expect_err("bad json");
    let text = err.to_string();
    assert!(text.starts_with("line 2: column"), "{text}");
    let err = parse(&br#"{"kind":"item","title":"x","colour":"red"}"#[..], now()).expect_err("unknown field");
    assert!(err.to_string().contains("colour"), "{err}");
    let err = parse(&br#"{"kind":"widget","name":"x"}"#[..], now()).expect_err("unknown kind");
    assert!(err.to_string().contains("widget"), "{err}");
}

#[test]
fn a_decision_about_an_item_not_in_the_file_is_refused() {
    let (_a, mut store) = temp_store();
    let text = r#"{"kind":"decision","at":"2026-11-01T00:00:00Z","decision":"decline","subject":"item","subject_id":5,"rationale":"r","decided_by":"d"}"#;
    let err = import(&mut store, text).expect_err("dangling");
    assert!(err.contains("line 1") && err.contains("item 5"), "{err}");
}

#[test]
fn hostile_text_in_a_file_is_sanitized_on_import() {
    let (_a, mut store) = temp_store();
    let text = r#"{"kind":"item","title":"Invoice \u001b]52;c;cHduZWQ=\u0007totals\u202e","body":"a\u001b[2Jb"}"#;
    import(&mut store, text).expect("import");
    let out = export(&store);
    assert!(out.contains(r#""title":"Invoice totals""#), "{out}");
    assert!(out.contains(r#""body":"ab""#), "{out}");
}

#[test]
fn loading_the_demo_twice_adds_nothing() {
    let (_a, mut store) = temp_store();
    let first = loopboard::demo::load(&mut store, now()).expect("demo");
    assert_eq!(first.items_new, 150);
    let before = export(&store);
    let later = now() + chrono::Duration::days(3);
    let second = loopboard::demo::load(&mut store, later).expect("demo again");
    assert_eq!(second.items_new, 0);
    assert_eq!(export(&store), before);
}

#[test]
fn the_demo_reads_as_the_last_six_weeks() {
    let (_a, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let items = store.list_items(&Default::default()).expect("items");
    let oldest = items.iter().map(|i| i.created_at).min().expect("items");
    let newest = items
        .iter()
        .flat_map(|i| [Some(i.updated_at), i.resolved_at])
        .flatten()
        .max()
        .expect("items");
    assert!(newest <= now(), "nothing in the future");
    let span = now() - oldest;
    assert!(
        span > chrono::Duration::weeks(5) && span < chrono::Duration::weeks(7),
        "{span}"
    );
    let customers: std::collections::BTreeSet<_> = items.iter().filter_map(|i| i.customer.clone()).collect();
    assert!((10..=14).contains(&customers.len()), "{customers:?}");
}

/// The demo plus hypotheses and bets in every shape: evidence through the
/// hypothesis and directly, reach by hand and derived, open and decided.
fn with_bets(store: &mut loopboard::store::Store) -> (BetId, BetId) {
    use loopboard::domain::{NewHypothesis, NextStep, Outcome, Verdict};
    loopboard::demo::load(store, now()).expect("demo");
    let ids: Vec<ItemId> = store
        .list_items(&Default::default())
        .expect("items")
        .iter()
        .map(|i| i.id)
        .collect();
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "We believe SSO for enterprise will cut churn".into(),
                evidence: ids[..6].to_vec(),
            },
            now(),
        )
        .expect("hypothesis");
    let open = NewBet {
        hypothesis: Some(h),
        owner: Some("dana".into()),
        metric: Some("activation +5 pp".into()),
        deadline: Some(now() + chrono::Duration::days(24)),
        evidence: vec![ids[10], ids[11]],
        inputs: Inputs {
            reach: None,
            impact: Some(0.25),
            ..rice(None)
        },
        ..bet("Self-serve SSO")
    };
    let open = store.add_bet(&open, now()).expect("open bet");
    let won = store
        .add_bet(
            &NewBet {
                hypothesis: Some(h),
                ..bet("SAML pilot")
            },
            now(),
        )
        .expect("won bet");
    store
        .set_bet_status(won, loopboard::domain::BetStatus::Running, now())
        .expect("run");
    let verdict = Verdict {
        outcome: Outcome::Won,
        next: NextStep::Persevere,
        rationale: "3 of 4 pilots renewed".into(),
    };
    store.record_verdict(won, &verdict, "dana", now()).expect("verdict");
    (open, won)
}

#[test]
fn bets_and_hypotheses_round_trip_byte_for_byte() {
    let (_a, mut first) = temp_store();
    with_bets(&mut first);
    let exported = export(&first);
    let kinds: Vec<&str> = exported.lines().map(|l| &l[..l.find(',').expect("kind")]).collect();
    let first_of = |k: &str| kinds.iter().position(|x| x.contains(k)).expect(k);
    assert!(first_of("hypothesis") > first_of("item") && first_of("bet") > first_of("hypothesis"));
    assert!(first_of("decision") > first_of("bet"), "decisions come last");
    let line = exported
        .lines()
        .find(|l| l.contains("Self-serve SSO"))
        .expect("bet line");
    assert!(
        line.contains(r#""inputs":{"confidence":80.0,"effort":2.0,"impact":0.25},"items":[11,12]"#),
        "{line}"
    );

    let (_b, mut second) = temp_store();
    let summary = import(&mut second, &exported).expect("import");
    // The demo brings six hypotheses and eight bets; the test adds one and two.
    assert_eq!((summary.hypotheses_new, summary.bets_new), (6 + 1, 8 + 2));
    assert_eq!(export(&second), exported);
    let again = import(&mut second, &exported).expect("re-import");
    assert_eq!(
        (
            again.items_new,
            again.hypotheses_new,
            again.bets_new,
            again.decisions_new
        ),
        (0, 0, 0, 0)
    );
    assert_eq!((again.hypotheses_present, again.bets_present), (6 + 1, 8 + 2));
    assert_eq!(export(&second), exported);
}

#[test]
fn decisions_about_bets_follow_their_bet_to_its_new_id() {
    let (_a, mut first) = temp_store();
    let (_, won) = with_bets(&mut first);
    let exported = export(&first);
    let (_b, mut second) = temp_store();
    // Take the ids the file uses, so the imported bets must move.
    for n in 0..3 {
        second.add_bet(&bet(&format!("local {n}")), now()).expect("local bet");
    }
    import(&mut second, &exported).expect("import");
    let moved = second
        .list_bets()
        .expect("bets")
        .into_iter()
        .find(|b| b.title == "SAML pilot")
        .expect("bet");
    assert_ne!(moved.id, won);
    let log = second.decisions_about(SubjectKind::Bet, moved.id.0).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].rationale, "3 of 4 pilots renewed");
    assert!(second.decisions_about(SubjectKind::Bet, won.0).expect("log").is_empty());
}

#[test]
fn bad_bet_and_hypothesis_lines_import_nothing_and_say_where() {
    let item = r#"{"kind":"item","id":1,"title":"Fine","external_id":"e1","source":"csv"}"#;
    let cases = [
        (r#"{"kind":"bet","title":"B","hypothesis_id":9}"#, "hypothesis 9"),
        (r#"{"kind":"bet","title":"B","items":[2]}"#, "item 2"),
        (
            r#"{"kind":"bet","title":"B","inputs":{"confidence":120}}"#,
            "confidence: 120 is not allowed",
        ),
        (
            r#"{"kind":"bet","title":"B","inputs":{"urgency":1}}"#,
            "inputs: unknown scoring input",
        ),
        (
            r#"{"kind":"bet","title":"B","status":"done"}"#,
            "status: invalid bet status",
        ),
        (r#"{"kind":"hypothesis","statement":" ","items":[1]}"#, "statement"),
        (
            r#"{"kind":"decision","at":"2026-11-01T00:00:00Z","decision":"stop","subject":"bet","subject_id":4,"rationale":"r","decided_by":"d"}"#,
            "bet 4",
        ),
    ];
    for (line, want) in cases {
        let (_d, mut store) = temp_store();
        let err = import(&mut store, &format!("{item}\n{line}\n")).expect_err(line);
        assert!(err.contains("line 2") && err.contains(want), "{line}: {err}");
        assert_eq!(store.inbox_counts().expect("counts").total, 0, "{line}: rolled back");
    }
}

#[test]
fn hand_written_bets_without_keys_import_once() {
    let text = concat!(
        r#"{"kind":"item","id":1,"title":"Fine","external_id":"e1","source":"csv","customer":"Acme"}"#,
        "\n",
        r#"{"kind":"hypothesis","id":1,"statement":"We believe A","items":[1]}"#,
        "\n",
        r#"{"kind":"bet","id":1,"title":"Try A","hypothesis_id":1,"inputs":{"impact":2,"confidence":50,"effort":1}}"#,
        "\n"
    );
    let (_d, mut store) = temp_store();
    import(&mut store, text).expect("first");
    let again = import(&mut store, text).expect("second");
    assert_eq!(
        (again.hypotheses_present, again.bets_present, again.bets_new),
        (1, 1, 0)
    );
    let bets = store.list_bets().expect("bets");
    assert_eq!(bets.len(), 1);
    assert_eq!(bets[0].inputs.impact, Some(2.0));
    let evidence = store
        .bet_evidence(bets[0].id, &loopboard::sla::Policy::default(), now())
        .expect("evidence");
    assert_eq!(evidence.customers.len(), 1, "the hypothesis's evidence came along");
}

#[test]
fn customers_and_suggested_severities_round_trip_byte_for_byte() {
    let text = concat!(
        r#"{"kind":"customer","id":3,"name":"Acme Logistics","segment":"enterprise","tier":"gold","arr":120000}"#,
        "\n",
        r#"{"kind":"item","id":7,"title":"Invoice totals","customer":"ACME logistics","suggested_severity":"S2","source":"zendesk","external_id":"5001","created_at":"2026-10-29T14:03:00Z"}"#,
        "\n",
        r#"{"kind":"item","id":8,"title":"Other","customer":"Globex","segment":"startup","created_at":"2026-10-30T14:03:00Z"}"#,
        "\n",
    );
    let (_a, mut first) = temp_store();
    let s = import(&mut first, text).expect("import");
    assert_eq!((s.items_new, s.customers_new), (2, 2));
    let exported = export(&first);
    let lines: Vec<&str> = exported.lines().collect();
    assert!(
        lines[0].starts_with(
            r#"{"kind":"customer","id":3,"name":"Acme Logistics","segment":"enterprise","tier":"gold","arr":120000}"#
        ),
        "{exported}"
    );
    assert!(
        lines[1].starts_with(r#"{"kind":"customer","id":4,"name":"Globex","segment":"startup""#),
        "{exported}"
    );
    assert!(
        lines[2].contains(r#""customer":"Acme Logistics""#),
        "matched case-insensitively: {exported}"
    );
    assert!(
        lines[2].contains(r#""severity":null,"suggested_severity":"S2","status":"new""#),
        "{exported}"
    );

    let (_b, mut second) = temp_store();
    import(&mut second, &exported).expect("re-import");
    assert_eq!(export(&second), exported);
    let again = import(&mut second, &exported).expect("idempotent");
    assert_eq!((again.items_new, again.customers_new), (0, 0));
    assert_eq!(export(&second), exported);
}
