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
[ -f "$DIR/1m.jsonl" ] || "$GEN" 1000000 jsonl > "$DIR/1m.jsonl"
[ -f "$DIR/10k.csv" ] || "$GEN" 10000 csv > "$DIR/10k.csv"
[ -f "$DIR/10k.jsonl" ] || "$GEN" 10000 jsonl > "$DIR/10k.jsonl"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
fresh() { rm -f "$DIR/bench.db" "$DIR/bench.db-wal" "$DIR/bench.db-shm"; }
for file in 10k.csv 10k.jsonl 100k.csv 100k.jsonl; do
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
for file in 1m.csv 1m.jsonl; do
    fresh
    echo "  $file (load $(cut -d' ' -f1-3 /proc/loadavg)):"
    /usr/bin/time -v "$BIN" --db "$DIR/bench.db" import "$DIR/$file" 2>&1 |
        grep -E "imported|Elapsed|Maximum resident|User time|System time"
done
