#!/usr/bin/env bash
# The pager: long output on a terminal goes through $COMPLAIN_PAGER, else $PAGER, else less -FRX,
# started as an argument vector without a shell, never for a pipe, and not with --no-pager.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
unset PAGER COMPLAIN_PAGER LESS

command -v script >/dev/null || { echo "test_pager.sh: skipped, no script(1)"; exit 0; }

# A pager that records its arguments and what it was given, and takes its time to quit.
cat >"$WORK/pager" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$PAGER_LOG.args"
cat >"$PAGER_LOG.in"
sleep 0.3
touch "$PAGER_LOG.done"
SH
chmod +x "$WORK/pager"
export PAGER_LOG="$WORK/log"
ran() { [ -e "$PAGER_LOG.in" ]; }
# on_tty ARGS...: runs complain with a terminal for stdout (script(1)); sets RC, OUT and ERR.
on_tty() {
    rm -f "$PAGER_LOG".*
    local cmd
    printf -v cmd '%q ' "$COMPLAIN" "$@"
    script -qec "$cmd 2>$WORK/stderr" /dev/null >"$WORK/stdout" </dev/null
    RC=$?
    OUT=$(tr -d '\r' <"$WORK/stdout")
    ERR=$(cat "$WORK/stderr")
}

run file 'Refund refused' --against 'Shop 旗舰店'
for i in 1 2 3 4 5; do run note 1 "call $i: they will look into it"; done

# COMPLAIN_PAGER with its arguments, split on whitespace; waited for before complain exits.
export COMPLAIN_PAGER="$WORK/pager -x  --y"
on_tty status 1
expect_rc 0
ran; check $LINENO $? "the pager did not run for status ID on a terminal"
[ -e "$PAGER_LOG.done" ]; check $LINENO $? "complain exited before its pager did"
[ "$(cat "$PAGER_LOG.args")" = $'-x\n--y' ]; check $LINENO $? "pager arguments: $(cat "$PAGER_LOG.args")"
grep -q 'call 5: they will look into it' "$PAGER_LOG.in"; check $LINENO $? "the pager lacks the timeline"
expect_out_not 'call 5' # it went to the pager, not around it
for args in "status" "report" "channels" "calendar show 2026-10" "attach 1 --list"; do
    [ "$args" = "attach 1 --list" ] && run attach 1 "$WORK/pager"
    # shellcheck disable=SC2086
    on_tty $args
    ran; check $LINENO $? "the pager did not run for $args"
done

# Never for a pipe or a file, never with --no-pager, never with JSON.
rm -f "$PAGER_LOG".*
run status 1
expect_out 'call 5'
! ran; check $LINENO $? "the pager ran with stdout not a terminal"
on_tty --no-pager status 1
expect_out 'call 5'
! ran; check $LINENO $? "the pager ran with --no-pager"
on_tty status 1 --no-pager
! ran; check $LINENO $? "the pager ran with --no-pager after the command"
on_tty status 1 --format json
! ran; check $LINENO $? "the pager ran for JSON"

# $PAGER when COMPLAIN_PAGER is unset; an empty COMPLAIN_PAGER, or cat, means none.
unset COMPLAIN_PAGER
export PAGER="$WORK/pager"
on_tty status 1
ran; check $LINENO $? "\$PAGER was not used"
COMPLAIN_PAGER= on_tty status 1
! ran; check $LINENO $? "an empty COMPLAIN_PAGER still paged"
expect_out 'call 5'
COMPLAIN_PAGER=cat on_tty status 1
expect_out 'call 5'
unset PAGER

# Never through a shell: metacharacters are part of a program's name, which does not exist.
COMPLAIN_PAGER="$WORK/pager;touch $WORK/pwned" on_tty status 1
expect_rc 0
[ ! -e "$WORK/pwned" ]; check $LINENO $? "the pager went through a shell"
expect_err "cannot start the pager"
expect_out 'call 5' # the output reached the terminal all the same

# A reader who quits the pager early: no error.
printf '#!/bin/sh\nhead -c1 >/dev/null\n' >"$WORK/quitter"
chmod +x "$WORK/quitter"
for i in $(seq 60); do run note 1 "note $i with enough text to make a long timeline"; done
COMPLAIN_PAGER="$WORK/quitter" on_tty status 1
expect_err_empty
[ "$RC" = 0 ] || [ "$RC" = 141 ]; check $LINENO $? "quitting the pager gave exit status $RC"

finish
