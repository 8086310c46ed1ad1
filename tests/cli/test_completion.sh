# Shell completion: each script loaded in the real bash (with bash-completion), zsh and fish,
# asked what it offers for a few command lines, against a store with complaints in it.
. "$(dirname "$0")/lib.sh"
COMPLETIONS="$SOURCE_DIR/completions"
mkdir -p "$WORK/bin"
ln -s "$COMPLAIN" "$WORK/bin/complain" # the scripts run `complain` as the user typed it
export PATH="$WORK/bin:$PATH"
export COMPLAIN_NOW=2026-11-23T09:00:00+08:00

run file '退款被拒: 未发货订单' --against 某某旗舰店
run file 'Parcel lost' --channel blackcat
run status 2 drop
run file 'Screen cracked' --tag phone
expect_rc 0
printf 'chat log\n' >"$WORK/chat.txt"
run attach 1 "$WORK/chat.txt"
expect_rc 0
sha=$(sha256sum <"$WORK/chat.txt" | cut -d' ' -f1)

# The hidden helper itself: value<TAB>description lines, never in --help.
run __complete words -- esc
expect_out $'escalate\tTake a complaint'
run __complete words -- status ''
expect_out_eq $'3\tScreen cracked\n1\t退款被拒: 未发货订单\n2\tParcel lost [dropped]'
run __complete words -- status 2 ''
expect_out $'reopen\t-> open'
expect_out_not 'answer'
run __complete options escalate
expect_out $'--dry-run\tShow where it would go'
run __complete words -- --config "$WORK/missing.toml" file --channel ''
expect_rc 0
expect_err_empty
run --help
expect_out_not '__complete'

# bash: COMP_WORDS as readline splits the line (at blanks, and around '='), then the function.
bash_offers() {
    bash --norc --noprofile -c '
        source /usr/share/bash-completion/bash_completion
        source "$1/complain.bash"
        COMP_LINE=$2 COMP_POINT=${#2}
        COMP_WORDS=()
        for w in $2; do
            if [[ $w == --*=* ]]; then
                COMP_WORDS+=("${w%%=*}" "=")
                [[ -n ${w#*=} ]] && COMP_WORDS+=("${w#*=}")
            else
                COMP_WORDS+=("$w")
            fi
        done
        [[ $2 == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        $(complete -p complain | sed "s/.*-F \([^ ]*\) .*/\1/") complain
        printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETIONS" "$1"
}
OUT=$(bash_offers 'complain esc')
expect_out_eq 'escalate'
OUT=$(bash_offers 'complain status ')
expect_out_eq $'3\n1\n2'
OUT=$(bash_offers 'complain file --channel ')
expect_out $'seller\ntaobao-app\n'
expect_out $'\n12315\n'
OUT=$(bash_offers 'complain escalate 1 --to 12')
expect_out_eq $'12315-odr\n12315'
OUT=$(bash_offers 'complain file --channel=se')
expect_out_eq 'seller'
OUT=$(bash_offers 'complain status --for')
expect_out_eq '--format'
OUT=$(bash_offers 'complain status --format ')
expect_out_eq $'table\njson\ncsv\nmarkdown'

# zsh: an interactive zsh in a pseudo-terminal, TAB pressed; compadd records what is offered.
cat >"$WORK/capture.zsh" <<'EOF'
zmodload zsh/zpty || exit 70
local dir=$1 buffer=$2 log=$3 line
zpty z zsh -f -i
zpty -w z "fpath=($dir \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "compadd() {
  local -a __hits __dscr
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi
  if (( \$@[(I)-d] )); then local __d=\${@[\$((\${@[(i)-d]}+1))]}; __dscr=(\"\${(@P)__d}\"); fi
  builtin compadd -A __hits -D __dscr \"\$@\"
  local i; for i in {1..\$#__hits}; do print -r -- \"\$__hits[i]\${__dscr[i]:+ -- \$__dscr[i]}\" >>$log; done
  builtin compadd \"\$@\"
}"
zpty -w z "_done() { print -r -- '' '<do''ne>' >/dev/tty }; zle -N _done; bindkey '^X' _done"
zpty -w z "PROMPT='<rea''dy>'"
zpty -r z line '*<ready>*'
zpty -w -n z "$buffer"$'\t\C-x'
zpty -r z line '*<done>*'
zpty -d z
EOF
zsh_offers() {
    rm -f "$WORK/zsh.log"
    timeout 60 zsh -f "$WORK/capture.zsh" "$COMPLETIONS" "$1" "$WORK/zsh.log" >/dev/null 2>&1
    cat "$WORK/zsh.log" 2>/dev/null
}
OUT=$(zsh_offers 'complain esc')
expect_out 'escalate -- escalate  -- Take a complaint to the next channel of its ladder'
[ "$(wc -l <<<"$OUT")" = 1 ]; check $LINENO $? "zsh offers more than escalate"
OUT=$(zsh_offers 'complain status ')
expect_out '1 -- 1  -- 退款被拒: 未发货订单'
expect_out '3 -- 3  -- Screen cracked'
OUT=$(zsh_offers 'complain file --channel ')
expect_out 'seller -- seller'
expect_out '联系卖家 / seller directly'
expect_out '12315 -- 12315 '
OUT=$(zsh_offers 'complain status 1 ')
expect_out 'answer -- answer'
expect_out_not 'reopen'

# fish: its own completion engine, `complete -C`, on the line as typed.
fish_offers() {
    fish --no-config -c 'source $argv[1]/complain.fish; complete -C $argv[2]' "$COMPLETIONS" "$1"
}
OUT=$(fish_offers 'complain esc')
expect_out_eq $'escalate\tTake a complaint to the next channel of its ladder'
OUT=$(fish_offers 'complain status ')
expect_out_eq $'3\tScreen cracked\n1\t退款被拒: 未发货订单\n2\tParcel lost [dropped]'
OUT=$(fish_offers 'complain file --channel ')
expect_out $'seller\t联系卖家 / seller directly'
expect_out $'cfpb\tUS Consumer Financial Protection Bureau'
OUT=$(fish_offers 'complain note 1 x --kind ')
expect_out_eq $'note\ta note (default)\ncontact\ta call or message\nanswer\tthe channel\'s reply'
OUT=$(fish_offers 'complain attach 1 --extract ')
expect_out_eq $'all\tevery file\n'"$sha"$'\tchat.txt'
OUT=$(cd "$WORK" && fish_offers 'complain attach 1 cha')
expect_out_eq 'chat.txt'
OUT=$(cd "$WORK" && bash_offers 'complain attach 1 cha')
expect_out_eq 'chat.txt'

# A store of 2500 complaints: the binary filters by what was typed and offers at most 200, so a
# TAB answers at once in any store. When more match, the id typed comes first, then the most
# recent id for each digit that can follow (so the candidates share no start longer than what
# was typed, and bash adds no digit of its own), then open work, the most recent first.
BIG="$WORK/big.db"
python3 "$SOURCE_DIR/bench/gen_export.py" 2500 2 >"$WORK/big.jsonl"
run --db "$BIG" import "$WORK/big.jsonl"
expect_rc 0
offered() { printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' '; }
run --db "$BIG" __complete words -- status ''
expect_rc 0
[ "$(printf '%s\n' "$OUT" | wc -l)" = 200 ]; check $LINENO $? "not 200 ids offered of 2500"
[ "$(offered | cut -d' ' -f1-9)" = "1999 2500 399 499 599 699 799 899 999" ]
check $LINENO $? "not the most recent id for each first digit: $(offered | cut -d' ' -f1-9)"
open_ids=$(sqlite3 "$BIG" "SELECT group_concat(id, ' ') FROM (SELECT id FROM complaint
    WHERE state IN ('open', 'answered', 'paused') AND id NOT IN (2500, 1999, 999) ORDER BY id DESC
    LIMIT 3)")
[ "$(offered | cut -d' ' -f10-12)" = "$open_ids" ]
check $LINENO $? "then not the most recent open ones ($open_ids): $(offered | cut -d' ' -f10-12)"
run --db "$BIG" __complete words -- status 1
[ "$(offered | cut -d' ' -f1-11)" = "1 1099 1199 1299 1399 1499 1599 1699 1799 1899 1999" ]
check $LINENO $? "status 1: not 1, then each next digit's most recent: $(offered | cut -d' ' -f1-11)"
[ "$(printf '%s\n' "$OUT" | cut -f1 | grep -vc '^1')" = 0 ]; check $LINENO $? "an id not from 1"
OUT=$(bash_offers 'complain --db '"$BIG"' status 1')
[ "$(printf '%s\n' "$OUT" | head -1)" = 1 ]; check $LINENO $? "bash does not offer 1 first"
run --db "$BIG" __complete words -- status 12 # 111 match: all of them, open work first
expect_out_eq "$(sqlite3 "$BIG" "SELECT id || char(9) || title || CASE WHEN state = 'open' THEN ''
    ELSE ' [' || state || ']' END FROM complaint WHERE CAST(id AS TEXT) LIKE '12%'
    ORDER BY state IN ('resolved', 'dropped'), id DESC")"
run --db "$BIG" __complete words -- status 9x
expect_out_empty
run __complete words -- file --tag p
expect_out_eq 'phone'
run __complete tags ''
expect_out_eq 'phone'

finish
