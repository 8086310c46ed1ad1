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

# The appeal itself: the postal channel's template, 邮政业用户申诉, with the waybill number.
run edit 1 --against '某某速递有限公司'
expect_rc 0
run letter 1 --format markdown --dry-run
expect_rc 0
expect_err_empty
expect_out '# 邮政业用户申诉书'
expect_out $'致：邮政管理部门（国家邮政局 12305）\n'
expect_out '## 一、申诉人'
expect_out $'## 二、被申诉企业\n\n- 快递企业名称：某某速递有限公司\n'
expect_out '- 快递单号：SF1234567890'
expect_out '## 四、申诉事实'
expect_out 'Parcel lost'
expect_out '## 五、申诉请求'
expect_out '## 证据清单'
expect_out '- 问题发生时间：2026年11月2日'
expect_out '向快递公司客服投诉'
expect_out '快递公司客服 未解决，投诉至邮政管理部门（国家邮政局 12305）'
expect_out '《中华人民共和国邮政法》第六十五条'
expect_out_not '书面投诉书'
expect_out_not ' / '
run channels --format json
expect_json '[c["roll"] for c in d if c["key"] == "postal"]' "[True]"

# An appeal period ending on a holiday ends on the next working day: 30 days from 2025-12-02
# end on New Year's Day, off with Jan 2-3; Sun Jan 4 is a makeup working day.
run calendar add 2025-12-02 30d --channel postal
expect_rc 0
expect_out_eq 2026-01-04
run calendar add 2025-12-02 30d --channel courier # no such rule for the courier's 7 days
expect_out_eq 2026-01-01

# And from there, court.
run escalate 1 --dry-run
expect_rc 0
expect_out 'from postal to court'

finish
