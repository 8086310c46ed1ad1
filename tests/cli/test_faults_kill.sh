# SIGKILL at random moments of file, escalate, attach (small files, and a large one, which takes
# the bulk-write path) and the cron report's --flag. After each: verify passes, the store holds
# the killed command's change whole or not at all, and the next command succeeds.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
sql() { sqlite3 -cmd '.timeout 30000' "$DB" "$@"; }
trials=0
hits=0 # trials in which the command was killed before it ended

# kill_at_random MS SPINS ARGS...: runs complain ARGS in the background and SIGKILLs it: in half
# of the trials within MS milliseconds of its start, in the other half once it has opened the
# store and the test has counted to a random number below SPINS (most of a short command's time
# is its start-up, and a sleep takes longer than its work on the store).
kill_at_random() {
    local ms=$(((RANDOM * 32768 + RANDOM) % $1)) spins=$((RANDOM % $2)) after_open=$((RANDOM % 2))
    local pid rc k
    shift 2
    "$COMPLAIN" "$@" >/dev/null 2>"$WORK/victim.err" </dev/null &
    pid=$!
    if [ "$after_open" = 1 ]; then
        wait_open "$pid" "$DB" 30
        for ((k = 0; k < spins; k++)); do :; done
    else
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    fi
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    trials=$((trials + 1))
    if [ "$rc" = 137 ]; then
        hits=$((hits + 1))
        [ -z "${DEBUG_KILLS:-}" ] || echo "killed: $([ "$after_open" = 1 ] && echo "$spins spins after open" || echo "$ms ms"): $*"
    else
        [ "$rc" = 0 ]
        check "${BASH_LINENO[0]}" $? "the command failed before it was killed: exit $rc: $(cat "$WORK/victim.err")"
    fi
}
# after_kill LABEL: verify passes and a later write succeeds.
after_kill() {
    run verify
    [ "$RC" = 0 ]; check "${BASH_LINENO[0]}" $? "$1: verify after the kill: exit $RC"
    run note 1 "after $1"
    [ "$RC" = 0 ]; check "${BASH_LINENO[0]}" $? "$1: the next command after the kill: exit $RC"
}

run file 'escalated while killed' --format json # 1, escalated and noted below
expect_rc 0

# file: one more complaint, with its filing event, or none.
for i in $(seq 15); do
    before=$(sql 'SELECT count(*) FROM complaint')
    kill_at_random 60 3000 file "killed file $i"
    after=$(sql 'SELECT count(*) FROM complaint')
    mine=$(sql "SELECT count(*) FROM complaint c JOIN event e ON e.complaint_id = c.id AND e.kind = 'filed' WHERE c.title = 'killed file $i'")
    [ "$after" = "$before" ] && [ "$mine" = 0 ] || { [ "$after" = $((before + 1)) ] && [ "$mine" = 1 ]; }
    check $LINENO $? "file $i: $before complaints before, $after after, $mine filed with its title"
    after_kill "file $i"
done

# escalate: the event and the row's new channel and level together, or neither.
to=email
for i in $(seq 15); do
    row=$(sql 'SELECT channel, level, due FROM complaint WHERE id = 1')
    level=$(sql 'SELECT level FROM complaint WHERE id = 1')
    kill_at_random 60 3000 escalate 1 --to "$to" -m "killed escalate $i"
    events=$(sql "SELECT count(*) FROM event WHERE complaint_id = 1 AND kind = 'escalated' AND text = 'killed escalate $i'")
    now=$(sql 'SELECT channel, level FROM complaint WHERE id = 1')
    if [ "$events" = 1 ]; then
        [ "$now" = "$to|$((level + 1))" ]
        check $LINENO $? "escalate $i: the event is there, the complaint is at $now, not $to|$((level + 1))"
        if [ "$to" = email ]; then to=social; else to=email; fi
    else
        [ "$events" = 0 ] && [ "$(sql 'SELECT channel, level, due FROM complaint WHERE id = 1')" = "$row" ]
        check $LINENO $? "escalate $i: $events events, the complaint went from $row to $now"
    fi
    after_kill "escalate $i"
done

# attach (small): evidence and its content together, or neither.
for i in $(seq 10); do
    head -c $((RANDOM % 50000 + 1)) /dev/urandom >"small-$i.bin"
    sha=$(sha256sum <"small-$i.bin" | cut -c1-64)
    chunks=$(sql 'SELECT count(*) FROM chunk')
    kill_at_random 60 3000 attach 1 "small-$i.bin" --caption "killed attach $i"
    evidence=$(sql "SELECT count(*) FROM evidence WHERE caption = 'killed attach $i' AND sha256 = '$sha'")
    blob=$(sql "SELECT count(*) FROM blob WHERE sha256 = '$sha'")
    if [ "$evidence" = 1 ]; then
        [ "$blob" = 1 ]; check $LINENO $? "attach $i: evidence without its content"
    else
        [ "$evidence$blob" = 00 ] && [ "$(sql 'SELECT count(*) FROM chunk')" = "$chunks" ]
        check $LINENO $? "attach $i: $evidence evidence, $blob blobs, chunks $chunks -> $(sql 'SELECT count(*) FROM chunk')"
    fi
    after_kill "attach $i"
done

# attach (large, 24 MiB: a rollback journal instead of the WAL), each in a store of its own.
head -c 25165824 /dev/urandom >large.bin
large_sha=$(sha256sum <large.bin | cut -c1-64)
main_db=$DB
for i in $(seq 8); do
    export COMPLAIN_DB="$WORK/large-$i/complain.db"
    DB=$COMPLAIN_DB
    run file "large $i"
    expect_rc 0
    kill_at_random 800 200000 attach 1 large.bin --caption "killed large attach $i"
    run verify
    [ "$RC" = 0 ]; check $LINENO $? "large attach $i: verify after the kill: exit $RC"
    # A journal may be left behind only cold (its header zeroed): nothing to roll back.
    [ ! -s "$DB-journal" ] || [ "$(od -An -tx1 -N8 "$DB-journal" | tr -d ' \n')" = 0000000000000000 ]
    check $LINENO $? "large attach $i: verify left a rollback journal to roll back"
    evidence=$(sql "SELECT count(*) FROM evidence WHERE caption = 'killed large attach $i'")
    blob=$(sql "SELECT count(*), sum(size) FROM blob WHERE sha256 = '$large_sha'")
    stored=$(sql 'SELECT count(*), sum(length(data)) FROM chunk')
    if [ "$evidence" = 1 ]; then
        [ "$blob|$stored" = "1|25165824|24|25165824" ]
    else
        [ "$evidence|$blob|$stored" = "0|0||0|" ]
    fi
    check $LINENO $? "large attach $i: evidence $evidence, blob $blob, chunks $stored"
    run note 1 'after the large attach'
    [ "$RC" = 0 ]; check $LINENO $? "large attach $i: the next command after the kill: exit $RC"
    [ "$(sql 'PRAGMA journal_mode')" = wal ]; check $LINENO $? "large attach $i: the store is not in WAL"
    rm -rf "$WORK/large-$i"
done
export COMPLAIN_DB=$main_db
DB=$main_db

# report --overdue --flag: both new overdue complaints flagged, or neither; the next run flags
# what the killed one did not.
for i in $(seq 12); do
    run file "overdue $i a" --at 2026-11-13T10:00:00+08:00
    run file "overdue $i b" --at 2026-11-13T10:00:00+08:00
    before=$(sql "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'")
    kill_at_random 60 3000 report --overdue --flag
    after=$(sql "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'")
    [ "$after" = "$before" ] || [ "$after" = $((before + 2)) ]
    check $LINENO $? "report --flag $i: flags went from $before to $after"
    after_kill "report --flag $i"
    run report --overdue --flag --new
    [ "$RC" = 0 ]; check $LINENO $? "report --flag $i: the next cron run: exit $RC"
    if [ "$after" = "$before" ]; then
        [[ "$OUT" == *"overdue $i a"* && "$OUT" == *"overdue $i b"* ]]
        check $LINENO $? "report --flag $i: the next run does not list what the killed one did not flag"
    else
        [ -z "$OUT" ]; check $LINENO $? "report --flag $i: the next run lists again what was flagged"
    fi
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'")" = $((before + 2)) ]
    check $LINENO $? "report --flag $i: the two overdue complaints are not flagged once each"
done

run verify
expect_rc 0
echo "$trials trials, $hits killed before they ended"
[ "$trials" -ge 50 ] && [ "$hits" -ge 10 ]
check $LINENO $? "only $hits of $trials commands were killed before they ended"
finish
