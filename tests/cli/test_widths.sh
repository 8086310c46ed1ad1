#!/usr/bin/env bash
# Presentation: every table fits COLUMNS (never narrower than 60), CJK counting two columns, user
# text cut with "…" and instants never; Markdown escaped one way in every listing and the dossier;
# CSV carries data.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

# widest: the display width of stdout's widest line (East Asian wide and full-width count two).
widest() {
    python3 -c '
import sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    w = max(w, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
print(w)' "$WORK/stdout"
}

run file '淘宝旗舰店拒绝退款，客服一直不回复，订单已经超过七天没有发货了' \
    --against '某某数码专营店（天猫旗舰店）客服工号 12345' --channel taobao-written --amount 1999.00
run file 'Refund *denied* | [link](x)' --against 'Acme Online Electronics Superstore Ltd.'
run file 'Parcel lost by the courier, and no answer for weeks and weeks' --against 'SF Express' \
    --channel 12315 --at 2026-09-01
run status 2 answer
run status 3 drop
printf 'hello' >"$WORK/chat-记录-with-a-rather-long-file-name.png"
run attach 1 "$WORK/chat-记录-with-a-rather-long-file-name.png" --caption '卖家在聊天中承认商品有质量问题，但拒绝退款'
expect_rc 0

for columns in 60 80 100 200; do
    for args in "status --all" "report" "attach 1 --list" "channels" "report --overdue"; do
        # shellcheck disable=SC2086
        COLUMNS=$columns run $args
        expect_rc 0
        w=$(widest)
        [ "$w" -le "$columns" ]; check $LINENO $? "$args at COLUMNS=$columns is $w columns wide"
    done
done
COLUMNS=40 run status --all # the floor: narrower terminals scroll
[ "$(widest)" -le 60 ]; check $LINENO $? "status at COLUMNS=40 is $(widest) wide, more than 60"
COLUMNS=80 run status --all
expect_out '2026-12-02 24:00' # instants are never cut
expect_out '…'
COLUMNS=200 run status --all
expect_out '淘宝旗舰店拒绝退款，客服一直不回复，订单已经超过七天没有发货了' # room: nothing cut
expect_out_not '…'
run status --all # a pipe without COLUMNS: no limit
expect_out 'Acme Online Electronics Superstore Ltd.'

# status --all: open work first, then closed complaints in the order they closed, saying when;
# a note written later changes neither.
COMPLAIN_NOW=2026-11-24T10:00:00+08:00 run status 2 resolve
expect_rc 0
COMPLAIN_NOW=2026-11-25T10:00:00+08:00 run note 3 'they wrote back after all'
run status --all
rows=$(awk 'NR > 1 {print $1, $2}' "$WORK/stdout" | tr '\n' ' ')
[ "$rows" = "1 open 3 dropped 2 resolved " ]; check $LINENO $? "status --all order: $rows"
expect_out 'closed 2026-11-23'
expect_out 'closed 2026-11-24'
expect_out_not 'closed 2026-11-25'

# One Markdown escaping: the same hostile title is literal in a listing, a summary and a dossier.
run status --all --format markdown
expect_out 'Refund \*denied\* \| \[link\](x)'
run report 2 --dossier
expect_out '# Complaint 2: Refund \*denied\* \| \[link\](x)'
expect_out '| Title | Refund \*denied\* \| \[link\](x) |'
run report --overdue --due-soon --all --format markdown
expect_out_not 'Refund *denied*'

# attach --list as CSV is data: the full SHA-256, the size in bytes, an ISO 8601 instant.
run attach 1 --list --format csv
row=$(python3 -c '
import csv, sys, datetime
r = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))[0]
print(len(r["sha256"]), r["size"], datetime.datetime.fromisoformat(r["added"]).utcoffset())' "$WORK/stdout")
[ "$row" = "64 5 8:00:00" ]; check $LINENO $? "attach --list csv: $row"
# status CSV has every field of the JSON object, and no human phrases.
run status --all --format csv
header=$(head -1 "$WORK/stdout" | tr -d '\r')
[[ "$header" == *",product,"*",want,"*",recovered,currency,tags,ref,credit_code,created,updated,closed,title" ]]
check $LINENO $? "status csv header: $header"
expect_out_not 'working days'
rows=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    print(r["id"], r["left_seconds"] or "-", r["closed"] or "-")' "$WORK/stdout" | tr '\n' ' ')
[ "$rows" = "1 828000 - 3 - 2026-11-23T10:00:00+08:00 2 - 2026-11-24T10:00:00+08:00 " ]
check $LINENO $? "status csv left_seconds and closed: $rows"
# JSON says the same as the CSV: the seconds left (null without a running due) and when it closed.
run status --all --format json
expect_json '[(c["id"], c["left_seconds"], c["closed"]) for c in d]' \
    "[(1, 828000, None), (3, None, '2026-11-23T10:00:00+08:00'), (2, None, '2026-11-24T10:00:00+08:00')]"

# What a reader needs is never cut: channel keys that differ only after six characters, states,
# numbers and their headers, the time left; TITLE then AGAINST give way, and at 60 all still fits.
export COMPLAIN_NOW=2026-09-01T10:00:00+08:00
title='退款被拒：商家以“已拆封”为由拒绝七天无理由退货，客服一直推诿不处理'
run file "$title" --against '某某旗舰店（天猫）' --channel taobao-app
expect_rc 0
export COMPLAIN_NOW=2027-01-04T10:00:00+08:00
run status 1 # a pipe: nothing cut, the time left as the detail view says it
left=$(sed -n 's/^  due .*, \(overdue [^)]*\))$/\1/p' "$WORK/stdout")
[ -n "$left" ]; check $LINENO $? "status 1 has no time left: $OUT"
for columns in 60 80 100 200; do
    COLUMNS=$columns run status --all
    [ "$(widest)" -le "$columns" ]; check $LINENO $? "status at $columns is $(widest) wide"
    for word in taobao-written taobao-app resolved dropped; do expect_out "$word"; done
    [ "$columns" -lt 80 ] || expect_out "$left"
    COLUMNS=$columns run report --overdue
    expect_out 'STATE'
    expect_out 'taobao-written'
    COLUMNS=$columns run report
    for word in FILED OPEN ANSWERED 'MEDIAN TO ANSWER' OVERDUE; do expect_out "$word"; done
    COLUMNS=$columns run channels
    for word in consumer-association taobao-written alibaba-group; do expect_out "$word"; done
    COLUMNS=$columns run status 4
    w=$(head -1 "$WORK/stdout" | python3 -c '
import sys, unicodedata
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in sys.stdin.read().rstrip("\n")))')
    [ "$w" -le "$columns" ]; check $LINENO $? "status 4 first line at $columns is $w wide"
    [ "$columns" -lt 80 ] || expect_out "$title"
done

# channels as CSV is data, with JSON's names and values; Markdown stands alone, escaped.
run channels --format json
keys=$(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))[0]))' "$WORK/stdout")
run channels --format csv
[ "$(head -1 "$WORK/stdout" | tr -d '\r')" = "$keys" ]; check $LINENO $? "channels csv header"
row=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if r["key"] in ("seller", "taobao-app", "court"):
        print(r["key"], r["deadline"], r["calendar"], r["roll"], r["default"])' "$WORK/stdout" |
    tr '\n' ' ')
[ "$row" = "seller 48h cn false true taobao-app 24h cn false false court 7d cn true false " ]
check $LINENO $? "channels csv: $row"
run channels --format markdown
expect_out '| KEY | DEADLINE |'
expect_out '| seller (default) |'
expect_out_not '*' # the terminal's marker, explained only below a terminal table

finish
