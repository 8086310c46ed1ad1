#!/usr/bin/env bash
# Terminal safety: no user text reaches a terminal raw. Control characters are refused in titles,
# against, tags and refs, and shown in caret notation (^[) wherever stored text is printed.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

ESC=$'\e'
C1=$'\xc2\x9b' # U+009B, the one-byte CSI of 8-bit terminals
HOSTILE=$'x \e]0;PWNED\a\e[2J'
# raw_free: stdout holds neither ESC nor a C1 control.
raw_free() {
    [[ "$OUT" != *"$ESC"* && "$OUT" != *"$C1"* ]]
    check "${BASH_LINENO[0]}" $? "a raw control character reached stdout"
}

# Refused at input, in file and in edit, with nothing written: the store is not even created.
run file "$HOSTILE"
expect_rc 2
expect_err "the title contains a control character (^[)"
[[ "$ERR" != *"$ESC"* ]]; check $LINENO $? "the error message carries the escape itself"
[ ! -e "$DB" ]; check $LINENO $? "a refused first complaint created the store"
run file $'two\nlines'
expect_rc 2
expect_err "the title contains a control character (^J)"
run file ok --against $'shop\e[31m'
expect_rc 2
expect_err "--against contains a control character (^[)"
run file ok --ref $'R\tX'
expect_rc 2
expect_err "--ref contains a control character (^I)"
run file ok --tag $'t\xc2\x9b'
expect_rc 2
expect_err "--tag contains a control character (<U+009B>)"
run file ok --against 'Shop 旗舰店' --ref TS-1 --tag fine
expect_rc 0
before=$(store_state)
run edit 1 --title "$HOSTILE"
expect_rc 2
expect_err "--title contains a control character (^[)"
run edit 1 --against $'a\x7f'
expect_rc 2
expect_err "--against contains a control character (^?)"
run edit 1 --ref $'\e[2J'
expect_rc 2
run edit 1 --tag $'t\e'
expect_rc 2
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused edit changed the store"

# A store written by other means (sqlite3, an old version) is shown, never obeyed.
sql() { sqlite3 "$DB" "$1"; }
run note 1 $'called: \e[2J they hung up' # notes keep what was typed; the view shows it
expect_rc 0
printf 'x' >"$WORK/$(printf 'a\033[2Jb.txt')"
run attach 1 "$WORK/$(printf 'a\033[2Jb.txt')" --caption $'chat \e]0;T\a'
expect_rc 0
expect_out 'Attached a^[[2Jb.txt to complaint 1'
raw_free
# (After the commands above: each rebuilds the row from the timeline.)
sql "UPDATE complaint SET title = 'x ' || char(27) || ']0;PWNED' || char(7) || char(27) || '[2J',
         against = 'shop' || char(155) || '2J', ref = 'R' || char(27) || '[31m',
         category = 'cat' || char(27) || '[1m',
         body = 'line one' || char(10) || 'evil' || char(27) || '[2J' WHERE id = 1"
sql "INSERT INTO tag (complaint_id, tag) VALUES (1, 't' || char(27) || '[5m')"

run status
expect_rc 0
raw_free
expect_out 'x ^[]0;PWNED^G^[[2J'
expect_out 'shop<U+009B>2J'
run status 1
expect_rc 0
raw_free
expect_out 'complaint 1 x ^[]0;PWNED^G^[[2J  [open]'
expect_out 'against   shop<U+009B>2J'
expect_out 'ref       R^[[31m'
expect_out 'category  cat^[[1m'
expect_out 't^[[5m'
expect_out $'line one\nevil^[[2J' # a body keeps its lines
expect_out 'called: ^[[2J they hung up'
expect_out 'a^[[2Jb.txt — chat ^[]0;T^G'
run attach 1 --list
raw_free
expect_out 'chat ^[]0;T^G'
run status --format markdown # escaped as Markdown, as in the dossier: [ is \[
raw_free
expect_out '| x ^[\]0;PWNED^G^[\[2J |'

# JSON escapes them (C1 too), and reads back as the text stored; CSV stays data.
run status 1 --format json
expect_rc 0
raw_free
grep -qF '"title": "x \u001b]0;PWNED\u0007\u001b[2J"' "$WORK/stdout"
check $LINENO $? "the title is not escaped in JSON"
grep -qF '"against": "shop\u009b2J"' "$WORK/stdout"
check $LINENO $? "a C1 control is not escaped in JSON"
expect_json 'd["title"] == "x \x1b]0;PWNED\x07\x1b[2J" and d["against"] == "shop\x9b2J"' True
run status --format csv
[[ "$OUT" == *"x $ESC]0;PWNED"* ]]; check $LINENO $? "CSV is not the data as stored"

# Reports: the cron list, the summary, its Markdown, the dossier in Markdown and HTML.
export COMPLAIN_NOW=2026-12-01T10:00:00+08:00
run report --overdue
expect_rc 0
raw_free
expect_out 'x ^[]0;PWNED^G^[[2J'
run report
expect_rc 0
raw_free
expect_out 'cat^[[1m'
run report --format markdown
raw_free
expect_out '| cat^[\[1m |'
run report 1 --dossier
expect_rc 0
raw_free
expect_out '# Complaint 1: x ^[\]0;PWNED^G^[\[2J'
expect_out 'evil^[[2J'
run report 1 --dossier --format html
expect_rc 0
raw_free
expect_out '<h1>Complaint 1: x ^[]0;PWNED^G^[[2J</h1>'
expect_out 'shop&lt;U+009B&gt;2J'
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

# What the user typed comes back in errors and warnings shown, not obeyed.
run status $'\e[2J'
expect_rc 2
expect_err "'^[[2J' is not a complaint id"
[[ "$ERR" != *"$ESC"* ]]; check $LINENO $? "an error message carries the escape"
run status --channel $'\e]0;x\a'
expect_rc 0
expect_err "channel ^[]0;x^G is not in the config"
[[ "$ERR" != *"$ESC"* ]]; check $LINENO $? "a warning carries the escape"

# Channels and calendars from a config, wherever they are printed.
cat >"$WORK/evil.toml" <<'EOF'
[channels.evil]
name = "Evil \u001b]0;PWNED\u0007 desk"
contact = "call \u009b2J"
deadline = "2d"
calendar = "home"

[calendars.home]
base = "cn"
holidays = [{ date = "2026-12-24", name = "Eve \u001b[2J" }]
EOF
export COMPLAIN_CONFIG="$WORK/evil.toml"
run config check
expect_rc 0
run channels
expect_rc 0
raw_free
expect_out 'Evil ^[]0;PWNED^G desk'
run channels --names
raw_free
expect_out $'evil\tEvil ^[]0;PWNED^G desk'
run config show
expect_rc 0
raw_free
expect_out 'name = "Evil \u001B]0;PWNED\u0007 desk"'
expect_out 'contact = "call \u009B2J"'
run file 'To the evil desk' --channel evil
expect_rc 0
raw_free
expect_out 'with evil (Evil ^[]0;PWNED^G desk)'
run status 2
raw_free
expect_out 'evil (Evil ^[]0;PWNED^G desk)'
run escalate 2 --to seller
raw_free
run calendar check 2026-12-24 --calendar home
expect_rc 0
raw_free
expect_out 'day off (holiday: Eve ^[[2J)'
run calendar show 2026-12 --calendar home
raw_free
expect_out 'day off: Eve ^[[2J'
unset COMPLAIN_CONFIG

finish
