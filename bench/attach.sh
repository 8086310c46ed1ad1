#!/usr/bin/env bash
# Evidence throughput and memory: attach, attach again (deduplicated), extract and verify a file
# of SIZE_MIB (default 1024) random bytes. Prints each figure with the command that produced it.
# Usage: bench/attach.sh [path/to/complain]   (an optimized build: the default build type)
# Targets (issue 4): peak RSS < 64 MiB attaching 1 GiB; attach >= 300 MB/s; extract at least as fast.
set -euo pipefail
COMPLAIN=$(realpath "${1:-build/complain}")
SIZE_MIB=${SIZE_MIB:-1024}
RUNS=${RUNS:-3}
for tool in hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "bench/attach.sh needs $tool" >&2; exit 2; }
done
# The store and the file on the same disk as the working tree: /tmp may be a RAM disk.
WORK=$(mktemp -d "${BENCH_DIR:-$PWD}/bench-attach.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export HOME="$WORK/home" COMPLAIN_DB="$WORK/store.db" TZ=UTC
mkdir -p "$HOME"
head -c $((SIZE_MIB << 20)) /dev/urandom >big.bin
BYTES=$(stat -c %s big.bin)

# mean seconds of a hyperfine JSON export -> "X.XX s, Y MB/s"
rate() {
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["results"][0]; b=int(sys.argv[2])
mean, sd = m["mean"], m["stddev"] or 0
print("%.2f s ± %.2f s, %.0f MB/s" % (mean, sd, b / mean / 1e6))' "$1" "$BYTES"
}
fresh="rm -f '$COMPLAIN_DB' '$COMPLAIN_DB-wal' '$COMPLAIN_DB-shm' && '$COMPLAIN' file bench >/dev/null"

echo "complain $("$COMPLAIN" --version | cut -d' ' -f2), $(nproc) cores, file of $SIZE_MIB MiB"
echo
cmd="complain attach 1 big.bin"
hyperfine --runs "$RUNS" --prepare "$fresh" --export-json attach.json \
    "'$COMPLAIN' attach 1 big.bin" >/dev/null 2>&1
echo "attach (new content):        $(rate attach.json)    $ $cmd  (fresh store each run)"

# A store that already holds as much: the new content goes after it. One byte longer, since a
# stored blob of the same size would make attach hash the file before storing it (dedup).
head -c $(((SIZE_MIB << 20) + 1)) /dev/urandom >other.bin
filled="$fresh && '$COMPLAIN' attach 1 other.bin >/dev/null"
hyperfine --runs "$RUNS" --prepare "$filled" --export-json filled.json \
    "'$COMPLAIN' attach 1 big.bin" >/dev/null 2>&1
echo "attach (to a full store):    $(rate filled.json)    $ $cmd  (the store holds $SIZE_MIB MiB already)"

# Another connection holds the store (a reader, sqlite3 left open): attach cannot leave WAL.
eval "$fresh"
python3 -c 'import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); db.execute("SELECT count(*) FROM complaint").fetchall()
time.sleep(120)' "$COMPLAIN_DB" &
holder=$!
sleep 0.5
/usr/bin/time -f %e -o wal.time "$COMPLAIN" attach 1 big.bin >/dev/null
kill "$holder"
wait "$holder" 2>/dev/null || true
python3 -c 'import sys; s=float(open(sys.argv[1]).read().split()[-1]); print("attach (through the WAL):    %.2f s, %.0f MB/s    $ %s  (one run, a reader holding the store)" % (s, int(sys.argv[2]) / s / 1e6, sys.argv[3]))' wal.time "$BYTES" "$cmd"
rm -f other.bin

eval "$fresh"
"$COMPLAIN" attach 1 big.bin >/dev/null
/usr/bin/time -v "$COMPLAIN" attach 1 --extract all -o rss-out 2>extract.time >/dev/null
rm -rf rss-out
eval "$fresh"
/usr/bin/time -v "$COMPLAIN" attach 1 big.bin 2>attach.time >/dev/null
echo "peak RSS, attach:            $(awk -F': ' '/Maximum resident/ {printf "%.1f MiB", $2 / 1024}' attach.time)    $ /usr/bin/time -v $cmd"
echo "peak RSS, extract:           $(awk -F': ' '/Maximum resident/ {printf "%.1f MiB", $2 / 1024}' extract.time)    $ /usr/bin/time -v complain attach 1 --extract all -o out"

"$COMPLAIN" file second >/dev/null
size_before=$(stat -c %s "$COMPLAIN_DB")
hyperfine --runs "$RUNS" --export-json dedup.json \
    "'$COMPLAIN' attach 2 big.bin" >/dev/null 2>&1
echo "attach (already stored):     $(rate dedup.json)    $ complain attach 2 big.bin  (store $size_before -> $(stat -c %s "$COMPLAIN_DB") bytes)"

hyperfine --runs "$RUNS" --prepare "rm -rf out" --export-json extract.json \
    "'$COMPLAIN' attach 1 --extract all -o out" >/dev/null 2>&1
cmp -s big.bin out/big.bin || { echo "extracted file differs" >&2; exit 1; }
echo "extract:                     $(rate extract.json)    $ complain attach 1 --extract all -o out"

hyperfine --runs "$RUNS" --export-json verify.json "'$COMPLAIN' verify" >/dev/null 2>&1
echo "verify (re-hash everything): $(rate verify.json)    $ complain verify"
