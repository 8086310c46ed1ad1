# Every bad input of DESIGN.md: one line on stderr, a documented exit code, the store unchanged.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run file 'first' --against shop
expect_rc 0
before=$(store_bytes)
before_dump=$(store_state)

bad() { # bad STATUS STDERR-FRAGMENT ARGS...
    local status=$1 fragment=$2 line=${BASH_LINENO[0]}
    shift 2
    run "$@"
    [ "$RC" = "$status" ]
    check "$line" $? "exit status $RC, expected $status for: $*"
    [[ "$ERR" == "complain: error: "*"$fragment"* ]]
    check "$line" $? "stderr lacks '$fragment' for: $*"
    [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ]
    check "$line" $? "stderr is not one line for: $*"
    [ -z "$OUT" ]
    check "$line" $? "stdout is not empty for: $*"
}

bad 3 "no complaint 99" status 99
bad 3 "no complaint 99" note 99 hello
bad 3 "no complaint 99" escalate 99
bad 3 "no channel 'nope'" file x --channel nope
bad 3 "did you mean 'seller'" file x --channel selller
bad 3 "no channel 'nope'" escalate 1 --to nope
bad 2 "is not a time" file x --at 2026-13-01
bad 2 "is not a time" file x --at someday
bad 2 "11月23日, 2026年11月23日 14:00" file x --at 前前天
bad 2 "is not a time" note 1 hi --at '2026-11-23 25:00'
bad 2 "is in the future" note 1 hi --at 2027-01-01
# Instants outside the years 0001-9999, typed or computed, are refused before anything is
# written: a year-0 filing used to make every later status and cron report fail.
bad 2 "'0000-01-01' falls outside the years 0001 to 9999" file x --at 0000-01-01
bad 2 "outside the years 0001 to 9999" file x --at 0001-01-01T00:00:00+08:00
bad 2 "outside the years 0001 to 9999" status --since 0000-06-01
bad 2 "outside the years 0001 to 9999" report --until 0000-12-31T23:00:00Z
bad 2 "outside the years 0001 to 9999" calendar add 0000-12-31 7wd
COMPLAIN_NOW=0000-01-01 bad 2 "COMPLAIN_NOW: '0000-01-01' falls outside the years" status
COMPLAIN_NOW=9999-12-31T10:00 bad 2 "the deadline would fall after the year 9999" file x
for args in "escalate 1 --to court --at 9999-12-30" "calendar add 9999-12-30 7wd"; do
    COMPLAIN_NOW=9999-12-31T10:00 run $args # also warns that no notice covers the year
    expect_rc 2
    expect_err "complain: error: the deadline would fall after the year 9999"
    expect_out_empty
done
bad 2 "'12,5' is not an amount" file x --amount 12,5
bad 2 "is not an amount" file x --amount 1.234
bad 2 "is not an amount" file x --amount -5
bad 2 "'RMB' is not an ISO 4217 currency code; the renminbi is CNY" file x --amount 199RMB
bad 2 "is not a complaint id" status abc
bad 2 "is not a complaint id" status 0
bad 2 "not valid UTF-8" file "$(printf 'bad\xff')"
bad 2 "not valid UTF-8" note 1 "$(printf '\xc3')"
bad 2 "the limit is 1000" file "$(head -c 100000 /dev/zero | tr '\0' a)"
bad 2 "the title is empty" file '   '
bad 2 "did you mean 'escalate'" esclate 1
bad 2 "not a complain command" frobnicate
bad 2 "cannot resolve a complaint that is open" status 1 resolve
bad 2 "is not a state" status 1 bogus
bad 2 "the note is empty" note 1 ''
bad 2 "--kind x" note 1 hi --kind x
bad 2 "--format xml" status --format xml
bad 2 "'complain file' needs TITLE" file
bad 2 "is a directory" --db "$WORK" status
bad 2 "--state shut" status --state shut
# The parser's mistakes in complain's words, with the near miss named.
bad 2 "unknown option '--ammount'; did you mean '--amount'?" file x --ammount 12
bad 2 "unknown option '--formt'; did you mean '--format'?" status --formt json
bad 2 "--channel was given more than once; give it once" file x --channel a --channel b
bad 2 "--at needs a value" status 1 answer --at
bad 2 "'complain file' takes no more words: 'y' is one too many" file x y
bad 2 "'answr' is not a state (did you mean 'answer'?)" status 1 answr
bad 2 "--state opne (did you mean 'open'?)" status --state opne
bad 2 "'complain note' needs TEXT" note 1
bad 2 "complaint 1 is named twice" status 1 1 drop
bad 2 "unknown option '--formt'; did you mean '--format' (after the command)?" --formt json
bad 2 "'--all' goes after the command: complain status --all" --all status
bad 2 "'complain file' takes no more words: '--against' is one too many" file -- --odd --against y
bad 2 "'drop' is a state, and the state goes last" status drop 1
bad 2 "-m, --at and --recovered go with a STATE" status 1 -m why
# Several ids are one transaction: one missing id leaves the others untouched.
bad 3 "no complaint 99" status 1 99 drop
bad 3 "no complaint 99" note 1 99 'both or neither'
bad 3 "no complaint 99" escalate 1 99
bad 3 "no complaint 99" edit 1 99 --tag t
export COMPLAIN_NOW=soon
bad 2 "COMPLAIN_NOW: 'soon' is not a time" status
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
bad 2 "no spaces" file x --tag 'a b'
bad 3 "cannot read the config file" --config "$WORK/missing.toml" status

[ "$(store_bytes)" = "$before" ]; check $LINENO $? "the store file changed"
[ "$(store_state)" = "$before_dump" ]; check $LINENO $? "the store's content changed"

# A config with a typo names file, line, column and key, and exits 4.
mkdir -p "$HOME/.config/complain"
printf 'timezone = "Asia/Shanghai"\n\n[channels.seller]\ndeadlin = "24h"\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:4:1: channels.seller.deadlin: unknown key; did you mean 'deadline'?" status
printf '[channels.a]\ndeadline = "2x"\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:2:1: channels.a.deadline: '2x' is not a duration" channels
printf '[channels.a]\ndeadline = "2h"\nnext = "b"\n[channels.b]\ndeadline = "1h"\nnext = "a"\n' \
    >"$HOME/.config/complain/config.toml"
bad 4 "the ladder has a cycle: a -> b -> a" config check
printf '[channels.a]\ndeadline = "2h"\nnext = "zzz"\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:3:1: channels.a.next: no channel 'zzz'" file x
# A letter outside the ASCII range where a key must start: an error that names it, not a crash.
printf '\xd1\x89 = 1\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:1:1: Error while parsing root table: expected keys, tables, whitespace or comments, saw 'щ'" config check
printf 'timezone = "Mars/Olympus"\n' >"$HOME/.config/complain/config.toml"
bad 4 "Mars/Olympus" status
printf 'x = [\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:" status
[ "$(store_bytes)" = "$before" ]; check $LINENO $? "the store file changed"

# Another program's SQLite database, a FIFO or a device is never taken for a store.
rm -rf "$HOME/.config"
python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("create table moz_places(url)"); d.commit()' "$WORK/places.sqlite"
foreign=$(sha256sum <"$WORK/places.sqlite")
bad 6 "is an SQLite database but not a complain store" --db "$WORK/places.sqlite" file oops
bad 6 "not a complain store" --db "$WORK/places.sqlite" status
[ "$(sha256sum <"$WORK/places.sqlite")" = "$foreign" ]; check $LINENO $? "another program's database was changed"
mkfifo "$WORK/fifo"
bad 2 "is not a regular file" --db "$WORK/fifo" status
bad 2 "is not a regular file" --db /dev/null file x

# Configs that would make counting impossible are refused up front.
mkdir -p "$HOME/.config/complain"
printf '[calendars.never]\nweekend = ["mon","tue","wed","thu","fri","sat","sun"]\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:2:1: calendars.never.weekend: a calendar needs at least one working day" config check
printf '[channels.seller]\ndeadline = "2wd"\nwarn = "100000wd"\n' >"$HOME/.config/complain/config.toml"
bad 4 "config.toml:3:1: channels.seller.warn: 100000wd is not shorter than the deadline 2wd" status
printf '[channels.none]\ndeadline = "2h"\n' >"$HOME/.config/complain/config.toml"
bad 4 "channels.none: 'none' means" status
printf '[calendars.holidays]\nholidays = ["2026-01-01..2026-12-31"]\nweekend = ["sat", "sun"]\n[calendars.more]\nbase = "holidays"\nholidays = ["2027-01-01..2027-12-31"]\n[channels.stuck]\ndeadline = "2wd"\ncalendar = "more"\n' >"$HOME/.config/complain/config.toml"
timeout 20 "$COMPLAIN" file y --channel stuck --at 2025-12-31 >/dev/null 2>"$WORK/stuck.err"
RC=$?; ERR=$(cat "$WORK/stuck.err"); OUT=""
expect_rc 4
expect_err "calendar more has no working day in the year after"
rm -rf "$HOME/.config"

# A failed write to a store that did not exist leaves no file behind.
rm -rf "$HOME/.config"
run --db "$WORK/new.db" note 1 hello
expect_rc 3
[ ! -e "$WORK/new.db" ]; check $LINENO $? "a failed command left a new store behind"

# A store from a newer complain is refused, untouched.
sqlite3 "$DB" 'PRAGMA user_version = 99'
before=$(store_bytes)
bad 6 "newer than this complain knows" note 1 hello
bad 6 "newer than this complain knows" status
[ "$(store_bytes)" = "$before" ]; check $LINENO $? "a newer store was touched"

finish
