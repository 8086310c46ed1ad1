# README's crontab line, run as cron runs it: no TTY, HOME and a bare PATH only. The first run lists
# and flags what is overdue, the next one is silent until another deadline passes; a busy store is
# exit 5 with nothing flagged.
. "$(dirname "$0")/lib.sh"
OUT= ERR=

line=$(grep -E '^ *[0-9*,/-]+ [0-9*,/-]+ [0-9*,/-]+ [0-9*,/-]+ [0-9*,/-]+ /usr/local/bin/complain report' \
    "$SOURCE_DIR/README.md" | head -1 | sed 's/^ *//')
[ -n "$line" ]; check $LINENO $? "README has no crontab line running complain report"
command=$(printf '%s\n' "$line" | cut -d' ' -f6- | sed "s|/usr/local/bin/complain|$COMPLAIN|")

# cron_run NOW: the crontab command under cron's environment at COMPLAIN_NOW=NOW.
cron_run() {
    env -i HOME="$HOME" PATH=/usr/bin:/bin COMPLAIN_NOW="$1" /bin/sh -c "$command" \
        >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    RC=$?
    OUT=$(cat "$WORK/stdout")
    ERR=$(cat "$WORK/stderr")
}
flags() { sqlite3 "$DB" "SELECT group_concat(complaint_id || '@' || due, ' ') FROM (SELECT complaint_id, due FROM event WHERE kind = 'flagged-overdue' ORDER BY complaint_id, due)"; }

export COMPLAIN_NOW=2026-11-23T10:00:00+08:00 # a Monday
run file 'seller ignored me' --at 2026-11-20T09:00:00+08:00 # due 22nd 09:00: overdue
run file 'platform ignored me' --channel taobao-app --at 2026-11-22T08:00:00+08:00 # due 23rd 08:00: overdue
run file 'just filed' # due 25th 10:00
run file 'nearly due' --channel taobao-app --at 2026-11-22T17:00:00+08:00 # due 23rd 17:00: due soon
run file 'settled' --at 2026-11-19T09:00:00+08:00 # was overdue, then settled
run status 5 answer
run status 5 resolve
expect_rc 0
before=$(store_state)

cron_run 2026-11-23T10:00:00+08:00
expect_rc 0
expect_err_empty
expect_out "seller ignored me"
expect_out "platform ignored me"
expect_out_not "just filed"
expect_out_not "nearly due"
expect_out_not "settled"
[[ "$OUT" != *$'\e['* ]]; check $LINENO $? "colour codes in cron's mail"
[ "$(flags)" = "1@2026-11-22T01:00:00Z 2@2026-11-23T00:00:00Z" ]; check $LINENO $? "flags are: $(flags)"

after=$(store_state)
cron_run 2026-11-23T11:00:00+08:00
expect_rc 0
expect_out_empty
expect_err_empty
[ "$(store_state)" = "$after" ]; check $LINENO $? "a silent run changed the store"

# The next day the third deadline has passed: only it is news.
cron_run 2026-11-24T09:00:00+08:00
expect_rc 0
expect_out "nearly due"
expect_out_not "seller ignored me"
expect_out_not "just filed"
[ "$(flags)" = "1@2026-11-22T01:00:00Z 2@2026-11-23T00:00:00Z 4@2026-11-23T09:00:00Z" ]
check $LINENO $? "flags are: $(flags)"

# The mail cannot be written (a full disk under cron's spool): exit 74 with the reason, and
# nothing is flagged, so the next run sends the notice again.
flagged=$(store_state)
env -i HOME="$HOME" PATH=/usr/bin:/bin COMPLAIN_NOW=2026-11-26T09:00:00+08:00 /bin/sh -c "$command" \
    >/dev/full 2>"$WORK/stderr" </dev/null
RC=$? OUT= ERR=$(cat "$WORK/stderr")
expect_rc 74
expect_err "complain: error: cannot write to standard output: No space left on device"
[ "$(store_state)" = "$flagged" ]; check $LINENO $? "a notice that did not go out was flagged"
# Nor when the reader went away before it was written (SIGPIPE ignored: the write fails EPIPE).
python3 - "$COMPLAIN" <<'PY'
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)  # the reader is gone before anything is written
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
env = dict(os.environ, COMPLAIN_NOW="2026-11-26T09:00:00+08:00")
p = subprocess.run([sys.argv[1], "report", "--overdue", "--flag", "--new"], stdout=w,
                   stderr=subprocess.PIPE, env=env, restore_signals=False)
sys.exit(0 if p.returncode == 141 and p.stderr == b"" else 1)
PY
check $LINENO $? "a report whose reader went away did not end quietly with 141"
[ "$(store_state)" = "$flagged" ]; check $LINENO $? "a notice nobody read was flagged"

# Another writer holds the store past the busy timeout: exit 5, a message, nothing flagged.
flagged=$(store_state)
hold_write_lock 8
cron_run 2026-11-26T09:00:00+08:00 # "just filed" is overdue by now
expect_rc 5
expect_err "complain: error: the store is busy"
expect_out_empty
wait "$HOLDER"
[ "$(store_state)" = "$flagged" ]; check $LINENO $? "a busy run changed the store"
cron_run 2026-11-26T09:00:00+08:00
expect_rc 0
expect_out "just filed"
cron_run 2026-11-26T09:05:00+08:00
expect_rc 0
expect_out_empty

finish
