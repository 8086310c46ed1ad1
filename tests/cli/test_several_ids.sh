# Several ids in one command: `status 5 6 7 drop`, `note 5 6 TEXT`, `escalate 5 6`, `edit 5 6`,
# `status 5 6`; each command one transaction over all of them.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
for t in one two three; do run file "$t"; done
expect_rc 0

run note 1 2 'Same agent, same promise' --kind contact
expect_rc 0
expect_out "Noted on complaint 1 (contact, 2026-11-23 10:00)"
expect_out "Noted on complaint 2 (contact, 2026-11-23 10:00)"
run status 2 --format json
expect_json '[(e["kind"], e["text"]) for e in d["events"]][-1]' "('contact', 'Same agent, same promise')"

run status 1 2 --format json
expect_rc 0
expect_json '[c["id"] for c in d]' "[1, 2]"
run status 3 --format json
expect_json 'd["id"]' 3 # one id is one object, as it always was
run status 1 3
expect_out "complaint 1 one"
expect_out "complaint 3 three"

run escalate 1 3 --dry-run
expect_out "Would escalate complaint 1 from seller"
expect_out "Would escalate complaint 3 from seller"
run edit 2 3 --tag batch --format json
expect_json '[c["tags"] for c in d]' "[['batch'], ['batch']]"

run status 1 2 3 drop -m 'Duplicates of 4'
expect_rc 0
expect_out "Complaint 1: open -> dropped"
expect_out "Complaint 3: open -> dropped"
run status --all --format json
expect_json '[c["state"] for c in d]' "['dropped', 'dropped', 'dropped']"

# All or nothing: the second change is refused, so the first is not kept either.
run status 1 reopen
before=$(store_state)
run status 2 1 reopen
expect_rc 2
expect_err "complaint 1: cannot reopen a complaint that is open"
expect_err "(none of the 2 complaints was changed)"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused batch changed the store"
run status 2 --format json
expect_json 'd["state"]' dropped

finish
