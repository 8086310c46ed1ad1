# Lists and summaries in bounded memory: on a store of a few thousand complaints (bench/gen), the
# peak RSS of `status` (every format) and `report` stays within a few MiB of what complain needs
# to start (`--version`), where a list held whole before it is printed (3,000 complaints: some
# 15 to 25 MiB more as JSON) would not. Memory, not time: the machine may be shared.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-20T02:00:00Z
STORE="$WORK/bench.db"

# Sanitizers' shadow memory says nothing of complain's own.
# GCC links the sanitizer's runtime as a library, clang into the binary: look for either.
if ldd "$COMPLAIN" 2>/dev/null | grep -q -e libasan -e libtsan ||
    grep -q -a -e __asan_init -e __tsan_init "$COMPLAIN"; then
    echo "skipped: $COMPLAIN is built with a sanitizer"
    finish
fi

# peak ARGS...: runs complain as run does, and sets PEAK to its peak RSS in KiB: from
# /usr/bin/time, else from the wrapper's getrusage of its child (VmHWM as the kernel keeps it).
peak() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$WORK/peak" "$COMPLAIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
        RC=$?
        PEAK=$(tail -1 "$WORK/peak")
    else
        python3 - "$COMPLAIN" "$@" >"$WORK/peak" 2>"$WORK/stderr" <<'PY'
import os, resource, subprocess, sys
with open(os.environ["WORK"] + "/stdout", "wb") as out:
    rc = subprocess.call(sys.argv[1:], stdout=out)
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
        read -r RC PEAK <"$WORK/peak"
    fi
    OUT=$(cat "$WORK/stdout")
    ERR=$(cat "$WORK/stderr")
}
export WORK

COMPLAIN=$COMPLAIN "$SOURCE_DIR/bench/gen" 3000 "$STORE" 2>"$WORK/mix"
[ "$(sqlite3 "$STORE" 'SELECT count(*) FROM complaint')" = 3000 ]
check $LINENO $? "bench/gen did not make 3000 complaints: $(cat "$WORK/mix")"

peak --version
expect_rc 0
base=$PEAK
# What a complaint list may add to complain's start: a reader's page cache (8 MiB,
# Store::reader_cache_kib), a batch of table rows, buffers. The lists below are 1 to 3 MiB as
# text.
bound=$((base + 14 * 1024))

for args in "status --all --format json" "status --all --format csv" "status --all" \
    "status --all --format markdown" "status --format json" "report --format ics" \
    "report --overdue --format json" "report" "report --format json" "report --format csv" \
    "status --all --search 工号" "status --all --search 工号 --format json" \
    "status --all --search 客服工号"; do
    # shellcheck disable=SC2086 # the words of args are the arguments
    peak --db "$STORE" $args
    expect_rc 0
    expect_err_empty
    [ -s "$WORK/stdout" ]; check $LINENO $? "$args printed nothing"
    [ "$PEAK" -le "$bound" ]
    check $LINENO $? "$args: peak RSS $PEAK KiB, more than $bound KiB (--version: $base KiB)"
done

# What was printed is the whole list, in list order: open work first, closed ones after.
peak --db "$STORE" status --all --format json
expect_json 'len(d)' 3000
closed='[c["state"] in ("resolved", "dropped") for c in d]'
expect_json "$closed == sorted($closed)" True
expect_json '[c["closed"] for c in d if c["closed"]] == sorted(c["closed"] for c in d if c["closed"])' True
# A search lists its hits in the same order, each with the lines that matched.
peak --db "$STORE" status --all --search 工号 --format json
expect_json 'len(d) > 1000' True
expect_json "$closed == sorted($closed)" True
# Found in a line of its timeline (shown under it), or in its own fields (shown in its row).
own='("title", "body", "against", "product", "order", "ref")'
expect_json "all(any('工号' in m['text'] for m in c['matches']) or
    any('工号' in (c[k] or '') for k in $own) for c in d)" True
peak --db "$STORE" status --all --format csv
[ "$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' \
    "$WORK/stdout")" = 3001 ]
check $LINENO $? "status --all --format csv is not 3000 rows and a header"
peak --db "$STORE" status --all
[ "$(wc -l <"$WORK/stdout")" = 3001 ]; check $LINENO $? "status --all is not 3000 lines and a header"
finish
