//! Customer text can never attack the terminal. Hostile strings (OSC 52
//! clipboard writes, OSC 8 links, CSI screen clears, DCS/APC/PM/SOS, C1
//! controls, BEL, backspace, bidi overrides and isolates, zero-width
//! joiners, 10,000 combining marks on one letter, a 1 MiB line, CJK and
//! emoji) are put into every field, through the intake path and raw behind
//! the store's back, and every screen is drawn at several sizes; then 10,000
//! random strings (proptest) the same way. The checks are in
//! `hostile/backend.rs`: no escape sequence or control character from the
//! data in the bytes sent to the terminal, nothing drawn outside the frame,
//! no crash.

mod common;
mod hostile;
mod reliability;

use std::cell::{Cell, RefCell};

use hostile::Board;
use hostile::screens::Depth;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// The named hostile strings of the issue.
fn corpus() -> Vec<(&'static str, String)> {
    vec![
        (
            "OSC 52 clipboard write",
            "copy \x1b]52;c;ZWNobyBwd25lZA==\x07 me".into(),
        ),
        ("OSC 52, ST-terminated", "x\x1b]52;p;cm0gLXJmIH4=\x1b\\y".into()),
        (
            "OSC 8 link",
            "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07".into(),
        ),
        ("CSI screen clear", "before\x1b[2J\x1b[H\x1b[3Jafter".into()),
        (
            "CSI colours and cursor",
            "\x1b[31;1;5mred\x1b[0m\x1b[10A\x1b[999C".into(),
        ),
        ("DCS", "\x1bP1$qm\x1b\\dcs".into()),
        ("APC, PM, SOS", "\x1b_apc\x1b\\ \x1b^pm\x1b\\ \x1bXsos\x1b\\".into()),
        (
            "C1 controls",
            "\u{9b}2J \u{9d}0;title\u{9c} \u{90}dcs\u{9c} \u{85}\u{8d}".into(),
        ),
        (
            "every C0 control and DEL",
            (0u8..32).chain([127]).map(char::from).collect(),
        ),
        ("BEL and backspace", "ding\x07\x07 over\x08\x08\x08\x08write".into()),
        ("bidi override", "invoice \u{202E}fdp.exe\u{202C} total".into()),
        (
            "bidi isolates",
            "\u{2066}a\u{2067}b\u{2068}c\u{2069}d \u{200E}\u{200F}\u{061C}".into(),
        ),
        ("zero-width", "pay\u{200B}pal \u{200D}\u{200C}\u{2060}\u{FEFF}".into()),
        ("emoji with joiners", "👩\u{200D}💻 🏳️\u{200D}🌈 👍🏽 🇯🇵 1️⃣".into()),
        ("10,000 combining marks", format!("e{}", "\u{0301}".repeat(10_000))),
        ("1 MiB line", "A".repeat(1 << 20)),
        ("256 KiB of wide characters", "請".repeat((1 << 18) / 3)),
        (
            "CJK",
            "管理画面でエクスポートが失敗します。請求書の合計が違う 한국어".into(),
        ),
        ("newlines and tabs", "a\r\nb\rc\n\n\n\td\u{2028}e\u{2029}f".into()),
        (
            "interlinear and tags",
            "\u{FFF9}a\u{FFFA}b\u{FFFB} \u{E0041}\u{E007F}".into(),
        ),
        ("Hangul fillers", "\u{115F}\u{1160}\u{3164}x".into()),
    ]
}

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (40, 12), (12, 6)];

#[test]
fn named_hostile_strings_in_every_field_and_view() {
    let mut failures = Vec::new();
    for (name, text) in corpus() {
        let started = std::time::Instant::now();
        let (width, height) = SIZES[0];
        // Every screen once; the other sizes skip the two screens that
        // write (a megabyte row makes a slow undo image).
        let mut intake = Board::through_intake(&text, width, height);
        let mut raw = Board::plain(width, height);
        raw.put_raw(&text);
        for (path, board) in [("intake", &mut intake), ("raw", &mut raw)] {
            for (i, (width, height)) in SIZES.into_iter().enumerate() {
                board.resize(width, height);
                let problems = if i == 0 {
                    board.check_every_screen(&text)
                } else {
                    board.check_each_view(&text, Depth::WholeFrame)
                };
                for problem in problems {
                    failures.push(format!("{name} ({path}, {width}x{height}): {problem}"));
                }
            }
        }
        eprintln!("{name}: {:.2} s", started.elapsed().as_secs_f64());
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Building blocks of random hostile strings.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        "[\\x00-\\x1f\\x7f-\\x9f]{1,6}",
        "\\PC{0,12}",
        "[\\u{0300}-\\u{036f}\\u{20d0}-\\u{20ff}]{1,40}",
        "[\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2060}-\\u{2069}\\u{feff}]{1,4}",
        "[\\u{4e00}-\\u{9fff}\\u{ac00}-\\u{d7a3}\\u{3040}-\\u{30ff}]{1,8}",
        "[\\u{1f300}-\\u{1faff}\\u{fe0f}\\u{200d}\\u{1f3fb}-\\u{1f3ff}]{1,6}",
        Just("\x1b]52;c;aGVsbG8=\x07".to_string()),
        Just("\x1b]8;;https://evil.example/\x1b\\".to_string()),
        Just("\x1b[2J\x1b[H".to_string()),
        Just("\x1bP1$qm\x1b\\".to_string()),
        Just("\x1b_apc\x1b\\".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\x1b".to_string()),
        Just("\x1b[".to_string()),
        Just("\x1b]".to_string()),
        Just("\r\n".to_string()),
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..10).prop_map(|pieces| pieces.concat())
}

/// Runs `cases` random strings through every view on boards of three sizes
/// in turn; returns how many ran, or the first failure (shrunk).
fn run_cases(seed: u64, cases: usize) -> Result<usize, String> {
    // The runner takes a `Fn`; the boards are reused across cases (each case
    // overwrites every field), one per size, in turn.
    let boards: Vec<RefCell<Board>> = [(72, 20), (52, 16), (36, 12)]
        .into_iter()
        .map(|(w, h)| RefCell::new(Board::plain(w, h)))
        .collect();
    let config = Config {
        cases: u32::try_from(cases).unwrap_or(u32::MAX),
        failure_persistence: None,
        ..Config::default()
    };
    let seed: Vec<u8> = seed.to_le_bytes().repeat(4);
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let n = Cell::new(0usize);
    let result = runner.run(&hostile_string(), |text| {
        n.set(n.get() + 1);
        let mut board = boards[n.get() % boards.len()].borrow_mut();
        board.put_raw(&text);
        // The whole-frame check doubles the cost of a case: every fourth.
        let depth = if n.get().is_multiple_of(4) {
            Depth::WholeFrame
        } else {
            Depth::Sent
        };
        let problems = board.check_each_view(&text, depth);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(TestCaseError::fail(problems.join("\n")))
        }
    });
    result.map(|_| n.get()).map_err(|e| e.to_string())
}

#[test]
fn ten_thousand_random_strings_in_every_field_and_view() {
    let cases = reliability::count("LOOPBOARD_HOSTILE_CASES", 10_000);
    let seed = reliability::Rng::from_env(0x5EED_0010).next_u64();
    let started = std::time::Instant::now();
    // Two halves on two threads: the boards are independent databases.
    let results: Vec<Result<usize, String>> = std::thread::scope(|scope| {
        let halves = [(seed, cases / 2), (seed ^ 0xFFFF, cases - cases / 2)];
        let running: Vec<_> = halves.map(|(s, n)| scope.spawn(move || run_cases(s, n))).into();
        running
            .into_iter()
            .map(|t| t.join().expect("a worker thread"))
            .collect()
    });
    let ran: usize = results.iter().filter_map(|r| r.as_ref().ok()).sum();
    eprintln!(
        "{ran} random strings checked in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for result in results {
        if let Err(e) = result {
            panic!("{e}");
        }
    }
    assert_eq!(ran, cases);
}
