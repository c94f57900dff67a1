//! The rules every import follows: hostile input is refused at its line with
//! nothing written, re-importing adds nothing (same file, reordered, CRLF,
//! BOM, UTF-16), export → import round-trips, dry runs write nothing, and
//! the command prints its closing summary.

mod common;

use common::{auto, export, fixture, import_bytes, import_path, items, now, temp_store};
use loopboard::cli::ImportArgs;
use loopboard::import::{ColumnMap, Options};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture")
}

#[test]
fn hostile_csv_is_refused_at_its_line_and_nothing_is_stored() {
    let (_d, mut store) = temp_store();
    let err = import_path(&mut store, &fixture("hostile.csv"), None).expect_err("unbalanced quote");
    let text = err.to_string();
    assert!(
        text.contains("hostile.csv:5: has 2 fields but the header has 3"),
        "{text}"
    );
    assert!(text.contains("unbalanced quote"), "{text}");
    assert_eq!(err.location().map(|l| l.line), Some(5));
    assert_eq!(store.inbox_counts().expect("counts").total, 0);
    assert!(
        store.customers().expect("customers").is_empty(),
        "rolled back with the items"
    );
}

#[test]
fn hostile_text_never_reaches_the_database() {
    // The same file without its broken row imports, and every escape
    // sequence, bell and bidi override is gone.
    let text = String::from_utf8(read("hostile.csv")).expect("utf-8");
    let kept: Vec<&str> = text.split("\r\n").filter(|l| !l.starts_with("\"unbalanced")).collect();
    let (_d, mut store) = temp_store();
    import_bytes(&mut store, "hostile.csv", kept.join("\r\n").into_bytes(), &auto()).expect("import");
    let dump = export(&store);
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!dump.contains(bad), "{bad:?} stored: {dump}");
    }
    let all = items(&store);
    // Bodies keep their inner spacing (indentation matters in stack traces).
    assert_eq!(
        all[1].body.split_whitespace().collect::<Vec<_>>(),
        ["clipboard", "clear"]
    );
    assert_eq!(all[2].title, "bidi evil");
    assert_eq!(
        all[0].title, "=HYPERLINK(\"http://x\")",
        "kept as text, never evaluated"
    );
}

#[test]
fn an_unterminated_quote_swallowing_the_file_is_refused() {
    // rust-csv #289: the csv crate reads this as one long last field.
    let text = "title,customer,city\nJane,Acme,\"Boston\nJohn,Globex,Los Angeles\nMary,Initech,Paris\n";
    let (_d, mut store) = temp_store();
    let err = import_bytes(&mut store, "people.csv", text.into(), &auto()).expect_err("swallowed");
    let text = err.to_string();
    assert!(text.starts_with("people.csv:2: city:"), "{text}");
    assert_eq!(store.inbox_counts().expect("counts").total, 0);
}

#[test]
fn invalid_utf8_names_its_line_and_field() {
    let bytes = b"title,body\nfine,ok\nbroken,\"multi\nline \xff\"\n".to_vec();
    let (_d, mut store) = temp_store();
    let err = import_bytes(&mut store, "x.csv", bytes, &auto()).expect_err("bad byte");
    assert!(err.to_string().starts_with("x.csv:4: body: invalid UTF-8"), "{err}");
}

/// Rows reordered (the header stays first).
fn shuffled_csv(text: &str, eol: &str) -> String {
    let mut lines: Vec<&str> = text.split(eol).filter(|l| !l.is_empty()).collect();
    let header = lines.remove(0);
    lines.reverse();
    lines.swap(0, 3);
    format!("{header}{eol}{}{eol}", lines.join(eol))
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

#[test]
fn reimporting_csv_adds_nothing_reordered_lf_bom_or_utf16() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("generic.csv"), None).expect("first");
    let before = export(&store);
    let crlf = String::from_utf8(read("generic.csv")).expect("utf-8");
    let lf = crlf.replace("\r\n", "\n");
    for (what, bytes) in [
        ("same", crlf.clone().into_bytes()),
        ("shuffled", shuffled_csv(&crlf, "\r\n").into_bytes()),
        ("lf", lf.clone().into_bytes()),
        ("bom", format!("\u{feff}{lf}").into_bytes()),
        ("utf-16", utf16le_with_bom(&shuffled_csv(&lf, "\n"))),
    ] {
        let s = import_bytes(&mut store, "generic.csv", bytes, &auto()).expect(what);
        assert_eq!((s.items_new, s.items_present, s.customers_new), (0, 8, 0), "{what}");
        assert_eq!(export(&store), before, "{what}");
    }
}

#[test]
fn reimporting_any_format_adds_nothing() {
    let (_d, mut store) = temp_store();
    let names = [
        "generic.jsonl",
        "gh-issues.json",
        "linear.csv",
        "zendesk-tickets.json",
        "intercom-conversations.json",
        "canny-posts.json",
        "slack-export",
    ];
    for name in names {
        import_path(&mut store, &fixture(name), None).expect(name);
    }
    let before = export(&store);
    for name in names {
        let s = import_path(&mut store, &fixture(name), None).expect(name);
        assert_eq!(s.items_new, 0, "{name}");
        assert!(s.items_present > 0, "{name}");
    }
    let jsonl = String::from_utf8(read("generic.jsonl")).expect("utf-8");
    let reordered: Vec<&str> = jsonl.lines().rev().collect();
    let variant = format!("\u{feff}{}\r\n", reordered.join("\r\n"));
    let s = import_bytes(&mut store, "generic.jsonl", variant.into_bytes(), &auto()).expect("variant");
    assert_eq!(s.items_new, 0);
    assert_eq!(export(&store), before);
}

#[test]
fn feedback_without_an_id_is_known_by_its_normalized_text() {
    let (_d, mut store) = temp_store();
    let first = "title,body,customer\nExport is slow,It takes  ages,Acme\n";
    import_bytes(&mut store, "a.csv", first.into(), &auto()).expect("first");
    let again = "Title,Body,Customer\n  Export   is slow ,It takes  ages,ACME\n";
    let s = import_bytes(&mut store, "b.csv", again.into(), &auto()).expect("again");
    assert_eq!((s.items_new, s.items_present), (0, 1));
}

#[test]
fn export_then_import_gives_the_same_database() {
    let (_a, mut first) = temp_store();
    for name in [
        "generic.csv",
        "gh-issues.json",
        "linear.csv",
        "intercom-conversations.json",
        "slack-export",
    ] {
        import_path(&mut first, &fixture(name), None).expect(name);
    }
    first
        .set_customer(
            "Acme Logistics",
            &loopboard::domain::CustomerPatch {
                tier: Some("gold".into()),
                arr: Some(250_000),
                ..Default::default()
            },
        )
        .expect("customer");
    let exported = export(&first);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("export.jsonl");
    std::fs::write(&file, &exported).expect("write");
    let (_b, mut second) = temp_store();
    import_path(&mut second, &file, None).expect("interchange through the same command");
    assert_eq!(export(&second), exported);
    let s = import_path(&mut second, &file, None).expect("again");
    assert_eq!((s.items_new, s.customers_new), (0, 0));
}

#[test]
fn map_options_name_columns_the_table_does_not_know() {
    let text = "Headline text,Notes,Org,When\nSSO loop,Okta sends us back,Acme,2026-10-28\n";
    let opts = Options {
        maps: ["title=Headline text", "body=notes", "customer=Org", "created_at=When"]
            .iter()
            .map(|m| m.parse::<ColumnMap>().expect("map"))
            .collect(),
        ..auto()
    };
    let (_d, mut store) = temp_store();
    import_bytes(&mut store, "notes.csv", text.into(), &opts).expect("import");
    let got = &items(&store)[0];
    assert_eq!(
        (got.title.as_str(), got.body.as_str(), got.customer.as_deref()),
        ("SSO loop", "Okta sends us back", Some("Acme"))
    );
    assert_eq!(got.created_at, common::at("2026-10-28T00:00:00Z"));
}

fn args(path: &std::path::Path, dry_run: bool) -> ImportArgs {
    ImportArgs {
        file: path.to_path_buf(),
        format: None,
        dry_run,
        maps: Vec::new(),
    }
}

fn run_import(store: &mut loopboard::store::Store, a: ImportArgs) -> Result<String, String> {
    let mut out = Vec::new();
    let stdin: Box<dyn std::io::Read + Send> = Box::new(std::io::empty());
    loopboard::commands::import(store, a, stdin, &mut out, false, now()).map_err(|e| format!("{e:#}"))?;
    Ok(String::from_utf8(out).expect("utf-8"))
}

#[test]
fn the_command_prints_a_closing_summary_and_dry_runs_write_nothing() {
    let (_d, mut store) = temp_store();
    let out = run_import(&mut store, args(&fixture("linear.csv"), true)).expect("dry run");
    assert!(out.contains("format: linear"), "{out}");
    assert!(out.contains("columns not imported: Team, Status"), "{out}");
    assert!(
        out.contains("dry run: would import 5 new, 0 already present, 0 errors in"),
        "{out}"
    );
    assert_eq!(
        store.inbox_counts().expect("counts").total,
        0,
        "a dry run writes nothing"
    );
    let out = run_import(&mut store, args(&fixture("linear.csv"), false)).expect("import");
    assert!(
        out.starts_with("imported 5 new, 0 already present, 0 errors in "),
        "{out}"
    );
    let out = run_import(&mut store, args(&fixture("linear.csv"), false)).expect("again");
    assert!(
        out.starts_with("imported 0 new, 5 already present, 0 errors in "),
        "{out}"
    );
    let err = run_import(&mut store, args(&fixture("hostile.csv"), true)).expect_err("dry run fails too");
    assert!(err.contains("hostile.csv:5:") && err.contains("1 error"), "{err}");
}

#[test]
fn suggested_severities_show_in_the_list_and_confirm_with_one_call() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("zendesk-tickets.json"), None).expect("import");
    let mut out = Vec::new();
    let list = loopboard::cli::ListArgs {
        status: None,
        severity: None,
        category: None,
        format: loopboard::cli::ListFormat::Table,
        filter: None,
        sla: None,
    };
    loopboard::commands::list(&store, list, &mut out, now()).expect("list");
    let table = String::from_utf8(out).expect("utf-8");
    assert!(table.lines().nth(1).is_some_and(|l| l.contains(" S1? ")), "{table}");
    let id = items(&store)[1].id;
    let sev = store.confirm_suggested_severity(id, now()).expect("confirm");
    let got = store.get_item(id).expect("item");
    assert_eq!(
        (got.severity, got.status),
        (Some(sev), loopboard::domain::Status::Triaged)
    );
}

#[test]
fn the_shared_fixtures_match_the_projects_copies() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    if !shared.is_dir() {
        eprintln!(
            "skipped: {} is absent (a fresh clone has only tests/fixtures)",
            shared.display()
        );
        return;
    }
    for entry in std::fs::read_dir(&shared).expect("shared fixtures").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "README.md" || name == "jira.csv" || name == "hostile.csv" {
            continue;
        }
        let (_a, mut ours) = temp_store();
        let (_b, mut theirs) = temp_store();
        import_path(&mut ours, &fixture(&name), None).expect(&name);
        import_path(&mut theirs, &entry.path(), None).expect(&name);
        assert_eq!(export(&ours), export(&theirs), "{name} differs from tests/fixtures");
    }
    for refused in ["jira.csv", "hostile.csv"] {
        let (_c, mut store) = temp_store();
        let err = import_path(&mut store, &shared.join(refused), None).expect_err(refused);
        assert!(err.location().is_some(), "{refused}: {err}");
    }
}
