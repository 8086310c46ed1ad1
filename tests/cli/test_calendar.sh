# complain calendar add|check|show: deadline arithmetic and working days as a user checks them.
. "$(dirname "$0")/lib.sh"

# add: the README's example and National Day 2025 with its makeup Sunday.
run calendar add 2026-09-30 7wd
expect_rc 0
expect_out_eq 2026-10-15 # Oct 1-7 off; Thu 8, Fri 9, Sat 10 (makeup), Mon 12 .. Thu 15
expect_err_empty
run calendar add 2025-09-26 3wd
expect_out_eq 2025-09-30 # Sun 28 (makeup), Mon 29, Tue 30
run calendar add 2025-12-31 1wd
expect_out_eq 2026-01-04 # Jan 1-3 off, Sun 4 a makeup day
run calendar add 2026-02-13 2wd --format json
expect_rc 0
expect_json 'd["due"], d["due_instant"]' "('2026-02-24', '2026-02-25T00:00:00+08:00')"
expect_json 'd["duration"], d["calendar"], d["roll"]' "('2wd', 'cn', False)"
expect_json 'd["start"]' 2026-02-13T00:00:00+08:00
run calendar add 2026-11-23T10:00 48h # the minute, as every due is shown
expect_out_eq '2026-11-25 10:00'
run calendar add 2026-11-23T10:00 48h --format json
expect_json 'd["due"]' 2026-11-25T10:00:00+08:00
run calendar add 2026-11-23T10:00 '7 working days'
expect_out_eq 2026-12-02
run calendar add 2026-11-23 '3个工作日'
expect_out_eq 2026-11-26

# Rolling (民法典 art. 203): 7d from Wed 2025-09-24 ends on Oct 1, a holiday until Oct 8.
run calendar add 2025-09-24 7d
expect_out_eq 2025-10-01
run calendar add 2025-09-24 7d --roll
expect_out_eq 2025-10-09
run calendar add 2025-09-24 7d --channel court # the court channel rolls
expect_out_eq 2025-10-09
run calendar add 2026-10-03 7d --roll # Sat Oct 10 is a makeup working day: no roll
expect_out_eq 2026-10-10
run calendar add 2026-10-01 7wd --calendar weekends # the holiday counts there
expect_out_eq 2026-10-12

# check: the answer and why.
run calendar check 2026-10-10
expect_rc 0
expect_out_eq "2026-10-10 Saturday: working day (makeup day for 国庆节) in calendar cn"
run calendar check 2026-10-05
expect_out_eq "2026-10-05 Monday: day off (holiday: 国庆节) in calendar cn"
run calendar check 2026-11-21
expect_out_eq "2026-11-21 Saturday: day off (weekend) in calendar cn"
run calendar check 2026-11-23
expect_out_eq "2026-11-23 Monday: working day in calendar cn"
run calendar check 2025-10-08 --format json
expect_json 'd' "{'date': '2025-10-08', 'weekday': 'Wednesday', 'working': False, 'kind': 'holiday', 'name': '国庆节、中秋节', 'calendar': 'cn', 'covered': True}"
run calendar check 2026-02-28 --format json
expect_json 'd["working"], d["kind"], d["name"]' "(True, 'makeup working day', '春节')"
run calendar check 2027-01-01
expect_out_eq "2027-01-01 Friday: working day in calendar cn (no official schedule for 2027 yet: weekends only)"
expect_err "calendar cn has no official schedule for 2027"
run calendar check 2027-01-01 --format json
expect_json 'd["working"], d["covered"]' "(True, False)"

# show: the month grid, with 休, 班 and · (an ordinary weekend day) in a UTF-8 locale.
run calendar show 2026-10
expect_rc 0
expect_out_eq "           2026-10 (cn)
 Mon  Tue  Wed  Thu  Fri  Sat  Sun
                1休  2休  3休  4休
 5休  6休  7休  8    9   10班 11·
12   13   14   15   16   17·  18·
19   20   21   22   23   24·  25·
26   27   28   29   30   31·
  2026-10-01..2026-10-07 休 day off: 国庆节
  2026-10-10 班 makeup working day for 国庆节
  · weekend"
# Plain ASCII in a C locale: *, + and ., English names.
LC_ALL=C run calendar show 2026-02
expect_out_eq "           2026-02 (cn)
 Mon  Tue  Wed  Thu  Fri  Sat  Sun
                               1.
 2    3    4    5    6    7.   8.
 9   10   11   12   13   14+  15*
16*  17*  18*  19*  20*  21*  22*
23*  24   25   26   27   28+
  2026-02-14 + makeup working day for Spring Festival
  2026-02-15..2026-02-23 * day off: Spring Festival
  2026-02-28 + makeup working day for Spring Festival
  . weekend"
[ "$(LC_ALL=C "$COMPLAIN" calendar show 2025-10 | LC_ALL=C grep -c -P '[^\x00-\x7f]')" = 0 ]
check $LINENO $? "calendar show in a C locale printed non-ASCII bytes"
LC_ALL=C run calendar show 2025-10
expect_out "2025-10-01..2025-10-08 * day off: National Day and Mid-Autumn Festival"
# Colour on request: holidays red, makeup days bold, weekends dim.
run --color always calendar show 2026-10
expect_out $'\e[31m 1休\e[0m'
expect_out $'\e[1m10班\e[0m'
expect_out $'\e[2m11· \e[0m'
# This month by default (COMPLAIN_NOW), and a user calendar's own days.
COMPLAIN_NOW=2026-09-15T10:00:00+08:00 run calendar show
expect_out "2026-09 (cn)"
expect_out "2026-09-20 班 makeup working day for 国庆节"
expect_out "2026-09-25..2026-09-27 休 day off: 中秋节"
cat >"$HOME/c.toml" <<'EOF'
[calendars.home]
base = "cn"
holidays = [{ date = "2026-12-24", name = "Christmas Eve" }, "2026-12-30..2026-12-31"]
EOF
run --config "$HOME/c.toml" calendar show 2026-12 --calendar home
expect_out "2026-12 (home)"
expect_out "2026-12-24 休 day off: Christmas Eve"
expect_out "2026-12-30..2026-12-31 休 day off"
expect_out "28   29   30休 31休"
expect_err_empty
run --config "$HOME/c.toml" calendar add 2026-12-23 2wd --calendar home
expect_out_eq 2026-12-28 # Thu 24 off, Fri 25 (1), Mon 28 (2)

# Bad input: one line, the right exit code, nothing on stdout.
run calendar show 2026-13
expect_rc 2
expect_err "'2026-13' is not a month: use YYYY-MM"
expect_out_empty
run calendar check 2026-02-30
expect_rc 2
expect_err "'2026-02-30' is not a date: use YYYY-MM-DD"
run calendar add 2026-10-01 7x
expect_rc 2
expect_err "'7x' is not a duration"
run calendar add 2026-10-01 0wd
expect_rc 2
run calendar check 2026-10-01 --calendar nope
expect_rc 3
expect_err "no calendar 'nope' (known: cn, weekends)"
run calendar add 2026-10-01 7wd --channel nope
expect_rc 3
[ ! -e "$DB" ]; check $LINENO $? "calendar arithmetic created a store"

finish
