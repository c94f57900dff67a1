//! Themes in the store: assignment (undoable, names found without case),
//! the statistics of a theme counting duplicates of its members, weekly
//! buckets, classes, renames, and dismissed proposals staying dismissed.

mod common;

use chrono::Duration;
use common::{item, now, temp_store};
use loopboard::domain::{ItemId, NewItem, Severity, ThemeClass};
use loopboard::store::{Store, proposal_signature};

fn add(store: &mut Store, title: &str, customer: &str, segment: &str, hours_ago: i64) -> ItemId {
    let new = NewItem {
        customer: Some(customer.to_string()),
        segment: Some(segment.to_string()),
        ..item(title, hours_ago)
    };
    store.add_item(&new, now()).expect("add").id
}

#[test]
fn stats_count_duplicates_customers_segments_and_weeks() {
    let (_d, mut store) = temp_store();
    let a = add(&mut store, "invoice total wrong", "Acme", "enterprise", 2);
    let b = add(&mut store, "invoice off by tax", "acme", "enterprise", 24 * 8);
    let c = add(&mut store, "usage export mismatch", "Brightline", "mid-market", 24 * 20);
    let dup = add(&mut store, "invoice again", "Corvid", "smb", 24 * 60);
    let outside = add(&mut store, "unrelated", "Delta", "smb", 1);
    store.set_severity(&[b], Severity::S2, now()).expect("sev");
    store.set_severity(&[c], Severity::S3, now()).expect("sev");
    store
        .set_theme(&[a, b, c], Some("Billing drift"), now())
        .expect("theme");
    store.mark_duplicate(&[dup], a, "dana", now()).expect("dup");

    let stats = store.theme_stats(now(), 3).expect("stats");
    assert_eq!(stats.len(), 1);
    let s = &stats[0];
    assert_eq!(s.theme.name, "Billing drift");
    assert_eq!(s.items, 4, "three members and one duplicate");
    assert_eq!(s.customers, 3, "Acme and acme are one customer");
    assert_eq!(s.segments, 3);
    assert_eq!(s.class, ThemeClass::Recurring);
    assert_eq!(s.highest, Some(Severity::S2));
    assert_eq!(s.first_seen, Some(now() - Duration::hours(24 * 60)));
    assert_eq!(s.last_seen, Some(now() - Duration::hours(2)));
    // 2 h ago: this week; 8 days: last week; 20 days: three weeks back;
    // 60 days: older than the trend.
    assert_eq!(s.weekly, [0, 0, 0, 0, 0, 1, 1, 1]);

    let evidence = store.theme_evidence(s.theme.id).expect("evidence");
    let ids: Vec<ItemId> = evidence.iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![c, b, a, dup], "members oldest first, then duplicates");
    assert_eq!(evidence[3].duplicate_of, Some(a));
    assert!(!ids.contains(&outside));

    // A stricter threshold makes the same theme merely emerging.
    assert_eq!(
        store.theme_stats(now(), 4).expect("stats")[0].class,
        ThemeClass::Emerging
    );
}

#[test]
fn themes_are_found_without_case_and_assignment_is_undoable() {
    let (_d, mut store) = temp_store();
    let a = store.add_item(&item("a", 1), now()).expect("add").id;
    let b = store.add_item(&item("b", 2), now()).expect("add").id;
    let first = store
        .set_theme(&[a], Some("SSO  login"), now())
        .expect("theme")
        .expect("named");
    let again = store
        .set_theme(&[b], Some("sso login"), now())
        .expect("theme")
        .expect("named");
    assert_eq!(first.id, again.id, "the same theme, found without case");
    assert_eq!(store.themes().expect("themes").len(), 1);
    assert_eq!(
        store.theme_of(b).expect("theme").map(|t| t.name),
        Some("SSO login".into())
    );

    store.undo("t", now()).expect("undo").expect("something to undo");
    assert_eq!(store.theme_of(b).expect("theme"), None);
    assert_eq!(store.theme_of(a).expect("theme").map(|t| t.id), Some(first.id));
    store.redo("t", now()).expect("redo").expect("something to redo");
    assert_eq!(store.theme_of(b).expect("theme").map(|t| t.id), Some(first.id));

    store.set_theme(&[a, b], None, now()).expect("clear");
    assert!(
        store.theme_stats(now(), 3).expect("stats").is_empty(),
        "no evidence, no row"
    );
    assert_eq!(store.themes().expect("themes").len(), 1, "the name stays for undo");
    assert!(
        store.set_theme(&[a], Some("  "), now()).is_err(),
        "a blank name is refused"
    );
}

#[test]
fn renaming_refuses_a_name_in_use() {
    let (_d, mut store) = temp_store();
    let a = store.add_item(&item("a", 1), now()).expect("add").id;
    let b = store.add_item(&item("b", 2), now()).expect("add").id;
    let sso = store.set_theme(&[a], Some("SSO"), now()).expect("t").expect("t");
    store.set_theme(&[b], Some("Exports"), now()).expect("t");
    let err = store.rename_theme(sso.id, "exports").expect_err("taken");
    assert!(err.to_string().contains("Exports"), "{err}");
    let renamed = store.rename_theme(sso.id, "Single sign-on").expect("rename");
    assert_eq!(renamed.name, "Single sign-on");
    assert_eq!(
        store.rename_theme(sso.id, "single sign-on").expect("case").name,
        "single sign-on"
    );
}

#[test]
fn dismissed_proposals_stay_dismissed_until_their_members_change() {
    let (_d, mut store) = temp_store();
    store.dismiss_proposal(&[9, 3, 5], "noise", now()).expect("dismiss");
    let dismissed = store.dismissed_proposals().expect("dismissed");
    assert!(
        dismissed.contains(&proposal_signature(&[3, 5, 9])),
        "order does not matter"
    );
    assert!(
        !dismissed.contains(&proposal_signature(&[3, 5, 9, 11])),
        "new members bring it back"
    );
    // Reopening the database keeps it.
    let path = store.path().to_path_buf();
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert!(store.dismissed_proposals().expect("dismissed").contains("3,5,9"));
}

#[test]
fn proposals_draw_on_untriaged_unthemed_items_only() {
    let (_d, mut store) = temp_store();
    let ids: Vec<ItemId> = (0..4)
        .map(|i| store.add_item(&item(&format!("r{i}"), i), now()).expect("add").id)
        .collect();
    store.set_severity(&ids[..1], Severity::S3, now()).expect("triage");
    store.set_theme(&ids[1..2], Some("x"), now()).expect("theme");
    store.mark_duplicate(&ids[2..3], ids[3], "t", now()).expect("dup");
    assert_eq!(store.untriaged_unthemed().expect("ids"), vec![ids[3]]);
}

#[test]
fn the_themes_command_prints_a_table_and_jsonl() {
    use loopboard::cli::{ListFormat, ThemesArgs};
    let (_d, mut store) = temp_store();
    let a = add(&mut store, "invoice total wrong", "Acme", "enterprise", 2);
    let b = add(&mut store, "invoice off by tax", "Brightline", "smb", 30);
    store.set_theme(&[a, b], Some("Billing drift"), now()).expect("theme");
    let run = |format, recurring| {
        let mut out = Vec::new();
        let args = ThemesArgs { format, recurring };
        loopboard::themes_cmd::themes(&store, &args, &mut out, now()).expect("themes");
        String::from_utf8(out).expect("utf-8")
    };
    let table = run(ListFormat::Table, 3);
    assert!(table.contains("emerging") && table.contains("Billing drift"), "{table}");
    assert!(table.contains("·······█"), "both items this week: {table}");
    let jsonl = run(ListFormat::Jsonl, 2);
    assert_eq!(
        jsonl.trim(),
        r#"{"id":1,"name":"Billing drift","items":2,"customers":2,"segments":2,"class":"recurring","highest_severity":null,"first_seen":"2026-11-20T06:00:00Z","last_seen":"2026-11-21T10:00:00Z","weekly":[0,0,0,0,0,0,0,2]}"#
    );
}
