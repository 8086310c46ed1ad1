# The language of human output: Chinese when the locale or the config asks for it, English
# otherwise; machine output (JSON, CSV, ICS, export, exit codes) byte for byte the same in both.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

# zh RUN-ARGS...: run under a Chinese locale, as a user's shell has it (no LC_ALL).
zh() { env -u LC_ALL LANG=zh_CN.UTF-8 "$COMPLAIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    RC=$?; OUT=$(cat "$WORK/stdout"); ERR=$(cat "$WORK/stderr"); }
# en RUN-ARGS...: under LANG=C, as cron runs it.
en() { env -u LC_ALL LANG=C "$COMPLAIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    RC=$?; OUT=$(cat "$WORK/stdout"); ERR=$(cat "$WORK/stderr"); }

# Help and errors speak the locale's language; the exit codes do not change.
zh --help
expect_rc 0
expect_out "用法"
expect_out "子命令"
expect_out "向渠道提交新投诉并开始计时"
en --help
expect_out "Usage: complain"
expect_out "File a new complaint with a channel and start its"
zh note abc hi
expect_rc 2
expect_err "'abc' 不是投诉编号"
en note abc hi
expect_rc 2
expect_err "'abc' is not a complaint id"
# gettext's own rules: LANGUAGE before LANG, and nothing but English under the C locale.
RC=0; OUT=$(env -u LC_ALL LANG=zh_CN.UTF-8 LANGUAGE=en "$COMPLAIN" note abc hi 2>&1)
expect_out "is not a complaint id"
OUT=$(env LC_ALL=C LANGUAGE=zh_CN "$COMPLAIN" note abc hi 2>&1)
expect_out "is not a complaint id"
OUT=$(env -u LC_ALL LANG=en_US.UTF-8 LANGUAGE=zh_CN:en "$COMPLAIN" note abc hi 2>&1)
expect_out "不是投诉编号"

# The config's `language` wins over the locale, once the config is read.
mkdir -p "$HOME/.config/complain"
printf 'language = "zh_CN"\n' >"$HOME/.config/complain/config.toml"
en channels
expect_rc 0
expect_out "默认渠道"
en config show
expect_out 'language = "zh_CN"'
printf 'language = "en"\n' >"$HOME/.config/complain/config.toml"
zh channels
expect_out "default channel"
expect_out_not "默认渠道"
printf 'language = "fr"\n' >"$HOME/.config/complain/config.toml"
en config check
expect_rc 4
expect_err "'fr' is not a language complain speaks"
rm "$HOME/.config/complain/config.toml"

# A record with something of everything, then each machine format in both languages.
run file '快递丢件 lost parcel' --channel taobao-app --against 'Shop 店' --amount 199 \
    --at 2026-11-20T09:00:00+08:00 --tag parcel
expect_rc 0
run note 1 'Called, agent 工号 1234' --at 2026-11-20T10:00:00+08:00
run file 'second' --at 2026-11-22T09:00:00+08:00
run escalate 2 -m 'no answer'
for args in "status --format json" "status --all --format csv" "report --format json" \
    "report --format csv" "report --format ics" "report --overdue --format json" \
    "status 1 --format json" "channels --format json" "channels --format csv" \
    "calendar check 2026-10-01 --format json" "export" "undo --list --format json"; do
    # shellcheck disable=SC2086
    en $args
    c_out=$OUT c_rc=$RC
    # shellcheck disable=SC2086
    zh $args
    [ "$c_rc" = 0 ] && [ "$RC" = 0 ]
    check $LINENO $? "$args: exit $c_rc under C, $RC under zh_CN"
    [ "$c_out" = "$OUT" ]
    check $LINENO $? "$args: output differs between LANG=C and LANG=zh_CN.UTF-8"
done

# The dossier speaks the language, with dates as Chinese documents write them; --lang chooses.
zh report 1 --dossier
expect_rc 0
expect_out "## 投诉人"
expect_out "## 被投诉人"
expect_out "## 投诉请求"
expect_out "## 证据清单"
expect_out "2026年11月20日 09:00"
expect_out "| 备注 |"
zh report 1 --dossier --lang en
expect_out "## Complainant"
expect_out "2026-11-20 09:00"
expect_out_not "投诉人"
en report 1 --dossier --lang zh_CN --format html
expect_out '<html lang="zh-CN">'
expect_out "<h2>投诉事实</h2>"
en report 1 --dossier --lang fr
expect_rc 2
expect_err "--lang fr"

# Cron's line under LANG=C is English whatever the record holds; under zh_CN it is Chinese.
en report --overdue
expect_rc 0
expect_out "lost parcel"
[[ "$OUT" != *"逾期"* ]]; check $LINENO $? "English cron output has Chinese words of complain's own"
zh report --overdue
expect_rc 0
expect_out "逾期 49h"

finish
