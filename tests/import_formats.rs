//! Every fixture format imports with the right mapping, checked field by
//! field: titles, bodies, customers, created_at, tags, source, identity and
//! the suggested severity (or the severity itself, for loopboard's own CSV).

mod common;

use common::{at, auto, fixture, import_bytes, import_path, items, temp_store};
use loopboard::domain::{Item, Severity, Status};
use loopboard::import::{Format, detect};

/// The fields a mapping decides, in one comparable tuple.
fn fields(i: &Item) -> (&str, Option<&str>, Vec<&str>, &str, Option<&str>, String) {
    (
        i.title.as_str(),
        i.customer.as_deref(),
        i.tags.iter().map(String::as_str).collect(),
        i.source.as_str(),
        i.external_id.as_deref(),
        i.created_at.to_rfc3339(),
    )
}

#[test]
fn every_fixture_is_recognized_without_format() {
    for (name, want) in [
        ("generic.csv", Format::Csv),
        ("generic.jsonl", Format::Jsonl),
        ("gh-issues.json", Format::Github),
        ("linear.csv", Format::Linear),
        ("jira.csv", Format::Jira),
        ("zendesk-tickets.json", Format::Zendesk),
        ("intercom-conversations.json", Format::Intercom),
        ("canny-posts.json", Format::Canny),
    ] {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        assert_eq!(detect(head), Some(want), "{name}");
    }
}

#[test]
fn loopboard_csv_maps_every_column_and_sets_severity() {
    let (_d, mut store) = temp_store();
    let s = import_path(&mut store, &fixture("generic.csv"), None).expect("import");
    assert_eq!((s.items_new, s.customers_new), (8, 7));
    let all = items(&store);
    let first = &all[0];
    assert_eq!(
        fields(first),
        (
            "Helm chart upgrade fails on EKS 1.29",
            Some("Northwind Freight"),
            vec!["helm", "upgrade"],
            "call-notes",
            Some("call-0"),
            at("2026-10-28T09:12:00Z").to_rfc3339()
        )
    );
    assert!(first.body.starts_with("Upgrading from 2.3 to 2.4") && first.body.ends_with("by hand."));
    assert_eq!(
        (first.segment.as_deref(), first.category.as_deref()),
        (Some("enterprise"), Some("deployment"))
    );
    assert_eq!((first.severity, first.status), (Some(Severity::S1), Status::Triaged));
    assert_eq!(
        first.suggested_severity, None,
        "an explicit severity is not a suggestion"
    );
    let third = &all[2];
    assert_eq!(
        (third.severity, third.status),
        (None, Status::New),
        "an empty severity leaves it new"
    );
    assert_eq!(
        third.body,
        "Rows whose updated_at is NULL never arrive in the warehouse. No error in the sync log, they are silently skipped."
    );
    let acme: Vec<_> = all
        .iter()
        .filter(|i| i.customer.as_deref() == Some("Acme Logistics"))
        .collect();
    assert_eq!(acme.len(), 2, "one customer, two items");
}

#[test]
fn loopboard_jsonl_maps_every_key() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("generic.jsonl"), None).expect("import");
    let all = items(&store);
    assert_eq!(all.len(), 8);
    assert_eq!(
        fields(&all[1]),
        (
            "Invoice totals differ from usage export",
            Some("Acme Logistics"),
            vec!["invoice", "usage"],
            "survey",
            Some("srv-1"),
            at("2026-10-29T14:03:00Z").to_rfc3339()
        )
    );
    assert_eq!(all[1].segment.as_deref(), Some("enterprise"));
    assert_eq!(all[1].category.as_deref(), Some("billing"));
    assert!(
        all.iter()
            .all(|i| i.severity.is_none() && i.suggested_severity.is_none())
    );
}

#[test]
fn github_issues_map_labels_authors_and_repository_identity() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("gh-issues.json"), None).expect("import");
    let all = items(&store);
    assert_eq!(all.len(), 8);
    assert_eq!(
        fields(&all[0]),
        (
            "Helm chart upgrade fails on EKS 1.29",
            Some("Northwind Freight"),
            vec!["deployment", "helm", "upgrade"],
            "github",
            Some("example-org/product#101"),
            at("2026-10-28T09:12:00Z").to_rfc3339()
        )
    );
    assert!(
        all[0].body.ends_with("by hand.\n\nReported by Northwind Freight."),
        "{}",
        all[0].body
    );
    assert_eq!(all[7].external_id.as_deref(), Some("example-org/product#108"));
    assert!(
        all.iter()
            .all(|i| i.status == Status::New && i.suggested_severity.is_none())
    );
}

#[test]
fn linear_priorities_become_suggested_severities() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("linear.csv"), None).expect("import");
    let all = items(&store);
    assert_eq!(
        fields(&all[0]),
        (
            "Helm chart upgrade fails on EKS 1.29",
            None,
            vec!["deployment", "helm", "upgrade"],
            "linear",
            Some("FB-20"),
            at("2026-10-28T09:12:00Z").to_rfc3339()
        )
    );
    assert!(all[0].body.starts_with("Upgrading from 2.3"));
    let suggested: Vec<_> = all.iter().map(|i| i.suggested_severity).collect();
    use Severity::*;
    assert_eq!(suggested, vec![Some(S1), Some(S2), Some(S3), Some(S4), None]);
    assert!(
        all.iter().all(|i| i.severity.is_none() && i.status == Status::New),
        "suggestions never triage"
    );
}

#[test]
fn jira_refuses_its_impossible_date_at_the_line_and_imports_nothing() {
    let (_d, mut store) = temp_store();
    let err = import_path(&mut store, &fixture("jira.csv"), None).expect_err("32/Oct/26");
    let text = err.to_string();
    assert!(
        text.contains("jira.csv:6: Created (created_at): \"32/Oct/26 9:14 AM\" is not a date"),
        "{text}"
    );
    assert_eq!(store.inbox_counts().expect("counts").total, 0, "all or nothing");
}

#[test]
fn jira_maps_repeated_labels_custom_customer_and_day_first_dates() {
    let (_d, mut store) = temp_store();
    let text = std::fs::read_to_string(fixture("jira.csv")).expect("fixture");
    let fixed = text.replace("32/Oct/26", "01/Nov/26").into_bytes();
    import_bytes(&mut store, "jira.csv", fixed, &auto()).expect("import");
    let all = items(&store);
    assert_eq!(
        fields(&all[0]),
        (
            "Need SSO before production launch",
            Some("Initech"),
            vec!["launch", "sso"],
            "jira",
            Some("PART-300"),
            at("2026-10-28T09:10:00Z").to_rfc3339()
        )
    );
    assert!(all[1].body.starts_with("When our endpoint returned 500 once"));
    assert_eq!(all[4].created_at, at("2026-11-01T09:14:00Z"));
    let suggested: Vec<_> = all.iter().map(|i| i.suggested_severity).collect();
    use Severity::*;
    assert_eq!(suggested, vec![Some(S1), Some(S2), Some(S3), Some(S4), Some(S4)]);
}

#[test]
fn zendesk_tickets_map_subject_priority_type_and_tags() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("zendesk-tickets.json"), None).expect("import");
    let all = items(&store);
    assert_eq!(
        fields(&all[0]),
        (
            "Helm chart upgrade fails on EKS 1.29",
            None,
            vec!["deployment", "helm", "upgrade"],
            "zendesk",
            Some("5000"),
            at("2026-10-28T09:12:00Z").to_rfc3339()
        )
    );
    assert_eq!(all[0].category.as_deref(), Some("problem"));
    let suggested: Vec<_> = all.iter().map(|i| i.suggested_severity).collect();
    use Severity::*;
    assert_eq!(suggested, vec![Some(S1), Some(S2), Some(S3), Some(S4)]);
}

#[test]
fn intercom_html_becomes_text_and_authors_become_their_account() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("intercom-conversations.json"), None).expect("import");
    let all = items(&store);
    assert_eq!(
        fields(&all[0]),
        (
            "Stripe webhook retries create duplicate charges",
            Some("umbrellahealth.example"),
            vec!["billing"],
            "intercom",
            Some("4100"),
            at("2025-10-31T08:40:00Z").to_rfc3339()
        )
    );
    assert_eq!(
        all[0].body,
        "When our endpoint returned 500 once, the retry created a second subscription item. Customer was charged twice."
    );
    assert!(all.iter().all(|i| !i.body.contains('<')), "no markup left");
}

#[test]
fn people_from_a_known_customers_domain_join_that_customer() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("generic.csv"), None).expect("known customers");
    let s = import_path(&mut store, &fixture("intercom-conversations.json"), None).expect("intercom");
    assert_eq!(s.customers_new, 0, "umbrellahealth.example is Umbrella Health");
    let s = import_path(&mut store, &fixture("canny-posts.json"), None).expect("canny");
    assert_eq!(s.customers_new, 0);
    let intercom: Vec<_> = items(&store).into_iter().filter(|i| i.source == "intercom").collect();
    assert_eq!(intercom[0].customer.as_deref(), Some("Umbrella Health"));
    assert_eq!(intercom[1].customer.as_deref(), Some("Acme Logistics"));
}

#[test]
fn canny_posts_map_details_category_and_tags() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("canny-posts.json"), None).expect("import");
    let all = items(&store);
    assert_eq!(all.len(), 6);
    assert_eq!(
        fields(&all[1]),
        (
            "Invoice totals differ from usage export",
            Some("acmelogistics.example"),
            vec!["invoice", "usage"],
            "canny",
            Some("5f1a"),
            at("2026-10-29T14:03:00Z").to_rfc3339()
        )
    );
    assert_eq!(all[1].category.as_deref(), Some("billing"));
    assert!(all[1].body.starts_with("The November invoice shows 1.2M events"));
}

fn check_slack(store: &loopboard::store::Store) {
    let all = items(store);
    assert_eq!(all.len(), 2, "the reply and the join are not items");
    assert_eq!(
        fields(&all[0]),
        (
            "Acme says the invoice total does not match the usage export again :disappointed:",
            None,
            vec!["partner-feedback"],
            "slack",
            Some("C0FEED/1762160400.000100"),
            at("2025-11-03T09:00:00Z").to_rfc3339()
        )
    );
    assert_eq!(
        all[0].body,
        "Acme says the invoice total does not match the usage export again :disappointed:\n\n\
         Replies:\nDana Park: Thanks, can you get the invoice id?\n\nPosted by Lee Okafor in #partner-feedback."
    );
    assert!(all[1].title.starts_with("Globex: Snowflake sync skipped rows again"));
}

#[test]
fn a_slack_export_folder_gives_one_item_per_top_level_message() {
    let (_d, mut store) = temp_store();
    import_path(&mut store, &fixture("slack-export"), None).expect("import");
    check_slack(&store);
}

#[test]
fn a_slack_export_zip_reads_like_the_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let zip_path = dir.path().join("export.zip");
    write_zip(&fixture("slack-export"), &zip_path, "My Workspace Slack export/");
    let (_d, mut store) = temp_store();
    import_path(&mut store, &zip_path, None).expect("import");
    check_slack(&store);
    let again = import_path(&mut store, &fixture("slack-export"), None).expect("folder");
    assert_eq!(again.items_new, 0, "zip and folder are the same messages");
}

/// Zips a folder (one level of sub-folders) under `prefix`, as Slack does.
fn write_zip(from: &std::path::Path, to: &std::path::Path, prefix: &str) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    let mut files = Vec::new();
    for entry in walk(from) {
        let rel = entry
            .strip_prefix(from)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        files.push((rel, entry));
    }
    files.sort();
    for (rel, path) in files {
        zip.start_file(format!("{prefix}{rel}"), opts).expect("entry");
        zip.write_all(&std::fs::read(path).expect("read")).expect("write");
    }
    zip.finish().expect("finish");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
