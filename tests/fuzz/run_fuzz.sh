#!/usr/bin/env bash
# Fuzzes one libFuzzer harness for a bounded time, starting from a copy of its seed corpus.
#
#   run_fuzz.sh HARNESS CORPUS_DIR SECONDS [FINDINGS_DIR] [-- LIBFUZZER_OPTIONS...]
#
# The fuzzer adds what it finds interesting to the corpus it is given: it gets a copy in a temp
# dir, so the seeds in the repo change only when someone chooses to add one. An input that fails
# (crash, sanitizer report, broken property) is kept as FINDINGS_DIR/<harness>-crash-<sha1>, and
# the test fails; replay it with `HARNESS FILE`.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 HARNESS CORPUS_DIR SECONDS [FINDINGS_DIR] [-- OPTIONS...]" >&2; exit 2; }
harness=$(realpath "$1")
corpus=$(realpath "$2")
seconds=$3
findings=${4:-$PWD/fuzz-findings}
shift $(($# < 4 ? $# : 4))
[ "${1:-}" = -- ] && shift
mkdir -p "$findings"
findings=$(realpath "$findings")

work=$(mktemp -d "${TMPDIR:-/tmp}/complain-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$corpus" "$work/corpus"
cd "$work"
# The harnesses make their private folders here, so that a crash leaves nothing behind.
export TMPDIR="$work"

# A finding fails the run at once, with a symbolized stack; leaks count. Kept when the caller
# set its own (say, to add suppressions).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# -timeout: an input that takes 10 s is a hang, a finding too. -max_len: long enough for a config
# file or a command line, short enough that 20 s explores more than it copies.
name=$(basename "$harness")
"$harness" -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$findings/$name-" "$@" "$work/corpus"
