//! Whole-process TUI figures for the real binary in a pseudo-terminal:
//! start → first full frame of the inbox (spawn until the screen shows the
//! inbox title and the footer), and peak resident memory (VmHWM) once the
//! process has settled (the background similarity index is built).
//!
//! ```sh
//! cargo run --release --example bench_pty -- target/release/loopboard DB [RUNS] [MAX_SETTLE_SECS]
//! ```
//!
//! Used by `scripts/bench-tui.sh` and `scripts/compare-taskwarrior.sh`
//! (which passes another program's command line after `--cmd`).

#[path = "../tests/pty/mod.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::Pty;

const WAIT: Duration = Duration::from_secs(120);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--cmd") {
        return other_program(&args[1..]);
    }
    let [bin, db, rest @ ..] = args.as_slice() else {
        eprintln!("usage: bench_pty BIN DB [RUNS] [MAX_SETTLE_SECS] | bench_pty --cmd MARKER PROGRAM ARGS…");
        std::process::exit(2);
    };
    let runs: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(10);
    let settle: u64 = rest.get(1).and_then(|s| s.parse().ok()).unwrap_or(120);
    let mut times = Vec::new();
    for _ in 0..runs {
        let (mut tui, took) = first_frame(bin, &["--db", db], " Inbox ", true);
        times.push(took);
        quit(&mut tui);
    }
    report("start → first full frame (pty)", times);
    let (mut tui, _) = first_frame(bin, &["--db", db], " Inbox ", true);
    let (peak, settled) = settle_and_peak(&tui, Duration::from_secs(settle));
    println!("peak RSS (VmHWM) {} MiB, settled after {settled:.1?}", peak / 1024);
    quit(&mut tui);
}

/// `--cmd MARKER PROGRAM ARGS…`: first-screen times of another TUI (vit),
/// waiting for MARKER on screen; five runs.
fn other_program(args: &[String]) {
    let [marker, program, rest @ ..] = args else {
        eprintln!("usage: bench_pty --cmd MARKER PROGRAM ARGS…");
        std::process::exit(2);
    };
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let mut times = Vec::new();
    for _ in 0..5 {
        let (mut tui, took) = first_frame(program, &rest, marker, false);
        times.push(took);
        // vit asks "Quit?" before it goes.
        tui.send("q");
        std::thread::sleep(Duration::from_millis(300));
        tui.send("y");
        let _ = tui.wait_exit(WAIT);
    }
    report(&format!("{program}: start → first screen (pty)"), times);
}

/// Spawns the program and waits for a full frame: `marker` on screen and,
/// with `footer`, something on the last row (ratatui flushes a frame at
/// once, its footer included; vit leaves its last row empty).
fn first_frame(bin: &str, args: &[&str], marker: &str, footer: bool) -> (Pty, Duration) {
    // The pty starts from an empty environment; taskwarrior and vit need to
    // know where their isolated data and configuration are.
    let passed: Vec<(&str, String)> = ["HOME", "TASKRC", "TASKDATA", "VIT_DIR"]
        .into_iter()
        .filter_map(|k| Some((k, std::env::var(k).ok()?)))
        .collect();
    let mut envs: Vec<(&str, &str)> = passed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    envs.push(("TERM", "xterm-256color"));
    // The pty searches PATH for a bare name; a relative path must be made absolute.
    let bin = match std::fs::canonicalize(bin) {
        Ok(path) if bin.contains('/') => path.display().to_string(),
        _ => bin.to_string(),
    };
    let started = Instant::now();
    let mut tui = Pty::spawn(&bin, args, &envs, 120, 40);
    tui.wait_until("first full frame", WAIT, |screen| {
        let last = screen.lines().last().unwrap_or("");
        (screen.contains(marker) && (!footer || !last.trim().is_empty())).then_some(())
    });
    (tui, started.elapsed())
}

fn quit(tui: &mut Pty) {
    tui.send("q");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "the TUI exited with {status:?}");
}

/// Polls VmHWM until the process's CPU time stops growing for two seconds
/// (nothing left running in the background) or `max` passes.
fn settle_and_peak(tui: &Pty, max: Duration) -> (u64, Duration) {
    let pid = tui.pid().expect("the child has a pid");
    let started = Instant::now();
    let (mut last_cpu, mut still_since) = (cpu_ticks(pid), Instant::now());
    while started.elapsed() < max {
        std::thread::sleep(Duration::from_millis(200));
        let cpu = cpu_ticks(pid);
        if cpu != last_cpu {
            (last_cpu, still_since) = (cpu, Instant::now());
        } else if still_since.elapsed() >= Duration::from_secs(2) {
            break;
        }
    }
    (status_kib(pid, "VmHWM:"), still_since - started)
}

fn proc_file(pid: u32, name: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/{name}")).unwrap_or_default()
}

fn status_kib(pid: u32, field: &str) -> u64 {
    let status = proc_file(pid, "status");
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// utime + stime of the process (all threads), in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = proc_file(pid, "stat");
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let tick = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    tick(11) + tick(12)
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{label}: median {median:.1?}, min {:.1?}, max {:.1?} ({} runs)",
        times[0],
        times[times.len() - 1],
        times.len()
    );
}
