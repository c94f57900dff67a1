#!/bin/sh
# Import benchmarks for BENCHMARKS.md: builds the release binary, generates
# the data sets, and times each import end to end (fresh database each run),
# next to the bare-SQLite baseline on the same file at the same moment.
#   scripts/bench-import.sh [RUNS]      (default 3; data goes to $TMPDIR or /tmp)
set -eu
RUNS=${1:-3}
DIR=${TMPDIR:-/tmp}/loopboard-bench
mkdir -p "$DIR"
cargo build --release --quiet --bin loopboard --example gen_feedback --example sqlite_baseline
BIN=target/release/loopboard
GEN=target/release/examples/gen_feedback
[ -f "$DIR/100k.csv" ] || "$GEN" 100000 csv > "$DIR/100k.csv"
[ -f "$DIR/100k.jsonl" ] || "$GEN" 100000 jsonl > "$DIR/100k.jsonl"
[ -f "$DIR/1m.csv" ] || "$GEN" 1000000 csv > "$DIR/1m.csv"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
fresh() { rm -f "$DIR/bench.db" "$DIR/bench.db-wal" "$DIR/bench.db-shm"; }
for file in 100k.csv 100k.jsonl; do
    for i in $(seq "$RUNS"); do
        fresh
        /usr/bin/time -f "  $file run $i: %e s wall, %U s user, %S s sys, %M KB peak" \
            "$BIN" --db "$DIR/bench.db" import "$DIR/$file"
    done
    /usr/bin/time -f "  $file again (all present): %e s wall, %M KB peak" "$BIN" --db "$DIR/bench.db" import "$DIR/$file"
done
for i in $(seq "$RUNS"); do
    "$(dirname "$GEN")/sqlite_baseline" "$DIR/100k.csv" "$DIR/baseline.db"
done
fresh
/usr/bin/time -v "$BIN" --db "$DIR/bench.db" import "$DIR/1m.csv" 2>&1 |
    grep -E "imported|Elapsed|Maximum resident|User time|System time"
