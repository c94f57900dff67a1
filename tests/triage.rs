//! Triage verbs on a temp store: batches are all or nothing, the waiting
//! pause is accounted, snoozes come back, and undo/redo restore the database
//! exactly while the decision log only ever grows.

mod common;

use chrono::Duration;
use common::{export, item, now, temp_store};
use loopboard::domain::{DecisionKind, ItemId, Severity, Status, SubjectKind};
use loopboard::store::{Store, StoreError};

fn items_only(store: &Store) -> String {
    export(store)
        .lines()
        .filter(|l| !l.contains(r#""kind":"decision""#))
        .collect::<Vec<_>>()
        .join("\n")
}

fn seeded(n: usize) -> (tempfile::TempDir, Store, Vec<ItemId>) {
    let (dir, mut store) = temp_store();
    let ids = (0..n)
        .map(|i| {
            store
                .add_item(&item(&format!("item {i}"), i as i64), now())
                .expect("add")
                .id
        })
        .collect();
    (dir, store, ids)
}

#[test]
fn a_batch_of_fifty_is_one_transaction_and_one_undo() {
    let (_d, mut store, ids) = seeded(60);
    let batch = &ids[..50];
    store.set_severity(batch, Severity::S3, now()).expect("batch");
    assert!(
        batch
            .iter()
            .all(|id| store.get_item(*id).expect("get").status == Status::Triaged)
    );
    store.undo("t", now()).expect("undo").expect("something undone");
    assert!(
        batch
            .iter()
            .all(|id| store.get_item(*id).expect("get").status == Status::New)
    );
}

#[test]
fn one_refusal_refuses_the_whole_batch_naming_the_item() {
    let (_d, mut store, ids) = seeded(5);
    store.set_severity(&ids[..4], Severity::S2, now()).expect("sev");
    let before = export(&store);
    // ids[4] has no severity, so it cannot be accepted; nothing may change.
    let err = store.set_status(&ids, Status::Accepted, now()).expect_err("refused");
    assert!(
        err.to_string().contains(&ids[4].to_string()) && err.to_string().contains("severity"),
        "{err}"
    );
    assert_eq!(export(&store), before);
}

#[test]
fn waiting_pauses_are_accumulated() {
    let (dir, mut store, ids) = seeded(1);
    store.set_severity(&ids, Severity::S2, now()).expect("sev");
    store.set_status(&ids, Status::Waiting, now()).expect("wait");
    store
        .set_status(&ids, Status::Triaged, now() + Duration::hours(5))
        .expect("back");
    store
        .set_status(&ids, Status::Waiting, now() + Duration::hours(6))
        .expect("wait again");
    store
        .set_status(&ids, Status::Accepted, now() + Duration::hours(8))
        .expect("accept");
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("test.db")).expect("open");
    let (paused, since): (i64, Option<i64>) = conn
        .query_row(
            "SELECT paused_secs, waiting_since FROM items WHERE id = ?1",
            [ids[0].0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!((paused, since), (7 * 3600, None));
}

#[test]
fn a_snooze_ends_and_the_item_comes_back_marked() {
    let (_d, mut store, ids) = seeded(2);
    store.set_severity(&ids[..1], Severity::S3, now()).expect("sev");
    let until = now() + Duration::days(3);
    store.snooze(&ids, until, now()).expect("snooze");
    assert_eq!(
        store.inbox_counts().expect("counts").open,
        0,
        "snoozed items leave the inbox"
    );
    assert_eq!(store.wake_snoozed(now() + Duration::days(2)).expect("wake"), 0);
    assert_eq!(store.wake_snoozed(until).expect("wake"), 2);
    let rows = store
        .list_window(loopboard::store::ListSource::Inbox, &[], 0, 10)
        .expect("rows");
    assert!(rows.iter().all(|r| r.back_from_snooze), "{rows:?}");
    assert_eq!(
        store.get_item(ids[0]).expect("get").status,
        Status::Triaged,
        "back where it was"
    );
    assert_eq!(store.get_item(ids[1]).expect("get").status, Status::New);
    let err = store.snooze(&ids, now() - Duration::hours(1), now()).expect_err("past");
    assert!(err.to_string().contains("future"), "{err}");
}

#[test]
fn escalating_flags_the_item_and_records_why() {
    let (_d, mut store, ids) = seeded(1);
    store.escalate(&ids, "", "dana", now()).expect_err("reason required");
    store
        .escalate(&ids, "Blocks Helio's go-live", "dana", now())
        .expect("escalate");
    let rows = store
        .list_window(loopboard::store::ListSource::Inbox, &[], 0, 1)
        .expect("rows");
    assert!(rows[0].escalated);
    let d = store.decisions_about(SubjectKind::Item, ids[0].0).expect("decisions");
    assert_eq!(
        (d[0].kind, d[0].rationale.as_str()),
        (DecisionKind::Escalate, "Blocks Helio's go-live")
    );
}

#[test]
fn undo_of_a_decline_appends_a_revoke_and_redo_declines_again() {
    let (_d, mut store, ids) = seeded(1);
    store.decline(&ids, "Out of scope", "dana", now()).expect("decline");
    let undone = store.undo("sam", now()).expect("undo").expect("something");
    assert_eq!(undone.items, ids);
    assert_eq!(store.get_item(ids[0]).expect("get").status, Status::New);
    let log = store.list_decisions().expect("log");
    assert_eq!(
        log.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DecisionKind::Decline, DecisionKind::Revoke]
    );
    assert_eq!(log[1].decided_by, "sam");
    store.redo("sam", now()).expect("redo").expect("something");
    assert_eq!(store.get_item(ids[0]).expect("get").status, Status::Declined);
    store.undo("sam", now()).expect("undo again").expect("something");
    let kinds: Vec<_> = store.list_decisions().expect("log").iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            DecisionKind::Decline,
            DecisionKind::Revoke,
            DecisionKind::Decline,
            DecisionKind::Revoke
        ]
    );
}

#[test]
fn undo_refuses_to_overwrite_a_later_change_from_another_session() {
    let (dir, mut store, ids) = seeded(1);
    store.set_severity(&ids, Severity::S2, now()).expect("sev");
    // Another session edits the row after our action.
    let conn = rusqlite::Connection::open(dir.path().join("test.db")).expect("raw");
    conn.execute("UPDATE items SET owner = 'priya' WHERE id = ?1", [ids[0].0])
        .expect("edit");
    let err = store.undo("t", now()).expect_err("must refuse");
    assert!(matches!(err, StoreError::Invalid { field: "undo", .. }), "{err}");
    assert_eq!(
        store.get_item(ids[0]).expect("get").owner.as_deref(),
        Some("priya"),
        "their change survives"
    );
}

#[test]
fn capture_is_undone_by_removing_the_item() {
    let (_d, mut store) = temp_store();
    let id = store.add_item(&item("Typo", 0), now()).expect("add").id;
    store.undo("t", now()).expect("undo").expect("something");
    assert!(matches!(store.get_item(id), Err(StoreError::NoSuchItem(_))));
    store.redo("t", now()).expect("redo").expect("something");
    assert_eq!(store.get_item(id).expect("back").title, "Typo");
    assert_eq!(store.redo("t", now()).expect("redo"), None, "nothing left to redo");
}

/// A small deterministic generator, so the random walk is reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn a_thousand_random_actions_then_a_thousand_undos_restore_the_start_across_a_restart() {
    let (dir, mut store, ids) = seeded(40);
    let start = items_only(&store);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut done = 0;
    let mut t = now();
    while done < 1_000 {
        t += Duration::minutes(1);
        let pick = |rng: &mut Rng| ids[rng.next(ids.len())];
        let batch: Vec<ItemId> = (0..1 + rng.next(3))
            .map(|_| pick(&mut rng))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let result = match rng.next(7) {
            0 => store.set_severity(&batch, Severity::ALL[rng.next(4)], t),
            1 => store.set_status(&batch, Status::ALL[rng.next(Status::ALL.len() - 1)], t),
            2 => store.decline(&batch, "random no", "bot", t),
            3 => store.set_owner(&batch, Some(["dana", "sam"][rng.next(2)]), t),
            4 => store.escalate(&batch, "random escalation", "bot", t),
            5 => store.snooze(&batch, t + Duration::days(2), t),
            _ => store.add_item(&item(&format!("new {done}"), 0), t).map(|_| ()),
        };
        if result.is_ok() {
            done += 1;
        }
        if done == 500 && result.is_ok() {
            // Half way, close and reopen: the journal is in the database.
            drop(store);
            store = Store::open(&dir.path().join("test.db")).expect("reopen");
        }
    }
    assert_ne!(items_only(&store), start);
    let decisions_before_undo = store.list_decisions().expect("log").len();
    for n in 0..1_000 {
        assert!(store.undo("bot", t).expect("undo").is_some(), "undo {n} found nothing");
        if n == 400 {
            drop(store);
            store = Store::open(&dir.path().join("test.db")).expect("reopen");
        }
    }
    assert_eq!(items_only(&store), start, "every item is exactly as it started");
    assert!(
        store.list_decisions().expect("log").len() >= decisions_before_undo,
        "the log only grows"
    );
}
