# A dispute from filing to resolution, through the built-in ladder, with deadlines checked by hand.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00 # a Monday

# No store yet: readers say so and where, and create nothing, not even its folder.
run status
expect_rc 3
expect_out_empty
expect_err "no store at $DB; \`complain file\` creates it, or set COMPLAIN_DB / --db"
[ ! -e "$HOME/.local" ]; check $LINENO $? "listing a missing store created its folder"

run file '退款被拒' --against '某某旗舰店' --order 3921 --amount 199.00 --want refund --tag taobao --format json
expect_rc 0
expect_json 'd["id"]' 1
expect_json 'd["channel"]' seller
expect_json 'd["state"]' open
expect_json 'd["level"]' 1
expect_json 'd["amount"], d["currency"]' "('199.00', 'CNY')"
expect_json 'd["due"]' 2026-11-25T10:00:00+08:00 # 48h
expect_json 'd["overdue"]' False
expect_json 'len(d["uuid"])' 36
expect_json 'd["tags"]' "['taobao']"
[ "$(stat -c %a "$DB")" = 600 ]; check $LINENO $? "store mode is $(stat -c %a "$DB"), expected 600"

run status
expect_rc 0
expect_out "退款被拒"
expect_out "2026-11-25 10:00"
expect_out "48h"

# Two days later the seller has not answered: overdue, and escalated up the ladder.
export COMPLAIN_NOW=2026-11-25T11:00:00+08:00
run status --format json
expect_json 'd[0]["overdue"]' True
run escalate 1 -m 'seller ignored the refund request'
expect_rc 0
expect_out "taobao-app"
expect_out "2026-11-26 11:00" # 24h
export COMPLAIN_NOW=2026-11-26T15:00:00+08:00
run escalate 1 --at 2026-11-26T12:00:00+08:00 --format json
expect_json 'd["channel"], d["level"]' "('taobao-written', 3)"
expect_json 'd["due"]' 2026-12-08T00:00:00+08:00 # Thursday 26th + 7 working days = Monday 7 Dec, 24:00
export COMPLAIN_NOW=2026-12-08T09:00:00+08:00
run escalate 1 --dry-run
expect_rc 0
expect_out "Would escalate complaint 1 from taobao-written to alibaba-group"
run status 1 --format json
expect_json 'd["channel"]' taobao-written # a dry run writes nothing
run escalate 1
expect_out "alibaba-group"
run escalate 1 --format json
expect_json 'd["channel"], d["level"]' "('12315', 5)"
expect_json 'd["due"]' 2026-12-18T00:00:00+08:00 # Tuesday 8th + 7 working days = Thursday 17th

run note 1 '12315 called: case accepted' --kind contact
expect_rc 0
run note 1 'Letter posted' --at 2026-12-01
expect_out "2026-12-01 00:00" # an event at midnight belongs to its own day
run status 1
expect_out "  2026-12-01 00:00  note            Letter posted"
run status 1 answer -m 'Regulator mediated: refund promised'
expect_rc 0
expect_out "open -> answered"
run status 1 resolve --recovered 199.00
expect_rc 0
run status 1 --format json
expect_json 'd["state"]' resolved
expect_json 'd["recovered"]' 199.00
expect_json '[e["kind"] for e in d["events"]]' "['filed', 'escalated', 'escalated', 'note', 'escalated', 'escalated', 'contact', 'answered', 'state']"
expect_json 'd["events"][1]["text"]' 'seller ignored the refund request'
expect_json 'd["events"][2]["at"]' 2026-11-26T12:00:00+08:00
run status
expect_out_empty # resolved is not open work
run status --all
expect_out "resolved"

# Reopen and drop; a move the state machine does not allow says what is allowed.
run status 1 pause
expect_rc 2
expect_err "cannot pause a complaint that is resolved: from resolved the moves are reopen"
run status 1 reopen
expect_rc 0
run status 1 dropped -m 'gave up'
expect_rc 0
run status 1 --format json
expect_json 'd["state"]' dropped

# The top of the ladder.
run file 'court case' --channel court --format json
expect_rc 0
run escalate 2
expect_rc 2
expect_err "court is the top of its ladder"

# A timeline runs forward: no state change may be back-dated before the last one.
export COMPLAIN_NOW=2026-11-21T09:00:00+08:00
run file 'back-dated' --at 2026-11-20T09:00 --format json
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/stdout")
run status "$id" answer
export COMPLAIN_NOW=2026-11-22T09:00:00+08:00
run status "$id" resolve
run status "$id" reopen --at 2026-11-20T10:00
expect_rc 2
expect_err "is before the complaint's last change (2026-11-22T09:00:00+08:00)"
run status "$id" reopen --at 2026-11-22T10:00
expect_rc 2 # in the future
run status "$id" reopen
expect_rc 0

# A channel taken out of the config strands nothing: --to still escalates, filters still match.
mkdir -p "$HOME/.config/complain"
printf '[channels.mine]\ndeadline = "3d"\n' >"$HOME/.config/complain/config.toml"
run file 'at my channel' --channel mine --tag dup --tag dup --format json
expect_json 'd["tags"]' "['dup']"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/stdout")
rm -rf "$HOME/.config"
run status --channel mine --format json
expect_rc 0
expect_json '[c["title"] for c in d]' "['at my channel']"
expect_err "channel mine is not in the config"
run escalate "$id"
expect_rc 3
expect_err "channel mine is no longer in the config: name where to escalate with --to"
run escalate "$id" --to 12315
expect_rc 0
expect_out "from mine to 12315"

# A file name with escape codes is shown, never obeyed, in the detail view.
printf 'x' >"$WORK/$(printf 'a\033[2Jb.txt')"
run attach "$id" "$WORK/$(printf 'a\033[2Jb.txt')"
expect_rc 0
run status "$id"
expect_out_not "$(printf '\033[2J')"
expect_out "a^[[2Jb.txt" # in caret notation, as cat -v and less show it

# One meaning: a note of kind answer is the channel's answer, as `status ID answer -m` is: the clock
# stops and the complaint leaves the overdue list that cron mails.
A=(--db "$WORK/answer.db")
export COMPLAIN_NOW=2026-11-20T10:00:00+08:00
run "${A[@]}" file 'Late parcel' # the seller's 48h end on the 22nd
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run "${A[@]}" report --overdue --format json
expect_json '[c["id"] for c in d]' '[1]'
run "${A[@]}" note 1 'Seller: parcel resent' --kind answer --at 2026-11-23T09:00:00+08:00
expect_rc 0
expect_out "Complaint 1: open -> answered"
run "${A[@]}" status 1 --format json
expect_json 'd["state"], d["overdue"]' "('answered', False)"
expect_json '[(e["kind"], e["text"], e["at"]) for e in d["events"]][-1]' \
    "('answered', 'Seller: parcel resent', '2026-11-23T09:00:00+08:00')"
run "${A[@]}" report --overdue --flag --exit-code
expect_rc 0
expect_out_empty
run "${A[@]}" report --format json
expect_json 'd["channels"][0]["answered"]' 1
# Where the state does not allow an answer, it is refused with the moves there are.
before=$(sqlite3 "$WORK/answer.db" .dump | sha256sum)
run "${A[@]}" note 1 'and again' --kind answer
expect_rc 2
expect_err "a complaint that is answered takes another answer only with a new promise"
expect_err "from answered the moves are resolve, drop, or escalate"
run "${A[@]}" status 1 resolve
run "${A[@]}" note 1 'too late' --kind answer
expect_rc 2
expect_err "cannot answer a complaint that is resolved"
run "${A[@]}" note 1 'a plain note is always welcome'
expect_rc 0
expect_out "Noted on complaint 1 (note,"
# `-` is standard input where a text is expected; the newline that ends the input is not kept.
printf 'Called the hotline:\nthey will call back\n' >"$WORK/call.txt"
run_in "$WORK/call.txt" "${A[@]}" note 1 - --kind contact
expect_rc 0
run "${A[@]}" status 1 --format json
expect_json 'd["events"][-1]["kind"], d["events"][-1]["text"]' \
    "('contact', 'Called the hotline:\\nthey will call back')"
run_in /dev/null "${A[@]}" note 1 -
expect_rc 2
expect_err "the note is empty"

finish
