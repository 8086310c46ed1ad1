# Stores that cannot be written, or are not there. A store the user may read but not write (the
# file read-only, the folder read-only, or both) serves every read-only command; a write says
# "permission denied", exits 77 and leaves the store as it was; a store the user may not read is
# "permission denied" too, not "not found". A store path that does not exist (a typo in the
# crontab's COMPLAIN_DB) makes every reader say "no store at PATH" and exit 3, and creates no
# folder. Root reads and writes every file, so as root the permission cases run as nobody.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

# A store path that does not exist, from COMPLAIN_DB and from --db.
missing="$HOME/typo/complain.db"
for reader in 'status' 'status 1' 'report' 'report --overdue' 'report --overdue --flag --new' \
    'verify' 'attach 1 --list'; do
    read -ra args <<<"$reader"
    COMPLAIN_DB=$missing run "${args[@]}"
    [ "$RC" = 3 ]; check $LINENO $? "COMPLAIN_DB missing: $reader exited $RC, not 3"
    [[ "$ERR" == *"no store at $missing"* ]]; check $LINENO $? "COMPLAIN_DB missing: $reader did not say 'no store at $missing'"
    expect_out_empty
    run --db "$missing" "${args[@]}"
    [ "$RC" = 3 ]; check $LINENO $? "--db missing: $reader exited $RC, not 3"
    [[ "$ERR" == *"no store at $missing"* ]]; check $LINENO $? "--db missing: $reader did not say 'no store at $missing'"
    [ ! -e "$HOME/typo" ]; check $LINENO $? "$reader on a missing store created $HOME/typo"
done

# Who may not write: as root, nobody; as anyone else, the user itself.
as=()
if [ "$(id -u)" = 0 ]; then
    as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    chmod 0711 "$WORK"
    if ! "${as[@]}" "$COMPLAIN" --version >/dev/null 2>&1; then
        echo "skipped the read-only stores: running as root, and nobody cannot run $COMPLAIN" \
            "through setpriv"
        finish
    fi
fi
owner() { [ "${#as[@]}" = 0 ] || chown -R nobody:nogroup "$@"; }
# run_as ARGS...: as run, as the user who may not write.
run_as() {
    "${as[@]}" "$COMPLAIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    RC=$?
    OUT=$(cat "$WORK/stdout")
    ERR=$(cat "$WORK/stderr")
}
# snapshot DIR: the content of the store in DIR, read from a copy so that this test's own sqlite3
# leaves nothing in DIR.
snapshot() {
    rm -rf "$WORK/copy"
    mkdir "$WORK/copy"
    cp -p "$1"/complain.db* "$WORK/copy/"
    sqlite3 "$WORK/copy/complain.db" .dump | sha256sum
}

echo 'the seller refused in the chat' >chat.txt
echo 'a reply that will not fit' >reply.txt
for case in file folder both unreadable; do
    dir="$WORK/$case"
    export COMPLAIN_DB="$dir/complain.db"
    mkdir "$dir"
    run file "refund refused ($case)" --at 2026-11-13T10:00:00+08:00
    run note 1 'asked again'
    run attach 1 chat.txt
    expect_rc 0
    owner "$dir"
    case $case in
    file) chmod 0400 "$COMPLAIN_DB" ;;
    folder) chmod 0500 "$dir" ;;
    both) chmod 0400 "$COMPLAIN_DB" && chmod 0500 "$dir" ;;
    unreadable) chmod 0200 "$COMPLAIN_DB" ;;
    esac
    before=$(snapshot "$dir")

    if [ "$case" = unreadable ]; then
        for reader in 'status' 'report --overdue' 'verify'; do
            read -ra args <<<"$reader"
            run_as "${args[@]}"
            [ "$RC" = 77 ]; check $LINENO $? "$case: $reader exited $RC, not 77"
            [[ "$ERR" == *"permission denied"* ]]; check $LINENO $? "$case: $reader did not say 'permission denied'"
        done
    else
        for reader in 'status' 'status 1' 'report' 'report --overdue' 'verify' 'attach 1 --list'; do
            read -ra args <<<"$reader"
            run_as "${args[@]}"
            [ "$RC" = 0 ]; check $LINENO $? "read-only $case: $reader exited $RC"
            [ -n "$OUT" ]; check $LINENO $? "read-only $case: $reader printed nothing"
        done
        run_as status 1
        expect_out 'chat.txt'
        run_as report --overdue
        expect_out "refund refused ($case)"
    fi

    for writer in note file attach; do
        case $writer in
        note) run_as note 1 'a note that cannot be written' ;;
        file) run_as file 'a complaint that cannot be written' ;;
        attach) run_as attach 1 "$WORK/reply.txt" ;;
        esac
        [ "$RC" = 77 ]; check $LINENO $? "$case: $writer exited $RC, not 77"
        [[ "$ERR" == *"permission denied"* ]]; check $LINENO $? "$case: $writer did not say 'permission denied'"
    done
    [ "$(snapshot "$dir")" = "$before" ]; check $LINENO $? "$case: the store changed"
    chmod 0700 "$dir"
done
# The last writer's changes still in the WAL, beside a folder this user may not write: they cannot
# be read without the -shm, so the reader says what to do instead of "unable to open".
dir="$WORK/wal"
export COMPLAIN_DB="$dir/complain.db"
mkdir "$dir"
run file 'refund refused (wal)'
expect_rc 0
python3 - "$COMPLAIN_DB" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO tag VALUES (1, 'in-the-wal')")
db.commit()
os._exit(0)  # no checkpoint: the change stays in the WAL
PY
[ -s "$COMPLAIN_DB-wal" ]; check $LINENO $? "the WAL holds nothing"
rm -f "$COMPLAIN_DB-shm"
owner "$dir"
chmod 0500 "$dir"
run_as status
expect_rc 77
expect_err "permission denied: $COMPLAIN_DB-wal holds changes that can only be read with $COMPLAIN_DB-shm"
chmod 0700 "$dir"

# A read of a read-only store makes its -shm read-only too (SQLite gives it the store's mode):
# once the store is writable again, a writer names that file instead of failing vaguely.
dir="$WORK/shm"
export COMPLAIN_DB="$dir/complain.db"
mkdir "$dir"
run file 'refund refused (shm)'
owner "$dir"
chmod 0400 "$COMPLAIN_DB"
run_as status
expect_rc 0
chmod 0600 "$COMPLAIN_DB"
if [ -e "$COMPLAIN_DB-shm" ] && [ "$(stat -c %a "$COMPLAIN_DB-shm")" = 400 ]; then
    run_as note 1 'written once the store is writable'
    expect_rc 77
    expect_err "is read-only for this user; nothing was written (when no complain runs, remove it or make it writable as the store is)"
    [[ "$ERR" == *"$COMPLAIN_DB-wal"* || "$ERR" == *"$COMPLAIN_DB-shm"* ]]
    check $LINENO $? "the message does not name the -wal or -shm"
fi
finish
