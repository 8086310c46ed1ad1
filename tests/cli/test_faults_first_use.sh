# The first use of a store, raced and interrupted. A first `file` racing a command that fails or
# only reads (report --overdue --flag, note on an id that does not exist) keeps its complaint
# whenever it says it filed it. A first command killed at any point leaves no store or an empty
# one, and an empty store (a 0-byte file, a database without tables) is what readers and the
# next writer take it for.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
sql() { sqlite3 -readonly -cmd '.timeout 30000' "$DB" "$@"; } # creates no file

# The race, in a fresh store location each time: a first file against a report --flag, a note on
# a complaint that is not there, or a second file. They start in either order, a moment apart or
# not at all. A file that exits 0 has its complaint in the store; one that does not says why,
# with exit 5 (the other was creating the store), and has written nothing.
lost=0
# settle WHICH RC TITLE: checks the outcome of one of the racing files.
settle() {
    local kept
    kept=$(sql "SELECT count(*) FROM complaint WHERE title = '$3'" 2>&1)
    if [ "$2" = 0 ]; then
        [ "$kept" = 1 ] || lost=$((lost + 1))
        [ "$kept" = 1 ]
        check "${BASH_LINENO[0]}" $? "race $i: $1 file said it filed; complaints with its title in the store: $kept"
    else
        [ "$2" = 5 ] && [ -s "$WORK/$1.err" ] && [ "$kept" != 1 ]
        check "${BASH_LINENO[0]}" $? "race $i: the $1 file failed with exit $2; complaints with its title in the store: $kept"
    fi
}
for i in $(seq 45); do
    DB="$WORK/race-$i/complain.db"
    export COMPLAIN_DB=$DB
    case $((i % 3)) in
    0) other=(report --overdue --flag) ;;
    1) other=(note 1 'no such complaint yet') ;;
    2) other=(file "second $i") ;;
    esac
    spins=$((RANDOM % 400))
    if ((RANDOM % 2)); then
        "$COMPLAIN" file "first $i" >"$WORK/first.out" 2>"$WORK/first.err" </dev/null &
        filer=$!
        for ((k = 0; k < spins; k++)); do :; done
        "$COMPLAIN" "${other[@]}" >"$WORK/second.out" 2>"$WORK/second.err" </dev/null &
        racer=$!
    else
        "$COMPLAIN" "${other[@]}" >"$WORK/second.out" 2>"$WORK/second.err" </dev/null &
        racer=$!
        for ((k = 0; k < spins; k++)); do :; done
        "$COMPLAIN" file "first $i" >"$WORK/first.out" 2>"$WORK/first.err" </dev/null &
        filer=$!
    fi
    wait "$filer"
    file_rc=$?
    wait "$racer"
    other_rc=$?
    OUT=$(cat "$WORK/first.out") ERR="$(cat "$WORK/first.err") / ${other[*]}: $(cat "$WORK/second.err")"
    settle first "$file_rc" "first $i"
    if [ "${other[0]}" = file ]; then
        settle second "$other_rc" "second $i"
    else
        [[ " 0 3 5 " == *" $other_rc "* ]]
        check $LINENO $? "race $i: ${other[*]} exited $other_rc"
    fi
    if [ -e "$DB" ]; then
        run verify
        [ "$RC" = 0 ]; check $LINENO $? "race $i: verify exited $RC"
    fi
done
echo "first-use race: $lost of the filed complaints lost"

# A first command killed at a random moment: no store, or one that is empty or holds the
# complaint whole. Readers accept it; the next file works.
for i in $(seq 20); do
    DB="$WORK/killed-$i/complain.db"
    export COMPLAIN_DB=$DB
    "$COMPLAIN" file "killed first $i" >/dev/null 2>&1 </dev/null &
    victim=$!
    if ((RANDOM % 2)); then
        wait_open "$victim" "$DB" 30
        for ((k = RANDOM % 3000; k > 0; k--)); do :; done
    else
        sleep "0.0$((RANDOM % 60 + 10))"
    fi
    kill -9 "$victim" 2>/dev/null
    wait "$victim" 2>/dev/null
    if [ -e "$DB" ]; then
        run status
        [ "$RC" = 0 ]; check $LINENO $? "killed first file $i: status exited $RC"
        run verify
        [ "$RC" = 0 ]; check $LINENO $? "killed first file $i: verify exited $RC"
    fi
    run file "after $i"
    [ "$RC" = 0 ]; check $LINENO $? "killed first file $i: the next file exited $RC"
    run status
    [[ "$RC" = 0 && "$OUT" == *"after $i"* ]]
    check $LINENO $? "killed first file $i: status after the next file"
    run verify
    [ "$RC" = 0 ]; check $LINENO $? "killed first file $i: verify after the next file exited $RC"
done

# What a killed first command can leave: a 0-byte file, or a database with no tables yet
# (user_version 0). Both are an empty store, not a damaged one.
for kind in empty tableless; do
    DB="$WORK/$kind/complain.db"
    export COMPLAIN_DB=$DB
    mkdir -p "$WORK/$kind"
    if [ "$kind" = empty ]; then
        : >"$DB"
    else
        sqlite3 "$DB" 'PRAGMA page_size = 65536; PRAGMA journal_mode = WAL; VACUUM' >/dev/null
    fi
    run status
    expect_rc 0
    expect_out_empty
    run report --overdue --flag --new
    expect_rc 0
    expect_out_empty
    run verify
    expect_rc 0
    run file "into the $kind store"
    expect_rc 0
    run status
    expect_rc 0
    expect_out "into the $kind store"
    run verify
    expect_rc 0
done
finish
