# Large evidence (16 MiB and more) is stored through a rollback journal, which writes it once: the
# store is in WAL again afterwards, a reader holding the store makes attach use the WAL, and an
# attach killed half-way leaves the store as it was, for readers too. The processes that stand in
# for other connections move when the test says so, not after a sleep, and wait for the store as
# long as it takes: nothing here depends on how loaded the machine is.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
sql() { sqlite3 "$DB" "$@"; }

run file 'camera never arrived'
expect_rc 0
head -c 20000000 /dev/urandom >unboxing.mp4
sha=$(sha256sum <unboxing.mp4 | cut -c1-64)

run attach 1 unboxing.mp4
expect_rc 0
expect_out "Attached unboxing.mp4 to complaint 1: sha256 ${sha:0:12}, 19.1 MiB"
[ "$(sql 'PRAGMA journal_mode')" = wal ]; check $LINENO $? "the store did not return to WAL"
for leftover in "$DB-journal" "$DB-wal"; do
    [ ! -s "$leftover" ]; check $LINENO $? "$leftover is left with content"
done
[ "$(sql 'SELECT count(*), sum(length(data)) FROM chunk')" = "20|20000000" ]
check $LINENO $? "chunks in the store: $(sql 'SELECT count(*), sum(length(data)) FROM chunk')"
run verify
expect_rc 0
expect_out 'ok: store intact, 1 stored file (19.1 MiB) matches its SHA-256'
mkdir out
run attach 1 --extract "${sha:0:10}" -o out
expect_rc 0
expect_true cmp unboxing.mp4 out/unboxing.mp4

# A connection left open on the store (sqlite3, a long report): attach goes through the WAL.
head -c 17000000 /dev/urandom >receipt-scan.tiff
python3 - "$DB" "$WORK/reading" "$WORK/release" <<'PY' &
import sqlite3, sys, time, pathlib
db = sqlite3.connect(sys.argv[1], timeout=120)
db.execute("SELECT count(*) FROM complaint").fetchall()
pathlib.Path(sys.argv[2]).touch()
for _ in range(1200):  # until the test has looked at the WAL, two minutes at most
    if pathlib.Path(sys.argv[3]).exists():
        break
    time.sleep(0.1)
PY
reader=$!
wait_for "$WORK/reading"
check $LINENO $? "the open reader did not start"
run attach 1 receipt-scan.tiff
expect_rc 0
expect_err_empty
[ -s "$DB-wal" ]; check $LINENO $? "the attach beside an open reader did not go through the WAL"
touch "$WORK/release"
wait "$reader"
[ "$(sql 'PRAGMA journal_mode')" = wal ]; check $LINENO $? "the store is not in WAL"
run verify
expect_rc 0
expect_out 'ok: store intact, 2 stored files'

# Other commands during a bulk write wait for it and then succeed: a writer (its switch to WAL
# fails at once, so the wait must come from its transaction), and a reader, which waits longer.
# The bulk write here holds the store in a rollback journal, first with the write lock alone,
# then, having stored more than its page cache, with the exclusive lock. It goes from one to the
# next, and lets go, when the test tells it to: once the writer, then the reader, has opened the
# store and is still there a moment later, waiting. The writer waits at most complain's 5 s busy
# timeout, so the stand-in holds the store only for that moment and its own spilling.
python3 - "$DB" "$WORK" <<'PY' &
import os, pathlib, sqlite3, sys, time
work = pathlib.Path(sys.argv[2])
def go_ahead(name):  # from the test, two minutes at most
    for _ in range(6000):
        if (work / name).exists():
            return
        time.sleep(0.02)
    sys.exit(f"the test never said {name}")
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=120)
assert db.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE complaint SET title = title")  # in the page cache: the write lock alone
(work / "bulk-holding").touch()
go_ahead("bulk-spill")
db.execute("PRAGMA cache_size = 4")
db.execute("CREATE TABLE spill (x)")
for _ in range(4):
    db.execute("INSERT INTO spill VALUES (?)", (os.urandom(1 << 20),))
(work / "bulk-spilled").touch()
go_ahead("bulk-release")
db.execute("ROLLBACK")
# Back to WAL, as a bulk attach leaves the store. The writer and the reader are let in now, and
# SQLite refuses at once, without waiting, a lock that could deadlock with theirs: try again.
for _ in range(6000):
    try:
        assert db.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        break
    except sqlite3.OperationalError as e:
        if "locked" not in str(e):
            raise
        time.sleep(0.02)
else:
    sys.exit("the store stayed busy for two minutes")
PY
holder=$!
wait_for "$WORK/bulk-holding"
check $LINENO $? "the bulk writer stand-in did not take the write lock"
"$COMPLAIN" note 1 'written while a bulk write holds the store' >/dev/null 2>"$WORK/note.err" &
writer=$!
wait_open "$writer" "$DB"
sleep 0.3
running "$writer"; check $LINENO $? "the writer did not wait for the write lock: $(cat "$WORK/note.err")"
touch "$WORK/bulk-spill"
wait_for "$WORK/bulk-spilled"
check $LINENO $? "the bulk writer stand-in did not take the exclusive lock"
"$COMPLAIN" status >"$WORK/status.out" 2>"$WORK/status.err" </dev/null &
reader=$!
wait_open "$reader" "$DB"
sleep 0.3
running "$reader"; check $LINENO $? "the reader did not wait for the exclusive lock"
running "$writer"; check $LINENO $? "the writer did not wait for the exclusive lock: $(cat "$WORK/note.err")"
touch "$WORK/bulk-release"
wait "$reader"
RC=$? OUT=$(cat "$WORK/status.out") ERR=$(cat "$WORK/status.err")
expect_rc 0
expect_out 'camera never arrived'
wait "$writer"
check $LINENO $? "the writer beside a bulk write failed: $(cat "$WORK/note.err")"
wait "$holder"
check $LINENO $? "the bulk writer stand-in failed"
run status 1
expect_out 'written while a bulk write holds the store'
[ "$(sql 'PRAGMA journal_mode')" = wal ]; check $LINENO $? "the store is not in WAL"

# An attach killed while it writes leaves its rollback journal. This one is made the same way, by
# a writer that leaves WAL, stores chunks past the page cache and is killed before it commits.
before=$(store_state)
python3 - "$DB" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=120)
assert db.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
db.execute("PRAGMA cache_size = 4")
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO blob (sha256, size, type, chunks) VALUES (?, 8388608, 'application/octet-stream', 8)", ("ab" * 32,))
blob = db.execute("SELECT last_insert_rowid()").fetchone()[0]
for seq in range(8):
    db.execute("INSERT INTO chunk (blob_id, seq, data) VALUES (?, ?, ?)", (blob, seq, os.urandom(1 << 20)))
os._exit(9)
PY
[ -s "$DB-journal" ]; check $LINENO $? "no rollback journal was left to recover"
# Readers open the store read-only, which cannot roll a journal back: they must still answer.
run attach 1 --list --format json
expect_rc 0
expect_json 'len(d)' 2
run verify
expect_rc 0
expect_out 'ok: store intact, 2 stored files'
[ ! -e "$DB-journal" ]; check $LINENO $? "the rollback journal is still there"
[ "$(store_state)" = "$before" ]; check $LINENO $? "the interrupted write left something behind"
[ "$(sql 'PRAGMA journal_mode')" = wal ]; check $LINENO $? "the reader did not restore WAL"
run note 1 'called the courier again'
expect_rc 0

# The real thing: SIGKILL during a large attach, some time after it opened the store. Whatever
# moment it hits, the file is either in the store whole or not at all.
head -c 120000000 /dev/urandom >dashcam.mp4
"$COMPLAIN" attach 1 dashcam.mp4 >/dev/null 2>&1 &
victim=$!
wait_open "$victim" "$DB"
sleep 0.3
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
run verify
expect_rc 0
run attach 1 --list --format json
expect_rc 0
expect_json '[e["name"] for e in d if e["size"] not in (20000000, 17000000, 120000000)]' '[]'
[ "$(sql 'SELECT count(*) FROM chunk WHERE blob_id NOT IN (SELECT id FROM blob)')" = 0 ]
check $LINENO $? "chunks without a blob"
[ "$(sql 'SELECT count(*) FROM blob b WHERE (SELECT sum(length(data)) FROM chunk WHERE blob_id = b.id) IS NOT b.size')" = 0 ]
check $LINENO $? "a blob whose chunks do not add up to its size"
finish
