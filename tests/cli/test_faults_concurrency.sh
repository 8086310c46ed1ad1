# Four writers and the cron report on one store at once, for a bounded time. Every command that
# said it succeeded has its write in the store; the cron report lists and flags each deadline
# once; a command that did not succeed was refused as busy (exit 5, with a message) and for no
# other reason; and the store verifies afterwards.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
CRON_NOW=2026-12-28T09:00:00+08:00 # every deadline the writers start has passed by then
RUN_FOR=12                         # seconds of concurrent work

run file 'noted'
expect_rc 0
run file 'escalated'
expect_rc 0
run file 'moved back and forth'
expect_rc 0

# attempt LOG WHAT ARGS...: runs complain; logs "ok<TAB>WHAT" when it exits 0, else
# "fail<TAB>RC<TAB>stderr". Its stdout is left in LOG.out. Returns its exit status.
attempt() {
    local log=$1 what=$2 rc
    shift 2
    "$COMPLAIN" "$@" >"$log.out" 2>"$log.err" </dev/null
    rc=$?
    if [ "$rc" = 0 ]; then
        printf 'ok\t%s\n' "$what" >>"$log"
    else
        printf 'fail\t%s\t%s\n' "$rc" "$(tr '\n' ' ' <"$log.err")" >>"$log"
    fi
    return "$rc"
}

end=$((EPOCHSECONDS + RUN_FOR))

# Files complaints and attaches a small file of its own to each.
filer() {
    local log=$WORK/filer.log i=0 id
    while [ "$EPOCHSECONDS" -lt "$end" ]; do
        i=$((i + 1))
        attempt "$log" "file filer-$i" file "filer-$i" || continue
        id=$(sed -n 's/^Filed complaint \([0-9]*\) .*/\1/p' "$log.out")
        printf 'evidence %s for complaint %s\n' "$i" "$id" >"$WORK/evidence-$i.txt"
        attempt "$log" "attach $id filer-evidence-$i" attach "$id" "$WORK/evidence-$i.txt" \
            --caption "filer-evidence-$i"
    done
}
# Notes on complaint 1.
noter() {
    local log=$WORK/noter.log i=0
    while [ "$EPOCHSECONDS" -lt "$end" ]; do
        i=$((i + 1))
        attempt "$log" "note 1 noter-$i" note 1 "noter-$i"
    done
}
# Escalates complaint 2 back and forth between two channels: each success starts a new deadline.
escalator() {
    local log=$WORK/escalator.log i=0 to=email
    while [ "$EPOCHSECONDS" -lt "$end" ]; do
        i=$((i + 1))
        attempt "$log" "escalate 2 escalator-$i $to" escalate 2 --to "$to" -m "escalator-$i" || continue
        if [ "$to" = email ]; then to=social; else to=email; fi
    done
}
# Moves complaint 3 round its states: pause, resume, answer, resolve, reopen.
mover() {
    local log=$WORK/mover.log i=0 step=0 moves=(pause resume answer resolve reopen)
    while [ "$EPOCHSECONDS" -lt "$end" ]; do
        i=$((i + 1))
        attempt "$log" "status 3 mover-$i ${moves[step]}" status 3 "${moves[step]}" -m "mover-$i" \
            || continue
        step=$(((step + 1) % 5))
    done
}
# The crontab line, run over and over at a time when everything is overdue (JSON, to know the
# deadline each listed complaint was flagged for).
cron() {
    local log=$WORK/cron.log i=0
    while [ "$EPOCHSECONDS" -lt "$end" ]; do
        i=$((i + 1))
        COMPLAIN_NOW=$CRON_NOW attempt "$log" "cron $i" report --overdue --flag --new --format json \
            && cp "$log.out" "$WORK/cron-$i.json"
    done
}

filer &
pids=($!)
noter &
pids+=($!)
escalator &
pids+=($!)
mover &
pids+=($!)
cron &
pids+=($!)
for pid in "${pids[@]}"; do wait "$pid"; done

# Every success is in the store; every failure was "busy".
python3 - "$DB" "$WORK" >"$WORK/accounting" 2>"$WORK/accounting.err" <<'PY'
import datetime, glob, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
work = sys.argv[2]
problems = []
def events(cid, kind=None):
    q = "SELECT kind, text, due FROM event WHERE complaint_id = ?"
    return [r for r in db.execute(q, (cid,)) if kind is None or r[0] == kind]
def utc(s):
    return datetime.datetime.fromisoformat(s).astimezone(datetime.timezone.utc)
counts = {}
for name in ("filer", "noter", "escalator", "mover", "cron"):
    for line in open(f"{work}/{name}.log", encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if fields[0] == "fail":
            if fields[1] != "5" or "busy" not in fields[2]:
                problems.append(f"{name}: failed other than busy: exit {fields[1]}: {fields[2]}")
            counts[name + " busy"] = counts.get(name + " busy", 0) + 1
            continue
        counts[name] = counts.get(name, 0) + 1
        what = fields[1].split(" ")
        if what[0] == "file":
            n = db.execute("SELECT count(*) FROM complaint WHERE title = ?", (what[1],)).fetchone()[0]
            if n != 1:
                problems.append(f"filed '{what[1]}' is in the store {n} times")
        elif what[0] == "attach":
            n = db.execute("SELECT count(*) FROM evidence WHERE complaint_id = ? AND caption = ?",
                           (int(what[1]), what[2])).fetchone()[0]
            if n != 1:
                problems.append(f"attached '{what[2]}' is in the store {n} times")
        elif what[0] in ("note", "escalate", "status"):
            n = sum(1 for e in events(int(what[1])) if e[1] == what[2])
            if n != 1:
                problems.append(f"{what[0]} '{what[2]}' has {n} events")
# Complaint 2 ends at the channel of its last successful escalation, one level per escalation.
esc = [l.rstrip("\n").split("\t")[1].split(" ") for l in open(f"{work}/escalator.log") if l.startswith("ok")]
channel, level = db.execute("SELECT channel, level FROM complaint WHERE id = 2").fetchone()
if esc and (channel, level) != (esc[-1][3], 1 + len(esc)):
    problems.append(f"complaint 2 is at {channel} level {level}; expected {esc[-1][3]} level {1 + len(esc)}")
# Complaint 3 is in the state its last successful move left it in.
moves = [l.rstrip("\n").split("\t")[1].split(" ")[3] for l in open(f"{work}/mover.log") if l.startswith("ok")]
state = db.execute("SELECT state FROM complaint WHERE id = 3").fetchone()[0]
expected = {"pause": "paused", "resume": "open", "answer": "answered", "resolve": "resolved",
            "reopen": "open"}[moves[-1]] if moves else "open"
if state != expected:
    problems.append(f"complaint 3 is {state}; its last move was {moves[-1:]}")
# Each deadline the cron report listed was listed once and flagged once.
listed = {}
for path in glob.glob(f"{work}/cron-*.json"):
    for c in json.load(open(path, encoding="utf-8")):
        key = (c["id"], utc(c["due"]))
        listed[key] = listed.get(key, 0) + 1
for (cid, due), n in listed.items():
    if n > 1:
        problems.append(f"complaint {cid} was listed {n} times for its deadline {due}")
    flags = [e for e in events(cid, "flagged-overdue") if utc(e[2]) == due]
    if len(flags) != 1:
        problems.append(f"complaint {cid} was listed, and has {len(flags)} flags for {due}")
for cid, due, n in db.execute("SELECT complaint_id, due, count(*) FROM event WHERE kind = "
                              "'flagged-overdue' GROUP BY complaint_id, due HAVING count(*) > 1"):
    problems.append(f"complaint {cid} was flagged {n} times for {due}")
print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
print("\n".join(problems[:20]))
PY
check $LINENO $? "the accounting failed: $(cat "$WORK/accounting.err")"
echo "commands that succeeded (and were busy): $(head -1 "$WORK/accounting")"
problems=$(sed 1d "$WORK/accounting")
[ -z "$problems" ]; check $LINENO $? "not accounted for: $problems"
for name in filer noter escalator mover cron; do
    n=$(grep -c '^ok' "$WORK/$name.log")
    [ "$n" -ge 5 ]; check $LINENO $? "$name succeeded only $n times in ${RUN_FOR}s"
done

run verify
expect_rc 0
expect_out 'ok: store intact'
# The next cron run flags what the last one had not yet seen, and the one after is silent.
COMPLAIN_NOW=$CRON_NOW run report --overdue --flag --new
expect_rc 0
COMPLAIN_NOW=$CRON_NOW run report --overdue --flag --new
expect_rc 0
expect_out_empty
finish
