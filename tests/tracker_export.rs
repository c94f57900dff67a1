//! Exports for other tools: the CSV formula guard and header, and the
//! `gh issue create` lines run through a real shell to prove the quoting
//! hands every argument over intact.

mod common;

use common::{now, temp_store};
use loopboard::cli::ExportFormat;
use loopboard::domain::{NewItem, Severity, Status};
use loopboard::store::Store;
use loopboard::tracker_export::{CSV_HEADER, export};

fn run(store: &Store, format: ExportFormat, json: bool) -> String {
    let mut out = Vec::new();
    export(store, format, json, None, &mut out, now()).expect("export");
    String::from_utf8(out).expect("utf-8")
}

fn add(store: &mut Store, title: &str, body: &str, customer: &str) -> loopboard::domain::ItemId {
    let new = NewItem {
        title: title.into(),
        body: body.into(),
        customer: Some(customer.into()),
        category: Some("Billing".into()),
        source: "test".into(),
        created_at: Some(now()),
        ..NewItem::default()
    };
    store.add_item(&new, now()).expect("add").id
}

#[test]
fn csv_has_the_documented_header_and_guards_formula_cells() {
    let (_d, mut store) = temp_store();
    add(
        &mut store,
        "=HYPERLINK(\"http://x\",\"click\")",
        "+1 from us, \"quoted\"\nsecond line",
        "@evil corp",
    );
    add(&mut store, "Plain title", "a=b is fine", "-dash co");
    let text = run(&store, ExportFormat::Csv, false);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(
        &rows[0][2], "'+1 from us, \"quoted\"\nsecond line",
        "quoted cells keep commas, quotes, newlines"
    );
    assert_eq!(&rows[0][3], "'@evil corp");
    assert_eq!(
        (&rows[1][1], &rows[1][2], &rows[1][3]),
        ("Plain title", "a=b is fine", "'-dash co")
    );
}

#[test]
fn github_commands_survive_a_real_shell_and_only_accepted_items_go() {
    let (dir, mut store) = temp_store();
    let marker = dir.path().join("pwned");
    let title = format!("It's $(touch {}) `id` \"quoted\" \\ back", marker.display());
    let title = title.as_str();
    let accepted = add(&mut store, title, "Line one\nLine 'two' $HOME", "Acme");
    add(&mut store, "Not accepted", "", "Acme");
    store.set_severity(&[accepted], Severity::S2, now()).expect("severity");
    store.set_status(&[accepted], Status::Accepted, now()).expect("accept");
    let text = run(&store, ExportFormat::Github, false);
    // One command for the one accepted item; quoted newlines may span lines.
    assert_eq!(text.matches("gh issue create").count(), 1, "{text}");
    let line = text.as_str();
    assert!(line.starts_with("gh issue create --title '"), "{line}");
    // A stand-in `gh` prints each argument it received, NUL-separated.
    let script = format!("gh() {{ for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }}\n{line}\n");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("sh");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let args: Vec<String> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let body = format!(
        "Line one\nLine 'two' $HOME\n\n---\nFrom loopboard item #{} (test).",
        accepted.0
    );
    let want = [
        "issue",
        "create",
        "--title",
        title,
        "--body",
        &body,
        "--label",
        "feedback",
        "--label",
        "severity:S2",
        "--label",
        "billing",
    ];
    assert_eq!(args, want);
    assert!(!marker.exists(), "the command substitution in the title did not run");

    let json = run(&store, ExportFormat::Github, true);
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("json");
    assert_eq!(v["title"], title);
    assert_eq!(v["labels"], serde_json::json!(["feedback", "severity:S2", "billing"]));
    assert!(
        !json.contains("Acme"),
        "customer names stay out of a possibly public tracker"
    );
}

#[test]
fn markdown_is_the_report_and_json_needs_github() {
    let (_d, mut store) = temp_store();
    add(&mut store, "Something", "", "Acme");
    let md = run(&store, ExportFormat::Markdown, false);
    assert!(
        md.starts_with("# Feedback report: 2026-11-14 12:00 UTC to 2026-11-21 12:00 UTC"),
        "{md}"
    );
    let mut out = Vec::new();
    let err = export(&store, ExportFormat::Csv, true, None, &mut out, now()).expect_err("json with csv");
    assert!(err.to_string().contains("--json"), "{err}");
}
