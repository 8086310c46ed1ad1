# Deadlines through the real binary: a pause over the 2026 National Day week, New York's DST
# changes, the warning window and time left, and the warning for a year without a notice.
. "$(dirname "$0")/lib.sh"

# --- Pause over a holiday week (Asia/Shanghai, calendar cn) ---
# 12315 has 7 working days. Filed Mon 2026-09-21: Tue 22, Wed 23, Thu 24, (Sep 25-27 off), Mon 28,
# Tue 29, Wed 30, (Oct 1-7 off), Thu Oct 8 -> due Oct 8 24:00.
export COMPLAIN_NOW=2026-09-21T10:00:00+08:00
run file 'Refund refused' --channel 12315 --format json
expect_rc 0
expect_json 'd["due"]' 2026-10-09T00:00:00+08:00
expect_json 'd["warn_at"]' 2026-09-30T00:00:00+08:00 # 2wd: Wed Sep 30 and Thu Oct 8
expect_err_empty

export COMPLAIN_NOW=2026-09-23T15:00:00+08:00
run status 1 pause -m 'they asked for the invoice'
expect_rc 0
expect_out "open -> paused"
run status --format json
expect_json 'd[0]["state"], d[0]["paused_at"]' "('paused', '2026-09-23T15:00:00+08:00')"
run status
expect_out "paused"

# Resumed Mon Oct 12 09:00. The pause covered the working days in (Wed Sep 23, Mon Oct 12]: Thu 24,
# Mon 28, Tue 29, Wed 30, Thu Oct 8, Fri 9, Sat 10 (makeup day), Mon 12 = 8. Thu Oct 8 + 8
# working days: Fri 9, Sat 10, Mon 12, Tue 13, Wed 14, Thu 15, Fri 16, Mon 19.
export COMPLAIN_NOW=2026-10-12T09:00:00+08:00
run status 1 resume -m 'invoice sent'
expect_rc 0
expect_out "paused -> open: due 2026-10-19 24:00"
run status 1 --format json
expect_json 'd["state"], d["due"], d["paused_at"]' "('open', '2026-10-20T00:00:00+08:00', None)"
expect_json '[e["kind"] for e in d["events"]]' "['filed', 'paused', 'resumed']"
expect_json 'd["events"][1]["at"]' 2026-09-23T15:00:00+08:00
expect_json 'd["events"][2]["at"], d["events"][2]["due"]' "('2026-10-12T09:00:00+08:00', '2026-10-20T00:00:00+08:00')"
expect_json 'd["warn_at"]' 2026-10-16T00:00:00+08:00 # the last 2 working days: Fri 16, Mon 19
run status 1
expect_out "due       2026-10-19 24:00 (7wd deadline, 5wd left)" # Tue 13, Wed 14, Thu 15, Fri 16, Mon 19
expect_out "paused          open -> paused: they asked for the invoice"
expect_out "resumed         paused -> open (due 2026-10-19 24:00): invoice sent"

# --- Warning window and time left ---
export COMPLAIN_NOW=2026-10-15T18:00:00+08:00
run status --format json
expect_json 'd[0]["due_soon"], d[0]["overdue"]' "(False, False)"
export COMPLAIN_NOW=2026-10-16T09:00:00+08:00
run status --format json
expect_json 'd[0]["due_soon"], d[0]["overdue"]' "(True, False)"
run --color always status
expect_out $'\e[33m1wd\e[0m' # yellow: due soon
run report --due-soon --format json
expect_json 'len(d)' 1
export COMPLAIN_NOW=2026-10-19T23:59:00+08:00
run status
expect_out "today"
export COMPLAIN_NOW=2026-10-20T00:00:00+08:00
run status --format json
expect_json 'd[0]["due_soon"], d[0]["overdue"]' "(False, True)"
export COMPLAIN_NOW=2026-10-21T10:00:00+08:00
run --color always status
expect_out $'\e[31moverdue 2wd\e[0m' # red: Tue 20, Wed 21
run --color never status
expect_out "overdue 2wd"
expect_out_not $'\e['

# An hour deadline shows hours: seller has 48h, warned a quarter (12h) before.
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run file 'Parcel lost' --format json
expect_json 'd["due"], d["warn_at"]' "('2026-11-25T10:00:00+08:00', '2026-11-24T22:00:00+08:00')"
export COMPLAIN_NOW=2026-11-25T05:00:00+08:00
run status
expect_out "5h"
run status --format json
expect_json '[c["due_soon"] for c in d if c["id"] == 2]' "[True]"
export COMPLAIN_NOW=2026-11-25T12:30:00+08:00
run status
expect_out "overdue 2h 30m"

# --- America/New_York across both DST changes ---
mkdir -p "$HOME/.config/complain"
cat >"$HOME/.config/complain/config.toml" <<'EOF'
timezone = "America/New_York"

[channels.phone]
name = "Phone line"
deadline = "24h"

[channels.letter]
name = "Letter"
deadline = "1d"
calendar = "weekends"

[channels.office]
name = "Office"
deadline = "2wd"
calendar = "weekends"
EOF
export COMPLAIN_NOW=2026-03-07T12:00:00-05:00 # Saturday; clocks go 02:00 -> 03:00 on Sunday
run file 'Spring, hours' --channel phone --format json
expect_rc 0
expect_json 'd["due"]' 2026-03-08T13:00:00-04:00 # 24 elapsed hours: 13:00 EDT
run file 'Spring, days' --channel letter --format json
expect_json 'd["due"]' 2026-03-09T00:00:00-04:00 # the end of Sunday, a 23-hour day
run status 4
expect_out "due       2026-03-08 24:00 (1d deadline, 1d left)"
run calendar add 2026-03-07T12:00 24h
expect_out_eq '2026-03-08 13:00'
run calendar add 2026-03-07T12:00 24h --format json
expect_json 'd["due"]' 2026-03-08T13:00:00-04:00
run calendar add 2026-03-06 2wd --calendar weekends --format json
expect_json 'd["due"], d["due_instant"]' "('2026-03-10', '2026-03-11T00:00:00-04:00')"

export COMPLAIN_NOW=2026-10-31T12:00:00-04:00 # Saturday; clocks go 02:00 -> 01:00 on Sunday
run file 'Autumn, hours' --channel phone --format json
expect_json 'd["due"]' 2026-11-01T11:00:00-05:00 # 24 elapsed hours: 11:00 EST
run file 'Autumn, days' --channel letter --format json
expect_json 'd["due"]' 2026-11-02T00:00:00-05:00 # the end of Sunday, a 25-hour day
run file 'Autumn, working days' --channel office --format json
expect_json 'd["due"]' 2026-11-04T00:00:00-05:00 # Mon 2, Tue 3: the end of Tuesday
export COMPLAIN_NOW=2026-11-01T06:00:00-05:00
run status 5
expect_out "due       2026-11-01 11:00 (24h deadline, 5h left)" # 06:00 EST to 11:00 EST
rm "$HOME/.config/complain/config.toml"

# --- A year that no notice covers ---
unset COMPLAIN_NOW
run calendar add 2026-12-28 7wd
expect_rc 0
expect_out_eq 2027-01-06 # Tue 29, Wed 30, Thu 31, Fri Jan 1 (no notice: a weekday), Mon 4, Tue 5, Wed 6
[ "$ERR" = "complain: warning: calendar cn has no official schedule for 2027: counting weekends only" ]
check $LINENO $? "the warning is not one line naming cn and 2027"
run calendar add 2026-12-28 3wd
expect_out_eq 2026-12-31
expect_err_empty # the count stays inside 2026
run calendar add 2027-03-01 10wd --format json
expect_json 'd["due"]' 2027-03-15
[ "$(grep -c 'no official schedule for 2027' <<<"$ERR")" = 1 ]
check $LINENO $? "the warning is not printed exactly once"
# A user calendar based on cn inherits cn's coverage, and the warning names it.
cat >"$HOME/home.toml" <<'EOF'
[calendars.home]
base = "cn"
holidays = ["2026-12-31"]
EOF
run --config "$HOME/home.toml" calendar add 2026-12-28 3wd --calendar home
expect_out_eq 2027-01-01 # Tue 29, Wed 30, (Thu 31 off in home), Fri Jan 1 (no notice: a weekday)
expect_err "calendar home (based on cn) has no official schedule for 2027"
run --config "$HOME/home.toml" calendar add 2026-12-21 3wd --calendar home
expect_out_eq 2026-12-24
expect_err_empty
# Filing into 2027 warns too, once, and the complaint is still filed.
export COMPLAIN_NOW=2026-12-28T10:00:00+08:00
run file 'Year end' --channel 12315
expect_rc 0
expect_out "due 2027-01-06 24:00"
[ "$(grep -c 'no official schedule for 2027' <<<"$ERR")" = 1 ]
check $LINENO $? "filing into 2027 did not warn exactly once"

finish
