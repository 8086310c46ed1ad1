# `complain undo`: every kind of command taken back by a `retracted` event, the row replayed
# without it (verify compares every row with its replay), undo of an undo redoes, and the
# timeline, dossier and reports tell the truth about what was taken back.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

verified() { # verified LINE: the store's rows equal their replay
    run verify
    [ "$RC" = 0 ]
    check "$1" $? "verify failed after undo: $OUT $ERR"
}
# state_of ID: the complaint's JSON without the times that an undo may move.
state_of() {
    "$COMPLAIN" status "$1" --format json |
        python3 -c 'import json,sys; d=json.load(sys.stdin); [d.pop(k) for k in ("updated","events","evidence","left_seconds")]; print(json.dumps(d, sort_keys=True))'
}

run undo
expect_rc 3 # no store: nothing to undo
run file 'Broken kettle' --against 'Shop A' --amount 199.00CNY
expect_rc 0

# status: answer, then undo: open again with its due; undo again redoes.
after_file=$(state_of 1)
run status 1 answer -m 'They offered 50%'
expect_rc 0
after_answer=$(state_of 1)
before=$(store_state)
run undo --dry-run
expect_rc 0
[ "$(store_state)" = "$before" ]; check $LINENO $? "undo --dry-run changed the store"
expect_out "Would take back on complaint 1: answered (open -> answered), 2026-11-23 10:00"
expect_out "complaint 1 would be open again at seller, due"
run status 1 --format json
expect_json 'd["state"]' answered # a dry run writes nothing
run undo
expect_rc 0
expect_out "Took back on complaint 1: answered (open -> answered), 2026-11-23 10:00"
expect_out "complaint 1 is open again at seller, due"
[ "$(state_of 1)" = "$after_file" ]; check $LINENO $? "undo of answer did not restore the row"
verified $LINENO
run status 1 --format json
expect_json '[(e["kind"], e["undone"]) for e in d["events"]]' "[('filed', False), ('answered', True), ('retracted', False)]"
expect_json 'd["events"][-1]["text"]' "undo: answered (open -> answered)"
run status 1
expect_out "(undone)"
expect_out "undo: answered (open -> answered)"
run undo
expect_rc 0
expect_out "Redid on complaint 1: answered (open -> answered)"
expect_out "complaint 1 is answered again at seller"
[ "$(state_of 1)" = "$after_answer" ]; check $LINENO $? "undo of undo did not redo"
verified $LINENO
run undo # and a third time takes it back again
expect_out "Took back on complaint 1: answered (open -> answered)"
[ "$(state_of 1)" = "$after_file" ]; check $LINENO $? "undo of redo did not take back"
verified $LINENO

# Every state change.
for word in pause drop; do
    before=$(state_of 1)
    run status 1 "$word"
    expect_rc 0
    run undo
    expect_rc 0
    [ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of status $word did not restore the row"
    verified $LINENO
done
run status 1 pause
before=$(state_of 1)
run status 1 resume
run undo
expect_out "resumed (paused -> open)"
[ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of resume did not restore the row"
verified $LINENO
run status 1 resume
run status 1 answer
before=$(state_of 1)
run status 1 resolve --recovered 10.00
expect_rc 0
run undo
expect_out "resolved (answered -> resolved)"
[ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of resolve did not restore the row"
run status 1 --format json
expect_json 'd["state"], d["recovered"]' "('answered', None)"
verified $LINENO
run status 1 resolve --recovered 10.00
before=$(state_of 1)
run status 1 reopen
run undo
expect_out "open (resolved -> open)"
[ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of reopen did not restore the row"
verified $LINENO
run status 1 reopen

# note, in each kind; edit of several fields in one command; escalate.
for kind in note contact answer; do
    before=$(state_of 1)
    run note 1 "A $kind to take back" --kind "$kind"
    run undo
    expect_rc 0
    case $kind in
    answer) expect_out "Took back on complaint 1: answered (open -> answered)" ;;
    *) expect_out "Took back on complaint 1: $kind \"A $kind to take back\"" ;;
    esac
    [ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of note --kind $kind changed the row"
    verified $LINENO
done
before=$(state_of 1)
run edit 1 --title 'Kettle, broken' --against 'Shop B' --tag urgent
expect_rc 0
run undo
expect_rc 0
expect_out "edited "
expect_out "title"
expect_out "against"
[ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of an edit of three fields did not restore the row"
run status 1 --format json
expect_json 'd["title"], d["against"], d["tags"]' "('Broken kettle', 'Shop A', [])"
verified $LINENO
before=$(state_of 1)
run escalate 1
expect_rc 0
run undo
expect_out "escalated (seller -> "
expect_out "complaint 1 is back at seller, open, due"
[ "$(state_of 1)" = "$before" ]; check $LINENO $? "undo of escalate did not restore the row"
run status 1 --format json
expect_json 'd["channel"], d["level"]' "('seller', 1)"
verified $LINENO

# attach: the link disappears from the lists; the content stays in the store.
printf 'receipt\n' >receipt.txt
run attach 1 receipt.txt
expect_rc 0
run undo
expect_out "attached receipt.txt"
run attach 1 --list --format json
expect_json 'len(d)' 0
[ "$(sqlite3 "$DB" "SELECT content, (SELECT count(*) FROM chunk) FROM blob")" = "kept|1" ]
check $LINENO $? "undo of attach removed the content (only redact may)"
run status 1 --format json
expect_json 'len(d["evidence"])' 0
verified $LINENO
run attach 1 receipt.txt # attaching it again links it again
expect_rc 0
run attach 1 --list --format json
expect_json '[e["name"] for e in d]' "['receipt.txt']"
verified $LINENO

# The result as JSON.
run note 1 'for json'
run undo --format json
expect_rc 0
expect_json 'd["dry_run"], d["redo"], [(c["id"], c["took_back"], c["undone"], c["complaint"]["state"]) for c in d["complaints"]]' \
    "(False, False, [(1, 'note \"for json\"', False, 'open')])"
expect_json 'len(d["complaints"][0]["retracted"])' 1

# A command over several ids is one undo.
run file two
run file three
run status 2 3 drop
run undo
expect_rc 0
expect_out "Took back on complaint 2: dropped (open -> dropped)"
expect_out "Took back on complaint 3: dropped (open -> dropped)"
run status --format json
expect_json 'sorted(c["id"] for c in d)' "[1, 2, 3]"
verified $LINENO

# undo ID: that complaint's last change only, even when a later command changed another.
run note 2 'on two'
run note 3 'on three'
run undo 2
expect_out "Took back on complaint 2: note \"on two\""
expect_out_not "complaint 3"
run status 3 --format json
expect_json 'd["events"][-1]["undone"]' False
verified $LINENO

# file: the filing taken back is listed nowhere; undo ID files it again.
run file 'Filed by mistake'
expect_rc 0
run undo
expect_out "Took back on complaint 4: filed"
expect_out "complaint 4 is taken back: listed nowhere (complain undo 4 files it again)"
run status --all --format json
expect_json '4 in [c["id"] for c in d]' False
run status 4
expect_rc 3
expect_err "was taken back by undo"
verified $LINENO
run undo 4
expect_rc 0
expect_out "Redid on complaint 4: filed"
expect_out "complaint 4 is filed again: open at seller"
run status 4 --format json
expect_json 'd["title"]' "Filed by mistake"
verified $LINENO

# Reports count what stands: an answer taken back is no answer.
run status 2 answer
run report --format json
answered=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(c["answered"] for c in d["channels"]))' "$WORK/stdout")
run undo
run report --format json
expect_json 'sum(c["answered"] for c in d["channels"])' "$((answered - 1))"

# The dossier marks what was taken back, and when.
run report 1 --dossier
expect_rc 0
expect_out "answered (undone)"
expect_out "taken back by undo on 2026-11-23"
expect_out "retracted"
run report 1 --dossier --format html
expect_out 'class="undone"'

# --list: most recent first, what each did, whether it stands.
run undo --list --format json
expect_rc 0
expect_json 'd[0]["kinds"], d[0]["standing"], d[0]["what"]' "(['retracted'], 'stands', 'undo: answered (open -> answered)')"
expect_json 'd[1]["kinds"], d[1]["standing"], d[1]["complaints"]' "(['answered'], 'undone', [2])"
run undo --list --limit 2
expect_rc 0
expect_out "undone"
expect_out "answered (open -> answered)"
run undo --list 3 --format json
expect_json 'all(3 in c["complaints"] for c in d)' True

# cron's flags are not the user's changes: undo passes over them.
export COMPLAIN_NOW=2026-12-30T10:00:00+08:00
run report --overdue --flag
expect_rc 0
run note 3 'after the flag'
run undo
expect_out "Took back on complaint 3: note \"after the flag\""
run undo --list --limit 1 --format json
expect_json 'd[0]["kinds"]' "['retracted']"
run status 3 --format json
expect_json '[e["undone"] for e in d["events"] if e["kind"] == "flagged-overdue"]' "[False]"
verified $LINENO

# Usage.
run undo --list --dry-run
expect_rc 2
run undo 99
expect_rc 3
expect_err "no complaint 99"
run undo abc
expect_rc 2

# A store that records no change (emptied by hand): nothing to undo.
cp "$DB" empty.db
sqlite3 empty.db "DROP TRIGGER event_no_delete; DELETE FROM evidence; DELETE FROM cancelled; DELETE FROM tag; DELETE FROM event; DELETE FROM complaint;"
run --db empty.db undo
expect_rc 3
expect_err "nothing to undo"
run --db empty.db undo --list
expect_rc 0
expect_out "No change is recorded."

# A change recorded before schema 2 carries no command: refused, with what to do instead.
sqlite3 "$DB" "PRAGMA foreign_keys=OFF; DROP TRIGGER event_no_update; UPDATE event SET command = NULL WHERE id = (SELECT max(id) FROM event); CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
before=$(store_state)
run undo
expect_rc 2
expect_err "recorded before complain could undo"
expect_err "complain edit"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused undo changed the store"

finish
