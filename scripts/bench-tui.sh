#!/usr/bin/env bash
# Whole-process TUI figures of the real binary in a pty (examples/bench_pty.rs): start → first full
# frame of the inbox (median of RUNS) and peak RSS (VmHWM) once the background similarity index
# is built, on generated databases (examples/gen_db.rs, seed 42) kept in target/bench-data/.
#
#   scripts/bench-tui.sh              # 100k and 1M items
#   SIZES=100k RUNS=20 scripts/bench-tui.sh
#   scripts/bench-tui.sh --smoke      # CI: 2k items, 2 runs (no timing goals)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-100k 1M}"
RUNS="${RUNS:-10}"
SETTLE="${SETTLE:-600}"
if [[ "${1:-}" == --smoke ]]; then SIZES=2k RUNS=2 SETTLE=30; fi

cargo build --release --quiet --bin loopboard --example gen_db --example bench_pty
mkdir -p target/bench-data
for n in $SIZES; do
    db="$PWD/target/bench-data/gen-$n.db"  # absolute: the pty child starts elsewhere
    if [[ ! -f "$db.done" ]]; then
        rm -f "$db" "$db-wal" "$db-shm"
        target/release/examples/gen_db "$db" "$n" 2>/dev/null
        touch "$db.done"
    fi
    echo "== $n items"
    target/release/examples/bench_pty target/release/loopboard "$db" "$RUNS" "$SETTLE"
done
