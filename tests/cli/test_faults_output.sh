# Standard output is checked. Output that cannot be written (`> /dev/full`) is exit 74 with a
# message, and the cron report's --flag records nothing it could not say, so the next run says it
# again. A reader that went away (`| head`) ends the command quietly, SIGPIPE ignored or not.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
flags() { sqlite3 "$DB" "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'"; }

# A hundred overdue complaints with long titles and shop names: 200 kB to list, far more than a
# pipe holds. Filed two at a time, to be quick, once the store is there.
long=$(printf 'the parcel never came, %.0s' $(seq 40))
shop=$(printf '某某旗舰店 %.0s' $(seq 60))
file_some() {
    local i
    for i in $(seq "$1" 2 99); do
        "$COMPLAIN" file "$i $long" --against "$shop" --at 2026-11-13T10:00:00+08:00 >/dev/null || return
    done
}
run file "0 $long" --against "$shop" --at 2026-11-13T10:00:00+08:00
expect_rc 0
file_some 1 &
odd=$!
file_some 2 # 2 to 98: 0 to 99 in all
check $LINENO $? "filing the even complaints failed"
wait "$odd"
check $LINENO $? "filing the odd complaints failed"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM complaint')" = 100 ]; check $LINENO $? "not 100 complaints"

# run_full ARGS...: as run, with stdout going to /dev/full.
run_full() {
    "$COMPLAIN" "$@" >/dev/full 2>"$WORK/stderr" </dev/null
    RC=$?
    OUT=
    ERR=$(cat "$WORK/stderr")
}

run_full status
expect_rc 74
expect_err 'complain: '
run_full status 1
expect_rc 74
expect_err 'complain: '
run_full report
expect_rc 74
expect_err 'complain: '

# Help and the version, which CLI11 writes through stdio, are checked too.
for args in "--help" "status --help" "help report" "--version"; do
    # shellcheck disable=SC2086
    run_full $args
    expect_rc 74
    expect_err 'complain: error: cannot write to standard output'
done

# A write whose confirmation could not be printed says that the change is in the store, so that a
# script that retries on failure does not file or note twice.
run_full note 1 'written, but not confirmed'
expect_rc 74
expect_err 'cannot write to standard output: No space left on device; the change itself was recorded in the store'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE text = 'written, but not confirmed'")" = 1 ]
check $LINENO $? "the note is not in the store"
run_full status
expect_err_not_recorded() { [[ "$ERR" != *"recorded in the store"* ]]; check "${BASH_LINENO[0]}" $? "a reader says it recorded a change"; }
expect_err_not_recorded

# The cron report: nothing flagged while its mail could not be written; the next run lists all.
before=$(store_state)
run_full report --overdue --flag
expect_rc 74
expect_err 'complain: '
[ "$(flags)" = 0 ]; check $LINENO $? "$(flags) complaints flagged by a report that was not written"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a report that was not written changed the store"
run_full report --overdue --flag --new --format json
expect_rc 74
[ "$(flags)" = 0 ]; check $LINENO $? "$(flags) complaints flagged by a report that was not written"

# The reader goes away: `| head`. Killed by SIGPIPE (141, nothing on stderr), or, with SIGPIPE
# ignored, told EPIPE and ending the same way by itself.
"$COMPLAIN" status 2>"$WORK/stderr" | head -n1 >"$WORK/stdout"
rcs="${PIPESTATUS[*]}"
ERR=$(cat "$WORK/stderr") OUT=$(cat "$WORK/stdout")
expect_err_empty
expect_out ID
[ "$rcs" = "141 0" ]; check $LINENO $? "status | head -n1 exited $rcs"

(
    trap '' PIPE
    "$COMPLAIN" status 2>"$WORK/stderr" | head -c1 >"$WORK/stdout"
    echo "${PIPESTATUS[*]}" >"$WORK/rcs"
)
ERR=$(cat "$WORK/stderr") OUT=$(cat "$WORK/stdout")
expect_err_empty
expect_out_eq I
[ "$(cat "$WORK/rcs")" = "141 0" ]; check $LINENO $? "status | head -c1 with SIGPIPE ignored exited $(cat "$WORK/rcs")"

(
    trap '' PIPE
    "$COMPLAIN" report --overdue --flag 2>"$WORK/stderr" | head -c1 >"$WORK/stdout"
    echo "${PIPESTATUS[*]}" >"$WORK/rcs"
)
ERR=$(cat "$WORK/stderr") OUT=$(cat "$WORK/stdout")
expect_err_empty
[ "$(cat "$WORK/rcs")" = "141 0" ]; check $LINENO $? "report --flag | head -c1 with SIGPIPE ignored exited $(cat "$WORK/rcs")"
[ "$(flags)" = 0 ]; check $LINENO $? "$(flags) complaints flagged by a report whose reader went away"

# All of it goes out at last: everything is listed and flagged once.
run report --overdue --flag --new --format json
expect_rc 0
expect_json 'len(d)' 100
[ "$(flags)" = 100 ]; check $LINENO $? "$(flags) complaints flagged, not 100"
run report --overdue --flag --new
expect_rc 0
expect_out_empty
finish
