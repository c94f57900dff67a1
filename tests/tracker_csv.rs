//! `export --format linear|jira`: the headers against the columns the
//! trackers document, what each row says, the formula guard, and a real
//! round trip: loopboard's own Linear and Jira importers read the exported
//! files back with titles, priorities and labels intact.

mod common;

use common::{bet, now, temp_store};
use loopboard::cli::ExportFormat;
use loopboard::domain::{BetStatus, ItemId, NewHypothesis, NewItem, Severity, Status, deadline_on};
use loopboard::import::{Entry, Format, Options, open_reader};
use loopboard::store::Store;
use loopboard::tracker_export::export;

/// Linear's CSV importer reads these columns: the `LinearIssueType` fields
/// it uses in github.com/linear/linear-import
/// `src/importers/linearCsv/LinearCsvImporter.ts`.
const LINEAR_DOCUMENTED: [&str; 6] = ["Title", "Description", "Priority", "Status", "Assignee", "Labels"];

/// Jira Cloud's CSV importer: `Summary` is required; `Issue Type`,
/// `Description`, `Priority`, `Due date` are system fields; multi-value
/// fields such as `Labels` repeat the column. Atlassian, "Importing data
/// from CSV", https://confluence.atlassian.com/adminjiracloud/importing-data-from-csv-776636762.html
const JIRA_DOCUMENTED: [&str; 5] = ["Summary", "Issue Type", "Description", "Priority", "Due date"];

fn run(store: &Store, format: ExportFormat) -> String {
    let mut out = Vec::new();
    export(store, format, false, None, &mut out, now()).expect("export");
    String::from_utf8(out).expect("utf-8")
}

fn accepted(store: &mut Store, title: &str, sev: Severity, tags: &[&str]) -> ItemId {
    let new = NewItem {
        title: title.into(),
        body: format!("Details of {title}"),
        customer: Some("Secret Customer Ltd".into()),
        category: Some("Billing".into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        source: "test".into(),
        created_at: Some(now()),
        ..NewItem::default()
    };
    let id = store.add_item(&new, now()).expect("add").id;
    store.set_severity(&[id], sev, now()).expect("severity");
    store.set_status(&[id], Status::Accepted, now()).expect("accept");
    id
}

/// Two accepted items, one item left new, one running and one proposed bet.
fn fixture(store: &mut Store) {
    accepted(
        store,
        "Invoice totals wrong",
        Severity::S1,
        &["invoices", "needs review"],
    );
    accepted(store, "=HYPERLINK(\"http://x\")", Severity::S4, &[]);
    let stays_new = common::item("Not accepted yet", 1);
    store.add_item(&stays_new, now()).expect("add");
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "Clear invoices cut tickets".into(),
                evidence: vec![],
            },
            now(),
        )
        .expect("hypothesis");
    let mut running = bet("Redesign invoices");
    running.hypothesis = Some(h);
    running.owner = Some("dana".into());
    running.metric = Some("billing tickets -30%".into());
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).expect("date");
    running.deadline = deadline_on(date, &chrono::Local);
    let id = store.add_bet(&running, now()).expect("bet");
    store.set_bet_status(id, BetStatus::Running, now()).expect("run");
    store.add_bet(&bet("Only proposed"), now()).expect("bet");
}

fn rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().expect("header").iter().map(String::from).collect();
    (header, r.records().collect::<Result<_, _>>().expect("rows"))
}

#[test]
fn linear_rows_hold_the_accepted_items_and_running_bets() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let text = run(&store, ExportFormat::Linear);
    let (header, rows) = rows(&text);
    assert_eq!(header, LINEAR_DOCUMENTED);
    let titles: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        titles,
        ["Invoice totals wrong", "'=HYPERLINK(\"http://x\")", "Redesign invoices"],
        "accepted items then running bets; formula cells guarded"
    );
    assert_eq!(
        (&rows[0][2], &rows[0][3], &rows[0][5]),
        ("Urgent", "Todo", "feedback, billing, invoices, needs review")
    );
    assert!(rows[0][1].contains("From loopboard item #1 (test)."), "{}", &rows[0][1]);
    assert_eq!((&rows[1][2], &rows[1][5]), ("Low", "feedback, billing"));
    assert_eq!(
        (&rows[2][2], &rows[2][3], &rows[2][4], &rows[2][5]),
        ("No priority", "In Progress", "dana", "bet")
    );
    assert!(rows[2][1].contains("Hypothesis: Clear invoices cut tickets"));
    assert!(rows[2][1].contains("Success metric: billing tickets -30%"));
    assert!(
        !text.contains("Secret Customer"),
        "customer names stay out of the tracker"
    );
}

#[test]
fn jira_repeats_labels_columns_and_maps_priorities() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let text = run(&store, ExportFormat::Jira);
    let (header, rows) = rows(&text);
    assert_eq!(header[..5], JIRA_DOCUMENTED);
    assert_eq!(header[5..], ["Labels"; 4], "as many Labels columns as the most labels");
    assert_eq!(rows.len(), 3);
    let first: Vec<&str> = rows[0].iter().collect();
    assert_eq!(first[0], "Invoice totals wrong");
    assert_eq!(first[1..2], ["Task"]);
    assert_eq!(
        first[3..],
        ["Highest", "", "feedback", "billing", "invoices", "needs-review"]
    );
    assert_eq!(&rows[1][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(
        rows[1].iter().skip(3).collect::<Vec<_>>(),
        ["Low", "", "feedback", "billing", "", ""]
    );
    assert_eq!(
        rows[2].iter().skip(3).collect::<Vec<_>>(),
        ["", "2026-12-15", "bet", "", "", ""],
        "a bet has no severity; its deadline is the due date"
    );
}

/// Reads an exported file with loopboard's own importer for that format.
fn reimport(text: String, format: Format) -> Vec<loopboard::import::Record> {
    let opts = Options {
        format: Some(format),
        maps: Vec::new(),
        now: now(),
    };
    let source = open_reader("export.csv", std::io::Cursor::new(text.into_bytes()), None, &opts).expect("open");
    source
        .entries
        .map(|e| match e.expect("record") {
            Entry::Feedback(r) => *r,
        })
        .collect()
}

#[test]
fn our_importers_read_the_exports_back() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    for (export_as, import_as) in [
        (ExportFormat::Linear, Format::Linear),
        (ExportFormat::Jira, Format::Jira),
    ] {
        let records = reimport(run(&store, export_as), import_as);
        let got: Vec<(&str, Option<Severity>)> = records
            .iter()
            .map(|r| (r.item.title.as_str(), r.suggested_severity))
            .collect();
        assert_eq!(
            got,
            [
                ("Invoice totals wrong", Some(Severity::S1)),
                ("'=HYPERLINK(\"http://x\")", Some(Severity::S4)),
                ("Redesign invoices", None),
            ],
            "{import_as}"
        );
        let tags = &records[0].item.tags;
        assert_eq!(tags.len(), 4, "every label came back: {import_as}: {tags:?}");
        assert!(tags.contains(&"invoices".to_string()), "{import_as}: {tags:?}");
        assert!(
            records[0].item.body.starts_with("Details of Invoice totals wrong"),
            "{import_as}"
        );
    }
}
