//! End-to-end tests: the real `loopboard` binary in a pseudo-terminal, checked
//! through what it draws, what it writes to the terminal and what it leaves
//! in the database (read back through the command line).

mod pty;

use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use pty::Pty;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_loopboard");
/// Generous: a loaded CI machine may be slow, and waits end as soon as the
/// screen shows what they look for.
const WAIT: Duration = Duration::from_secs(10);
const COLS: u16 = 120;
const ROWS: u16 = 30;

/// A fresh database in its own temporary directory.
struct Db {
    dir: TempDir,
    path: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().expect("create a temp dir");
        let path = dir.path().join("board.db");
        Db { dir, path }
    }

    fn with_demo() -> Db {
        let db = Db::new();
        db.cli(&["demo"]);
        db
    }

    /// Runs `loopboard --db DB args…`, asserts success and returns stdout.
    fn cli(&self, args: &[&str]) -> String {
        self.cli_with_stdin(args, None)
    }

    fn cli_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> String {
        let mut child = Command::new(BIN)
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env_remove("LOOPBOARD_DB")
            .env("HOME", self.dir.path())
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn loopboard");
        if let Some(text) = stdin {
            let mut pipe = child.stdin.take().expect("child stdin");
            pipe.write_all(text.as_bytes()).expect("write loopboard's stdin");
        }
        let out = child.wait_with_output().expect("run loopboard");
        assert!(
            out.status.success(),
            "loopboard {args:?} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("loopboard's output is UTF-8")
    }

    /// Every item, from `list --format jsonl`.
    fn items(&self) -> Vec<Value> {
        jsonl(&self.cli(&["list", "--format", "jsonl"]))
    }

    fn item(&self, id: u64) -> Value {
        self.items()
            .into_iter()
            .find(|item| item["id"].as_u64() == Some(id))
            .unwrap_or_else(|| panic!("no item #{id} in `list --format jsonl`"))
    }

    /// Every record, from `export`.
    fn export(&self) -> Vec<Value> {
        jsonl(&self.cli(&["export"]))
    }

    /// Opens the board in a 120x30 pty and waits for its first frame.
    fn open_board(&self, first_frame: &str) -> Pty {
        self.open_board_with_env(first_frame, &[])
    }

    /// Opens the board with extra environment variables (e.g. `EDITOR`).
    fn open_board_with_env(&self, first_frame: &str, extra: &[(&str, &str)]) -> Pty {
        let home = self.dir.path().to_str().expect("temp dir path is UTF-8");
        let mut env = vec![("TERM", "xterm-256color"), ("HOME", home), ("USER", "e2e")];
        env.extend_from_slice(extra);
        let mut board = Pty::spawn(BIN, [OsStr::new("--db"), self.path.as_os_str()], &env, COLS, ROWS);
        board.wait_for(first_frame, WAIT);
        board
    }
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSONL line {line:?}: {e}")))
        .collect()
}

/// The id in the selected table row (`│> 150 …`, or `│>*150` when marked),
/// if one is drawn.
fn selected_id(screen: &str) -> Option<u64> {
    screen.lines().find_map(|line| {
        let (_, rest) = line.split_once("│>")?;
        let rest = rest.trim_start_matches([' ', '*']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

/// Waits for the inbox to be drawn with a selected row and returns its id.
fn wait_selected(board: &mut Pty) -> u64 {
    board.wait_until("a selected row (│>id)", WAIT, selected_id)
}

/// Quits with `keys` and asserts a clean, prompt exit.
fn quit(board: &mut Pty, keys: &str) {
    board.send(keys);
    let status = board.wait_exit(WAIT);
    assert!(status.success(), "loopboard exited with {status}");
}

#[test]
fn triage_with_2_persists_s2_triaged() {
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    let id = wait_selected(&mut board);
    assert_eq!(
        db.item(id)["status"],
        "new",
        "the first selected item should be untriaged"
    );

    board.send("2");
    board.wait_for(&format!("#{id} is S2"), WAIT);
    quit(&mut board, "q");

    let item = db.item(id);
    assert_eq!(item["severity"], "S2", "{item}");
    assert_eq!(item["status"], "triaged", "{item}");
    assert!(item["triaged_at"].is_string(), "triaged_at should be set: {item}");
}

#[test]
fn decline_requires_a_reason_and_records_it() {
    const REASON: &str = "Out of scope for this quarter";
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    let id = wait_selected(&mut board);

    board.send("x");
    board.wait_for(&format!("Decline #{id}"), WAIT);
    board.send("\r");
    board.wait_for("a reason is required", WAIT);
    board.send(REASON);
    board.wait_for(REASON, WAIT);
    board.send("\r");
    board.wait_for(&format!("#{id} declined"), WAIT);

    // A declined item leaves the inbox, so another one is selected now.
    let other = board.wait_until("another selected row", WAIT, |screen| {
        selected_id(screen).filter(|&sel| sel != id)
    });
    board.send("x");
    board.wait_for(&format!("Decline #{other}"), WAIT);
    // A lone Esc, with nothing after it, so it is not read as Alt-something.
    board.send("\x1b");
    board.wait_for("decline cancelled", WAIT);
    quit(&mut board, "q");

    let records = db.export();
    let declines: Vec<&Value> = records
        .iter()
        .filter(|r| r["kind"] == "decision" && r["decision"] == "decline")
        .filter(|r| r["subject_id"] == id || r["subject_id"] == other)
        .collect();
    assert_eq!(declines.len(), 1, "one decline, for #{id} only: {declines:?}");
    let decline = declines[0];
    assert_eq!(decline["subject"], "item", "{decline}");
    assert_eq!(decline["subject_id"], id, "{decline}");
    assert_eq!(decline["rationale"], REASON, "{decline}");
    assert_eq!(db.item(id)["status"], "declined");
    let kept = db.item(other);
    assert_ne!(kept["status"], "declined", "Esc must change nothing: {kept}");
}

#[test]
fn empty_database_shows_welcome_and_d_loads_demo() {
    let db = Db::new();
    let mut board = db.open_board("Welcome to loopboard");
    board.send("D");
    board.wait_for("demo loaded", WAIT);
    board.wait_for(" Inbox 1/", WAIT);
    quit(&mut board, "q");

    assert_eq!(db.items().len(), 150);
}

#[test]
fn quick_capture_adds_an_item() {
    const TITLE: &str = "Dark mode for the weekly digest email";
    const BODY: &str = "Asked by three admins on the Tuesday call";
    let db = Db::new();
    let mut board = db.open_board("Welcome to loopboard");
    board.send("n");
    board.wait_for(" New item ", WAIT);
    board.send(TITLE);
    board.wait_for(TITLE, WAIT);
    board.send("\t");
    board.wait_for(">Body", WAIT);
    board.send(BODY);
    board.wait_for(BODY, WAIT);
    board.send("\x13"); // Ctrl-S
    // A fresh database: the captured item is the first one.
    board.wait_for("#1 added", WAIT);
    quit(&mut board, "q");

    let items = db.items();
    let item = items
        .iter()
        .find(|item| item["title"] == TITLE)
        .unwrap_or_else(|| panic!("no item titled {TITLE:?} in {items:?}"));
    assert_eq!(item["body"], BODY, "{item}");
    assert_eq!(item["status"], "new", "{item}");
}

/// After the last switch to the alternate screen, the program must leave it
/// and show the cursor again.
fn assert_terminal_restored(raw: &[u8]) {
    const ENTER_ALT: &[u8] = b"\x1b[?1049h";
    const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
    const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
    let last_enter = rfind(raw, ENTER_ALT).expect("the board entered the alternate screen");
    let after = &raw[last_enter + ENTER_ALT.len()..];
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    assert!(
        find(after, LEAVE_ALT).is_some(),
        "never left the alternate screen; output ends with {tail:?}"
    );
    assert!(
        find(after, SHOW_CURSOR).is_some(),
        "never showed the cursor again; output ends with {tail:?}"
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn terminal_is_restored_on_quit() {
    for (how, keys) in [("q", "q"), ("Ctrl-C", "\x03")] {
        let db = Db::with_demo();
        let mut board = db.open_board("Inbox");
        wait_selected(&mut board);
        quit(&mut board, keys);
        let raw = board.raw_output();
        eprintln!("quit with {how}: {} bytes of output", raw.len());
        assert_terminal_restored(&raw);
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let title = "Invoice totals wrong \x1b]52;c;aGVsbG8=\x07after \x1b[2Jthe \
                 \x1b]8;;https://evil.example/\x07update\x1b]8;;\x07 \x1bP1$qm\x1b\\today \
                 \u{9b}31mplease \u{202e}fix";
    let body = "Customer pasted this: \x1b]52;c;aGVsbG8=\x07clipboard \x1b[2Jcleared\n\
                link \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07 and \x1bP1$qm\x1b\\dcs \
                \u{9b}2Jcsi \u{202e}reversed words end";
    let db = Db::new();
    let id = db
        .cli_with_stdin(&["add", "--title", title, "--body", "-"], Some(body))
        .trim()
        .to_string();
    assert!(!id.is_empty(), "`add` printed the new item's id");

    let mut board = db.open_board("Inbox");
    board.wait_for("Invoice totals wrong", WAIT);
    board.wait_for("reversed words end", WAIT);
    let screen = board.screen();
    quit(&mut board, "q");

    for words in ["Invoice totals wrong", "Customer pasted this", "reversed words end"] {
        assert!(screen.contains(words), "{words:?} not on screen:\n{screen}");
    }
    let raw = board.raw_output();
    for (what, bytes) in [
        ("OSC 52 (clipboard write)", &b"\x1b]52"[..]),
        ("OSC 8 (hyperlink)", b"\x1b]8;"),
        ("DCS", b"\x1bP"),
        ("C1 CSI (U+009B)", "\u{9b}".as_bytes()),
        ("bidi override (U+202E)", "\u{202e}".as_bytes()),
        ("the OSC 52 payload", b"aGVsbG8="),
        ("the hyperlink target", b"evil.example"),
    ] {
        assert!(
            find(&raw, bytes).is_none(),
            "{what} reached the terminal ({} bytes of output)",
            raw.len()
        );
    }
    assert_terminal_restored(&raw);
}

/// The id of the selected card on the board (`> S2 #42 …`), if one is drawn.
fn selected_card(screen: &str) -> Option<u64> {
    screen.lines().find_map(|line| {
        let (_, rest) = line.split_once("│> ")?;
        let (_, rest) = rest.split_once(" #")?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

#[test]
fn moving_a_card_with_l_survives_a_restart() {
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    board.send("\t");
    board.wait_for("[Board]", WAIT);
    let id = board.wait_until("a selected card", WAIT, selected_card);
    assert_eq!(
        db.item(id)["status"],
        "triaged",
        "the Triaged column has the focus first"
    );
    board.send("L");
    board.wait_for(&format!("#{id} moved to accepted"), WAIT);
    quit(&mut board, "q");
    assert_eq!(db.item(id)["status"], "accepted");

    // Reopen: the card is in the Accepted column.
    let mut again = db.open_board("Inbox");
    again.send("\tl");
    again.wait_for(">Accepted", WAIT);
    again.wait_for(&format!("#{id} "), WAIT);
    quit(&mut again, "q");
}

/// Sends `signal` to the program in the pty with the system's `kill`.
fn kill(board: &Pty, signal: &str) {
    let pid = board.pid().expect("the child has a pid");
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status();
    assert!(status.expect("run kill").success(), "kill -{signal} {pid}");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let db = Db::with_demo();
        let mut board = db.open_board("Inbox");
        wait_selected(&mut board);
        kill(&board, signal);
        let status = board.wait_exit(WAIT);
        assert_eq!(status.exit_code(), code, "SIG{signal}");
        assert_terminal_restored(&board.raw_output());
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_takes_it_again() {
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    wait_selected(&mut board);
    let entered_before = board.raw_output().windows(8).filter(|w| w == b"\x1b[?1049h").count();
    board.send("\x1a");
    // Here no job-control shell owns the pty, so the kernel ignores the stop
    // (orphaned process group): the program must have left the alternate
    // screen and then entered it again, and still answer keys.
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let raw = board.raw_output();
        let entered = raw.windows(8).filter(|w| w == b"\x1b[?1049h").count();
        let left = raw.windows(8).any(|w| w == b"\x1b[?1049l");
        if entered > entered_before && left {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the terminal was not given back and taken again"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    board.send("j");
    quit(&mut board, "q");
}

#[test]
fn e_edits_the_item_in_the_users_editor() {
    let db = Db::with_demo();
    // A scripted "editor": replaces the first line (the title) of the file it
    // is given and appends a line to the body.
    let editor = db.dir.path().join("fake-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i '1s/.*/Edited title/' \"$1\"\necho 'Added in the editor' >> \"$1\"\n",
    )
    .expect("write the editor script");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .expect("chmod");
    let mut board = db.open_board_with_env("Inbox", &[("EDITOR", editor.to_str().expect("utf-8 path"))]);
    let id = wait_selected(&mut board);
    board.send("e");
    board.wait_for(&format!("#{id} edited"), WAIT);
    quit(&mut board, "q");
    let item = db.item(id);
    assert_eq!(item["title"], "Edited title", "{item}");
    assert!(
        item["body"].as_str().expect("body").ends_with("Added in the editor"),
        "{item}"
    );
}

#[test]
fn p_puts_the_item_in_a_new_theme_that_the_themes_view_and_cli_show() {
    const NAME: &str = "Usage export gap";
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    let id = wait_selected(&mut board);

    board.send("p");
    board.wait_for("Theme (suggested first", WAIT);
    board.send(NAME);
    board.wait_for(&format!("new: {NAME}"), WAIT);
    board.send("\r");
    board.wait_for(&format!("#{id} in theme \"{NAME}\""), WAIT);
    board.send("\t\t\t");
    board.wait_for("[Themes]", WAIT);
    board.wait_for(NAME, WAIT);
    quit(&mut board, "q");

    let themes = jsonl(&db.cli(&["themes", "--format", "jsonl"]));
    assert_eq!(themes.len(), 1, "{themes:?}");
    assert_eq!(themes[0]["name"], NAME);
    assert_eq!(themes[0]["items"], 1);
    let records = db.export();
    let item = records
        .iter()
        .find(|r| r["kind"] == "item" && r["id"] == id)
        .expect("the item is exported");
    assert_eq!(item["theme_id"], themes[0]["id"], "{item}");
}

#[test]
fn m_marks_a_duplicate_in_the_real_binary() {
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    let id = wait_selected(&mut board);
    // Wait for the background similarity index: the detail pane then lists
    // possible duplicates, and the picker offers them first.
    board.wait_for("Possible duplicates", WAIT);
    board.send("m");
    board.wait_for("Duplicate of", WAIT);
    board.send("\r");
    board.wait_for(&format!("#{id} marked duplicate of #"), WAIT);
    quit(&mut board, "q");
    let item = db.item(id);
    assert_eq!(item["status"], "duplicate", "{item}");
    let canonical = db
        .export()
        .into_iter()
        .find(|r| r["kind"] == "item" && r["id"] == id)
        .expect("exported");
    assert!(canonical["duplicate_of"].is_i64(), "the link is exported: {canonical}");
}

#[test]
fn adjusting_a_bet_input_reranks_it_and_survives_a_restart() {
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    board.send("\t\t\t\t");
    board.wait_for("[Bets]", WAIT);
    // The top bet (#4, 80% confidence) loses confidence until it drops.
    board.send("\x1b[C\x1b[C"); // → → : reach, impact, confidence
    board.wait_for(">confidence", WAIT);
    board.send("----");
    board.wait_for("#4 confidence = 40", WAIT);
    let screen = board.screen();
    assert!(!screen.contains("now #1"), "it left the top:\n{screen}");
    quit(&mut board, "q");
    let bets = jsonl(&db.cli(&["bets", "--format", "jsonl"]));
    let four = bets.iter().find(|b| b["id"] == 4).expect("bet 4");
    assert_eq!(four["inputs"]["confidence"], 40.0, "{four}");
    assert_ne!(four["rank"], 1, "{four}");
}

/// The weekly review end to end: `R`, `]` through every step, and the summary
/// file lands beside the database (0600) with a review in the export.
#[test]
fn walking_a_review_writes_the_summary_file() {
    let db = Db::with_demo();
    let mut board = db.open_board("Inbox");
    wait_selected(&mut board);
    board.send("R");
    board.wait_for("Review 1/5", WAIT);
    // More `]` than the demo has objects to review; extra ones do nothing.
    board.send("]".repeat(400));
    board.wait_for("review recorded; summary written to", WAIT);
    quit(&mut board, "q");

    let files: Vec<PathBuf> = std::fs::read_dir(db.dir.path())
        .expect("read the temp dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("review-"))
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("read the summary");
    assert!(text.starts_with('#'), "{text:.80}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let reviews: Vec<Value> = db.export().into_iter().filter(|v| v["kind"] == "review").collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
}
