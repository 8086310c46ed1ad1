# The man pages: lint-clean under mandoc, rendered by groff without warnings, and complain.1
# documents every command and every option that `--help` shows, in that command's subsection.
# Commands are read from `complain --help` itself, so a new command without a page fails here.
. "$(dirname "$0")/lib.sh"
OUT= ERR=
MAN1="$SOURCE_DIR/man/complain.1"
MAN5="$SOURCE_DIR/man/complain.toml.5"

for page in "$MAN1" "$MAN5"; do
    lint=$(mandoc -Tlint "$page" 2>&1)
    [ -z "$lint" ]; check $LINENO $? "mandoc -Tlint $(basename "$page"): $lint"
    warnings=$(groff -k -mandoc -Tutf8 -ww "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ]; check $LINENO $? "groff warns on $(basename "$page"): $warnings"
    rendered=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
    [[ $rendered == *ENVIRONMENT* || $rendered == *DURATIONS* ]]
    check $LINENO $? "man -l $(basename "$page") renders no sections"
done

# The subcommands listed under "Subcommands:" in a --help text.
subcommands() { awk '/^Subcommands:/ {on = 1; next} on && /^$/ {exit} on && /^  [^ ]/ {print $1}'; }
# The options of a --help text, as "-m --message" or "--all", one option a line; not --help.
options() {
    grep -oE '^  +(-[a-zA-Z],)?--[a-z][a-z0-9-]*' | tr -d ' ' | grep -v -e '--help$' | tr ',' ' '
}
# The source of the man subsection `.Ss complain WORDS ...`, up to the next .Ss or .Sh.
section() {
    awk -v head=".Ss complain $1" '
        index($0, head) == 1 && (length($0) == length(head) || substr($0, length(head) + 1, 1) == " ") {on = 1; next}
        on && /^\.S[sh] / {exit}
        on {print}' "$MAN1"
}
documents() { # documents SECTION-TEXT OPTION: the option is set as Fl in the section
    local fl="Fl ${2#-}"
    [[ $'\n'"$1"$'\n' =~ [[:space:]]"$fl"([[:space:],]|$) ]]
}

run --help
expect_rc 0
top=$OUT
global=$(awk '/^\.Ss Global options/ {on = 1; next} on && /^\.S[sh] / {exit} on {print}' "$MAN1")
for opt in $(options <<<"$top"); do
    documents "$global" "$opt"; check $LINENO $? "complain.1 Global options lacks $opt"
done

# Walk the commands breadth first; a command with subcommands of its own (calendar, config) is
# documented per subcommand.
mapfile -t queue < <(subcommands <<<"$top")
[ "${#queue[@]}" -gt 0 ]; check $LINENO $? "no subcommands found in complain --help"
count=0
while [ "${#queue[@]}" -gt 0 ]; do
    cmd=${queue[0]}
    queue=("${queue[@]:1}")
    run $cmd --help
    expect_rc 0
    help=$OUT
    nested=$(subcommands <<<"$help")
    if [ -n "$nested" ]; then
        for sub in $nested; do queue+=("$cmd $sub"); done
        continue
    fi
    count=$((count + 1))
    text=$(section "$cmd")
    [ -n "$text" ]; check $LINENO $? "complain.1 has no '.Ss complain $cmd' subsection"
    for opt in $(options <<<"$help"); do
        documents "$text" "$opt"
        check $LINENO $? "complain.1 'complain $cmd' lacks $opt (from complain $cmd --help)"
    done
done
[ "$count" -ge 10 ]; check $LINENO $? "only $count commands walked"

# The sections a reader looks for.
for sh in NAME SYNOPSIS DESCRIPTION COMMANDS STATES DEADLINES ENVIRONMENT FILES STORE \
    "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    grep -q "^\.Sh $sh\$" "$MAN1"; check $LINENO $? "complain.1 lacks section $sh"
done
for var in COMPLAIN_DB COMPLAIN_CONFIG COMPLAIN_NOW NO_COLOR XDG_DATA_HOME XDG_CONFIG_HOME TZ; do
    grep -q "^\.It Ev $var\$" "$MAN1"; check $LINENO $? "complain.1 ENVIRONMENT lacks $var"
done
# Every table of the schema is described under STORE.
store=$(awk '/^\.Sh STORE/ {on = 1; next} on && /^\.Sh / {exit} on {print}' "$MAN1")
for table in $(grep -oE 'CREATE (VIRTUAL )?TABLE [a-z_]+' "$SOURCE_DIR/src/store/schema.cpp" | awk '{print $NF}'); do
    [[ $store == *".It Sy $table"* ]]; check $LINENO $? "complain.1 STORE lacks table $table"
done
# ... and every column, so a migration that adds or renames one updates the page too.
for column in $(sed -n 's/^    \([a-z_][a-z0-9_]*\) \{1,\}\(INTEGER\|TEXT\|BLOB\).*/\1/p' \
    "$SOURCE_DIR/src/store/schema.cpp" | sort -u); do
    [[ $store == *".Li $column"* ]]; check $LINENO $? "complain.1 STORE lacks column $column"
done
# Every exit code the program defines is documented.
for code in $(grep -oE '= [0-9]+' "$SOURCE_DIR/include/complain/error.hpp" | awk '{print $2}'); do
    grep -q "^\.It $code\$" "$MAN1"; check $LINENO $? "complain.1 EXIT STATUS lacks $code"
done
# complain.toml.5 covers every key the config accepts and every built-in channel.
keys=$(awk '/^const std::vector<std::string> [a-z_]*keys\{/, /\};/' "$SOURCE_DIR"/src/config/*.cpp |
    grep -oE '"[a-z_]+"' | tr -d '"' | sort -u)
[ -n "$keys" ]; check $LINENO $? "no config keys found in src/config/*.cpp"
for key in $keys; do
    grep -q "^\.It Cm $key\( \|$\)" "$MAN5"; check $LINENO $? "complain.toml.5 lacks key $key"
done
for channel in $(grep -oE '^\[channels\.[a-z0-9-]+\]' "$SOURCE_DIR/data/default-config.toml" | sed 's/\[channels\.\(.*\)\]/\1/'); do
    grep -q "^\.It Cm $channel\$" "$MAN5"; check $LINENO $? "complain.toml.5 lacks built-in channel $channel"
done
# --help's neighbours: the version, and a near miss answered with what was meant.
run --version
expect_rc 0
expect_out_eq "complain $(sed -n 's/^project(complain VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")"
run esc 1
expect_rc 2
expect_err "'esc' is not a complain command; did you mean 'escalate'?"
run status --formt json
expect_rc 2
expect_err "unknown option '--formt'; did you mean '--format'? (see: complain status --help)"
run calendar ad 2026-09-30 7wd
expect_rc 2
expect_err "'ad' is not a 'complain calendar' command; did you mean 'add'?"
run config
expect_rc 2
expect_err "'complain config' needs one of: show, check, path"
run file --help
expect_out 'Examples:'
# `complain help CMD` is `complain CMD --help`, nested commands too, as git's help is.
for cmd in "" status report "calendar add" "config show"; do
    # shellcheck disable=SC2086
    [ "$("$COMPLAIN" help $cmd)" = "$("$COMPLAIN" $cmd --help)" ]
    check $LINENO $? "complain help $cmd differs from complain $cmd --help"
done
run help stauts
expect_rc 2
expect_err "'stauts' is not a 'complain' command; did you mean 'status'?"
run help calendar ad
expect_rc 2
expect_err "'ad' is not a 'complain calendar' command; did you mean 'add'?"

finish
