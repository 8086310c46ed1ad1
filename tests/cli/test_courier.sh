# The built-in channels for a parcel and the rules they cite: a courier has 7 days to answer a
# complaint (快递暂行条例 art. 28), the postal administration 30 days to answer an appeal (邮政法
# art. 65); and the 12315 channel cites the rules in force (令第121号), not the repealed 令第20号.
. "$(dirname "$0")/lib.sh"

run channels
expect_rc 0
expect_out 'courier'
expect_out 'postal'
run channels --format json
expect_rc 0
expect_json '[(c["deadline"], c["next"], c["kind"]) for c in d if c["key"] == "courier"]' \
    "[('7d', 'postal', 'company')]"
expect_json '[(c["deadline"], c["next"], c["kind"]) for c in d if c["key"] == "postal"]' \
    "[('30d', 'court', 'regulator')]"
expect_json '[("12305" in c["contact"], "sswz.spb.gov.cn" in c["contact"]) for c in d if c["key"] == "postal"]' \
    "[(True, True)]"
expect_json '[("令第121号" in c["basis"], "暂行办法" in c["basis"]) for c in d if c["key"] == "12315"]' \
    "[(True, False)]"

# Filed Mon 2026-11-02: 7 calendar days, due at the end of Mon Nov 9.
export COMPLAIN_NOW=2026-11-02T10:00:00+08:00
run file 'Parcel lost' --channel courier --order SF1234567890 --format json
expect_rc 0
expect_json 'd["channel"], d["due"]' "('courier', '2026-11-10T00:00:00+08:00')"

# No answer by then: the next rung is the postal administration, 30 days from the appeal.
export COMPLAIN_NOW=2026-11-10T09:00:00+08:00
run escalate 1 --dry-run
expect_rc 0
expect_out 'from courier to postal'
expect_out 'due 2026-12-10 24:00 (30d)'
run escalate 1 -m 'no answer in 7 days; appealed at sswz.spb.gov.cn'
expect_rc 0
run status 1 --format json
expect_json 'd["channel"], d["due"]' "('postal', '2026-12-11T00:00:00+08:00')"

# And from there, court.
run escalate 1 --dry-run
expect_rc 0
expect_out 'from postal to court'

finish
