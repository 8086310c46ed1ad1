# Another process writing to the store: readers go on (WAL); a writer waits for the busy timeout,
# then exits 5 with a message, and nothing is half-written.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run file 'held' --format json
expect_rc 0
before=$(store_state)

# Hold the write lock for longer than complain's busy timeout (5 s).
python3 - "$DB" "$WORK/locked" <<'PY' &
import sqlite3, sys, time, pathlib
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
pathlib.Path(sys.argv[2]).touch()
time.sleep(9)
db.execute("ROLLBACK")
PY
holder=$!
for _ in $(seq 100); do [ -e "$WORK/locked" ] && break; sleep 0.1; done
[ -e "$WORK/locked" ]; check $LINENO $? "the lock holder did not start"

run status --format json
expect_rc 0
expect_json 'd[0]["title"]' held

run note 1 'written while locked'
expect_rc 5
expect_err "complain: error: the store is busy"
expect_out_empty
wait "$holder"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a busy write changed the store"

run note 1 'written after the lock'
expect_rc 0
finish
