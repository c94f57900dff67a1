//! The JSONL interchange: byte-exact round trips, all-or-nothing imports with
//! line numbers, and idempotent re-imports.

mod common;

use common::{export, now, temp_store};
use loopboard::interchange::parse;

fn import(store: &mut loopboard::store::Store, text: &str) -> Result<loopboard::store::ImportSummary, String> {
    let batch = parse(text.as_bytes(), now()).map_err(|e| e.to_string())?;
    store.import(&batch).map_err(|e| e.to_string())
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let (_a, mut first) = temp_store();
    loopboard::demo::load(&mut first, now()).expect("demo");
    let id = first.inbox_window(0, 1).expect("window")[0].id;
    first
        .decline(id, "Covered by the managed offering", "dana", now())
        .expect("decline");
    let exported = export(&first);
    assert!(exported.lines().count() > 150);

    let (_b, mut second) = temp_store();
    let summary = import(&mut second, &exported).expect("import");
    assert_eq!(summary.items_new, 150);
    assert_eq!(export(&second), exported);
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
    let err = parse(&br#"{"kind":"theme","name":"x"}"#[..], now()).expect_err("unknown kind");
    assert!(err.to_string().contains("theme"), "{err}");
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
