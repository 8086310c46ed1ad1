# `status --search TEXT` reads the whole timeline: a complaint's own text, its notes, contacts,
# answers and the messages of its state changes, and the names, captions and purposes of its
# evidence; words of two characters (工号, 退款) as well as longer ones. Under each hit, the line that
# matched; in JSON, a `matches` array. What undo cancelled is not found; a store migrated from
# schema 1 finds its old notes; bad input is exit 2 and changes nothing.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-20T10:00:00+08:00

run file '退款被拒' --against 某某旗舰店
expect_rc 0
run file 'Lost parcel' --against 'SF Express'
expect_rc 0
run file 'Wrong size'
expect_rc 0
run note 1 '打了电话，客服工号 8812 说再等等' --kind contact
expect_rc 0
run note 2 'The courier says the parcel was signed for by a neighbour'
expect_rc 0
run status 3 answer -m '商家同意换货，运费自理'
expect_rc 0
printf 'chat log\n' >chat.txt
run attach 2 chat.txt --caption '聊天记录截图：签收时间'
expect_rc 0
printf 'receipt\n' >收据-退货.txt
run attach 3 收据-退货.txt
expect_rc 0

# A note (contact): found by a phrase of it, the line shown with the match marked.
run status --search '工号 8812'
expect_rc 0
expect_err_empty
expect_out '退款被拒'
expect_out_not 'Lost parcel'
expect_out '    contact 2026-11-20 10:00  打了电话，客服«工号 8812» 说再等等'
# The line comes under its complaint's row: the table's header, the row, the line.
[ "$(printf '%s\n' "$OUT" | sed -n 3p)" = '    contact 2026-11-20 10:00  打了电话，客服«工号 8812» 说再等等' ]
check $LINENO $? "the matched line is not under its complaint's row"
[[ "$(printf '%s\n' "$OUT" | sed -n 2p)" == 1* ]]
check $LINENO $? "the second line is not complaint 1's row"

# Case does not matter for ASCII letters; a note in English.
run status --search 'SIGNED FOR'
expect_rc 0
expect_out 'Lost parcel'
expect_out '    note 2026-11-20 10:00  The courier says the parcel was «signed for» by a neighbour'
expect_out_not '退款被拒'

# An answer (the message of a state change).
run status --search 运费自理
expect_rc 0
expect_out 'Wrong size'
expect_out '    answered 2026-11-20 10:00  商家同意换货，«运费自理»'

# An evidence caption and an evidence name.
run status --search 签收时间
expect_rc 0
expect_out 'Lost parcel'
expect_out '    evidence caption 2026-11-20 10:00  聊天记录截图：«签收时间»'
run status --search 收据-退货
expect_rc 0
expect_out 'Wrong size'
expect_out '    evidence name 2026-11-20 10:00  «收据-退货».txt'
expect_out_not '退款被拒'

# What a piece of evidence proves, as attach gave it (a line of the attach) and as an edit said
# it anew (the edit's line); by three characters and by two.
printf 'waybill\n' >waybill.txt
run attach 2 waybill.txt --purpose '证明包裹未送达本人'
expect_rc 0
run status --search 未送达本人
expect_rc 0
expect_out 'Lost parcel'
expect_out '    attached purpose 2026-11-20 10:00  证明包裹«未送达本人»'
expect_out_not 'Wrong size'
run status --search 送达 --format json
expect_rc 0
expect_json '[(c["id"], [(m["field"], m["text"]) for m in c["matches"]]) for c in d]' \
    "[(2, [('purpose', '证明包裹未送达本人')])]"
run edit 3 --evidence "$(sha256sum 收据-退货.txt | cut -c1-8)" --purpose '证明已退回商品'
expect_rc 0
run status --search 已退回 --format json
expect_rc 0
expect_json '[(c["id"], [(m["kind"], m["text"]) for m in c["matches"]]) for c in d]' \
    "[(3, [('edited', 'purpose of 收据-退货.txt (sha256 6afd9c1cbf49): (none) -> 证明已退回商品')])]"
run status --search 退回 --format json
expect_json '[c["id"] for c in d]' "[3]"
# The edit is found by the purpose it says, not by complain's words around it.
run status --search 'purpose of' --all --format json
expect_json 'd' "[]"
run status --search 6afd9c --all --format json
expect_json 'd' "[]"

# Two characters: below the trigram's three, through the index's terms. 换货 is in the middle
# of an answer, 自理 at its very end, 工号 in a contact, 退款 in complaint 1's title only.
run status --search 换货
expect_rc 0
expect_out 'Wrong size'
expect_out '«换货»'
expect_out_not '退款被拒'
run status --search 自理 --format json
expect_rc 0
expect_json '[c["id"] for c in d]' "[3]"
run status --search 工号 --format json
expect_rc 0
expect_json '[c["id"] for c in d]' "[1]"
expect_json '[(m["kind"], m["text"]) for m in d[0]["matches"]]' \
    "[('contact', '打了电话，客服工号 8812 说再等等')]"
run status --search 退款 --format json
expect_rc 0
expect_json '[(c["id"], c["matches"]) for c in d]' "[(1, [])]"

# JSON: the list's keys as before, and `matches` with kind, field, at and text.
run status --search parcel --format json
expect_rc 0
expect_json '[c["id"] for c in d]' "[2]"
expect_json 'list(d[0].keys())[:4]' "['id', 'uuid', 'title', 'body']"
expect_json 'd[0]["matches"]' \
    "[{'kind': 'note', 'field': None, 'at': '2026-11-20T10:00:00+08:00', 'text': 'The courier says the parcel was signed for by a neighbour'}]"
run status --search 签收 --format json
expect_rc 0
expect_json 'd[0]["matches"]' \
    "[{'kind': 'evidence', 'field': 'caption', 'at': '2026-11-20T10:00:00+08:00', 'text': '聊天记录截图：签收时间'}]"
run status --format json
expect_rc 0
expect_json '"matches" in d[0]' "False"

# A complaint's own text still matches, with no line under it.
run status --search 某某旗舰 --format json
expect_rc 0
expect_json '[(c["id"], c["matches"]) for c in d]' "[(1, [])]"
# Two characters of the name complained about, below the trigram's three, find it too.
run status --search 某某 --format json
expect_rc 0
expect_json '[c["id"] for c in d]' "[1]"

# Nothing found: nothing printed, exit 0.
run status --search 'no such words'
expect_rc 0
expect_out_empty

# Undo of the note: its event is cancelled, and a search no longer finds it; undo again redoes.
run note 2 'second call, agent 工号 5521 promised a refund'
expect_rc 0
run status --search 5521 --format json
expect_json '[c["id"] for c in d]' "[2]"
run undo
expect_rc 0
run status --search 5521
expect_rc 0
expect_out_empty
run status --search 'agent 工号' --format json
expect_json 'd' "[]"
run undo
expect_rc 0
run status --search 5521 --format json
expect_json '[c["id"] for c in d]' "[2]"
# Undo of an attach takes its evidence out of the search too.
printf 'photo\n' >破损照片.png
run attach 1 破损照片.png --caption '外箱压坏' --purpose '证明运输途中破损'
expect_rc 0
run status --search 压坏 --format json
expect_json '[c["id"] for c in d]' "[1]"
run status --search 运输途中 --format json
expect_json '[c["id"] for c in d]' "[1]"
run undo
expect_rc 0
run status --search 压坏 --format json
expect_json 'd' "[]"
run status --search 运输途中 --format json
expect_json 'd' "[]"

# Closed complaints with --all, as every filter.
run status 3 resolve
expect_rc 0
run status --search 运费自理 --format json
expect_json 'd' "[]"
run status --search 运费自理 --all --format json
expect_json '[c["id"] for c in d]' "[3]"

# Text that could be a query or SQL is only text.
run status --search '"工号 OR 1=1' --format json
expect_rc 0
expect_json 'd' "[]"
run status --search "'); DROP TABLE event; --" --format json
expect_rc 0
expect_json 'd' "[]"

# Control characters in a note reach the terminal shown, not obeyed.
run note 1 $'工号 7777 \e[31mred\e[0m'
expect_rc 0
run status --search 7777
expect_rc 0
expect_out '^[[31mred^[[0m'
[[ "$OUT" != *$'\e'* ]]; check $LINENO $? "an escape reached the terminal raw"

# Bad input: one character, invalid UTF-8: exit 2, one line, the store unchanged.
before=$(store_state)
run status --search 工
expect_rc 2
expect_err '--search 工: search for two characters or more'
expect_out_empty
run report --search x
expect_rc 2
expect_err 'two characters or more'
run status --search $'\xff\xfe'
expect_rc 2
expect_err '--search is not valid UTF-8'
[ "$(store_state)" = "$before" ]; check $LINENO $? "bad input changed the store"

# The index holds what the writes put there, and verify still passes.
run verify
expect_rc 0

# An import fills the index at its end, events and evidence, and leaves the triggers in place:
# a note written after it is found too.
run export -o all.jsonl
expect_rc 0
run --db "$WORK/imported.db" import all.jsonl
expect_rc 0
run --db "$WORK/imported.db" status --search '工号 8812' --format json
expect_json '[c["id"] for c in d]' "[1]"
run --db "$WORK/imported.db" status --search 签收时间 --format json
expect_json '[(c["id"], [m["field"] for m in c["matches"]]) for c in d]' "[(2, ['caption'])]"
run --db "$WORK/imported.db" status --search 5521 --format json
expect_json '[c["id"] for c in d]' "[2]"
run --db "$WORK/imported.db" status --search 未送达 --format json
expect_json '[(c["id"], [m["field"] for m in c["matches"]]) for c in d]' "[(2, ['purpose'])]"
run --db "$WORK/imported.db" status --search 已退回 --all --format json
expect_json '[(c["id"], [m["kind"] for m in c["matches"]]) for c in d]' "[(3, ['edited'])]"
run --db "$WORK/imported.db" note 3 'after the import: 工号 6060'
expect_rc 0
run --db "$WORK/imported.db" status --search 'after the import' --all --format json
expect_json '[c["id"] for c in d]' "[3]"
run --db "$WORK/imported.db" edit 3 --evidence "$(sha256sum 收据-退货.txt | cut -c1-8)" --purpose '证明商家已签收退货'
expect_rc 0
run --db "$WORK/imported.db" status --search 已签收退货 --all --format json
expect_json '[(c["id"], [m["kind"] for m in c["matches"]]) for c in d]' "[(3, ['edited'])]"

# The complaint's own text is indexed again when an edit changes it and when undo takes the
# edit back; a note, which leaves it as it was, keeps it found; verify finds the rows as the
# timelines make them.
run edit 3 --title 'Shoes half a size too small'
expect_rc 0
run status --search 'half a size' --all --format json
expect_json '[c["id"] for c in d]' "[3]"
run status --search 'Wrong size' --all --format json
expect_json '[c["id"] for c in d]' "[]"
run undo 3
expect_rc 0
run status --search 'Wrong size' --all --format json
expect_json '[c["id"] for c in d]' "[3]"
run status --search 'half a size' --all --format json
expect_json '[c["id"] for c in d]' "[]"
run note 3 'asked again'
expect_rc 0
run status --search 'Wrong size' --all --format json
expect_json '[c["id"] for c in d]' "[3]"
run verify
expect_rc 0

# A store of schema 1 (tests/data) is indexed by the migration: its old contact and caption.
sqlite3 "$WORK/v1.db" <"$SOURCE_DIR/tests/data/store-v1.sql" &&
    sqlite3 "$WORK/v1.db" 'PRAGMA user_version = 1'
run --db "$WORK/v1.db" status --search '工号 8812' --format json
expect_rc 0
expect_json '[(c["id"], [m["text"] for m in c["matches"]]) for c in d]' \
    "[(1, ['called the shop, 工号 8812 said wait'])]"
run --db "$WORK/v1.db" status --search 'the chat' --all --format json
expect_json '[(c["id"], [m["field"] for m in c["matches"]]) for c in d]' "[(1, ['caption'])]"
run --db "$WORK/v1.db" status --search 工号
expect_rc 0
expect_out '«工号»'
run --db "$WORK/v1.db" status --search 'not worth' --all --format json
expect_json '[c["id"] for c in d]' "[3]"

# A store of schema 5 (tests/data/store-v5.sql), made before purposes were searched, has them
# indexed by the migration: one given at attach, one said by an edit. What is attached after
# it is indexed by the new trigger.
sqlite3 "$WORK/v5.db" <"$SOURCE_DIR/tests/data/store-v5.sql" &&
    sqlite3 "$WORK/v5.db" 'PRAGMA user_version = 5'
run --db "$WORK/v5.db" status --search 卖家拒绝 --format json
expect_rc 0
expect_json '[(c["id"], [(m["field"], m["text"]) for m in c["matches"]]) for c in d]' \
    "[(1, [('purpose', '证明卖家拒绝退款')])]"
run --db "$WORK/v5.db" status --search 付款 --format json
expect_json '[(c["id"], [m["kind"] for m in c["matches"]]) for c in d]' "[(1, ['edited'])]"
[ "$(sqlite3 "$WORK/v5.db" 'PRAGMA user_version')" = 6 ]; check $LINENO $? "not upgraded"
run --db "$WORK/v5.db" attach 1 waybill.txt --purpose '证明物流停滞'
expect_rc 0
run --db "$WORK/v5.db" status --search 物流停滞 --format json
expect_json '[c["id"] for c in d]' "[1]"
run --db "$WORK/v5.db" verify
expect_rc 0
finish
