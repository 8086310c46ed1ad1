# export and import: lossless round trips byte for byte (evidence, edits, escalations, notes, flags),
# importing twice changes nothing, --no-content, the id filter, --since, standard input, and two
# stores that diverged converging to the same export whichever imports first.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-20T10:00:00+08:00
A="$WORK/a.db" B="$WORK/b.db" C="$WORK/c.db"
dump() { sqlite3 "$1" .dump | sha256sum; }
same_files() { cmp -s "$1" "$2"; check "${BASH_LINENO[0]}" $? "$1 and $2 differ: $(diff "$1" "$2" | head -c 600)"; }

run file '淘宝旗舰店拒绝退款' --against '某某旗舰店 工号 0231' --amount 199.00 --tag refund --tag urgent
expect_rc 0
run note 1 'Called the shop: "wait 48h"' --kind contact
run edit 1 --product 'Phone case' --order 'TB-2026-1'
printf 'screenshot bytes\n' >shot.png
head -c 2500000 /dev/urandom >call.bin # three chunks: 1 MiB, 1 MiB and the rest
run attach 1 shot.png call.bin --caption 'Chat and call'
expect_rc 0
run file 'Courier lost the parcel' --channel taobao-app
run attach 2 shot.png --caption 'Same screenshot'
COMPLAIN_NOW=2026-11-21T09:00:00+08:00 run status 2 answer -m 'They replied'
COMPLAIN_NOW=2026-11-23T10:00:00+08:00 run report --overdue --flag
expect_rc 0
expect_out '淘宝旗舰店拒绝退款'
COMPLAIN_NOW=2026-11-23T11:00:00+08:00 run escalate 1 -m 'No answer in 48h'
expect_rc 0
[ "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE kind = 'flagged-overdue'")" = 1 ]
check $LINENO $? "the report did not flag complaint 1"

run export
expect_rc 0
expect_err_empty
cp "$WORK/stdout" a.jsonl
[ "$(head -1 a.jsonl)" = '{"complain":"export","version":1}' ]; check $LINENO $? "header: $(head -1 a.jsonl)"
[ "$(tail -1 a.jsonl)" = '{"type":"end","complaints":2,"events":11,"evidence":3,"blobs":2}' ]
check $LINENO $? "trailer: $(tail -1 a.jsonl)"
types=$(python3 -c '
import json, sys
for line in open(sys.argv[1]): d = json.loads(line); print(d.get("type", "header"))' a.jsonl | uniq -c | awk '{printf "%s:%s ", $2, $1}')
[ "$types" = "header:1 blob:1 chunk:3 blob:1 chunk:1 complaint:1 event:8 evidence:2 complaint:1 event:3 evidence:1 end:1 " ] ||
[ "$types" = "header:1 blob:1 chunk:1 blob:1 chunk:3 complaint:1 event:8 evidence:2 complaint:1 event:3 evidence:1 end:1 " ]
check $LINENO $? "line types in order: $types"
grep -q '"kind":"flagged-overdue"' a.jsonl; check $LINENO $? "the flag is not exported"
grep -q '淘宝旗舰店拒绝退款' a.jsonl; check $LINENO $? "Chinese is not kept as UTF-8"
python3 - a.jsonl <<'PY'; check $LINENO $? "an event line's keys are not in the documented order"
import json, sys
want = ["type", "uuid", "complaint", "command", "at", "recorded", "kind", "text", "field", "old",
        "new", "due", "change"]
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d.get("type") == "event" and list(d) != want: sys.exit(1)
PY
run export -o "$WORK/a-file.jsonl"
expect_rc 0
expect_out_empty
same_files a.jsonl a-file.jsonl
run export
same_files a.jsonl "$WORK/stdout" # deterministic: the same store exports the same bytes

# Lossless: into an empty store, and out again, byte for byte.
run --db "$A" import a.jsonl
expect_rc 0
expect_out "new complaint 1: 淘宝旗舰店拒绝退款 ("
expect_out "new complaint 2: Courier lost the parcel ("
expect_out "imported 2 new complaints, 11 new events, 3 new evidence links, 2 new files (2.4 MiB); 0 records already here"
[ "$(stat -c %a "$A")" = 600 ]; check $LINENO $? "an imported store is mode $(stat -c %a "$A")"
run --db "$A" export
same_files a.jsonl "$WORK/stdout"
run --db "$A" verify
expect_rc 0
run --db "$A" status 1 --format json
expect_json '(d["state"], d["channel"], d["level"], d["product"], sorted(d["tags"]))' \
    "('open', 'taobao-app', 2, 'Phone case', ['refund', 'urgent'])"
mkdir out
run --db "$A" attach 1 --extract all -o out
expect_rc 0
cmp -s out/call.bin call.bin; check $LINENO $? "imported content differs from the file attached"

# Twice: nothing changes, and it says 0 new.
before=$(dump "$A")
run --db "$A" import a.jsonl
expect_rc 0
expect_out_eq "nothing new: 0 new complaints, 0 new events (18 records already here)"
[ "$(dump "$A")" = "$before" ]; check $LINENO $? "a second import changed the store"
run --db "$A" import a.jsonl --format json
expect_json '(d["complaints"], d["events"], d["evidence"], d["files"], d["new_complaints"])' "(0, 0, 0, 0, [])"

# Standard input.
run_in a.jsonl --db "$B" import -
expect_rc 0
expect_out "imported 2 new complaints"
run --db "$B" export
same_files a.jsonl "$WORK/stdout"

# --no-content: hashes only; the store keeps the file's record without content, verify accepts it,
# and exporting it again gives the same lines. A later export with content fills it in.
run export --no-content -o n1.jsonl
expect_rc 0
grep -q '"type":"chunk"' n1.jsonl; [ $? = 1 ]; check $LINENO $? "--no-content exported chunks"
grep -c '"type":"blob"' n1.jsonl | grep -qx 2; check $LINENO $? "--no-content left out the blob lines"
run --db "$C" import n1.jsonl
expect_rc 0
expect_out "imported 2 new complaints, 11 new events, 3 new evidence links; 0 records already here"
run --db "$C" export -o n2.jsonl
same_files n1.jsonl n2.jsonl
run --db "$C" verify
expect_rc 0
run --db "$C" import a.jsonl
expect_rc 0
expect_out "imported 0 new complaints, 0 new events, 2 new files (2.4 MiB)"
run --db "$C" export
same_files a.jsonl "$WORK/stdout"

# Redaction wins: an export saying a file's content was redacted removes it here, and content
# arriving later for it is ignored (checked against its hash all the same).
shot=$(sha256sum shot.png | cut -d' ' -f1)
python3 - a.jsonl "$shot" >redacted.jsonl <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    if d.get("type") == "chunk" and d["sha256"] == sys.argv[2]: continue
    if d.get("type") == "blob" and d["sha256"] == sys.argv[2]:
        line = line.replace('}\n', ',"content":"redacted"}\n')
    sys.stdout.write(line)
PY
run --db "$C" import redacted.jsonl
expect_rc 0
expect_out "imported 0 new complaints, 0 new events, 1 file redacted"
[ "$(sqlite3 "$C" "SELECT content, chunks, (SELECT count(*) FROM chunk WHERE blob_id = blob.id) FROM blob WHERE sha256 = '$shot'")" = "redacted|0|0" ]
check $LINENO $? "the redacted file's content is still in the store"
run --db "$C" import a.jsonl
expect_rc 0
expect_out "nothing new"
run --db "$C" export
cmp -s redacted.jsonl "$WORK/stdout"; check $LINENO $? "the export after redaction differs from the redacting one"
run --db "$C" verify
expect_rc 0

# The id filter: one complaint, its evidence and only the files it names.
uuid2=$(sqlite3 "$DB" "SELECT uuid FROM complaint WHERE id = 2")
run export 2
expect_rc 0
cp "$WORK/stdout" two.jsonl
[ "$(grep -c '"type":"complaint"' two.jsonl)" = 1 ] && grep -q "\"uuid\":\"$uuid2\"" two.jsonl
check $LINENO $? "export 2 holds other complaints"
[ "$(tail -1 two.jsonl)" = '{"type":"end","complaints":1,"events":3,"evidence":1,"blobs":1}' ]
check $LINENO $? "export 2 trailer: $(tail -1 two.jsonl)"
run export 2 99 -o never.jsonl
expect_rc 3
expect_err "no complaint 99"
[ ! -e never.jsonl ]; check $LINENO $? "a failed export left a file"
run export 99
expect_rc 3
expect_out_empty

# --since: the events recorded from then on, of the complaints that have them.
run export --since 2026-11-23T10:30:00+08:00
expect_rc 0
cp "$WORK/stdout" since.jsonl
[ "$(head -1 since.jsonl)" = '{"complain":"export","version":1,"since":"2026-11-23T02:30:00Z"}' ]
check $LINENO $? "since header: $(head -1 since.jsonl)"
[ "$(tail -1 since.jsonl)" = '{"type":"end","complaints":1,"events":1,"evidence":0,"blobs":0}' ]
check $LINENO $? "since trailer: $(tail -1 since.jsonl)"
grep -q '"kind":"escalated"' since.jsonl; check $LINENO $? "since lacks the escalation"
before=$(dump "$A")
run --db "$A" import since.jsonl
expect_rc 0
expect_out "0 new"
[ "$(dump "$A")" = "$before" ]; check $LINENO $? "importing what is there changed the store"
run --db "$WORK/fresh.db" import since.jsonl # a part without its filing cannot stand alone
expect_rc 6
expect_err "is not in this store, and the export does not hold its filing (an export made with --since?): import a full export first"
[ ! -e "$WORK/fresh.db" ]; check $LINENO $? "a failed import left a store behind"

# Two machines that diverged: both noted, both escalated complaint 2, both attached. After each
# imports the other's export, both export the same bytes, whatever the order.
export COMPLAIN_NOW=2026-11-24T10:00:00+08:00
cp "$A" "$WORK/m1.db" && cp "$A" "$WORK/m2.db"
M1="$WORK/m1.db" M2="$WORK/m2.db"
run --db "$M1" note 2 'Noted on the laptop'
run --db "$M1" escalate 2 -m 'Laptop escalates'
printf 'laptop photo' >laptop.jpg
run --db "$M1" attach 2 laptop.jpg
expect_rc 0
COMPLAIN_NOW=2026-11-24T11:00:00+08:00 run --db "$M2" note 2 'Noted on the server'
COMPLAIN_NOW=2026-11-24T11:00:00+08:00 run --db "$M2" escalate 2 -m 'Server escalates'
printf 'server scan' >server.pdf
COMPLAIN_NOW=2026-11-24T11:00:00+08:00 run --db "$M2" attach 2 server.pdf
expect_rc 0
run --db "$M1" export -o m1.jsonl
run --db "$M2" export -o m2.jsonl
cp "$M1" "$WORK/m1-first.db"
run --db "$M1" import m2.jsonl
expect_rc 0
expect_out "imported 0 new complaints, 3 new events, 1 new evidence link, 1 new file"
run --db "$M2" import m1.jsonl
expect_rc 0
run --db "$M1" export -o m1-after.jsonl
run --db "$M2" export -o m2-after.jsonl
same_files m1-after.jsonl m2-after.jsonl
for db in "$M1" "$M2"; do
    run --db "$db" verify
    expect_rc 0
done
# The replay of both escalations: two rungs up from where complaint 2 stood.
run --db "$M1" status 2 --format json
m1=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["channel"], d["level"], len(d["events"]))' "$WORK/stdout")
run --db "$M2" status 2 --format json
m2=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["channel"], d["level"], len(d["events"]))' "$WORK/stdout")
[ "$m1" = "$m2" ]; check $LINENO $? "merged rows differ: $m1 / $m2"
# And the other order: the server's export into the laptop's store before its own changes left.
run --db "$M2" export -o m2-all.jsonl
run --db "$WORK/m1-first.db" import m2-all.jsonl
run --db "$WORK/m1-first.db" export -o m1-first.jsonl
same_files m1-after.jsonl m1-first.jsonl

finish
