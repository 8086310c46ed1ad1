# complain letter: the written complaint drafted from the record, for every built-in template, its
# `letter` event on the timeline, user templates, escaping, -o and bad input.
. "$(dirname "$0")/lib.sh"
mkdir -p "$HOME/.config/complain"
cat >"$HOME/.config/complain/config.toml" <<'TOML'
timezone = "Asia/Shanghai"

[me]
name = "张三"
phone = "13800138000"
email = "zhangsan@example.com"
address = "上海市徐汇区某某路 1 号"
id_number = "310101199001011234"
TOML

# A rich complaint: filed with the seller, a contact, the seller's 48h missed and flagged by
# cron, escalated to the platform, answered there, two files attached.
export COMPLAIN_NOW=2026-11-20T09:00:00+08:00
run file '退款被拒 <script>alert(1)</script>' --against '某某旗舰店 客服小王 工号 A123' \
    --order 3921-7788 --product '蓝牙耳机' --amount 199.00 --want '全额退款' \
    --body '11月18日下单，商家承诺48小时内发货，至今未发货也不退款。'
expect_rc 0
COMPLAIN_NOW=2026-11-20T10:30:00+08:00 run note 1 '在旺旺要求退款，客服说仓库决定' --kind contact
expect_rc 0
COMPLAIN_NOW=2026-11-23T10:00:00+08:00 run report --overdue --flag
expect_rc 0
expect_out '退款被拒'
COMPLAIN_NOW=2026-11-23T10:05:00+08:00 run escalate 1 -m '卖家不理会退款申请'
expect_rc 0
COMPLAIN_NOW=2026-11-23T15:00:00+08:00 run note 1 '平台答复：请等待商家处理' --kind answer
expect_rc 0
printf 'order page\n' >"$WORK/订单截图.png"
printf '旺旺聊天记录\n' >"$WORK/chat.txt"
COMPLAIN_NOW=2026-11-23T15:10:00+08:00 run attach 1 "$WORK/订单截图.png" "$WORK/chat.txt" \
    --caption '卖家拒绝退款'
expect_rc 0
sha1=$(sha256sum <"$WORK/订单截图.png" | cut -d' ' -f1)
sha2=$(sha256sum <"$WORK/chat.txt" | cut -d' ' -f1)
export COMPLAIN_NOW=2026-11-24T09:00:00+08:00

# The facts every Chinese letter carries.
expect_facts() { # expect_facts BASIS
    expect_out '张三'
    expect_out '13800138000'
    expect_out '上海市徐汇区某某路 1 号'
    expect_out '某某旗舰店 客服小王 工号 A123'
    expect_out '3921-7788'
    expect_out '199.00'
    expect_out '2026年11月20日 10:30'
    expect_out '在旺旺要求退款'
    expect_out '2026年11月23日 15:00'
    expect_out '平台答复：请等待商家处理'
    expect_out '2026年11月22日 09:00前答复，逾期未答复'
    expect_out '全额退款'
    expect_out "$1"
    expect_out '序号'
    expect_out "$sha1"
    expect_out "$sha2"
    expect_out '2026年11月24日'
}
channel_key() { # channel_key CHANNEL KEY: as `channels --format json` gives it ("" for none)
    "$COMPLAIN" channels --format json | python3 -c \
        'import json,sys; print(next(c[sys.argv[2]] or "" for c in json.load(sys.stdin) if c["key"] == sys.argv[1]))' "$1" "$2"
}

# Each built-in template, to the channel it is meant for, in Markdown: every field, and the
# evidence numbered in its table.
for pair in platform:taobao-app 12315-complaint:12315 12315-report:12315 \
    consumer-association:consumer-association court:court; do
    template=${pair%%:*} channel=${pair#*:}
    run letter 1 --to "$channel" --template "$template" --format markdown --dry-run
    expect_rc 0
    expect_err_empty
    # What the channel's law is, never the basis of its deadline (a note for the user).
    expect_facts "$(channel_key "$channel" law)"
    expect_out_not "$(channel_key "$channel" basis)"
    expect_out "| 1 | 订单截图.png | $sha1 | 2026年11月23日 15:10 | 卖家拒绝退款 |"
    expect_out "| 2 | chat.txt | $sha2 |"
    expect_out '<script>alert(1)</script>' # Markdown and text: not HTML-escaped
done
run letter 1 --to 12315 --template 12315-complaint --dry-run
expect_out '310101199001011234' # a 12315 complaint is made under one's real name
run letter 1 --to court --template court --dry-run
expect_out '民事起诉状'
expect_out $'此致\n\n人民法院\n'
expect_out_not 'small claims' # the English half of the channel's name stays out of a Chinese letter
run letter 1 --to 12315 --template 12315-complaint --dry-run
expect_out $'致：全国12315平台\n'
expect_out '法律依据'
expect_out '《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号）'
expect_out_not 'not confirmed'

# The English letter: English dates, what was done, what is wanted, a final-response deadline.
run letter 1 --to cfpb --template en-complaint --dry-run
expect_rc 0
expect_out 'Dear Sir or Madam'
expect_out '张三'
expect_out '13800138000'
expect_out '上海市徐汇区某某路 1 号'
expect_out 'about 某某旗舰店 客服小王 工号 A123'
expect_out 'order 3921-7788'
expect_out 'CNY 199.00'
expect_out '20 November 2026, 10:30 — Contact: 在旺旺要求退款'
expect_out '23 November 2026, 15:00 — Answer: 平台答复'
expect_out 'was due to answer by 22 November 2026, 09:00 and did not'
expect_out '全额退款'
expect_out 'Please send me your final response by 9 December 2026' # 15 days, cfpb's deadline
expect_out_not "$(channel_key cfpb basis)" # the basis is the user's note, not the letter's
expect_out "$sha1"
expect_out "$sha2"
expect_out 'Yours faithfully'

# Plain text (the default): no Markdown marks, the evidence in aligned columns.
run letter 1 --dry-run
expect_rc 0
expect_out_not '## '
expect_out_not ':::'
expect_out "1     订单截图.png  $sha1"
expect_out '<script>alert(1)</script>'

# A control character in the record is shown, not obeyed, even without HTML escaping.
run file 'Terminal' --body $'clear \e[2J screen'
run letter 2 --dry-run
expect_rc 0
expect_out 'clear ^[[2J screen'
expect_out_not $'\e'
run undo 2

# Which template a channel takes when none is named.
run letter 1 --format markdown --dry-run # the platform's, where it is now (taobao-app)
expect_out '# 书面投诉书'
expect_out '致：淘宝 App 投诉'
run letter 1 --next --dry-run # taobao-written, the next rung
expect_out '致：书面投诉'
run letter 1 --to 12315 --format markdown --dry-run
expect_out '## 六、法律依据'
run letter 1 --to consumer-association --format markdown --dry-run
expect_out '# 消费者投诉书'
run letter 1 --to court --format markdown --dry-run
expect_out '# 民事起诉状'
run letter 1 --to cfpb --format markdown --dry-run
expect_out '# Formal complaint'

# A report may be anonymous.
run letter 1 --to 12315 --template 12315-report --anonymous --dry-run
expect_rc 0
expect_out '匿名举报'
expect_out_not '张三'
expect_out_not '13800138000'
expect_out '某某旗舰店'

# HTML: one page, user text escaped.
run letter 1 --format html --dry-run
expect_rc 0
expect_out '<!DOCTYPE html>'
expect_out '<meta charset="utf-8">'
expect_out '&lt;script&gt;alert(1)&lt;/script&gt;'
expect_out_not '<script>'
expect_out '@media print'
expect_out '<h1>书面投诉书</h1>'

# --dry-run recorded nothing; a letter on stdout is recorded with the SHA-256 of what was printed.
run status 1 --format json
expect_json '[e["kind"] for e in d["events"]].count("letter")' 0
"$COMPLAIN" letter 1 >"$WORK/letter.txt" 2>"$WORK/stderr"
check $LINENO $? "letter 1 failed: $(cat "$WORK/stderr")"
printed=$(sha256sum <"$WORK/letter.txt" | cut -d' ' -f1)
run status 1 --format json
expect_json '[e["kind"] for e in d["events"]].count("letter")' 1
expect_json '[e["text"] for e in d["events"] if e["kind"] == "letter"][0]' \
    "letter to taobao-app from template platform (built-in), text: sha256 $printed"

# -o: written whole, recorded, and never over an existing file without --force.
run letter 1 --to 12315 -o "$WORK/12315.md" --format markdown
expect_rc 0
written=$(sha256sum <"$WORK/12315.md" | cut -d' ' -f1)
expect_out "Wrote the letter to 12315 (12315-complaint template) for complaint 1 to $WORK/12315.md"
run status 1 --format json
expect_json '[e["text"] for e in d["events"] if e["kind"] == "letter"][-1]' \
    "letter to 12315 from template 12315-complaint (built-in), markdown: sha256 $written"
before=$(store_state)
run letter 1 --to 12315 -o "$WORK/12315.md"
expect_rc 2
expect_err "$WORK/12315.md: already exists; nothing was written (--force replaces it)"
[ "$(sha256sum <"$WORK/12315.md" | cut -d' ' -f1)" = "$written" ]
check $LINENO $? "a refused -o changed the file"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused -o recorded a letter"
run letter 1 --to 12315 -o "$WORK/12315.md" --force
expect_rc 0
[ "$(sha256sum <"$WORK/12315.md" | cut -d' ' -f1)" != "$written" ]
check $LINENO $? "--force did not replace the file"

# The dossier shows letters on its timeline like any event.
run report 1 --dossier
expect_out "| letter | letter to 12315 from template 12315-complaint (built-in), markdown: sha256 $written |"

# Unknown template, id, channel: a clear error and nothing recorded.
before=$(store_state)
run letter 1 --template nope
expect_rc 3
expect_err "complain: error: no letter template 'nope' (known: 12315-complaint, 12315-report, consumer-association, court, en-complaint, platform"
run letter 1 --template plaform
expect_rc 3
expect_err "did you mean 'platform'?"
run letter 1 --template "$WORK/missing.mustache"
expect_rc 3
expect_err 'no such file'
run letter 9
expect_rc 3
run letter 1 --to nowhere
expect_rc 3
run letter 1 --to court --next
expect_rc 2
run letter 1 --format json
expect_rc 2
run letter 1 --format pdf
expect_rc 2
expect_err '--format pdf: use one of text, markdown, html'
run letter
expect_rc 2
expect_err 'letter needs a complaint id'
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused letter changed the store"
COMPLAIN_NOW=2026-11-24T09:05:00+08:00 run escalate 1 --to court
run letter 1 --next
expect_rc 2
expect_err 'court is the top of its ladder'

# A channel's name in Chinese text is its Chinese half: "联系卖家", never "联系卖家 / seller
# directly"; when the dispute arose is the filing's day (nothing in the record comes before it),
# not the minute it was filed.
for template in 12315-complaint platform consumer-association; do
    run letter 1 --to 12315 --template $template --format markdown --dry-run
    expect_rc 0
    expect_out_not ' / '
    expect_out_not 'seller directly'
done
run letter 1 --to 12315 --format markdown --dry-run
expect_out '2026年11月20日 09:00 投诉：向联系卖家投诉'
expect_out '联系卖家 未解决，投诉至淘宝 App 投诉：卖家不理会退款申请'
expect_out '- 联系卖家应于2026年11月22日 09:00前答复，逾期未答复'
expect_out $'- 消费纠纷发生时间：2026年11月20日\n'
run letter 1 --to consumer-association --format markdown --dry-run
expect_out $'- 纠纷发生时间：2026年11月20日\n'
run letter 1 --to cfpb --format markdown --dry-run
expect_out 'seller directly' # the English letter keeps the whole name

# Evidence whose content was redacted stays in the list, marked: the file cannot be produced.
COMPLAIN_NOW=2026-11-24T08:00:00+08:00 run redact "$sha2" -m 'private chat'
expect_rc 0
for template in platform 12315-complaint 12315-report consumer-association court postal-appeal; do
    run letter 1 --to 12315 --template $template --format markdown --dry-run
    expect_rc 0
    expect_out "| 1 | 订单截图.png | $sha1 |"
    expect_out "| 2 | chat.txt（内容已删除，仅存哈希） | $sha2 |"
done
run letter 1 --to cfpb --format markdown --dry-run
expect_out "| 1 | 订单截图.png | $sha1 |"
expect_out "| 2 | chat.txt (content removed; hash kept) | $sha2 |"

# --templates: the built-in ones, and a user template that replaces one, with its path.
run letter --templates
expect_rc 0
for t in platform 12315-complaint 12315-report consumer-association court en-complaint \
    postal-appeal; do
    expect_out "$t"
done
expect_out 'built-in'
mkdir -p "$HOME/.config/complain/templates"
printf '{{! my own written complaint }}\nMINE to {{channel.name}}: {{complaint.title}} by {{me.name}}\n' \
    >"$HOME/.config/complain/templates/platform.mustache"
printf 'EXTRA {{complaint.order}}\n' >"$HOME/.config/complain/templates/extra.mustache"
run letter --templates
expect_out "platform              $HOME/.config/complain/templates/platform.mustache (replaces the built-in one)"
expect_out "extra"
run letter --templates --format json
expect_json '[t["source"] for t in d if t["name"] == "platform"][0]' \
    "$HOME/.config/complain/templates/platform.mustache"
expect_json '[t["overrides"] for t in d if t["name"] == "platform"][0]' 'built-in'
expect_json '[t["source"] for t in d if t["name"] == "court"][0]' 'built-in'
run letter 1 --template platform --to taobao-app --dry-run
expect_rc 0
expect_out_eq 'MINE to 淘宝 App 投诉: 退款被拒 <script>alert(1)</script> by 张三'
run letter 1 --template extra --dry-run
expect_out_eq 'EXTRA 3921-7788'
XDG_CONFIG_HOME="$WORK/xdg" run letter --templates --format json # XDG_CONFIG_HOME moves them
expect_json '[t["source"] for t in d if t["name"] == "platform"][0]' 'built-in'
# A template that does not parse names itself.
printf '{{#open}} never closed\n' >"$HOME/.config/complain/templates/broken.mustache"
run letter 1 --template broken --dry-run
expect_rc 4
expect_err "template $HOME/.config/complain/templates/broken.mustache:"
# A file that is not a template does not stop the others, and --templates says what is wrong.
printf '\xff\xfe\n' >"$HOME/.config/complain/templates/binary.mustache"
run letter 1 --template court --dry-run
expect_rc 0
expect_out '民事起诉状'
run letter 1 --template binary --dry-run
expect_rc 2
expect_err 'binary.mustache: not valid UTF-8'
run letter --templates
expect_rc 0
expect_out 'binary.mustache: not valid UTF-8'

# Completion offers the command and the templates.
run __complete words -- let
expect_out $'letter\tDraft the written complaint'
run __complete words -- letter 1 --template ''
expect_out $'court\t'
expect_out $'extra'
# ... in the shells themselves, through their completion scripts.
mkdir -p "$WORK/bin"
ln -s "$COMPLAIN" "$WORK/bin/complain"
OUT=$(PATH="$WORK/bin:$PATH" bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion
    source "$1/completions/complain.bash"
    COMP_LINE="complain letter 1 --template co" COMP_POINT=32
    COMP_WORDS=(complain letter 1 --template co) COMP_CWORD=4
    _complain complain
    printf "%s\n" "${COMPREPLY[@]}"' _ "$SOURCE_DIR")
expect_out_eq $'consumer-association\ncourt'
OUT=$(PATH="$WORK/bin:$PATH" fish --no-config -c \
    'source $argv[1]/completions/complain.fish; complete -C "complain letter 1 --to cf"' "$SOURCE_DIR")
expect_out $'cfpb\tUS Consumer Financial Protection Bureau'
OUT=$(PATH="$WORK/bin:$PATH" fish --no-config -c \
    'source $argv[1]/completions/complain.fish; complete -C "complain letter 1 --form"' "$SOURCE_DIR")
expect_out '--format'

# A channel's `template` that names no template is the config's mistake: `config check` finds it,
# and a letter to the channel names where it was set.
printf '[channels.seller]\ntemplate = "nope"\n' >"$WORK/nope.toml"
run --config "$WORK/nope.toml" config check
expect_rc 4
expect_err "nope.toml:2:1: channels.seller.template: no letter template 'nope'"
run --config "$WORK/nope.toml" letter 1 --to seller --dry-run
expect_rc 4
expect_err "nope.toml:2:1: channels.seller.template: no letter template 'nope'"
run --config "$WORK/nope.toml" letter 1 --to seller --template platform --dry-run
expect_rc 0 # one named on the command line is used instead
printf '[channels.seller]\ntemplate = "./missing.mustache"\n' >"$WORK/missing.toml"
run --config "$WORK/missing.toml" config check
expect_rc 4
expect_err "missing.toml:2:1: channels.seller.template: template ./missing.mustache"
printf '[channels.seller]\ntemplate = "court"\n' >"$WORK/court.toml"
run --config "$WORK/court.toml" config check
expect_rc 0
expect_out "config ok"

finish
