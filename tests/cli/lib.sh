# Shared by tests/cli/test_*.sh: every test script starts in a fresh HOME with a clean environment,
# runs the real binary, and asserts what a user sees. A failed check names its line.
set -u
: "${COMPLAIN:?set COMPLAIN to the complain binary (ctest does)}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 70
export HOME="$WORK/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR COMPLAIN_DB COMPLAIN_CONFIG COMPLAIN_NOW NO_COLOR COLUMNS \
    LANGUAGE LC_MESSAGES LANG
export TZ=Asia/Shanghai LC_ALL=C.UTF-8
DB="$HOME/.local/share/complain/complain.db"
checks=0
failures=0

# run ARGS...: runs complain; sets RC, OUT and ERR (stdout and stderr).
run() {
    "$COMPLAIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    RC=$?
    OUT=$(cat "$WORK/stdout")
    ERR=$(cat "$WORK/stderr")
}
# run_in FILE ARGS...: as run, with FILE on stdin.
run_in() {
    local input=$1
    shift
    "$COMPLAIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr" <"$input"
    RC=$?
    OUT=$(cat "$WORK/stdout")
    ERR=$(cat "$WORK/stderr")
}

fail() {
    failures=$((failures + 1))
    printf 'FAIL %s:%s: %s\n' "$(basename "$0")" "$1" "$2" >&2
    printf '  stdout: %s\n  stderr: %s\n' "${OUT:0:600}" "${ERR:0:600}" >&2
}
check() { # check LINE CONDITION-RESULT MESSAGE
    checks=$((checks + 1))
    [ "$2" = 0 ] || fail "$1" "$3"
}
expect_rc() { [ "$RC" = "$1" ]; check "${BASH_LINENO[0]}" $? "exit status $RC, expected $1"; }
expect_out() { [[ "$OUT" == *"$1"* ]]; check "${BASH_LINENO[0]}" $? "stdout lacks: $1"; }
expect_out_not() { [[ "$OUT" != *"$1"* ]]; check "${BASH_LINENO[0]}" $? "stdout has: $1"; }
expect_out_eq() { [ "$OUT" = "$1" ]; check "${BASH_LINENO[0]}" $? "stdout is not exactly: $1"; }
expect_err() { [[ "$ERR" == *"$1"* ]]; check "${BASH_LINENO[0]}" $? "stderr lacks: $1"; }
expect_err_empty() { [ -z "$ERR" ]; check "${BASH_LINENO[0]}" $? "stderr is not empty"; }
expect_out_empty() { [ -z "$OUT" ]; check "${BASH_LINENO[0]}" $? "stdout is not empty"; }
# expect_json EXPR VALUE: EXPR is Python over `d`, the JSON document on stdout; compared as str().
expect_json() {
    local got
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
        "$WORK/stdout" "$1" 2>&1)
    [ "$got" = "$2" ]
    check "${BASH_LINENO[0]}" $? "json $1 is '$got', expected '$2'"
}
expect_true() { # expect_true COMMAND...: the command succeeds
    "$@" >/dev/null 2>&1
    check "${BASH_LINENO[0]}" $? "not true: $*"
}
# The store's content, for "nothing changed" checks: a dump is independent of page layout.
store_state() { [ -f "$DB" ] && sqlite3 "$DB" .dump | sha256sum || echo absent; }
store_bytes() { [ -f "$DB" ] && sha256sum <"$DB" || echo absent; }

# hold_write_lock SECONDS: another process holds the store's write lock for SECONDS, in the
# background (its pid in HOLDER); returns once the lock is taken.
hold_write_lock() {
    rm -f "$WORK/locked"
    python3 - "$DB" "$WORK/locked" "$1" <<'PY' &
import sqlite3, sys, time, pathlib
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
pathlib.Path(sys.argv[2]).touch()
time.sleep(float(sys.argv[3]))
db.execute("ROLLBACK")
PY
    HOLDER=$!
    for _ in $(seq 100); do [ -e "$WORK/locked" ] && break; sleep 0.1; done
    [ -e "$WORK/locked" ]
    check "${BASH_LINENO[0]}" $? "the lock holder did not start"
}

finish() {
    echo "$(basename "$0"): $((checks - failures)) passed, $failures failed"
    [ "$failures" = 0 ]
    exit $?
}

# wait_for FILE [SECONDS]: waits until FILE exists, 60 seconds at most; fails if it never does.
# For handshakes with processes in the background: a test waits on what happened, not on a clock.
wait_for() {
    local end=$((EPOCHSECONDS + ${2:-60}))
    until [ -e "$1" ]; do
        [ "$EPOCHSECONDS" -le "$end" ] || return 1
        sleep 0.05
    done
}
# has_open PID FILE: process PID has FILE open (the store, say, once a command has opened it).
has_open() {
    local fd
    for fd in /proc/"$1"/fd/*; do
        [ "$fd" -ef "$2" ] && return 0
    done
    return 1
}
# wait_open PID FILE [SECONDS]: waits until process PID has FILE open, 60 seconds at most; fails
# if PID ends first. It looks without pausing for the first half second, so as to see a short
# command between its opening the store and its end.
wait_open() {
    local start=${EPOCHREALTIME/./} now
    while :; do
        has_open "$1" "$2" && return 0
        kill -0 "$1" 2>/dev/null || return 1
        now=${EPOCHREALTIME/./}
        ((now - start > ${3:-60} * 1000000)) && return 1
        ((now - start > 500000)) && sleep 0.01
    done
}
# running PID: process PID has not ended (a zombie not yet waited for has).
running() {
    [ -r "/proc/$1/stat" ] && [[ "$(cat "/proc/$1/stat" 2>/dev/null)" != *") Z "* ]]
}
