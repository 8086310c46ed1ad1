# Two machines, a laptop and a server that runs cron, share one history through exports: they
# diverge (both note, both escalate the same complaint, both attach, one undoes something, cron
# flags a deadline on the server), then each imports the other's export. Both stores must then
# export the same bytes, in whichever order the exports were merged, and a deadline flagged on one
# machine is not flagged again on the other.
. "$(dirname "$0")/lib.sh"
A=(--db "$WORK/laptop.db")
B=(--db "$WORK/server.db")
at() { export COMPLAIN_NOW="2026-11-$1+08:00"; }
ok() { # ok ARGS...: runs complain and expects exit 0
    run "$@"
    [ "$RC" = 0 ]; check "${BASH_LINENO[0]}" $? "complain $* exited $RC: $ERR"
}

# The laptop starts, and the server gets a copy.
at 20T09:00:00
ok "${A[@]}" file 'Refund refused' --against 'Shop' --amount 199 --tag taobao
ok "${A[@]}" file 'Parcel lost' --against 'SF Express'
ok "${A[@]}" export -o "$WORK/start.jsonl"
ok "${B[@]}" import "$WORK/start.jsonl"
expect_out 'new complaint 1'
expect_out 'new complaint 2'

# They diverge.
at 20T10:00:00
ok "${A[@]}" note 1 'called the shop: they will call back'
printf 'laptop photo\n' >"$WORK/receipt.jpg"
ok "${A[@]}" attach 1 "$WORK/receipt.jpg" --caption 'the receipt'
ok "${A[@]}" file 'Only on the laptop'
at 20T11:00:00
ok "${B[@]}" note 1 'server side note'
printf 'server chat\n' >"$WORK/chat.txt"
ok "${B[@]}" attach 1 "$WORK/chat.txt"
ok "${B[@]}" edit 1 --title 'A wrong title'
ok "${B[@]}" undo 1
ok "${B[@]}" file 'Only on the server'
at 21T10:00:00
ok "${A[@]}" escalate 1 -m 'laptop escalates'
at 21T12:00:00
ok "${B[@]}" escalate 1 -m 'server escalates too'
# Cron on the server flags the parcel, overdue since the 22nd.
at 23T09:00:00
ok "${B[@]}" report --overdue --flag
expect_out 'Parcel lost'

# Each imports what the other has, through the files a transport (ssh, Syncthing) would carry.
ok "${A[@]}" export -o "$WORK/laptop.jsonl"
ok "${B[@]}" export -o "$WORK/server.jsonl"
cp "$WORK/laptop.db" "$WORK/laptop-before.db"
cp "$WORK/server.db" "$WORK/server-before.db"
ok "${A[@]}" import "$WORK/server.jsonl"
expect_out 'new complaint 4: Only on the server'
ok "${B[@]}" import "$WORK/laptop.jsonl"
expect_out 'new complaint 4: Only on the laptop'
ok "${A[@]}" export -o "$WORK/laptop-merged.jsonl"
ok "${B[@]}" export -o "$WORK/server-merged.jsonl"
cmp -s "$WORK/laptop-merged.jsonl" "$WORK/server-merged.jsonl"
check $LINENO $? "the two machines' exports differ after the merge: $(diff "$WORK/laptop-merged.jsonl" "$WORK/server-merged.jsonl" | head -5)"
for db in "${A[@]:1}" "${B[@]:1}"; do
    run --db "$db" verify
    expect_rc 0
done

# The same state on both: the title undone on the server stays undone on the laptop, both
# escalations are on the timeline (the same rung, taken twice: level 2, the later clock stands),
# both files are attached.
for side in A B; do
    declare -n args=$side
    run "${args[@]}" status 1 --format json
    expect_json '(d["title"], d["level"], d["state"])' "('Refund refused', 2, 'open')"
    run "${args[@]}" attach 1 --list
    expect_out 'receipt.jpg'
    expect_out 'chat.txt'
    run "${args[@]}" status 1
    expect_out 'laptop escalates'
    expect_out 'server escalates too'
    expect_out 'server side note'
    expect_out 'called the shop'
done

# Merged in the other order (into copies of the stores from before): the same bytes.
cp "$WORK/laptop-before.db" "$WORK/c.db"
cp "$WORK/server-before.db" "$WORK/d.db"
ok --db "$WORK/c.db" import "$WORK/laptop.jsonl" # nothing new: its own export
expect_out '0 new'
ok --db "$WORK/d.db" import "$WORK/server.jsonl"
expect_out '0 new'
rm -f "$WORK/e.db"
ok --db "$WORK/e.db" import "$WORK/server.jsonl"
ok --db "$WORK/e.db" import "$WORK/laptop.jsonl"
ok --db "$WORK/e.db" export -o "$WORK/e.jsonl"
cmp -s "$WORK/e.jsonl" "$WORK/laptop-merged.jsonl"
check $LINENO $? "a store that imported server then laptop differs from the merged laptop"

# Importing again changes nothing.
before=$(sqlite3 "$WORK/laptop.db" .dump | sha256sum)
ok "${A[@]}" import "$WORK/server.jsonl"
expect_out '0 new'
[ "$(sqlite3 "$WORK/laptop.db" .dump | sha256sum)" = "$before" ]
check $LINENO $? "importing the same export twice changed the store"

# Cron's flag came across: the laptop's own cron finds nothing new to flag about the parcel.
at 23T10:00:00
run "${A[@]}" report --overdue --flag --new
expect_rc 0
expect_out 'Only on the laptop'
expect_out_not 'Parcel lost'
expect_out_not 'Refund refused'
expect_out_not 'Only on the server'
# Both machines undo the same note; after the merge a redo on one brings it back on both: the
# redo takes back the other machine's undo as well.
P=(--db "$WORK/p.db")
Q=(--db "$WORK/q.db")
at 24T09:00:00
ok "${P[@]}" file 'Shared'
ok "${P[@]}" file 'Filed by mistake'
ok "${P[@]}" note 1 'a wrong note'
ok "${P[@]}" export -o "$WORK/p0.jsonl"
ok "${Q[@]}" import "$WORK/p0.jsonl"
at 24T10:00:00
ok "${P[@]}" undo 1
ok "${Q[@]}" undo 1
at 24T11:00:00
ok "${Q[@]}" note 2 'the server notes it'
ok "${P[@]}" undo 2 # the filing of complaint 2, taken back on the laptop only
ok "${P[@]}" export -o "$WORK/p1.jsonl"
ok "${Q[@]}" export -o "$WORK/q1.jsonl"
ok "${P[@]}" import "$WORK/q1.jsonl"
ok "${Q[@]}" import "$WORK/p1.jsonl"
expect_out 'complaint 2 was taken back by an undo on the other machine'
run "${Q[@]}" status 2
expect_rc 3
at 24T12:00:00
ok "${P[@]}" undo 1 # redo
expect_out 'Redid on complaint 1'
run "${P[@]}" status 1
expect_out 'a wrong note'
expect_out_not 'a wrong note (undone)'
ok "${P[@]}" verify
# A filing taken back keeps its facts: exported in the order of its date, named by its title.
rm -f "$WORK/fresh.db"
ok --db "$WORK/fresh.db" import "$WORK/p1.jsonl"
expect_out 'new complaint 1: Shared'
expect_out 'new complaint 2: Filed by mistake'
finish
