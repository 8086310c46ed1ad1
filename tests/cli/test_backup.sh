# `complain backup FILE`: a consistent copy of the live store, even while another process writes;
# never over an existing file without --force, never over the store itself.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

run backup copy.db
expect_rc 3 # no store to copy
run file 'Kettle' --against 'Shop A'
run note 1 'called them'
printf 'receipt\n' >receipt.txt
run attach 1 receipt.txt

run backup copy.db
expect_rc 0
expect_out "Copied the store to copy.db: 1 complaint, 3 events, 1 file of evidence;"
[ "$(ls -A | grep copy)" = copy.db ]; check $LINENO $? "the backup left files beside the copy: $(ls -A)"
run --db copy.db verify
expect_rc 0
run --db copy.db status 1 --format json
expect_json 'd["title"], len(d["events"]), len(d["evidence"])' "('Kettle', 3, 1)"

# Refusals: an existing file, the store itself or a file beside it, a missing folder.
before=$(sha256sum <copy.db)
run backup copy.db
expect_rc 2
expect_err "already exists"
[ "$(sha256sum <copy.db)" = "$before" ]; check $LINENO $? "a refused backup changed the file"
run backup "$DB"
expect_rc 2
expect_err "is the store itself"
run backup "$DB-wal"
expect_rc 2
run backup "$DB-shm"
expect_rc 2
run backup missing/copy.db
expect_rc 3
run note 1 'after the first copy'
run backup copy.db --force
expect_rc 0
expect_out "4 events"
run --db copy.db verify
expect_rc 0
# The copy holds what the store holds: readable by its owner alone, whatever the umask.
(umask 022 && "$COMPLAIN" backup open.db >/dev/null)
[ "$(stat -c %a open.db)" = 600 ]; check $LINENO $? "the copy's mode is $(stat -c %a open.db), not 600"
run backup copy.json --format json
expect_json 'd["complaints"], d["events"], d["files"], d["bytes"] > 0' "(1, 4, 1, True)"

# While another process holds a write transaction open (cron in the middle of a write): the copy
# is the store as last committed, and valid.
python3 - "$DB" "$WORK/writing" <<'PY' &
import sqlite3, sys, time, pathlib
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE complaint SET title = 'uncommitted' WHERE id = 1")
pathlib.Path(sys.argv[2]).touch()
time.sleep(6)
db.execute("ROLLBACK")
PY
writer=$!
wait_for "$WORK/writing"
run backup during.db
expect_rc 0
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
run --db during.db verify
expect_rc 0
run --db during.db status 1 --format json
expect_json 'd["title"]' Kettle

# While a loop of notes commits: every copy is a valid store.
(for i in $(seq 40); do "$COMPLAIN" note 1 "note $i" >/dev/null 2>&1; done; touch "$WORK/notes-done") &
notes=$!
n=0
while [ ! -e "$WORK/notes-done" ] && [ $n -lt 10 ]; do
    n=$((n + 1))
    run backup "loop-$n.db"
    expect_rc 0
    run --db "loop-$n.db" verify
    expect_rc 0
done
wait "$notes"
[ $n -ge 1 ]; check $LINENO $? "no backup ran during the notes"

finish
