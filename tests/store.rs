//! Store tests on temporary database files: opening, migrations, the schema
//! guard, item verbs, the decision log's append-only rule, and transfer.

mod common;

use common::{export, item, now, temp_store};
use loopboard::domain::{ItemId, NewItem, Severity, Status, SubjectKind};
use loopboard::store::{ListSource, SCHEMA_VERSION, Store, StoreError};

#[test]
fn a_new_database_is_private_wal_and_fully_migrated() {
    let (dir, store) = temp_store();
    let settings = store.settings().expect("settings");
    assert_eq!(settings.journal_mode, "wal");
    assert!(settings.foreign_keys);
    assert!(settings.synchronous_full);
    assert_eq!(settings.schema_version, SCHEMA_VERSION);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("test.db"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "database mode is {:o}", mode & 0o777);
    }
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_again() {
    let (dir, mut store) = temp_store();
    let id = store.add_item(&item("Login loop", 1), now()).expect("add").id;
    store.set_severity(&[id], Severity::S1, now()).expect("severity");
    drop(store);
    let store = Store::open(&dir.path().join("test.db")).expect("reopen");
    let got = store.get_item(id).expect("item");
    assert_eq!(got.severity, Some(Severity::S1));
    assert_eq!(got.status, Status::Triaged);
    assert_eq!(store.settings().expect("settings").schema_version, SCHEMA_VERSION);
}

#[test]
fn a_newer_schema_is_refused_and_the_file_left_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("setup");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).err().expect("must be refused");
    assert!(matches!(err, StoreError::SchemaTooNew { found: 99, .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("version 99") && message.contains("not changed"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before, "file was modified");
    assert!(!dir.path().join("future.db-wal").exists(), "journal mode was switched");
}

#[test]
fn added_text_is_sanitized_and_tags_normalized() {
    let (_dir, mut store) = temp_store();
    let new = NewItem {
        title: "  SSO \u{1b}]52;c;cHduZWQ=\u{7}loop\u{202e} on   Okta ".into(),
        body: "line one\u{1b}[2J\r\nline two".into(),
        customer: Some(" Acme\u{9b}31m ".into()),
        tags: vec!["SSO".into(), "sso".into(), " Okta ".into(), "".into()],
        source: "test".into(),
        ..NewItem::default()
    };
    let id = store.add_item(&new, now()).expect("add").id;
    let got = store.get_item(id).expect("get");
    assert_eq!(got.title, "SSO loop on Okta");
    assert_eq!(got.body, "line one\nline two");
    assert_eq!(got.customer.as_deref(), Some("Acme"));
    assert_eq!(got.tags, vec!["okta", "sso"]);
    assert_eq!(got.status, Status::New);
}

#[test]
fn adding_the_same_feedback_twice_finds_the_first() {
    let (_dir, mut store) = temp_store();
    let first = store.add_item(&item("Export is slow", 2), now()).expect("add");
    let again = store.add_item(&item("Export is slow", 2), now()).expect("add");
    assert!(first.created && !again.created);
    assert_eq!(first.id, again.id);
    assert_eq!(store.inbox_counts().expect("counts").total, 1);
}

#[test]
fn an_empty_title_is_refused_naming_the_field() {
    let (_dir, mut store) = temp_store();
    let err = store.add_item(&item(" \u{1b}[2J ", 0), now()).expect_err("empty title");
    assert!(matches!(err, StoreError::Invalid { field: "title", .. }), "{err}");
}

#[test]
fn severity_triages_a_new_item_once() {
    let (_dir, mut store) = temp_store();
    let id = store.add_item(&item("Helm upgrade fails", 3), now()).expect("add").id;
    store.set_severity(&[id], Severity::S2, now()).expect("sev");
    let later = now() + chrono::Duration::hours(1);
    store.set_status(&[id], Status::Accepted, later).expect("accept");
    store.set_severity(&[id], Severity::S1, later).expect("sev again");
    let got = store.get_item(id).expect("get");
    assert_eq!((got.severity, got.status), (Some(Severity::S1), Status::Accepted));
    assert_eq!(got.triaged_at, Some(now()), "triaged_at is the first triage");
    assert_eq!(got.updated_at, later);
}

#[test]
fn a_refused_move_says_why_and_changes_nothing() {
    let (_dir, mut store) = temp_store();
    let id = store.add_item(&item("Question about SAML", 1), now()).expect("add").id;
    let before = export(&store);
    let err = store
        .set_status(&[id], Status::Accepted, now())
        .expect_err("needs severity");
    assert!(err.to_string().contains("set a severity first"), "{err}");
    assert_eq!(export(&store), before);
    let err = store
        .set_status(&[ItemId(999)], Status::Waiting, now())
        .expect_err("missing");
    assert!(matches!(err, StoreError::NoSuchItem(ItemId(999))), "{err}");
}

#[test]
fn resolving_stamps_and_reopening_clears_resolved_at() {
    let (_dir, mut store) = temp_store();
    let id = store.add_item(&item("Broken link in docs", 5), now()).expect("add").id;
    store.set_severity(&[id], Severity::S4, now()).expect("sev");
    store.set_status(&[id], Status::Resolved, now()).expect("resolve");
    assert_eq!(store.get_item(id).expect("get").resolved_at, Some(now()));
    store.set_status(&[id], Status::Triaged, now()).expect("reopen");
    assert_eq!(store.get_item(id).expect("get").resolved_at, None);
}

#[test]
fn decline_records_its_reason_in_the_same_transaction() {
    let (_dir, mut store) = temp_store();
    let id = store.add_item(&item("Dark mode please", 1), now()).expect("add").id;
    let err = store
        .decline(&[id], "  \n ", "dana", now())
        .expect_err("reason required");
    assert!(matches!(err, StoreError::Invalid { field: "reason", .. }), "{err}");
    assert_eq!(store.get_item(id).expect("get").status, Status::New, "nothing changed");
    store.decline(&[id], "Not this year", "dana", now()).expect("decline");
    assert_eq!(store.get_item(id).expect("get").status, Status::Declined);
    let decisions = store.decisions_about(SubjectKind::Item, id.0).expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].rationale, "Not this year");
    assert_eq!(decisions[0].decided_by, "dana");
    // Declining twice is refused, and no second decision appears.
    store
        .decline(&[id], "again", "dana", now())
        .expect_err("already declined");
    assert_eq!(store.list_decisions().expect("all").len(), 1);
}

#[test]
fn the_decision_log_rejects_updates_and_deletes() {
    let (dir, mut store) = temp_store();
    let id = store.add_item(&item("Old request", 1), now()).expect("add").id;
    store.decline(&[id], "Won't do", "sam", now()).expect("decline");
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("test.db")).expect("open");
    for sql in ["UPDATE decisions SET rationale = 'edited'", "DELETE FROM decisions"] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn the_inbox_window_and_positions_agree_with_the_inbox_order() {
    let (_dir, mut store) = temp_store();
    let mut ids = Vec::new();
    for i in 0..40 {
        ids.push(store.add_item(&item(&format!("item {i}"), i), now()).expect("add").id);
    }
    store.set_severity(&[ids[5]], Severity::S3, now()).expect("sev");
    store.set_severity(&[ids[7]], Severity::S1, now()).expect("sev");
    store.decline(&[ids[9]], "no", "t", now()).expect("decline");
    let window = store.list_window(ListSource::Inbox, &[], 0, 100).expect("window");
    assert_eq!(window.len(), 39, "declined item left the inbox");
    // New items first, newest first; then triaged by severity.
    assert_eq!(window[0].id, ids[0]);
    assert_eq!(window[37].id, ids[7], "S1 before S3");
    assert_eq!(window[38].id, ids[5]);
    for (pos, row) in window.iter().enumerate() {
        assert_eq!(
            store.list_position(ListSource::Inbox, &[], row.id).expect("pos"),
            Some(pos),
            "{}",
            row.id
        );
    }
    assert_eq!(store.list_position(ListSource::Inbox, &[], ids[9]).expect("pos"), None);
    let page = store.list_window(ListSource::Inbox, &[], 10, 5).expect("page");
    assert_eq!(page, window[10..15].to_vec());
}

#[test]
fn migrating_a_version_1_database_keeps_every_item_and_makes_customers() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v1.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        loopboard::store::migrate_to(&mut conn, 1).expect("build version 1");
        conn.execute_batch(
            "INSERT INTO items (id, intake_key, title, body, customer, segment, category, severity, status, source, \
               external_id, created_at, updated_at, triaged_at) VALUES
               (1, 'ext:csv:1', 'SSO loop', 'b1', 'Acme', NULL, 'auth', 2, 'triaged', 'csv', '1', 100, 110, 110),
               (2, 'ext:csv:2', 'Export slow', 'b2', 'ACME', 'enterprise', NULL, NULL, 'new', 'csv', '2', 200, 200, NULL),
               (3, 'hash:abc', 'No customer', '', NULL, 'startup', NULL, NULL, 'new', 'cli', NULL, 300, 300, NULL),
               (4, 'ext:csv:4', 'Über crash', 'b4', 'ÜBER GmbH', 'mid-market', NULL, NULL, 'new', 'csv', '4', 400, 400, NULL),
               (5, 'ext:csv:5', 'Über again', 'b5', 'über gmbh', NULL, NULL, NULL, 'new', 'csv', '5', 500, 500, NULL);
             INSERT INTO item_tags (item_id, tag) VALUES (1, 'sso'), (1, 'okta'), (2, 'export');
             INSERT INTO decisions (at, kind, subject_kind, subject_id, rationale, decided_by)
               VALUES (120, 'note', 'item', 1, 'asked Acme for logs', 'dana');
             PRAGMA user_version = 1;",
        )
        .expect("version 1 data");
    }
    let store = Store::open(&path).expect("migrates");
    assert_eq!(store.settings().expect("settings").schema_version, SCHEMA_VERSION);
    let items = store.list_items(&Default::default()).expect("items");
    let summary: Vec<_> = items
        .iter()
        .map(|i| (i.id.0, i.title.as_str(), i.customer.as_deref(), i.segment.as_deref()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, "SSO loop", Some("Acme"), None),
            (2, "Export slow", Some("Acme"), Some("enterprise")),
            (3, "No customer", None, Some("startup")),
            (4, "Über crash", Some("ÜBER GmbH"), Some("mid-market")),
            (5, "Über again", Some("ÜBER GmbH"), None),
        ],
        "names follow the first spelling, case-insensitively"
    );
    let first = &items[0];
    assert_eq!((first.severity, first.status), (Some(Severity::S2), Status::Triaged));
    assert_eq!(first.tags, vec!["okta", "sso"]);
    assert_eq!(first.suggested_severity, None);
    assert_eq!(first.created_at.timestamp(), 100);
    let customers: Vec<_> = store
        .customers()
        .expect("customers")
        .into_iter()
        .map(|c| (c.name, c.segment))
        .collect();
    assert_eq!(
        customers,
        vec![
            ("Acme".to_string(), Some("enterprise".to_string())),
            ("ÜBER GmbH".to_string(), Some("mid-market".to_string())),
        ],
        "one customer per account, with the first segment seen"
    );
    assert_eq!(store.decisions_about(SubjectKind::Item, 1).expect("log").len(), 1);
}

#[test]
fn customers_are_found_case_insensitively_and_editable() {
    let (_dir, mut store) = temp_store();
    let mut first = item("SSO loop", 1);
    first.customer = Some("Acme Logistics".into());
    first.segment = Some("Enterprise".into());
    store.add_item(&first, now()).expect("add");
    let mut second = item("Export slow", 2);
    second.customer = Some("ACME LOGISTICS".into());
    let id = store.add_item(&second, now()).expect("add").id;
    assert_eq!(
        store.get_item(id).expect("get").customer.as_deref(),
        Some("Acme Logistics")
    );
    assert_eq!(store.customers().expect("customers").len(), 1);

    let patch = loopboard::domain::CustomerPatch {
        tier: Some("gold".into()),
        arr: Some(120_000),
        ..Default::default()
    };
    let (c, created) = store.set_customer("acme logistics", &patch).expect("set");
    assert!(!created);
    assert_eq!(
        (c.name.as_str(), c.segment.as_deref(), c.tier.as_deref(), c.arr),
        ("Acme Logistics", Some("enterprise"), Some("gold"), Some(120_000))
    );
    let (c, created) = store.set_customer(" Globex ", &Default::default()).expect("create");
    assert!(created && c.name == "Globex");
    let err = store
        .set_customer(
            "x",
            &loopboard::domain::CustomerPatch {
                arr: Some(-1),
                ..Default::default()
            },
        )
        .expect_err("negative arr");
    assert!(matches!(err, StoreError::Invalid { field: "arr", .. }), "{err}");
}
