#!/usr/bin/env bash
# complain at 1k, 10k and 100k complaints (issue 14, "fast at any size"): every operation that a
# user or cron runs, in one hyperfine run each beside the sqlite3 floor (the sqlite3 CLI running
# the best SQL the schema's indexes allow for the same answer, below) and Taskwarrior (`task`)
# loaded with the same number of tasks, where installed. Prints one Markdown table per size:
# median time, complain's ratio to the floor, and peak RSS (one separate run under
# /usr/bin/time).
#
# Usage: bench/scale.sh [SIZE...]          (default: 1000 10000 100000; 1000000 on request)
#        bench/scale.sh --check [STORE]    (no hyperfine: every floor query runs against STORE,
#                                           default a fresh bench/gen 200, and returns as many
#                                           rows as complain's answer has; for tests/cli)
# Environment: COMPLAIN (default build/complain), CACHE (generated stores, exports and
# Taskwarrior data, per size; default bench/.cache), MAX_RUNS (default 10), NO_TASK=1 (leave
# Taskwarrior out), ONLY (a regular expression: only the operations it matches, TAB for
# completion), TAB_TIMEOUT (seconds, default 120: a slower TAB is stopped and reported so).
#
# Every command sees the clock at NOW (COMPLAIN_NOW), the instant bench/gen generated the mix for.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
COMPLAIN=$(realpath "${COMPLAIN:-$HERE/../build/complain}")
CACHE=${CACHE:-$HERE/.cache}
MAX_RUNS=${MAX_RUNS:-10}
export NOW=2026-11-20T02:00:00Z
export COMPLAIN_NOW=$NOW TZ=Asia/Shanghai LC_ALL=C.UTF-8
unset COMPLAIN_DB COMPLAIN_CONFIG XDG_DATA_HOME XDG_CONFIG_HOME
N="'$NOW'"
OPEN_WORK="('open', 'answered', 'paused')"
# Search terms: a phrase of titles (trigram index), a two-character word (below the trigram's
# three: the timeline index's terms), and an agent's 工号 that notes name (and a few complaints'
# `against`).
PHRASE=七天无理由 WORD=破损 AGENT='工号 8812'

die() { echo "bench/scale.sh: $*" >&2; exit 2; }
[ -x "$COMPLAIN" ] || die "no complain binary at $COMPLAIN (set COMPLAIN)"
command -v sqlite3 >/dev/null || die "needs sqlite3"

# ---------------------------------------------------------------------------------------------
# The operations: NAME, complain's arguments, the floor's SQL, Taskwarrior's arguments (empty:
# none), and how --check counts complain's answer (empty: not comparable row for row).
# In arguments, $DB is the store, $ID a complaint, $TID its task; $NEXT a fresh escalation target.
# ---------------------------------------------------------------------------------------------
ops=()
op() { ops+=("$1"); OP_COMPLAIN[$1]=$2 OP_FLOOR[$1]=$3 OP_TASK[$1]=$4 OP_CHECK[$1]=$5; }
declare -A OP_COMPLAIN OP_FLOOR OP_TASK OP_CHECK

LIST_COLUMNS="id, state, channel, due, against, title"
json_count="python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'"

op cron "report --overdue --flag --new --exit-code" \
    "SELECT count(*) FROM complaint c WHERE c.state = 'open' AND c.flagged = 0 AND c.undone = 0
       AND c.due IS NOT NULL AND c.due <= $N;" \
    "+OVERDUE count" "value:report --overdue --flag --new --format json | $json_count"
op overdue "report --overdue" \
    "SELECT $LIST_COLUMNS FROM complaint
     WHERE state = 'open' AND due <= $N AND undone = 0 ORDER BY due, id;" \
    "+OVERDUE list" "rows:report --overdue --format json | $json_count"
op due-soon "report --due-soon" \
    "SELECT $LIST_COLUMNS FROM complaint
     WHERE state = 'open' AND due > $N AND warn_at <= $N AND undone = 0 ORDER BY due, id;" \
    "+DUE list" "rows:report --due-soon --format json | $json_count"
op status "status" \
    "SELECT $LIST_COLUMNS FROM complaint WHERE state IN $OPEN_WORK AND undone = 0
     ORDER BY due IS NULL, due, id;" \
    "list" "rows:status --format json | $json_count"
# The same list as data: every stored column of each complaint and its tags, as sqlite3 writes
# JSON and CSV. complain writes a few fields more (the time left, whether overdue, when a closed
# complaint closed), which the floor leaves out: a lower bound.
STATUS_DATA_SQL="SELECT c.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM tag t
    WHERE t.complaint_id = c.id ORDER BY tag)) AS tags
FROM complaint c WHERE state IN $OPEN_WORK AND undone = 0 ORDER BY due IS NULL, due, id;"
op "status json" "status --format json" ".mode json
$STATUS_DATA_SQL" "" "rows:status --format json | $json_count"
op "status csv" "status --format csv" ".mode csv
.headers on
$STATUS_DATA_SQL" "" ""
# The summary's numbers: per channel how often a complaint was taken there, answered there, in
# time; per state, per category; the amounts. The floor counts answers without pauses' extensions
# and without the medians: a lower bound on what the summary must read.
SUMMARY_SQL="SELECT channel, count(*), sum(state = 'open'), sum(state = 'open' AND due <= $N)
FROM complaint WHERE undone = 0 GROUP BY channel;
SELECT state, count(*) FROM complaint WHERE undone = 0 GROUP BY state;
SELECT category, count(*) FROM complaint WHERE undone = 0 GROUP BY category;
SELECT currency, sum(amount), sum(CASE WHEN state IN $OPEN_WORK THEN amount END), sum(recovered)
FROM complaint WHERE undone = 0 GROUP BY currency;
WITH stint AS (
  SELECT complaint_id, new_value AS channel, at AS start, due,
         lead(at) OVER (PARTITION BY complaint_id ORDER BY at, id) AS stop
  FROM event WHERE kind IN ('filed', 'escalated')),
answered AS (
  SELECT s.channel, s.due,
         (SELECT min(a.at) FROM event a WHERE a.complaint_id = s.complaint_id
            AND a.kind IN ('answered', 'answer') AND a.at >= s.start
            AND (s.stop IS NULL OR a.at < s.stop)) AS first
  FROM stint s)
SELECT channel, count(*), count(first), sum(first <= due) FROM answered GROUP BY channel;"
op summary "report" "$SUMMARY_SQL" "summary" ""
op "summary csv" "report --format csv" "$SUMMARY_SQL" "" ""
op "summary json" "report --format json" "$SUMMARY_SQL" "" ""
op ics "report --format ics" \
    "SELECT id, uuid, title, channel, level, due, warn_at FROM complaint
     WHERE state = 'open' AND due IS NOT NULL AND undone = 0 ORDER BY due, id;" \
    "" "rows:report --format ics | grep -c '^SUMMARY:Due: '"
op "status ID" "status \$ID" \
    "SELECT * FROM complaint WHERE id = \$ID;
     SELECT tag FROM tag WHERE complaint_id = \$ID;
     SELECT at, kind, text, field, old_value, new_value, due FROM event
     WHERE complaint_id = \$ID AND id NOT IN (SELECT event_id FROM cancelled)
     ORDER BY at, recorded, uuid;
     SELECT v.name, v.caption, v.added, b.size, b.type, v.sha256 FROM evidence v
     JOIN blob b ON b.sha256 = v.sha256 WHERE v.complaint_id = \$ID ORDER BY v.added;" \
    "\$TID info" ""
op file "file '新的投诉：商家拒绝七天无理由退货' --against 某某旗舰店 --tag bench" \
    "BEGIN IMMEDIATE;
     INSERT INTO complaint (uuid, title, against, state, channel, level, deadline,
        deadline_calendar, deadline_zone, warning, clock_started, due, warn_at, created, updated)
     VALUES (lower(hex(randomblob(16))), '新的投诉：商家拒绝七天无理由退货', '某某旗舰店', 'open',
        'seller', 1, '48h', 'cn', 'Asia/Shanghai', '12h', $N, '2026-11-22T02:00:00Z',
        '2026-11-21T14:00:00Z', $N, $N);
     INSERT INTO tag VALUES (last_insert_rowid(), 'bench');
     INSERT INTO event (uuid, command, complaint_id, at, recorded, kind, text, field, new_value,
        due, change)
     VALUES (lower(hex(randomblob(16))), lower(hex(randomblob(16))),
        (SELECT max(id) FROM complaint), $N, $N, 'filed', 'filed with 联系卖家', 'channel', 'seller',
        '2026-11-22T02:00:00Z', '{\"title\":\"新的投诉\"}');
     COMMIT;" \
    "add '新的投诉：商家拒绝七天无理由退货' project:seller +bench due:2026-11-22T10:00" ""
op note "note \$ID '又打了一次电话，客服工号 8812 说还在处理，请耐心等待'" \
    "BEGIN IMMEDIATE;
     INSERT INTO event (uuid, command, complaint_id, at, recorded, kind, text, due)
     SELECT lower(hex(randomblob(16))), lower(hex(randomblob(16))), id, $N, $N, 'note',
        '又打了一次电话，客服工号 8812 说还在处理，请耐心等待', due FROM complaint WHERE id = \$ID;
     COMMIT;" \
    "\$TID annotate '又打了一次电话，客服工号 8812 说还在处理，请耐心等待'" ""
op escalate "escalate \$NEXT -m '超时未处理'" \
    "BEGIN IMMEDIATE;
     INSERT INTO event (uuid, command, complaint_id, at, recorded, kind, text, field, old_value,
        new_value, due, change)
     SELECT lower(hex(randomblob(16))), lower(hex(randomblob(16))), id, $N, $N, 'escalated',
        '超时未处理', 'channel', channel, 'taobao-written', '2026-12-01T16:00:00Z',
        '{\"channel\":\"taobao-written\"}' FROM complaint WHERE id = \$NEXT;
     UPDATE complaint SET channel = 'taobao-written', level = level + 1, state = 'open',
        deadline = '7wd', warning = '2wd', clock_started = $N, due = '2026-12-01T16:00:00Z',
        warn_at = '2026-11-27T16:00:00Z', paused_at = NULL, updated = $N WHERE id = \$NEXT;
     COMMIT;" \
    "\$TNEXT modify +escalated project:taobao-written due:2026-12-02" ""
op version "--version" "" "--version" ""
# --search reads the complaint's own text and its timeline's (notes, answers, evidence names and
# captions: timeline_text), and prints under each complaint the lines that matched. The floor:
# the same complaints through the same FTS5 indexes, each with its matched lines in one column.
# search_floor TEXT HITS: the list of open work among the complaints HITS (a SELECT of ids) names.
search_floor() {
    printf '%s' "SELECT $LIST_COLUMNS, (SELECT group_concat(kind || ' ' || at || ' ' || text,
         char(31)) FROM (SELECT e.kind, e.at, e.text FROM event e WHERE e.complaint_id = c.id
           AND e.text LIKE '%$1%' UNION ALL SELECT 'evidence', v.added, v.name || ' ' || v.caption
         FROM evidence v WHERE v.complaint_id = c.id
           AND (v.name LIKE '%$1%' OR v.caption LIKE '%$1%')))
     FROM complaint c WHERE c.id IN ($2) AND c.state IN $OPEN_WORK AND c.undone = 0
     ORDER BY c.due, c.id;"
}
# The complaints that hold TEXT: the hits of TIMELINE (a FROM clause naming the timeline index's
# rows `t`) mapped to their complaint through event or evidence, and those of the complaint's own
# text (OWN, a SELECT of ids).
timeline_hits() {
    printf '%s' "$2 UNION SELECT CASE WHEN t.rowid > 0 THEN (SELECT e.complaint_id FROM event e
         WHERE e.id = t.rowid AND e.id NOT IN (SELECT event_id FROM cancelled))
       ELSE (SELECT v.complaint_id FROM evidence v WHERE v.id = -t.rowid) END FROM $1"
}
fts_hits() { # fts_hits TEXT: three characters or more, the trigram indexes
    timeline_hits "timeline_text t WHERE timeline_text MATCH '\"$1\"'" \
        "SELECT rowid FROM complaint_text WHERE complaint_text MATCH '\"$1\"'"
}
two_hits() { # two_hits WORD: two characters, the timeline index's terms
    timeline_hits "(SELECT DISTINCT doc AS rowid FROM timeline_terms
         WHERE term >= '$1' AND term <= '$1' || char(1114111)) t" \
        "SELECT id FROM complaint WHERE title LIKE '%$1%' OR body LIKE '%$1%'"
}
op "search phrase" "status --search $PHRASE" "$(search_floor "$PHRASE" "$(fts_hits "$PHRASE")")" \
    "/$PHRASE/ list" "rows:status --search $PHRASE --format json | $json_count"
op "search word" "status --search $WORD" "$(search_floor "$WORD" "$(two_hits "$WORD")")" \
    "/$WORD/ list" "rows:status --search $WORD --format json | $json_count"
op "search 工号" "status --search '$AGENT'" "$(search_floor "$AGENT" "$(fts_hits "$AGENT")")" \
    "'/$AGENT/' list" "rows:status --search '$AGENT' --format json | $json_count"
op "search 2 chars" "status --search 工号" "$(search_floor 工号 "$(two_hits 工号)")" \
    "/工号/ list" "rows:status --search 工号 --format json | $json_count"
# The same search without the timeline's index: a scan of event.text, as the schema before it
# allowed (what --search would cost by LIKE).
NOTES_SQL="SELECT $LIST_COLUMNS FROM complaint WHERE state IN $OPEN_WORK AND undone = 0 AND (
       id IN (SELECT rowid FROM complaint_text WHERE complaint_text MATCH '\"$AGENT\"')
       OR id IN (SELECT complaint_id FROM event WHERE text LIKE '%$AGENT%'))
     ORDER BY due, id;"
COMPLETE_SQL="SELECT id || char(9) || title ||
       CASE WHEN state = 'open' THEN '' ELSE ' [' || state || ']' END
     FROM complaint WHERE undone = 0
     ORDER BY state IN ('resolved', 'dropped'), due IS NULL, due, id;"
op "complete ids" "__complete words -- status ''" "$COMPLETE_SQL" "_ids" \
    "rows:__complete words -- status '' | wc -l"

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
# floor_sql NAME: the floor's SQL of operation NAME with $ID / $NEXT filled in.
floor_sql() {
    local sql=${OP_FLOOR[$1]}
    sql=${sql//\$ID/${ID:-1}}
    printf '%s\n' "${sql//\$NEXT/${2:-${ID:-1}}}"
}

# empty_store PATH: a store as complain makes it, with nothing in it (the import floor's start).
empty_store() {
    printf '%s\n' '{"complain":"export","version":1}' \
        '{"type":"end","complaints":0,"events":0,"evidence":0,"blobs":0}' |
        "$COMPLAIN" --db "$1" import - >/dev/null
}

# The import floor: the export's lines loaded into the same schema by SQL alone (complaints
# from their filing's row, not replayed; evidence content left in base64).
IMPORT_SQL=".mode ascii
.separator \"\\037\" \"\\n\"
CREATE TEMP TABLE line (j TEXT);
.import EXPORT line
BEGIN;
INSERT INTO complaint (uuid, title, body, against, order_no, product, category, want, amount,
    recovered, currency, ref, state, channel, level, deadline, deadline_calendar, deadline_zone,
    deadline_roll, warning, clock_started, due, warn_at, paused_at, created, updated)
SELECT j->>'complaint', c->>'title', c->>'body', c->>'against', c->>'order', c->>'product',
    c->>'category', c->>'want', c->>'amount', c->>'recovered', c->>'currency', c->>'ref',
    c->>'state', c->>'channel', c->>'level', c->>'deadline', c->>'calendar', c->>'zone',
    c->>'roll', c->>'warning', c->>'started', c->>'due', c->>'warn_at', c->>'paused_at',
    c->>'created', c->>'created'
FROM (SELECT j, j->'change' AS c FROM line WHERE j->>'kind' = 'filed');
INSERT INTO event (uuid, command, complaint_id, at, recorded, kind, text, field, old_value,
    new_value, due, change)
SELECT j->>'uuid', j->>'command', (SELECT id FROM complaint WHERE uuid = j->>'complaint'),
    j->>'at', j->>'recorded', j->>'kind', j->>'text', j->>'field', j->>'old', j->>'new',
    j->>'due', j->>'change'
FROM line WHERE j->>'type' = 'event';
INSERT INTO blob (sha256, size, type, chunks)
SELECT j->>'sha256', j->>'size', j->>'media_type', 1 FROM line WHERE j->>'type' = 'blob';
INSERT INTO chunk (blob_id, seq, data)
SELECT (SELECT id FROM blob WHERE sha256 = j->>'sha256'), j->>'seq', j->>'data'
FROM line WHERE j->>'type' = 'chunk';
INSERT INTO evidence (complaint_id, sha256, name, caption, added, event_id)
SELECT (SELECT id FROM complaint WHERE uuid = j->>'complaint'), j->>'sha256', j->>'name',
    j->>'caption', j->>'added', (SELECT id FROM event WHERE uuid = j->>'event')
FROM line WHERE j->>'type' = 'evidence';
COMMIT;"

# The export floor: the same lines, as JSON, from the tables in export order.
EXPORT_SQL="SELECT json_object('type', 'blob', 'sha256', sha256, 'size', size,
    'media_type', type) FROM blob ORDER BY sha256;
SELECT json_object('type', 'chunk', 'sha256', b.sha256, 'seq', k.seq, 'data', base64(k.data))
    FROM blob b JOIN chunk k ON k.blob_id = b.id ORDER BY b.sha256, k.seq;
SELECT CASE WHEN e.id = (SELECT min(id) FROM event WHERE complaint_id = c.id)
         THEN json_object('type', 'complaint', 'uuid', c.uuid) || char(10) ELSE '' END ||
       json_object('type', 'event', 'uuid', e.uuid, 'complaint', c.uuid, 'command', e.command,
         'at', e.at, 'recorded', e.recorded, 'kind', e.kind, 'text', e.text, 'field', e.field,
         'old', e.old_value, 'new', e.new_value, 'due', e.due, 'change', json(e.change))
FROM complaint c JOIN event e ON e.complaint_id = c.id
ORDER BY c.created, c.uuid, e.at, e.recorded, e.uuid;
SELECT json_object('type', 'evidence', 'complaint', c.uuid, 'sha256', v.sha256, 'name', v.name,
    'caption', v.caption, 'added', v.added)
FROM evidence v JOIN complaint c ON c.id = v.complaint_id ORDER BY c.created, c.uuid, v.added;"
# SQLite 3.40 has no base64(): the chunks go out as hex, which costs the same pass.
EXPORT_SQL=${EXPORT_SQL//base64(k.data)/hex(k.data)}

# ---------------------------------------------------------------------------------------------
# --check: every floor runs, and returns as many rows as complain's answer.
# ---------------------------------------------------------------------------------------------
check() {
    local store failures=0 name want got
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    export HOME=$work/home
    mkdir -p "$HOME"
    if [ -n "${1:-}" ]; then
        cp "$1" "$work/store.db"
    else
        COMPLAIN=$COMPLAIN "$HERE/gen" 200 "$work/store.db" 2>/dev/null
    fi
    store=$work/store.db
    ID=$(sqlite3 "$store" "SELECT id FROM complaint WHERE undone = 0 ORDER BY id LIMIT 1")
    local next
    next=$(sqlite3 "$store" "SELECT id FROM complaint WHERE state IN $OPEN_WORK AND undone = 0
        AND channel NOT IN ('court', 'cfpb') ORDER BY id DESC LIMIT 1")
    for name in "${ops[@]}"; do
        local sql rows
        sql=$(floor_sql "$name" "$next")
        [ -n "${OP_FLOOR[$name]}" ] || continue
        # Writers run on a copy; the store stays as generated for the others.
        local target=$store
        case $name in file | note | escalate)
            cp "$store" "$work/copy.db"
            target=$work/copy.db
            ;;
        esac
        if ! rows=$(sqlite3 -bail "$target" <<<"$sql" 2>&1); then
            echo "FAIL $name: the floor's SQL fails: $rows" >&2
            failures=$((failures + 1))
            continue
        fi
        [ -n "${OP_CHECK[$name]}" ] || { echo "ok   $name: the floor runs"; continue; }
        local kind=${OP_CHECK[$name]%%:*} count_cmd=${OP_CHECK[$name]#*:}
        if [ "$name" = cron ]; then # before the first run: what it will flag
            want=$(eval "\"\$COMPLAIN\" --db \"\$store\" ${count_cmd/--flag /}")
            if [ "$rows" = "$want" ]; then
                echo "ok   cron before its first run: $rows new, as complain"
            else
                echo "FAIL cron before its first run: the floor counts $rows, complain $want" >&2
                failures=$((failures + 1))
            fi
            # The first run flags them; the one measured finds nothing new.
            "$COMPLAIN" --db "$store" report --overdue --flag --new >/dev/null
            rows=$(sqlite3 "$store" <<<"$sql")
        fi
        want=$(eval "\"\$COMPLAIN\" --db \"\$store\" $count_cmd")
        if [ "$kind" = value ]; then got=$rows; else got=$(grep -c '' <<<"$rows" || true); fi
        [ -n "$rows" ] || got=0
        if [ "$got" = "$want" ]; then
            echo "ok   $name: $got rows, as complain"
        else
            echo "FAIL $name: the floor has $got rows, complain $want" >&2
            failures=$((failures + 1))
        fi
    done
    # The scan finds at least what complain finds (it counts events that undo cancelled).
    got=$(sqlite3 "$store" <<<"$NOTES_SQL" | grep -c '' || true)
    want=$(eval "\"\$COMPLAIN\" --db \"\$store\" ${OP_CHECK["search 工号"]#*:}")
    if [ "$got" -ge "$want" ]; then
        echo "ok   search 工号 in notes: $got rows (complain's --search: $want)"
    else
        echo "FAIL search 工号 in notes: $got rows, fewer than complain's $want" >&2
        failures=$((failures + 1))
    fi
    # Import and export floors: the same counts as complain's import.
    "$COMPLAIN" --db "$store" export >"$work/export.jsonl"
    empty_store "$work/floor.db"
    sqlite3 -bail "$work/floor.db" <<<"${IMPORT_SQL//EXPORT/$work/export.jsonl}"
    for table in complaint event evidence blob; do
        got=$(sqlite3 "$work/floor.db" "SELECT count(*) FROM $table")
        want=$(sqlite3 "$store" "SELECT count(*) FROM $table")
        if [ "$got" = "$want" ]; then
            echo "ok   import floor: $got rows of $table"
        else
            echo "FAIL import floor: $got rows of $table, complain's store $want" >&2
            failures=$((failures + 1))
        fi
    done
    got=$(sqlite3 "$store" <<<"$EXPORT_SQL" | grep -c '"type":"event"' || true)
    want=$(grep -c '"type":"event"' "$work/export.jsonl" || true)
    if [ "$got" = "$want" ]; then
        echo "ok   export floor: $got events"
    else
        echo "FAIL export floor: $got events, complain's export $want" >&2
        failures=$((failures + 1))
    fi
    [ "$failures" = 0 ]
}

if [ "${1:-}" = --check ]; then
    shift
    check "$@"
    exit $?
fi

# ---------------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------------
command -v hyperfine >/dev/null || die "needs hyperfine (apt-get install hyperfine)"
[ -x /usr/bin/time ] || die "needs /usr/bin/time (apt-get install time)"
TASK=
[ -z "${NO_TASK:-}" ] && command -v task >/dev/null && TASK=$(command -v task)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

# task_json STORE: the store's complaints as Taskwarrior tasks (open work pending, resolved
# completed, dropped deleted; channel as project, tags, due, notes as annotations).
task_json() {
    python3 - "$1" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def tw(t):
    return t.replace("-", "").replace(":", "") if t else None
notes = {}
for cid, at, text in db.execute(
        "SELECT complaint_id, at, text FROM event WHERE kind IN ('note', 'contact') ORDER BY id"):
    notes.setdefault(cid, []).append({"entry": tw(at), "description": text})
tags = {}
for cid, tag in db.execute("SELECT complaint_id, tag FROM tag"):
    tags.setdefault(cid, []).append(tag)
status = {"resolved": "completed", "dropped": "deleted"}
out = sys.stdout
for cid, uuid, title, state, channel, due, created, updated in db.execute(
        "SELECT id, uuid, title, state, channel, due, created, updated FROM complaint ORDER BY id"):
    t = {"uuid": uuid, "description": title, "status": status.get(state, "pending"),
         "entry": tw(created), "modified": tw(updated), "project": channel}
    if state in status:
        t["end"] = tw(updated)
    if due:
        t["due"] = tw(due)
    if cid in tags:
        t["tags"] = tags[cid]
    if cid in notes:
        t["annotations"] = notes[cid]
    out.write(json.dumps(t, ensure_ascii=False) + "\n")
PY
}

# task_rc DIR: a Taskwarrior configuration that never prompts, with its data in DIR.
task_rc() {
    printf '%s\n' "data.location=$1" confirmation=off gc=off verbose=nothing color=off \
        hooks=off recurrence=off news.version=2.6.2 bulk=0 search.case.sensitive=yes \
        >"$1.rc"
}

# wanted NAME: the operation is among those ONLY asks for (an extended regular expression over
# the names in the table's first column, TAB for completion; all when ONLY is not set).
wanted() { [[ $1 =~ ${ONLY:-.} ]]; }

# bench NAME COMPLAIN-CMD FLOOR-CMD TASK-CMD [hyperfine options...]: one hyperfine run of the
# three side by side, and complain's peak RSS in one more run; appends a row to $work/rows.
# Commands run without a shell (hyperfine -N) unless the options say --shell=bash: a shell's
# start, which hyperfine would subtract, is as long as the fastest of them.
bench() {
    local name=$1 c=$2 f=$3 t=$4 slug
    shift 4
    slug=${name//[^a-zA-Z0-9]/_}
    local args=(-n complain "$c")
    [ -n "$f" ] && args+=(-n floor "$f")
    [ -n "$t" ] && [ -n "$TASK" ] && args+=(-n task "$t")
    echo "  $name" >&2
    # The RSS run comes first: it is also the check that the command works at this size.
    local rc=0
    /usr/bin/time -f %M -o "$work/rss" bash -c "$c" >/dev/null 2>"$work/err" || rc=$?
    if [ "$rc" != 0 ] && ! [[ $name == cron && $rc == 1 ]]; then
        echo "    complain failed (exit $rc): $(head -c 300 "$work/err")" >&2
    fi
    hyperfine -i --style basic "${RUNS[@]}" "$@" \
        --export-json "$work/res/$slug.json" "${args[@]}" >>"$work/hyperfine.log" 2>&1 || true
    python3 - "$work/res/$slug.json" "$name" "$(tail -1 "$work/rss")" >>"$work/rows" <<'PY'
import json, sys
path, name, rss = sys.argv[1:]
try:
    r = {x["command"]: x for x in json.load(open(path))["results"]}
except (OSError, ValueError):
    r = {}
def med(k):
    return r[k]["median"] if k in r else None
def show(s):
    return "-" if s is None else (f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s")
c, f, t = med("complain"), med("floor"), med("task")
ratio = f"{c / f:.1f}x" if c and f else "-"
print(f"| {name} | {show(c)} | {show(f)} | {ratio} | {show(t)} | {int(rss) / 1024:.1f} MiB |")
PY
}

run_size() {
    local size=$1 dir=$CACHE/$1
    work=$dir/work
    mkdir -p "$dir"
    echo "== $size complaints" >&2
    if [ ! -f "$dir/store.db" ]; then
        echo "  generating (bench/gen $size, cached in $dir)" >&2
        EXPORT=$dir/export.jsonl COMPLAIN=$COMPLAIN "$HERE/gen" "$size" "$dir/store.tmp" \
            2>"$dir/mix.txt"
        mv "$dir/store.tmp" "$dir/store.db"
    fi
    if [ -n "$TASK" ] && [ ! -f "$dir/task/pending.data" ]; then
        echo "  loading Taskwarrior (task import, cached in $dir/task)" >&2
        rm -rf "$dir/task" "$dir/task.rc"
        mkdir -p "$dir/task"
        task_json "$dir/store.db" >"$dir/tasks.json"
        task_rc "$dir/task"
        TASKRC=$dir/task.rc "$TASK" import "$dir/tasks.json" >/dev/null 2>&1
        TASKRC=$dir/task.rc "$TASK" rc.gc=on count >/dev/null # completed to completed.data
    fi
    # Runs: 3 to MAX_RUNS after a warmup; from 100k on, where an operation can take a minute,
    # 2 to 5 without a warmup (the RSS run before them fills the page cache).
    RUNS=(--min-runs 3 --max-runs "$MAX_RUNS") WARMUP=(--warmup 1)
    [ "$size" -lt 100000 ] || RUNS=(--min-runs 2 --max-runs 5) WARMUP=()
    rm -rf "$work"
    mkdir -p "$work/home" "$work/res" "$work/bin"
    export HOME=$work/home
    local DB=$work/read.db WDB=$work/write.db
    cp "$dir/store.db" "$DB"
    "$COMPLAIN" --db "$DB" report --overdue --flag --new >/dev/null # cron's first run flags
    cp "$DB" "$WDB"
    empty_store "$work/empty.db"
    if [ -n "$TASK" ]; then
        cp -r "$dir/task" "$work/task"
        task_rc "$work/task"
        export TASKRC=$work/task.rc
    fi
    # One complaint with a timeline and evidence, from the middle of the store.
    ID=$(sqlite3 "$DB" "SELECT complaint_id FROM evidence ORDER BY complaint_id
        LIMIT 1 OFFSET (SELECT count(*) / 2 FROM evidence)")
    local TID
    TID=$(sqlite3 "$DB" "SELECT uuid FROM complaint WHERE id = $ID")
    # Escalation targets, one per run: open work whose channel has a next rung.
    sqlite3 -separator ' ' "$DB" "SELECT id, uuid FROM complaint WHERE state IN $OPEN_WORK
        AND undone = 0 AND channel NOT IN ('court', 'cfpb') ORDER BY id" >"$work/esc.ids"
    echo 0 >"$work/esc.next"
    local pick="read -r i < $work/esc.next; echo \$((i + 1)) > $work/esc.next;
        mapfile -t -s \"\$i\" -n 1 next < $work/esc.ids; set -- \${next[0]};"
    : >"$work/rows"
    : >"$work/complete.rows"
    local name c f t db sqlfile
    for name in "${ops[@]}"; do
        wanted "$name" || continue
        db=$DB
        case $name in file | note | escalate) db=$WDB ;; esac
        c="$COMPLAIN --db $db ${OP_COMPLAIN[$name]}"
        c=${c//\$ID/$ID}
        t=${OP_TASK[$name]}
        t=${t//\$TID/$TID}
        [ -n "$t" ] && t="$TASK $t"
        sqlfile=$work/${name//[^a-zA-Z0-9]/_}.sql
        if [ "$name" = version ]; then
            f="sqlite3 :memory: 'select 1'"
        elif [ "$name" = escalate ]; then
            floor_sql "$name" '@NEXT' >"$sqlfile"
            c="$pick ${c//\$NEXT/\$1}"
            f="$pick sql=\$(< $sqlfile); sqlite3 $db \"\${sql//@NEXT/\$1}\""
            t="$pick ${t//\$TNEXT/\$2}"
        else
            floor_sql "$name" >"$sqlfile"
            f="sqlite3 $db '.read $sqlfile'"
        fi
        if [ "$name" = escalate ]; then
            bench "$name" "$c" "$f" "$t" "${WARMUP[@]}" --shell=bash
        else
            bench "$name" "$c" "$f" "$t" "${WARMUP[@]}" -N
        fi
    done
    # The agent's search by a scan of the timeline, for comparison with the index.
    printf '%s\n' "$NOTES_SQL" >"$work/notes.sql"
    wanted "search 工号" && hyperfine -N -i --style basic "${RUNS[@]}" "${WARMUP[@]}" \
        --export-json "$work/res/notes.json" -n floor "sqlite3 $DB '.read $work/notes.sql'" \
        >>"$work/hyperfine.log" 2>&1 || true
    # Import into an empty store; export of the whole store.
    printf '%s\n' "${IMPORT_SQL//EXPORT/$dir/export.jsonl}" >"$work/import.sql"
    printf '%s\n' "$EXPORT_SQL" >"$work/export.sql"
    local tprep=() timport=
    if [ -n "$TASK" ]; then
        task_rc "$work/timport"
        tprep=(--prepare "rm -rf $work/timport; mkdir $work/timport")
        timport="TASKRC=$work/timport.rc $TASK import $dir/tasks.json"
    fi
    wanted import && bench import "$COMPLAIN --db $work/imp.db import $dir/export.jsonl" \
        "sqlite3 $work/floor.db < $work/import.sql" "$timport" \
        --shell=bash --prepare "rm -f $work/imp.db*" \
        --prepare "rm -f $work/floor.db*; cp $work/empty.db $work/floor.db" "${tprep[@]}"
    wanted export && bench export "$COMPLAIN --db $DB export" "sqlite3 $DB '.read $work/export.sql'" \
        "$TASK export" -N "${WARMUP[@]}"
    wanted TAB && completion "$DB"
    report "$size" "$dir"
}

# completion STORE: `complain status <TAB>` in bash, zsh and fish, each with the completion
# script of completions/, against the ids of STORE; beside the same shell started the same way
# without the TAB, and the sqlite3 floor of the ids with their titles.
completion() {
    local comp=$HERE/../completions
    ln -sf "$COMPLAIN" "$work/bin/complain"
    export PATH="$work/bin:$PATH" COMPLAIN_DB=$1
    local setup_bash="source /usr/share/bash-completion/bash_completion; source $comp/complain.bash"
    local tab_bash="COMP_WORDS=(complain status ''); COMP_CWORD=2; COMP_LINE='complain status ';
        COMP_POINT=16; _complain complain '' status; echo \${#COMPREPLY[@]}"
    cat >"$work/tab.zsh" <<ZSH
# An interactive zsh in a pseudo-terminal, compinit loaded; with an argument, TAB is pressed
# after 'complain status ' and the line editor is waited for. AUTO_LIST is off, so that zsh
# does not stop to ask whether to list thousands of ids. compinit keeps its dump file, as it
# does by default in a user's ~/.zcompdump; the first trial below writes it.
zmodload zsh/zpty || exit 70
zpty z zsh -f -i
zpty -w z "fpath=($comp \\\$fpath); autoload -U compinit; compinit -u -d $work/zcompdump; unsetopt AUTO_LIST"
zpty -w z "_done() { print -r -- '' '<do''ne>' >/dev/tty }; zle -N _done; bindkey '^X' _done"
zpty -w z "PROMPT='<rea''dy>'"
zpty -r z line '*<ready>*'
if [ -n "\$1" ]; then
  zpty -w -n z 'complain status '\$'\\t\\C-x'
else
  zpty -w -n z \$'\\C-x'
fi
zpty -r z line '*<done>*'
zpty -d z
ZSH
    local floor="sqlite3 $1 '.read $work/complete.sql'"
    printf '%s\n' "$COMPLETE_SQL" >"$work/complete.sql"
    local shell c base
    for shell in bash zsh fish; do
        command -v $shell >/dev/null || continue
        case $shell in
        bash)
            c="bash --norc --noprofile -c \"$setup_bash; $tab_bash\""
            base="bash --norc --noprofile -c \"$setup_bash\""
            ;;
        zsh)
            c="timeout 900 zsh -f $work/tab.zsh tab"
            base="timeout 900 zsh -f $work/tab.zsh"
            ;;
        fish)
            c="fish --no-config -c 'source $comp/complain.fish; complete -C \"complain status \" | count'"
            base="fish --no-config -c 'source $comp/complain.fish'"
            ;;
        esac
        echo "  TAB in $shell" >&2
        # One trial first, which also warms the caches: a TAB that takes longer than
        # TAB_TIMEOUT seconds (default 120) is reported as such, and not repeated.
        local tab=(-n tab "$c") stopped= pid waited=0
        # In its own process group, so that a stop ends zsh's pseudo-terminal child too.
        setsid bash -c "$c" >/dev/null 2>&1 &
        pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            if [ "$waited" -ge "${TAB_TIMEOUT:-120}" ]; then
                kill -KILL -- "-$pid" 2>/dev/null || true
                tab=() stopped="> ${TAB_TIMEOUT:-120} s (stopped)"
                break
            fi
            sleep 1
            waited=$((waited + 1))
        done
        wait "$pid" 2>/dev/null || true
        hyperfine -N -i --style basic "${RUNS[@]}" \
            --export-json "$work/res/tab_$shell.json" "${tab[@]}" -n shell "$base" -n floor "$floor" \
            >>"$work/hyperfine.log" 2>&1 || true
        python3 - "$work/res/tab_$shell.json" "$shell" "$stopped" >>"$work/complete.rows" <<'PY'
import json, sys
try:
    r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
except (OSError, ValueError):
    r = {}
show = lambda k: "-" if k not in r else (f"{r[k] * 1000:.1f} ms" if r[k] < 1 else f"{r[k]:.2f} s")
own = "-" if "tab" not in r or "shell" not in r else f"{(r['tab'] - r['shell']) * 1000:.1f} ms"
print(f"| {sys.argv[2]} | {sys.argv[3] or show('tab')} | {show('shell')} | {own} | {show('floor')} |")
PY
    done
    unset COMPLAIN_DB
}

report() {
    local size=$1 dir=$2 events notes
    events=$(sqlite3 "$dir/store.db" "SELECT count(*) FROM event")
    notes=$(python3 -c 'import json, sys
print("%.1f ms" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' \
        "$work/res/notes.json" 2>/dev/null || echo -)
    {
        echo
        echo "### $size complaints ($events events, store $(($(stat -c %s "$dir/store.db") >> 20)) MiB, export $(($(stat -c %s "$dir/export.jsonl") >> 20)) MiB)"
        echo
        echo "| operation | complain | sqlite3 floor | ratio | task | complain peak RSS |"
        echo "|---|--:|--:|--:|--:|--:|"
        cat "$work/rows"
        echo
        echo "The search for the 工号 by a scan of event.text instead of the timeline's index: $notes."
        echo
        echo "| TAB after \`complain status \` | shell, then TAB (median) | the shell alone | the TAB's own | sqlite3 floor of the ids |"
        echo "|---|--:|--:|--:|--:|"
        cat "$work/complete.rows"
    } | tee -a "$CACHE/results.md"
}

mkdir -p "$CACHE"
{
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC'): complain $("$COMPLAIN" --version | cut -d' ' -f2), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$CACHE/results.md"
for size in "${sizes[@]}"; do
    [[ $size =~ ^[0-9]+$ ]] || die "not a size: $size"
    run_size "$size"
done
