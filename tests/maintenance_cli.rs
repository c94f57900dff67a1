//! The maintenance commands and file privacy, through the real binary:
//! `backup`, `restore`, `doctor` (report and exit code), the advice printed
//! for a damaged database, the recovery screen in a real terminal, and the
//! modes of every file loopboard makes under `umask 022`.

mod pty;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use pty::Pty;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_loopboard");
const WAIT: Duration = Duration::from_secs(10);

struct Db {
    dir: TempDir,
    path: PathBuf,
}

impl Db {
    /// The demo database, opened once more so it has its first backup.
    fn demo() -> Db {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("board.db");
        let db = Db { dir, path };
        assert!(db.run(&["demo"]).status.success());
        assert!(db.run(&["list"]).status.success());
        db
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env_remove("LOOPBOARD_DB")
            .env("HOME", self.dir.path())
            .stdin(Stdio::null())
            .output()
            .expect("run loopboard")
    }

    fn damage(&self) {
        let mut bytes = std::fs::read(&self.path).expect("read");
        bytes[..16].copy_from_slice(b"scrambled header");
        std::fs::write(&self.path, bytes).expect("write");
    }

    fn backups(&self) -> Vec<PathBuf> {
        loopboard::store::backup::list(&self.path)
            .expect("list")
            .into_iter()
            .map(|b| b.path)
            .collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn doctor_reports_a_healthy_database_and_exits_0() {
    let db = Db::demo();
    let out = db.run(&["doctor"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    let version = format!("version {}, current", loopboard::store::SCHEMA_VERSION);
    for line in [
        "integrity_check passed",
        "foreign_key_check passed",
        &version,
        "150 items",
        "1 kept",
        "healthy",
    ] {
        assert!(report.contains(line), "{line:?} missing:\n{report}");
    }
}

#[test]
fn doctor_finds_damage_and_exposed_files_and_exits_1() {
    let db = Db::demo();
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = db.run(&["doctor"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("PROBLEM  permissions") && report.contains("chmod 600"),
        "{report}"
    );

    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    db.damage();
    let out = db.run(&["doctor"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("PROBLEM  integrity") && report.contains("damaged"),
        "{report}"
    );
    let backup = db.backups()[0].display().to_string();
    assert!(
        report.contains(&format!("restore {backup}")),
        "names the backup to restore:\n{report}"
    );
}

#[test]
fn a_command_on_a_damaged_database_says_what_to_do() {
    let db = Db::demo();
    db.damage();
    let out = db.run(&["list"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not a database"), "{stderr}");
    assert!(stderr.contains("doctor") && stderr.contains("restore"), "{stderr}");
    assert!(stderr.contains("150 items"), "names the latest good backup:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let db = Db::demo();
    let copy = db.dir.path().join("copy.db");
    let out = db.run(&["backup", "--out", copy.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(mode(&copy), 0o600);
    let out = db.run(&["backup"]);
    assert!(out.status.success() && text(&out.stdout).contains(".backups/loopboard-"));

    assert!(db.run(&["add", "--title", "after the backup"]).status.success());
    let out = db.run(&["restore", copy.to_str().expect("utf-8")]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(said.contains("150 items") && said.contains("kept in"), "{said}");
    let list = text(&db.run(&["list"]).stdout);
    assert!(
        !list.contains("after the backup"),
        "the restored database is the backup"
    );

    let junk = db.dir.path().join("junk.db");
    std::fs::write(&junk, "no").expect("write");
    let out = db.run(&["restore", junk.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("integrity"), "{}", text(&out.stderr));
}

#[test]
fn the_board_offers_to_restore_a_damaged_database() {
    let db = Db::demo();
    db.damage();
    let home = db.dir.path().to_str().expect("utf-8");
    let mut board = Pty::spawn(
        BIN,
        [std::ffi::OsStr::new("--db"), db.path.as_os_str()],
        &[("TERM", "xterm-256color"), ("HOME", home)],
        110,
        30,
    );
    board.wait_for("the database is damaged", WAIT);
    board.wait_for("r restore the latest good backup", WAIT);
    board.send("r");
    board.wait_for("y restore", WAIT);
    board.send("y");
    board.wait_for("Inbox", WAIT);
    board.send("q");
    assert!(board.wait_exit(WAIT).success());
    assert!(
        text(&db.run(&["list"]).stdout).lines().count() > 100,
        "the demo is back"
    );
}

#[test]
fn every_file_is_private_under_umask_022() {
    let home = tempfile::tempdir().expect("home");
    let db = home.path().join("board.db");
    let sh = |script: &str| {
        let status = Command::new("sh")
            .args(["-c", &format!("umask 022; {script}"), BIN])
            .arg(&db)
            .env_clear()
            .env("HOME", home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .status()
            .expect("sh");
        assert!(status.success(), "{script}");
    };
    // The default location: the data directory is made 0700.
    sh("\"$0\" demo >/dev/null");
    let data = home.path().join(".local/share/loopboard");
    assert_eq!(mode(&data), 0o700, "{}", data.display());
    assert_eq!(mode(&data.join("loopboard.db")), 0o600);

    sh("\"$0\" --db \"$1\" demo >/dev/null && \"$0\" --db \"$1\" list >/dev/null");
    sh("\"$0\" --db \"$1\" export --out \"$1.jsonl\"");
    sh("\"$0\" --db \"$1\" backup --out \"$1.copy\" >/dev/null");
    let mut files = vec![db.clone(), db.with_extension("db.jsonl"), db.with_extension("db.copy")];
    let rotation = loopboard::store::backup::dir_for(&db);
    assert_eq!(mode(&rotation), 0o700);
    files.extend(
        std::fs::read_dir(&rotation)
            .expect("rotation")
            .map(|e| e.expect("entry").path()),
    );

    // -wal and -shm exist while a session has the file open.
    let mut board = Pty::spawn(
        "sh",
        [
            "-c",
            "umask 022; exec \"$0\" --db \"$1\"",
            BIN,
            db.to_str().expect("utf-8"),
        ],
        &[
            ("TERM", "xterm-256color"),
            ("HOME", home.path().to_str().expect("utf-8")),
        ],
        100,
        30,
    );
    board.wait_for("Inbox", WAIT);
    files.push(PathBuf::from(format!("{}-wal", db.display())));
    files.push(PathBuf::from(format!("{}-shm", db.display())));
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    board.send("q");
    assert!(board.wait_exit(WAIT).success());
}
