//! Property tests: random bytes, random CSV and random JSON fed to every
//! importer (Slack's folder and zip included) never panic, and either import cleanly (sanitized, all rows
//! accounted for) or fail with an error that says where.

mod common;

use common::{auto, export, now, temp_store};
use loopboard::import::{Format, ImportError, Options, open_reader};
use proptest::prelude::*;
use serde_json::{Map, Value};

const FORMATS: [Option<Format>; 11] = [
    None,
    Some(Format::Csv),
    Some(Format::Json),
    Some(Format::Jsonl),
    Some(Format::Interchange),
    Some(Format::Github),
    Some(Format::Linear),
    Some(Format::Jira),
    Some(Format::Zendesk),
    Some(Format::Intercom),
    Some(Format::Canny),
];

/// The error names the file, and a line when it is about a place in it.
fn assert_located(err: &ImportError, name: &str) {
    match err {
        ImportError::Invalid { location, .. } => {
            assert_eq!(&*location.file, name, "{err}");
            assert!(location.line >= 1, "{err}");
        }
        ImportError::Unusable { file, .. } | ImportError::Io { file, .. } => assert_eq!(file, name, "{err}"),
        ImportError::Store(e) => panic!("a record error surfaced as a database error: {e}"),
    }
    assert!(err.to_string().starts_with(name), "{err}");
}

/// Reads every record without a database; returns how many there were.
fn drain(bytes: &[u8], format: Option<Format>) -> Result<usize, ImportError> {
    let opts = Options { format, ..auto() };
    let source = open_reader("in.dat", std::io::Cursor::new(bytes.to_vec()), None, &opts)?;
    let mut n = 0;
    for entry in source.entries {
        entry?;
        n += 1;
    }
    Ok(n)
}

/// Imports into a fresh database; checks the all-or-nothing promise.
fn import(name: &str, bytes: Vec<u8>, format: Option<Format>) -> Result<usize, ImportError> {
    let (_d, mut store) = temp_store();
    let opts = Options { format, ..auto() };
    let result = common::import_bytes(&mut store, name, bytes, &opts);
    let dump = export(&store);
    match &result {
        Ok(s) => {
            assert!(
                !dump.chars().any(|c| c.is_control() && c != '\n'),
                "control characters stored: {dump:?}"
            );
            Ok(s.items_new + s.items_present)
        }
        Err(_) => {
            assert_eq!(dump, "", "a failed import wrote something");
            result.map(|_| 0)
        }
    }
}

/// Cells with everything CSV and terminals find hard.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[a-z ,;\"\n\r]{0,10}",
        Just("\u{1b}]52;c;aGk=\u{7}x".to_string()),
        Just("2026-10-28T09:12:00Z".to_string()),
        Just("High".to_string()),
        Just("S2".to_string()),
        "\\PC{0,8}",
    ]
}

fn header() -> impl Strategy<Value = Vec<String>> {
    let names = [
        "title",
        "body",
        "customer",
        "tags",
        "severity",
        "priority",
        "created_at",
        "external_id",
        "junk",
    ];
    proptest::sample::subsequence(names.to_vec(), 1..names.len())
        .prop_map(|v| v.into_iter().map(str::to_string).collect())
}

/// A CSV file: written properly by the csv crate, or joined by hand
/// (so quotes may be unbalanced), with LF or CRLF line ends.
fn csv_file() -> impl Strategy<Value = Vec<u8>> {
    (
        header(),
        proptest::collection::vec(proptest::collection::vec(cell(), 1..10), 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(header, rows, proper, crlf)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            if proper {
                let mut w = csv::WriterBuilder::new()
                    .flexible(true)
                    .terminator(if crlf {
                        csv::Terminator::CRLF
                    } else {
                        csv::Terminator::Any(b'\n')
                    })
                    .from_writer(Vec::new());
                w.write_record(&header).expect("header");
                for row in &rows {
                    let row: Vec<&String> = row.iter().take(header.len()).collect();
                    w.write_record(row).expect("row");
                }
                w.into_inner().expect("bytes")
            } else {
                let mut text = header.join(",") + eol;
                for row in rows {
                    text += &(row.join(",") + eol);
                }
                text.into_bytes()
            }
        })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        cell().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(key(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "title",
            "body",
            "customer",
            "tags",
            "labels",
            "severity",
            "priority",
            "created_at",
            "createdAt",
            "number",
            "subject",
            "description",
            "details",
            "id",
            "source",
            "author",
            "kind",
        ])
        .prop_map(str::to_string),
        "[a-z]{1,6}",
    ]
}

fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    proptest::collection::btree_map(key(), json_value(), 0..8).prop_map(|m| m.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic_and_errors_say_where(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        for format in FORMATS {
            if let Err(e) = drain(&bytes, format) {
                assert_located(&e, "in.dat");
            }
        }
    }

    #[test]
    fn random_text_lines_never_panic(lines in proptest::collection::vec("\\PC{0,30}", 0..8)) {
        let bytes = lines.join("\n").into_bytes();
        for format in FORMATS {
            if let Err(e) = drain(&bytes, format) {
                assert_located(&e, "in.dat");
            }
        }
    }

    #[test]
    fn random_csv_imports_cleanly_or_fails_with_a_line(bytes in csv_file()) {
        match import("in.csv", bytes.clone(), Some(Format::Csv)) {
            Ok(n) => {
                let rows = drain(&bytes, Some(Format::Csv)).expect("reading agrees with importing");
                prop_assert_eq!(n, rows, "every row accounted for");
            }
            Err(e) => assert_located(&e, "in.csv"),
        }
    }

    #[test]
    fn random_json_imports_cleanly_or_fails_with_a_place(objects in proptest::collection::vec(json_object(), 0..5)) {
        let array = Value::Array(objects.iter().cloned().map(Value::Object).collect());
        let lines: Vec<String> = objects.iter().map(|o| Value::Object(o.clone()).to_string()).collect();
        let cases = [
            ("in.json", serde_json::to_vec_pretty(&array).expect("json"), Format::Json),
            ("in.jsonl", lines.join("\n").into_bytes(), Format::Jsonl),
            ("in.json", serde_json::to_vec(&array).expect("json"), Format::Github),
            ("in.json", serde_json::json!({ "tickets": array }).to_string().into_bytes(), Format::Zendesk),
            ("in.json", serde_json::json!({ "conversations": array }).to_string().into_bytes(), Format::Intercom),
            ("in.json", serde_json::json!({ "posts": array }).to_string().into_bytes(), Format::Canny),
            ("in.jsonl", lines.join("\n").into_bytes(), Format::Interchange),
        ];
        for (name, bytes, format) in cases {
            if let Err(e) = import(name, bytes, Some(format)) {
                assert_located(&e, name);
            }
        }
    }
}

/// Imports a Slack export folder or zip; checks errors name the export.
fn import_slack(path: &std::path::Path) {
    let (_d, mut store) = temp_store();
    let label = path.display().to_string();
    match common::import_path(&mut store, path, Some(Format::Slack)) {
        Ok(_) => assert!(!export(&store).chars().any(|c| c.is_control() && c != '\n')),
        Err(e) => {
            assert!(e.to_string().starts_with(&label), "{e}");
            assert_eq!(export(&store), "", "a failed import wrote something");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn random_zip_bytes_never_panic_the_slack_importer(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("export.zip");
        let mut data = b"PK\x03\x04".to_vec();
        data.extend(bytes);
        std::fs::write(&path, data).expect("write");
        import_slack(&path);
    }

    #[test]
    fn random_json_in_a_slack_export_never_panics(
        users in json_value(),
        channels in json_value(),
        day in proptest::collection::vec(json_object(), 0..4),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        std::fs::create_dir(root.join("general")).expect("channel");
        std::fs::write(root.join("users.json"), users.to_string()).expect("users");
        std::fs::write(root.join("channels.json"), channels.to_string()).expect("channels");
        let day = Value::Array(day.into_iter().map(Value::Object).collect());
        std::fs::write(root.join("general/2026-11-03.json"), day.to_string()).expect("day");
        import_slack(root);
    }
}

#[test]
fn the_clock_used_by_these_tests_is_fixed() {
    assert_eq!(now().to_rfc3339(), "2026-11-21T12:00:00+00:00");
}
