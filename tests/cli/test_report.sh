# complain report: overdue and due-soon lists, flags, exports (CSV, JSON, ICS), summaries, dossiers.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00 # a Monday

run file 'overdue seller' --against 'Shop A' --at 2026-11-20T09:00:00+08:00 # due 22nd 09:00
expect_rc 0
run file 'fresh, "quoted"' --against 'Shop B' # due 25th 10:00
run file 'soon' --channel taobao-app --at 2026-11-22T15:00:00+08:00 # due 23rd 15:00, warned from 09:00
run file 'closed' --amount 80.00 --at 2026-11-19T09:00:00+08:00
run status 4 answer --at 2026-11-20T09:00:00+08:00
run status 4 resolve --recovered 50.00
expect_rc 0

# Lists: what is late, what is about to be.
run report --overdue
expect_rc 0
expect_out "overdue seller"
expect_out_not "fresh"
expect_out_not "soon"
expect_err_empty
run report --due-soon
expect_out "soon"
expect_out_not "overdue seller"
run report --overdue --due-soon --format json
expect_json '[c["id"] for c in d]' "[1, 3]"
expect_json '[c["overdue"] for c in d]' "[True, False]"
expect_json 'd[0]["due"]' 2026-11-22T09:00:00+08:00
run report --overdue --exit-code
expect_rc 1
expect_out "overdue seller"
run report --due-soon --exit-code --channel seller
expect_rc 0
expect_out_empty
run report --overdue --state resolved
expect_out_empty
# The lists read the index of running clocks whatever the state, and keep the states asked for.
run report --overdue --state answered
expect_rc 0
expect_out_empty
run report --overdue --due-soon --state open --state paused --format json
expect_json '[c["id"] for c in d]' "[1, 3]"
# A closed complaint is never late, even in a store whose row says a promise is running; and
# a damaged row of such a complaint, which no list of late work would show, does not fail cron.
sqlite3 "$DB" 'UPDATE complaint SET follow_up = 1 WHERE id = 4'
run report --overdue --format json
expect_rc 0
expect_json '[c["id"] for c in d]' "[1]"
sqlite3 "$DB" "UPDATE complaint SET warn_at = 'garbage' || coalesce(warn_at, '') WHERE id = 4"
run report --overdue --exit-code
expect_rc 1
expect_out "overdue seller"
expect_err_empty
sqlite3 "$DB" "UPDATE complaint SET follow_up = 0, warn_at = nullif(substr(warn_at, 8), '') WHERE id = 4"

# CSV as Python's csv module reads it: a header row, CRLF, quotes doubled.
run report --overdue --due-soon --all --format csv
expect_rc 0
rows=$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))); print(r[0][:3], [x[0] for x in r[1:]], r[1][-1])' "$WORK/stdout")
[ "$rows" = "['id', 'uuid', 'state'] ['1', '3'] overdue seller" ]; check $LINENO $? "csv read back as: $rows"
# ... as data: ISO 8601 dues that datetime reads, seconds left as a number, no "overdue 2h".
data=$(python3 -c '
import csv, sys, datetime
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows:
    due = datetime.datetime.fromisoformat(r["due"]) if r["due"] else None
    print(r["id"], due.utcoffset() if due else None, int(r["left_seconds"]) < 0 if r["left_seconds"] else None, r["overdue"])
' "$WORK/stdout")
[ "$data" = "$(printf '1 8:00:00 True true\n3 8:00:00 False false')" ]; check $LINENO $? "csv data: $data"
grep -q $'\r$' "$WORK/stdout"; check $LINENO $? "csv lines do not end in CRLF"
run status --all --format csv
run report --all --format csv # no list option and csv: the summary, not a listing
expect_out "section,key,measure,value"

# --flag: one flagged-overdue event per complaint and deadline, and --new leaves out the flagged.
before=$(store_state)
run report --overdue --new
expect_out "overdue seller"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a report without --flag changed the store"
run report --flag
expect_rc 0
expect_out "overdue seller"
expect_out_not "soon" # due soon is not overdue: never flagged
run status 1 --format json
expect_json '[e["kind"] for e in d["events"]].count("flagged-overdue")' 1
expect_json '[e["due"] for e in d["events"] if e["kind"] == "flagged-overdue"]' "['2026-11-22T09:00:00+08:00']"
flagged=$(store_state)
run report --overdue --flag --new
expect_rc 0
expect_out_empty
expect_err_empty
[ "$(store_state)" = "$flagged" ]; check $LINENO $? "a second --flag --new changed the store"
run report --overdue --flag # listed again without --new, but not flagged twice
expect_out "overdue seller"
run status 1 --format json
expect_json '[e["kind"] for e in d["events"]].count("flagged-overdue")' 1

# A new deadline (escalation) may be flagged again once it passes.
run escalate 1 # taobao-app, due 24th 10:00
export COMPLAIN_NOW=2026-11-24T11:00:00+08:00
run report --overdue --flag --new --format json
expect_json '[c["id"] for c in d]' "[3, 1]"
run status 1 --format json
expect_json '[e["kind"] for e in d["events"]].count("flagged-overdue")' 2
run report --overdue --flag --new --exit-code
expect_rc 0
expect_out_empty

# --flag on a store that does not exist (a typo in the crontab) says so, and creates nothing.
run --db "$WORK/none.db" report --overdue --flag --new
expect_rc 3
expect_out_empty
expect_err "no store at $WORK/none.db"
[ ! -e "$WORK/none.db" ]; check $LINENO $? "report --flag created an empty store"

# ICS, read by a real iCalendar parser; raw lines are CRLF and at most 75 octets.
long='投诉: 退款, 拒绝; 客服\不回复 — 一个很长很长很长很长很长很长很长很长很长很长的标题'
run file "$long" --channel taobao-written --order 'A,B;C' # 7wd
run report --format ics
expect_rc 0
# python3-icalendar is in .ci/packages; prefer the python3 that has it (a pyenv one may not).
ical_python=python3
python3 -c 'import icalendar' 2>/dev/null || ical_python=/usr/bin/python3
"$ical_python" - "$WORK/stdout" "$long" <<'PY'
import sys, datetime, icalendar
raw = open(sys.argv[1], 'rb').read()
lines = raw.split(b'\r\n')
assert lines[-1] == b'', 'the calendar does not end in CRLF'
assert all(b'\n' not in l and len(l) <= 75 for l in lines), 'a line is longer than 75 octets or bare LF'
cal = icalendar.Calendar.from_ical(raw)
assert cal['VERSION'] == '2.0' and 'PRODID' in cal
events = [e for e in cal.walk('VEVENT')]
# Open complaints with a due: 1 (taobao-app), 2 (seller), 3 (taobao-app), 5 (taobao-written).
summaries = sorted(str(e['SUMMARY']) for e in events)
assert len(events) == 4, summaries
mine = [e for e in events if str(e['SUMMARY']) == 'Due: %s (complaint 5)' % sys.argv[2]]
assert mine, summaries
e = mine[0]
assert 'Order: A,B;C' in str(e['DESCRIPTION']), e['DESCRIPTION']
start, end = e['DTSTART'].dt, e['DTEND'].dt
utc = datetime.timezone.utc
# Tuesday 24th + 7 working days = Thursday 3 December, 24:00 in Shanghai = 16:00 UTC.
assert end == datetime.datetime(2026, 12, 3, 16, 0, tzinfo=utc), end
assert end - start == datetime.timedelta(minutes=30)
assert str(e['UID']).endswith('-20261203T160000Z@complain'), e['UID']
assert e['DTSTAMP'].dt == datetime.datetime(2026, 11, 24, 3, 0, tzinfo=utc)
alarms = list(e.walk('VALARM'))
assert len(alarms) == 1 and alarms[0]['ACTION'] == 'DISPLAY'
# The default warning is a quarter of 7wd, 2 working days: from the start of Wednesday 2nd.
assert alarms[0]['TRIGGER'].dt == datetime.datetime(2026, 12, 1, 16, 0, tzinfo=utc), alarms[0]['TRIGGER'].dt
# Each event names its own channel and that channel's contact, commas and all; 1 was escalated.
import re
by_id = {int(re.search(r'\(complaint (\d+)\)$', str(e['SUMMARY'])).group(1)): str(e['DESCRIPTION']) for e in events}
for n, level in ((1, 2), (3, 1)):
    app = by_id[n]
    assert app.startswith('Complaint %d at 淘宝 App 投诉 (taobao-app), level %d: the answer is due (24h)' % (n, level)), app
    assert '\nContact: 我的订单 > 投诉, 客服中心 > 举报\n' in app, app
seller = by_id[2]
assert seller.startswith('Complaint 2 at 联系卖家 / seller directly (seller), level 1'), seller
assert "\nContact: 旺旺 / the shop's chat, or the order page's refund request\n" in seller, seller
unfolded = raw.replace(b'\r\n ', b'')
assert unfolded.count('Contact: 我的订单 > 投诉\\, 客服中心'.encode()) == 2, 'the contact is not escaped'
PY
check $LINENO $? "the ICS export did not parse as expected"
uid1=$(grep -a '^UID:' "$WORK/stdout" | sort)
run report --format ics
[ "$(grep -a '^UID:' "$WORK/stdout" | sort)" = "$uid1" ]; check $LINENO $? "UIDs are not stable"
run report --overdue --format ics
[ "$(grep -c '^BEGIN:VEVENT' "$WORK/stdout")" = 2 ]; check $LINENO $? "overdue ICS has not 2 events"

# Usage errors name what would be right.
run report 1
expect_rc 2
expect_err "complain report 1 --dossier"
run report --dossier
expect_rc 2
expect_err "--dossier needs a complaint id"
run report 99 --dossier
expect_rc 3
expect_err "no complaint 99"
run report --format html
expect_rc 2
expect_err "--format html is for a dossier"
run report 1 --dossier --format csv
expect_rc 2
expect_err "--format csv: a dossier is markdown (the default) or html"
run report --overdue -o x.txt
expect_rc 2
run report --overdue --dossier 1
expect_rc 2

# The dossier: complainant, facts, ladder, timeline; HTML escaped and self-contained.
cat >"$WORK/me.toml" <<'EOF'
[me]
name = "张三"
phone = "138 0000 0000"
EOF
export COMPLAIN_CONFIG="$WORK/me.toml"
run file '<script>alert(1)</script> & more' --body $'line one\n<img src=x onerror=alert(2)>' --against '店 <b>' --amount 99.50
expect_rc 0
run note 6 'Shop said: wait' --kind answer
run report 6 --dossier
expect_rc 0
expect_out "# Complaint 6: \\<script>alert(1)\\</script> \\& more"
expect_out "| Name | 张三 |"
expect_out "## Channels and deadlines"
expect_out "联系卖家 / seller directly — seller"
expect_out "met: answered 2026-11-24 11:00"
expect_out "## Timeline"
expect_out "## Evidence"
run report 1 --dossier --format markdown
expect_out "missed: no answer by the due" # the seller's 48h passed before the escalation
run report 6 --dossier --format html -o "$WORK/d6.html"
expect_rc 0
expect_out "Wrote the dossier of complaint 6 to $WORK/d6.html"
[ "$(stat -c %a "$WORK/d6.html")" = 600 ]; check $LINENO $? "a new dossier is not 0600"
python3 - "$WORK/d6.html" <<'PY'
import sys, html.parser
text = open(sys.argv[1], encoding='utf-8').read()
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.srcs = []; self.data = ''
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ('src', 'href'): self.srcs.append(v)
    def handle_data(self, d): self.data += d
p = P(); p.feed(text)
assert 'script' not in p.tags and p.tags.count('img') == 0, p.tags
assert all(s.startswith('data:') for s in p.srcs), p.srcs
assert 'link' not in p.tags, 'loads a stylesheet'
assert '<script>alert(1)</script> & more' in p.data
assert '<img src=x onerror=alert(2)>' in p.data
for heading in ('Complainant', 'Facts', 'Statement', 'Channels and deadlines', 'Timeline', 'Evidence'):
    assert heading in p.data, heading
assert '@media print' in text
assert '张三' in p.data
PY
check $LINENO $? "the HTML dossier is not escaped or not self-contained"
chmod 644 "$WORK/d6.html"
run report 6 --dossier --format html -o "$WORK/d6.html"
expect_rc 0
[ "$(stat -c %a "$WORK/d6.html")" = 644 ]; check $LINENO $? "replacing a dossier changed its mode"
ls -a "$WORK" | grep -q '^\.d6\.html\.'; [ $? = 1 ]; check $LINENO $? "a temporary file was left behind"
run report 6 --dossier -o "$WORK"
expect_rc 2
expect_err "is a directory"
run report 6 --dossier -o "$WORK/no/such/dir/d.md"
expect_rc 3
expect_err "does not exist"
# Image evidence is inlined as a data: URI of exactly the attached bytes; other files are listed.
python3 - "$WORK/shot.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
rows = b''.join(b'\x00' + b'\xff\x00\x00' * 4 for _ in range(4))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
printf 'call notes\n' >"$WORK/call.txt"
run attach 6 "$WORK/shot.png" --caption 'chat <b>refusal</b>'
expect_rc 0
run attach 6 "$WORK/call.txt"
expect_rc 0
run report 6 --dossier --format html
expect_rc 0
expect_out "<img src=\"data:image/png;base64,$(base64 -w0 "$WORK/shot.png")\" alt=\"shot.png\">"
expect_out "chat &lt;b&gt;refusal&lt;/b&gt;"
expect_out "$(sha256sum "$WORK/call.txt" | cut -d' ' -f1)"
[ "$(grep -c '<img ' "$WORK/stdout")" = 1 ]; check $LINENO $? "not exactly one inline image"
run report 6 --dossier
expect_out "| shot.png | chat \\<b>refusal\\</b> |  | image/png |"
expect_out "$(sha256sum "$WORK/shot.png" | cut -d' ' -f1)"
unset COMPLAIN_CONFIG

# Summaries, on a store of their own with numbers worked out by hand.
S=(--db "$WORK/summary.db")
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
: >"$WORK/summary.db" # a 0-byte file is an empty store
run "${S[@]}" report
expect_rc 0
expect_out "No complaints filed."
run "${S[@]}" file 'A 退款' --at 2026-11-01T10:00:00+08:00 --category refund --amount 100.00
run "${S[@]}" status 1 answer --at 2026-11-02T10:00:00+08:00 # the seller answered in 24h: met
run "${S[@]}" file 'B' --at 2026-11-01T10:00:00+08:00 --category refund --amount 200.00
run "${S[@]}" escalate 2 --at 2026-11-04T10:00:00+08:00 # seller missed its 48h; taobao-app 24h
run "${S[@]}" note 2 'platform replied' --kind answer --at 2026-11-05T09:00:00+08:00 # in time, 23h
expect_out "Complaint 2: open -> answered" # the answer itself, as status 2 answer is
run "${S[@]}" status 2 resolve --recovered 60.00
run "${S[@]}" file 'C' --at 2026-11-20T10:00:00+08:00 # seller, overdue since the 22nd
expect_rc 0
run "${S[@]}" report --format json
expect_rc 0
expect_json 'd["complaints"]' 3
expect_json '[c["channel"] for c in d["channels"]]' "['seller', 'taobao-app']"
expect_json '[d["channels"][0][k] for k in ("filed", "open", "answered", "answered_in_time", "decided", "overdue")]' "[3, 1, 1, 1, 3, 1]"
expect_json 'd["channels"][0]["answered_in_time_percent"], d["channels"][0]["median_to_answer"], d["channels"][0]["unit"]' "(33.3, 24.0, 'hours')"
expect_json 'd["channels"][1]["answered_in_time_percent"], d["channels"][1]["median_to_answer"]' "(100.0, 23.0)"
expect_json 'd["states"]' "{'open': 1, 'answered': 1, 'paused': 0, 'resolved': 1, 'dropped': 0}"
expect_json '[(c["category"], c["complaints"], c["open"], c["resolved"]) for c in d["categories"]]' "[('refund', 2, 1, 1), (None, 1, 1, 0)]"
expect_json 'd["amounts"]' "[{'currency': 'CNY', 'claimed': '300.00', 'in_dispute': '100.00', 'recovered': '60.00'}]"
run "${S[@]}" report --format csv
rows=$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))); m={(x[0],x[1],x[2]): x[3] for x in r[1:]}; print(r[0], m[("channel","seller","answered_in_time_percent")], m[("amount","CNY","recovered")], m[("state","resolved","complaints")])' "$WORK/stdout")
[ "$rows" = "['section', 'key', 'measure', 'value'] 33.3 60.00 1" ]; check $LINENO $? "summary csv read back as: $rows"
run "${S[@]}" report --format markdown
expect_out "## Channels"
expect_out "| seller | 联系卖家 / seller directly | 3 | 1 | 1 | 33% (1 of 3) | 24h | 1 |"
run "${S[@]}" report
expect_out "3 complaints filed"
expect_out "33% (1 of 3)"
expect_out "Answered in time"
expect_out "淘宝 App 投诉             ████████████████████  100%  1 of 1"
expect_out "联系卖家 / seller direc…  ██████▋░░░░░░░░░░░░░   33%  1 of 3"
[[ "$OUT" != *$'\e['* ]]; check $LINENO $? "colour codes on a pipe"
run "${S[@]}" report --since 2026-11-10 --format json
expect_json 'd["complaints"], d["since"]' "(1, '2026-11-10T00:00:00+08:00')"
run "${S[@]}" report --state resolved --format json
expect_json 'd["complaints"]' 1

# Stores written before a note of kind answer became the answer itself keep their `answer`
# events: reports still count them as the channel's answer.
O=(--db "$WORK/old.db")
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run "${O[@]}" file 'Old answer' --at 2026-11-20T10:00:00+08:00
sqlite3 "$WORK/old.db" "INSERT INTO event (uuid, complaint_id, at, recorded, kind, text, due)
    SELECT 'old-answer', 1, '2026-11-21T02:00:00Z', '2026-11-21T02:00:00Z', 'answer', 'they replied', due
    FROM event WHERE complaint_id = 1 AND kind = 'filed'"
run "${O[@]}" report --format json
expect_rc 0
expect_json '[d["channels"][0][k] for k in ("answered", "answered_in_time", "median_to_answer")]' "[1, 1, 24.0]"

finish
