# Follow-ups: an answer that promises something ("商家同意三天内退款") with a deadline. The promise
# runs a clock of its own: status shows it, cron's lists carry it (marked as a follow-up) and flag
# it once, undo of the answer takes it away, and the next change of state ends it.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-20T10:00:00+08:00
sql() { sqlite3 "$DB" "$@"; }

run file 'Refund promised' --against Shop # seller, 48h: due 2026-11-22 10:00
expect_rc 0
run file 'Second promise' --against Shop
expect_rc 0
run file 'No promise' --against Shop
expect_rc 0

# Answer with a follow-up: the promise's deadline counts from the answer, as 3d counts anywhere
# (the end of the third day after it).
COMPLAIN_NOW=2026-11-20T12:00:00+08:00 run status 1 answer -m '商家同意三天内退款' --follow-up 3d
expect_rc 0
expect_out 'Complaint 1: open -> answered: follow-up due 2026-11-23 24:00 (3d)'
run status 1 --format json
expect_json 'd["state"], d["follow_up"], d["due"], d["deadline"]' \
    "('answered', True, '2026-11-24T00:00:00+08:00', '3d')"
expect_json '[e["kind"] for e in d["events"]][-1]' 'answered'
COMPLAIN_NOW=2026-11-21T10:00:00+08:00 run status 1
expect_rc 0
expect_out 'follow-up 2026-11-23 24:00 (3d promised, 2d left)'
expect_out 'open -> answered, follow-up due 2026-11-23 24:00: 商家同意三天内退款'
expect_out_not 'due       '
# A calendar subscriber sees the promise's due too, said as a promise.
COMPLAIN_NOW=2026-11-21T10:00:00+08:00 run report --format ics
expect_rc 0
expect_out 'DTEND:20261123T160000Z'
expect_out 'what the answer promised is due (3d promised)'
# An answer without a follow-up runs no clock, as before.
run status 3 answer -m 'We will look into it'
expect_rc 0
run status 3 --format json
expect_json 'd["follow_up"], d["overdue"], d["left_seconds"]' '(False, False, None)'
# The same through note --kind answer, in working days.
COMPLAIN_NOW=2026-11-20T12:00:00+08:00 run note 2 '客服承诺两个工作日内回电' --kind answer --follow-up 2wd
expect_rc 0
expect_out_eq 'Complaint 2: open -> answered: follow-up due 2026-11-24 24:00 (2wd)'
run status 2 --format json
expect_json 'd["state"], d["follow_up"], d["due"]' \
    "('answered', True, '2026-11-25T00:00:00+08:00')"

# Before the warning window: neither list has them.
COMPLAIN_NOW=2026-11-21T10:00:00+08:00 run report --due-soon --format json
expect_json '[c["id"] for c in d]' '[]'
# Due soon on the promise's last day, marked as a follow-up.
COMPLAIN_NOW=2026-11-23T10:00:00+08:00 run report --due-soon
expect_rc 0
expect_out 'follow-up, '
expect_out 'Refund promised'
COMPLAIN_NOW=2026-11-23T10:00:00+08:00 run report --due-soon --format json
expect_json '[(c["id"], c["follow_up"], c["due_soon"]) for c in d]' '[(1, True, True)]'
COMPLAIN_NOW=2026-11-23T10:00:00+08:00 run report --due-soon --format csv
expect_out 'follow_up'
# Overdue once the promised day is over; complaint 2's two working days run to Tuesday.
COMPLAIN_NOW=2026-11-24T10:00:00+08:00 run report --overdue
expect_rc 0
expect_out 'follow-up, overdue'
COMPLAIN_NOW=2026-11-24T10:00:00+08:00 run report --overdue --format json
expect_json '[(c["id"], c["follow_up"], c["overdue"]) for c in d]' '[(1, True, True)]'
# A broken promise is an answered complaint's: --state keeps it as answered, and not as open.
COMPLAIN_NOW=2026-11-24T10:00:00+08:00 run report --overdue --state answered --format json
expect_json '[(c["id"], c["state"]) for c in d]' "[(1, 'answered')]"
COMPLAIN_NOW=2026-11-24T10:00:00+08:00 run report --overdue --state open --format json
expect_json '[c["id"] for c in d]' '[]'

# --flag flags the promise once; cron's --flag --new then has nothing new.
COMPLAIN_NOW=2026-11-24T10:00:00+08:00 run report --overdue --flag --new --format json
expect_rc 0
expect_json '[c["id"] for c in d]' '[1]'
[ "$(sql "SELECT count(*) FROM event WHERE kind = 'flagged-overdue' AND complaint_id = 1")" = 1 ]
check $LINENO $? "the follow-up was not flagged once"
[ "$(sql "SELECT text FROM event WHERE kind = 'flagged-overdue'")" = \
    'follow-up overdue at seller: promised by 2026-11-23 24:00' ]
check $LINENO $? "the flag does not say it is a follow-up"
COMPLAIN_NOW=2026-11-24T11:00:00+08:00 run report --overdue --flag --new
expect_rc 0
expect_out_empty
COMPLAIN_NOW=2026-11-24T11:00:00+08:00 run report --overdue --flag --format json
expect_json '[c["id"] for c in d]' '[1]'
[ "$(sql "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'")" = 1 ]
check $LINENO $? "a flagged follow-up was flagged again"
# A letter to the regulator says the promise was not kept, not that the channel never answered.
COMPLAIN_NOW=2026-11-24T11:00:00+08:00 run letter 1 --to 12315 --dry-run
expect_rc 0
expect_out '逾期：未在2026年11月23日 24:00前兑现承诺'
expect_out_not '未在2026年11月23日 24:00前答复'

# Undo of the answer takes the follow-up away: the row is its replay.
run undo 2
expect_rc 0
run status 2 --format json
expect_json 'd["state"], d["follow_up"], d["deadline"]' "('open', False, '48h')"
COMPLAIN_NOW=2026-11-24T12:00:00+08:00 run report --overdue --format json
expect_json '[(c["id"], c["follow_up"]) for c in d]' '[(2, False), (1, True)]'

# Resolving ends it: the promise was kept.
COMPLAIN_NOW=2026-11-24T12:00:00+08:00 run status 1 resolve -m 'Refunded'
expect_rc 0
run status 1 --format json
expect_json 'd["state"], d["follow_up"], d["overdue"]' "('resolved', False, False)"
COMPLAIN_NOW=2026-11-24T12:00:00+08:00 run report --overdue --format json
expect_json '[c["id"] for c in d]' '[2]'
# Escalating ends it too: the next channel's clock runs instead.
COMPLAIN_NOW=2026-11-24T12:00:00+08:00 run status 2 answer --follow-up 1d
expect_rc 0
COMPLAIN_NOW=2026-11-24T13:00:00+08:00 run escalate 2
expect_rc 0
run status 2 --format json
expect_json 'd["state"], d["follow_up"], d["channel"]' "('open', False, 'taobao-app')"

# A complaint already answered takes another answer only with a new promise: first one made
# later (complaint 3 was answered without), then one renewed after it was broken. Each replaces
# the last; cron flags each due once; undo brings the last one back.
COMPLAIN_NOW=2026-11-24T14:00:00+08:00 run status 3 answer -m 'Still looking'
expect_rc 2
expect_err 'takes another answer only with a new promise (--follow-up DURATION)'
COMPLAIN_NOW=2026-11-24T14:00:00+08:00 run note 3 'Refund by tomorrow' --kind answer --follow-up 1d
expect_rc 0
expect_out_eq 'Complaint 3: answered -> answered: follow-up due 2026-11-25 24:00 (1d)'
run status 3 --format json
expect_json 'd["state"], d["follow_up"], d["due"]' "('answered', True, '2026-11-26T00:00:00+08:00')"
COMPLAIN_NOW=2026-11-26T10:00:00+08:00 run report --overdue --flag --new --format json
expect_json '[c["id"] for c in d if c["id"] == 3]' '[3]'
COMPLAIN_NOW=2026-11-26T10:00:00+08:00 run status 3 answer -m '商家又承诺两天内退款' --follow-up 2d
expect_rc 0
expect_out 'Complaint 3: answered -> answered: follow-up due 2026-11-28 24:00 (2d)'
COMPLAIN_NOW=2026-11-26T10:00:00+08:00 run status 3
expect_out 'follow-up 2026-11-28 24:00 (2d promised, 2d left)'
expect_out 'answered -> answered, follow-up due 2026-11-28 24:00: 商家又承诺两天内退款'
COMPLAIN_NOW=2026-11-26T10:00:00+08:00 run report --overdue --format json
expect_json '[c["id"] for c in d if c["id"] == 3]' '[]'
# The new promise's due was never flagged: cron flags it once when it passes.
COMPLAIN_NOW=2026-11-29T10:00:00+08:00 run report --overdue --flag --new --format json
expect_json '[c["id"] for c in d if c["id"] == 3]' '[3]'
[ "$(sql "SELECT count(*) FROM event WHERE kind = 'flagged-overdue' AND complaint_id = 3")" = 2 ]
check $LINENO $? "each promise of complaint 3 was not flagged once"
COMPLAIN_NOW=2026-11-29T11:00:00+08:00 run report --overdue --flag --new --format json
expect_json '[c["id"] for c in d if c["id"] == 3]' '[]'
# Undo takes the renewal back: the first promise, flagged already, is in force again.
COMPLAIN_NOW=2026-11-29T11:30:00+08:00 run undo 3
expect_rc 0
run status 3 --format json
expect_json 'd["state"], d["follow_up"], d["due"]' "('answered', True, '2026-11-26T00:00:00+08:00')"
COMPLAIN_NOW=2026-11-29T12:00:00+08:00 run report --overdue --flag --new --format json
expect_json '[c["id"] for c in d if c["id"] == 3]' '[]'
# A letter lists the promise broken among the deadlines missed, with what was promised, and
# leaves out the flag of the promise undo took back: no standing answer set its due.
COMPLAIN_NOW=2026-11-29T12:00:00+08:00 run letter 3 --to 12315 --dry-run
expect_rc 0
expect_out '联系卖家答复承诺（Refund by tomorrow），应于2026年11月25日 24:00前兑现，逾期未兑现'
expect_out '逾期：未在2026年11月25日 24:00前兑现承诺'
expect_out_not '2026年11月28日 24:00'
COMPLAIN_NOW=2026-11-29T12:00:00+08:00 run letter 3 --template en-complaint --dry-run
expect_rc 0
expect_out 'promised in its answer (Refund by tomorrow) by the end of 25 November 2026 and did not keep it'
expect_out_not '28 November'

run verify
expect_rc 0

# Bad input: a usage error, nothing written.
before=$(store_state)
run status 3 resolve --follow-up 3d
expect_rc 2
expect_err '--follow-up goes with answer'
run status 2 answer --follow-up 3x
expect_rc 2
expect_err '3x'
run note 2 'They promise' --kind answer --follow-up soon
expect_rc 2
run note 2 'Called them' --follow-up 3d
expect_rc 2
expect_err '--follow-up goes with --kind answer'
run status 2 --follow-up 3d
expect_rc 2
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused follow-up changed the store"
finish
