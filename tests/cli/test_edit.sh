# `complain edit`: facts corrected after filing; the timeline keeps what they were.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run file 'Parcel lost' --tag courier --against 'SF'
expect_rc 0
export COMPLAIN_NOW=2026-11-24T09:00:00+08:00
run edit 1 --ref TS20261124001 --amount 88.00 --tag urgent --untag courier --against '顺丰速运'
expect_rc 0
expect_out "ref: (none) -> TS20261124001"
expect_out "against: SF -> 顺丰速运"
run status 1 --format json
expect_json 'd["ref"], d["amount"], d["currency"], d["against"]' "('TS20261124001', '88.00', 'CNY', '顺丰速运')"
expect_json 'd["tags"]' "['urgent']"
expect_json '[(e["field"], e.get("from"), e.get("to")) for e in d["events"] if e["kind"] == "edited"]' \
    "[('against', 'SF', '顺丰速运'), ('ref', None, 'TS20261124001'), ('amount', None, '88.00 CNY'), ('tags', 'courier', 'urgent')]"
expect_json 'd["events"][-1]["at"]' 2026-11-24T09:00:00+08:00
run status --tag urgent --format json
expect_json 'len(d)' 1
run status --tag courier --format json
expect_json 'len(d)' 0
# --tag repeats, and every tag given must be there.
run file 'Parcel late' --tag courier --tag urgent
run status --tag urgent --tag courier --format json
expect_rc 0
expect_json '[c["title"] for c in d]' "['Parcel late']"
run status --tag urgent --format json
expect_json 'len(d)' 2

before=$(store_bytes)
run edit 1 --ref TS20261124001
expect_rc 0
expect_out "nothing changed"
run edit 1 --amount 1,5
expect_rc 2
expect_err "'1,5' is not an amount"
run edit 1 --title ''
expect_rc 2
expect_err "is empty"
run edit 7 --ref x
expect_rc 3
[ "$(store_bytes)" = "$before" ]; check $LINENO $? "a failed or empty edit changed the store"
# Clearing the amount clears its currency: nothing is in dispute any more.
run edit 1 --amount 5JPY
run edit 1 --amount ''
expect_rc 0
run status 1 --format json
expect_json 'd["amount"], d["currency"]' "(None, None)"
run edit 1 --ref y --at 2020-01-01
expect_rc 2
expect_err "before the complaint's last change"

# `-` is standard input where a text is expected, as in `file --body -`.
printf 'The parcel left Shenzhen on the 20th.\nIt never arrived.\n' >"$WORK/body.txt"
run_in "$WORK/body.txt" edit 1 --body -
expect_rc 0
run status 1 --format json
expect_json 'd["body"] == "The parcel left Shenzhen on the 20th.\nIt never arrived.\n"' True

# The respondent's 统一社会信用代码: checked by its last character, kept in upper case, shown in
# status, JSON and letters; a wrong one is refused with what it should be, and nothing changes.
run edit 1 --credit-code 91110108551385082q
expect_rc 0
run status 1 --format json
expect_json 'd["credit_code"]' "91110108551385082Q"
run status 1
expect_out "credit code"
expect_out "91110108551385082Q"
run letter 1 --template 12315-complaint --dry-run
expect_out "91110108551385082Q"
run edit 1 --credit-code 91110108551385082X
expect_rc 2
expect_err "its last character should be Q (mistyped?)"
run edit 1 --credit-code 9111010855138508
expect_rc 2
expect_err "16 characters"
run file 'Another' --credit-code 9111010855138508IQ
expect_rc 2
expect_err "'I' cannot be in one"
run status 1 --format json
expect_json 'd["credit_code"]' "91110108551385082Q"
run edit 1 --credit-code ''
expect_rc 0
run status 1 --format json
expect_json 'd["credit_code"]' "None"
run verify
expect_rc 0

finish
