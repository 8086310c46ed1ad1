# A store written by complain before schema 2 (tests/data/store-v1.sql, made by that version with
# the commands below) upgrades on first use, by a reader as well as a writer, and then reads as
# before: the same lists and timeline, every event with a UUID, and rows that replay.
#   file 退款被拒 --at 2026-11-18T09:00+08:00 ...; file 'Lost parcel'; file 'Wrong size'
#   note 1 --kind contact; status 1 answer; escalate 1; edit 2 --title --tag; attach 1 chat.txt;
#   status 3 drop; report --overdue --flag (a month later)
. "$(dirname "$0")/lib.sh"
DATA="$SOURCE_DIR/tests/data"
export COMPLAIN_NOW=2026-11-20T10:00:00+08:00
load() {
    rm -f "$1"
    sqlite3 "$1" <"$DATA/store-v1.sql" && sqlite3 "$1" 'PRAGMA user_version = 1'
}
load "$WORK/v1.db"
[ "$(sqlite3 "$WORK/v1.db" 'PRAGMA user_version')" = 1 ]; check $LINENO $? "the fixture did not load"

# A reader first: after an upgrade of complain, cron's first report must read on.
run --db "$WORK/v1.db" status 1
expect_rc 0
[ "$OUT" = "$(cat "$DATA/store-v1.status-1.txt")" ]
check $LINENO $? "status 1 differs from what the version that wrote the store showed"
[ "$(sqlite3 "$WORK/v1.db" 'PRAGMA user_version')" = 6 ]; check $LINENO $? "not upgraded"
run --db "$WORK/v1.db" status --all --format json
expect_rc 0
# Keys added since (follow_up) come on top; every key the old version wrote reads the same.
printf '%s' "$OUT" | python3 -c '
import json, sys
old = json.load(open(sys.argv[1]))
new = json.load(sys.stdin)
sys.exit(len(old) != len(new) or any({k: n.get(k) for k in o} != o for o, n in zip(old, new)))
' "$DATA/store-v1.status.json"
check $LINENO $? "status --all --format json differs from before the upgrade"
# Schema 4: evidence says what it proves (nothing yet), no complaint carries a follow-up.
expect_sql_v1() { [ "$(sqlite3 "$WORK/v1.db" "$2")" = "$3" ]; check "$1" $? "$2"; }
expect_sql_v1 $LINENO "SELECT count(*) FROM evidence WHERE purpose = ''" "1"
expect_sql_v1 $LINENO "SELECT count(*) FROM complaint WHERE follow_up = 0" "3"
expect_sql_v1 $LINENO "SELECT count(*) FROM sqlite_master WHERE name IN ('complaint_unflagged',
    'complaint_running')" "2"
# Schema 5: the running clocks' index holds the lists' columns.
expect_sql_v1 $LINENO "SELECT count(*) FROM pragma_index_info('complaint_running')" "18"
# Schema 6: the timeline index takes what evidence proves (tests/cli/test_search.sh searches it).
expect_sql_v1 $LINENO "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND
    name IN ('timeline_text_purpose', 'timeline_text_evidence') AND sql LIKE '%purpose%'" "2"
run --db "$WORK/v1.db" verify
expect_rc 0
expect_out 'ok: store intact'
# Every event has its own UUID, ordered as the events were written within a second.
[ "$(sqlite3 "$WORK/v1.db" 'SELECT count(DISTINCT uuid) = count(*) AND count(*) = 12 FROM event')" = 1 ]
check $LINENO $? "events without distinct UUIDs"
order=$(sqlite3 "$WORK/v1.db" "SELECT group_concat(id, ' ') FROM (SELECT id FROM event
    WHERE complaint_id = 1 ORDER BY at, recorded, uuid)")
[ "$order" = "1 4 5 6 9 11" ]; check $LINENO $? "replay order of complaint 1 is $order"
# Each filing carries its row as it stood; the evidence names the event that attached it.
expect_sql() { # expect_sql LINE SQL EXPECTED
    local got
    got=$(sqlite3 "$WORK/v1.db" "$2")
    [ "$got" = "$3" ]; check "$1" $? "$2: '$got', expected '$3'"
}
expect_sql $LINENO "SELECT json_extract(change, '$.channel'), json_extract(change, '$.level')
    FROM event WHERE kind = 'filed' AND complaint_id = 1" "taobao-app|2"
expect_sql $LINENO "SELECT e.kind FROM evidence v JOIN event e ON e.id = v.event_id" "attached"
expect_sql $LINENO "SELECT count(*) FROM event WHERE command IS NOT NULL" "0"
# Rows say which deadlines were flagged: cron's first run after the upgrade flags (and mails)
# nothing the old version had flagged already.
expect_sql $LINENO "SELECT group_concat(id) FROM complaint WHERE flagged = 1" "1,2"
COMPLAIN_NOW=2026-12-21T10:00:00+08:00 run --db "$WORK/v1.db" report --overdue --flag --new --exit-code
expect_rc 0
expect_out_empty
COMPLAIN_NOW=2026-12-21T10:00:00+08:00 run --db "$WORK/v1.db" report --overdue --format json
expect_json '[c["id"] for c in d]' "[1, 2]"

# A writer upgrades too, and new changes replay on top of the migrated row.
load "$WORK/w.db"
run --db "$WORK/w.db" status 2 answer -m 'they will look'
expect_rc 0
run --db "$WORK/w.db" edit 1 --title '退款被拒 (平台)'
expect_rc 0
run --db "$WORK/w.db" verify
expect_rc 0
run --db "$WORK/w.db" status --all --format json
expect_json '[(c["id"], c["state"], c["title"]) for c in d]' \
    "[(1, 'open', '退款被拒 (平台)'), (2, 'answered', 'Lost parcel SF123'), (3, 'dropped', 'Wrong size')]"
[ "$(sqlite3 "$WORK/w.db" 'SELECT count(DISTINCT command) FROM event WHERE command IS NOT NULL')" = 2 ]
check $LINENO $? "each new command's events should share one command UUID"
finish
