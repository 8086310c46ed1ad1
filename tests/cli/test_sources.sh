# `config show` says where the store, the config file, the clock and the time zone come from.
. "$(dirname "$0")/lib.sh"

run config show
expect_rc 0
expect_out "# store: $HOME/.local/share/complain/complain.db (from HOME)"
expect_out "# config: built-in (no file at $HOME/.config/complain/config.toml)"
expect_out "(from the system clock)"
expect_out "# time zone: Asia/Shanghai (from TZ)"
[ "$(printf '%s\n' "$OUT" | sed -n 5p)" = "# complain config, merged from: <built-in>" ]
check $LINENO $? "the config's own header does not follow the four settings"
[ ! -e "$HOME/.local" ]; check $LINENO $? "config show created the store's folder"

export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/conf"
mkdir -p "$XDG_CONFIG_HOME/complain"
printf 'currency = "USD"\n' >"$XDG_CONFIG_HOME/complain/config.toml"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
run config show
expect_rc 0
expect_out "# store: $WORK/data/complain/complain.db (from XDG_DATA_HOME)"
expect_out "# config: $WORK/conf/complain/config.toml (from XDG_CONFIG_HOME)"
expect_out "# clock: 2026-11-23T10:00:00+08:00 (from COMPLAIN_NOW)"

export COMPLAIN_DB="$WORK/env.db"
printf 'timezone = "Europe/Paris"\n' >"$WORK/env.toml"
export COMPLAIN_CONFIG="$WORK/env.toml"
run config show
expect_rc 0
expect_out "# store: $WORK/env.db (from COMPLAIN_DB)"
expect_out "# config: $WORK/env.toml (from COMPLAIN_CONFIG)"
expect_out "# clock: 2026-11-23T03:00:00+01:00 (from COMPLAIN_NOW)"
expect_out "# time zone: Europe/Paris (from timezone in $WORK/env.toml:1:1)"

printf 'currency = "EUR"\n' >"$WORK/flag.toml"
run --db "$WORK/flag.db" --config "$WORK/flag.toml" config show
expect_rc 0
expect_out "# store: $WORK/flag.db (from --db)"
expect_out "# config: $WORK/flag.toml (from --config)"
expect_out 'currency = "EUR"'

# Without HOME nor COMPLAIN_DB there is no store to name; the rest is still shown.
unset XDG_DATA_HOME COMPLAIN_DB COMPLAIN_CONFIG XDG_CONFIG_HOME
env -u HOME -u TZ "$COMPLAIN" config show >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
RC=$?
OUT=$(cat "$WORK/stdout")
ERR=$(cat "$WORK/stderr")
expect_rc 0
expect_out "# store: none (HOME is not set: name the store with --db or COMPLAIN_DB)"
expect_out "# time zone: "

# Control characters in a path are shown as escapes, never sent to the terminal.
evil="$WORK/$(printf 'e\033]0;x\007')vil.toml"
printf 'currency = "CNY"\n' >"$evil"
run --config "$evil" config show
expect_rc 0
[[ "$OUT" != *$'\033'* && "$OUT" != *$'\007'* ]]; check $LINENO $? "a control character reached stdout"
expect_out '\u001B]0;x\u0007vil.toml (from --config)'

# A broken config stops every command, but `config path` still names the file to mend.
printf 'currency = "USD\n' >"$WORK/broken.toml"
run --config "$WORK/broken.toml" config path
expect_rc 0
expect_out_eq "$WORK/broken.toml"
run --config "$WORK/broken.toml" config show
expect_rc 4
expect_err "broken.toml:1:"
expect_out_empty
run --config "$WORK/broken.toml" config check
expect_rc 4
run --config "$WORK/broken.toml" status
expect_rc 4

finish
