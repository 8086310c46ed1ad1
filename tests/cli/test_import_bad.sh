# import of bad input: every damage an export can suffer is exit 6 naming the line (a file that
# cannot be read is exit 3), and leaves the store exactly as it was, or no store at all.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-20T10:00:00+08:00

run file '旗舰店拒绝退款' --amount 199.00
run note 1 'Called the shop'
head -c 1500000 /dev/urandom >call.bin # two chunks
run attach 1 call.bin
expect_rc 0
run export -o good.jsonl
expect_rc 0
# The store that every bad import below must leave as it was: it has complaint 1 already, and a
# second complaint that the export does not have.
run file 'Only here'
NEW="$WORK/new.db"

# variant NAME PYTHON: writes NAME.jsonl from good.jsonl, `lines` being its lines without "\n".
variant() {
    python3 - "$1" "$2" <<'PY'
import json, sys
name, code = sys.argv[1], sys.argv[2]
lines = open("good.jsonl", encoding="utf-8").read().split("\n")[:-1]
def find(t): return next(i for i, l in enumerate(lines) if json.loads(l).get("type") == t)
def edit(i, **kw):
    d = json.loads(lines[i]); d.update(kw)
    lines[i] = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
def drop(i, key):
    d = json.loads(lines[i]); del d[key]
    lines[i] = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
text = None
exec(code)
with open(name + ".jsonl", "w", encoding="utf-8") as f:
    f.write(text if text is not None else "\n".join(lines) + "\n")
PY
}
# refused NAME EXIT MESSAGE: importing NAME.jsonl exits EXIT with MESSAGE on stderr, and neither
# the store nor a store that did not exist is changed.
refused() {
    local before
    before=$(store_state)
    run import "$1.jsonl"
    [ "$RC" = "$2" ]; check "${BASH_LINENO[0]}" $? "$1: exit status $RC, expected $2"
    [[ $ERR == *"$3"* ]]; check "${BASH_LINENO[0]}" $? "$1: stderr lacks: $3"
    expect_out_empty
    [ "$(store_state)" = "$before" ]; check "${BASH_LINENO[0]}" $? "$1 changed the store"
    run --db "$NEW" import "$1.jsonl"
    [ "$RC" = "$2" ]; check "${BASH_LINENO[0]}" $? "$1 into no store: exit status $RC"
    [ ! -e "$NEW" ]; check "${BASH_LINENO[0]}" $? "$1 left a store behind"
}

variant bad_json 'lines[3] = lines[3][:40]'
refused bad_json 6 "line 4: not JSON"
variant not_object 'lines[2] = "[1, 2]"'
refused not_object 6 "line 3: not a JSON object"
variant version2 'lines[0] = "{\"complain\":\"export\",\"version\":2}"'
refused version2 6 "line 1: export format version 2 is newer than this complain reads (1)"
variant no_header 'del lines[0]'
refused no_header 6 "line 1: not a complain export"
variant unknown_type 'lines.insert(1, "{\"type\":\"frob\"}")'
refused unknown_type 6 'line 2: unknown type "frob"'
variant missing_key 'drop(find("event"), "kind")'
refused missing_key 6 'event lacks "kind"'
variant wrong_type 'edit(find("chunk"), seq="0")'
refused wrong_type 6 'chunk "seq" must be a whole number'
variant bad_instant 'edit(find("event"), at="2026-11-20 10:00")'
refused bad_instant 6 'not an instant YYYY-MM-DDTHH:MM:SSZ'
variant bad_kind 'edit(find("event"), kind="deleted")'
refused bad_kind 6 'event "kind" is "deleted"'
variant bad_change 'edit(find("event"), change={"colour": "red"})'
run --db "$NEW" import bad_change.jsonl # checked by the replay, naming the complaint's line
expect_rc 6
expect_err "(line 5): complaint 1: change names no field 'colour'"
[ ! -e "$NEW" ]; check $LINENO $? "a bad change left a store behind"
# Content: a changed byte (same length of base64), a wrong size, chunks out of order.
variant bad_hash '
i = find("chunk"); d = json.loads(lines[i])
d["data"] = ("B" if d["data"][0] == "A" else "A") + d["data"][1:]
lines[i] = json.dumps(d, separators=(",", ":"))'
refused bad_hash 6 "its content does not match its SHA-256"
variant bad_size 'edit(find("blob"), size=1500001)'
refused bad_size 6 "1500001 bytes"
variant chunk_order 'i = find("chunk"); lines[i], lines[i + 1] = lines[i + 1], lines[i]'
refused chunk_order 6 "chunk 1 of file"
variant stray_chunk 'i = find("chunk"); lines.insert(find("complaint") + 1, lines[i])'
refused stray_chunk 6 "that does not follow its blob line"
# Order: an event before its complaint line; evidence of a file nobody has.
variant event_first 'i = find("event"); lines.insert(find("complaint"), lines.pop(i))'
refused event_first 6 "that does not follow its complaint line"
variant unknown_file 'edit(find("evidence"), sha256="0" * 64)'
refused unknown_file 6 "which neither this export nor the store holds"
# Truncated: no end line, a line cut short, counts that disagree, and an empty file.
variant no_end 'del lines[-1]'
refused no_end 6 "no end line after line"
variant cut 'text = "\n".join(lines) + "\n"; text = text[:-10]'
refused cut 6 "the file ends in the middle of a line"
variant counts 'edit(len(lines) - 1, events=99)'
refused counts 6 "the end line counts"
variant after_end 'lines.append(lines[1])'
refused after_end 6 "text after the end line"
variant empty 'text = ""'
refused empty 6 "line 1: empty"
# A line of 9 MiB is refused when it passes 8 MiB, before it is buffered whole.
python3 -c 'import sys; sys.stdout.write(open("good.jsonl").readline() + "{\"type\":\"" + "a" * (9 << 20) + "\"}\n")' >long.jsonl
refused long 6 "line 2: longer than 8 MiB"
# An event whose UUID is in the store with other content (a file that a new store would take).
variant changed_event 'edit(find("event") + 1, text="Rewritten history")'
before=$(store_state)
run import changed_event.jsonl
expect_rc 6
expect_err "line 7: event"
expect_err "differs from the event with that UUID in the store (complaint 1)"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a changed event changed the store"
# A complaint without its filing cannot be replayed.
variant no_filing 'i = find("event"); del lines[i]; edit(len(lines) - 1, events=json.loads(lines[-1])["events"] - 1)'
run --db "$NEW" import no_filing.jsonl
expect_rc 6
expect_err "is not in this store, and the export does not hold its filing (an export made with --since?): import a full export first"
[ ! -e "$NEW" ]; check $LINENO $? "an import without a filing left a store behind"

# A bad line in a pipe whose writer has not finished (it sends an empty line every 0.2 s until the
# pipe closes): the import gives up at once, it does not wait for the writer to end.
before=$(store_state)
{ cat bad_json.jsonl; while echo; do sleep 0.2; done; } 2>/dev/null |
    timeout 20 "$COMPLAIN" import - >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
ERR=$(cat "$WORK/stderr")
expect_rc 6
expect_err "standard input: line 4: not JSON"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a bad pipe changed the store"

# Files that cannot be read.
before=$(store_state)
run import missing.jsonl
expect_rc 3
expect_err "missing.jsonl: no such file"
mkdir folder
run import folder
expect_rc 2
expect_err "folder: is a directory"
run --db "$NEW" import missing.jsonl
expect_rc 3
[ ! -e "$NEW" ]; check $LINENO $? "a missing file made a store"
[ "$(store_state)" = "$before" ]; check $LINENO $? "unreadable files changed the store"

# And the good file still imports, with verify content afterwards.
run import good.jsonl
expect_rc 0
expect_out "nothing new"
run verify
expect_rc 0

finish
