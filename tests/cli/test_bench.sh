# The scale benchmark's generator and floors, without hyperfine or Taskwarrior: bench/gen 200
# makes a store with the mix the benchmark needs (overdue, paused, flagged, escalated, notes with
# an agent's 工号, evidence), and bench/scale.sh --check finds every floor query running and
# returning as many rows as complain's answer.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-20T02:00:00Z
STORE="$WORK/bench.db"
q() { sqlite3 "$STORE" "$1"; }

COMPLAIN=$COMPLAIN "$SOURCE_DIR/bench/gen" 200 "$STORE" 2>"$WORK/mix"
RC=$?
OUT=$(cat "$WORK/mix")
expect_rc 0
expect_out 'complaints: 200 ('
expect_out 'notes naming an agent'

[ "$(q 'SELECT count(*) FROM complaint')" = 200 ]; check $LINENO $? "not 200 complaints"
events=$(q 'SELECT count(*) FROM event')
[ "$events" -ge 1800 ] && [ "$events" -le 2200 ]; check $LINENO $? "$events events, not about 2000"
open=$(q "SELECT count(*) FROM complaint WHERE state = 'open'")
overdue=$(q "SELECT count(*) FROM complaint WHERE state = 'open' AND due <= '$COMPLAIN_NOW'")
[ "$overdue" -ge 5 ] && [ $((overdue * 5)) -ge "$open" ]
check $LINENO $? "$overdue of $open open complaints overdue: not a good share"
[ "$(q "SELECT count(*) FROM complaint WHERE state = 'paused'")" -ge 2 ]; check $LINENO $? "none paused"
[ "$(q 'SELECT count(*) FROM complaint WHERE level > 1')" -ge 20 ]; check $LINENO $? "few escalated"
[ "$(q "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'")" -ge 20 ]
check $LINENO $? "few flagged-overdue events"
[ "$(q "SELECT count(*) FROM event WHERE kind IN ('note', 'contact') AND text LIKE '%工号%'")" -ge 100 ]
check $LINENO $? "few notes name an agent's 工号"
[ "$(q "SELECT count(*) FROM evidence WHERE caption != ''")" -ge 20 ]; check $LINENO $? "little evidence"
[ "$(q 'SELECT min(length(title)) >= 10 AND max(length(title)) <= 40 FROM complaint')" = 1 ]
check $LINENO $? "titles outside 10-40 characters"

# complain agrees with the generated store: it is as its timeline says.
run --db "$STORE" verify
expect_rc 0
# The overdue list sees what the store holds.
run --db "$STORE" report --overdue --format json
expect_rc 0
expect_json 'len(d)' "$overdue"
# Not all of them were flagged: cron's first run has something to do.
run --db "$STORE" report --overdue --new --format json
expect_json 'len(d) > 0' True

COMPLAIN=$COMPLAIN "$SOURCE_DIR/bench/scale.sh" --check "$STORE" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
OUT=$(cat "$WORK/stdout")
ERR=$(cat "$WORK/stderr")
expect_rc 0
expect_err_empty
expect_out 'ok   status: '
expect_out 'ok   cron before its first run'
expect_out 'ok   import floor: 200 rows of complaint'
expect_out 'ok   export floor'
finish
