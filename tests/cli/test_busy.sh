# Another process writing to the store: readers go on (WAL); a writer waits for the busy timeout,
# then exits 5 with a message, and nothing is half-written.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run file 'held' --format json
expect_rc 0
before=$(store_state)

# Hold the write lock for longer than complain's busy timeout (5 s).
hold_write_lock 9

run status --format json
expect_rc 0
expect_json 'd[0]["title"]' held

run note 1 'written while locked'
expect_rc 5
expect_err "complain: error: the store is busy"
expect_out_empty
wait "$HOLDER"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a busy write changed the store"

run note 1 'written after the lock'
expect_rc 0
finish
