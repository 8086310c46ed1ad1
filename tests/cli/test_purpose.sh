# What evidence proves (证明目的): given at attach, listed, said anew by edit (undo takes it back),
# kept by export and import, and written into the letter's evidence list and the dossier.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
sql() { sqlite3 "$DB" "$@"; }

run file 'Refund refused' --against Shop
expect_rc 0
printf '旺旺 chat: seller says no refund\n' >chat.txt
printf 'order 12345, paid 199.00\n' >order.txt
chat_sha=$(sha256sum <chat.txt | cut -c1-64)
order_sha=$(sha256sum <order.txt | cut -c1-64)

run attach 1 chat.txt --caption '聊天记录' --purpose '证明商家拒绝退款'
expect_rc 0
run attach 1 order.txt --caption '订单页面'
expect_rc 0
run attach 1 --list
expect_rc 0
expect_out 'PURPOSE'
expect_out '证明商家拒绝退款'
run attach 1 --list --format json
expect_json '[(e["name"], e["purpose"]) for e in d]' "[('chat.txt', '证明商家拒绝退款'), ('order.txt', '')]"
run attach 1 --list --format csv
expect_out 'sha256,size,type,added,name,caption,content,purpose'
expect_out ',kept,证明商家拒绝退款'
# --purpose goes with files.
run attach 1 --list --purpose x
expect_rc 2

# Said later by edit, naming the evidence by a SHA-256 prefix as --extract does.
run edit 1 --evidence "${order_sha:0:8}" --purpose '证明订单金额 199 元'
expect_rc 0
expect_out "Complaint 1: purpose of order.txt (sha256 ${order_sha:0:12}): (none) -> 证明订单金额 199 元"
run attach 1 --list --format json
expect_json '[e["purpose"] for e in d]' "['证明商家拒绝退款', '证明订单金额 199 元']"
run status 1 --format json
expect_json 'd["evidence"][1]["purpose"]' '证明订单金额 199 元'
expect_json '[e["field"] for e in d["events"] if e["kind"] == "edited"]' "['purpose:$order_sha']"
run status 1
expect_out '(proves: 证明订单金额 199 元)'
# The same purpose again changes nothing; a second one replaces it, and undo brings back the first.
run edit 1 --evidence "${order_sha:0:8}" --purpose '证明订单金额 199 元'
expect_rc 0
expect_out 'Complaint 1: nothing changed'
run edit 1 --evidence "${order_sha:0:8}" --purpose '证明已付款'
expect_rc 0
# undo names the file whose purpose it takes back, not the SHA-256 of the field.
run undo --list --limit 1
expect_out 'edited purpose of order.txt'
expect_out_not "purpose:$order_sha"
run undo 1
expect_rc 0
expect_out 'Took back on complaint 1: edited purpose of order.txt'
run attach 1 --list --format json
expect_json 'd[1]["purpose"]' '证明订单金额 199 元'
run verify
expect_rc 0

# Bad input: nothing written.
before=$(store_state)
run edit 1 --purpose 'no evidence named'
expect_rc 2
expect_err '--evidence and --purpose go together'
run edit 1 --evidence "${order_sha:0:8}"
expect_rc 2
run edit 1 --evidence ffffffff --purpose x
expect_rc 3
run edit 1 --evidence zz --purpose x
expect_rc 2
# One piece of evidence takes a purpose: "all", which --extract takes, is not offered.
run edit 1 --evidence all --purpose x
expect_rc 2
expect_err "'all' is not a SHA-256 prefix: give at least 4 hex digits"
[[ "$ERR" != *"or all"* ]]; check $LINENO $? "edit --evidence offers all"
run file 'Other' --against Shop
[ "$(store_state)" != "$before" ]; check $LINENO $? "filing changed nothing"
before=$(store_state)
run edit 1 2 --evidence "${order_sha:0:8}" --purpose x
expect_rc 2
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused edit changed the store"

# The letter's evidence list says what each piece proves: the purpose, else the caption.
run letter 1 --to 12315 --template 12315-complaint --dry-run
expect_rc 0
expect_out '证明商家拒绝退款'
expect_out '证明订单金额 199 元'
# The dossier lists it beside the caption.
run report 1 --dossier
expect_rc 0
expect_out 'Proves'
expect_out '证明商家拒绝退款'
expect_out '证明订单金额 199 元'

# Export and import keep it: the purpose given at attach, and the edit as an event.
run export -o all.jsonl
expect_rc 0
grep -q '"purpose":"证明商家拒绝退款"' all.jsonl; check $LINENO $? "the export lacks the purpose"
run --db "$WORK/other.db" import all.jsonl
expect_rc 0
run --db "$WORK/other.db" attach 1 --list --format json
expect_json '[e["purpose"] for e in d]' "['证明商家拒绝退款', '证明订单金额 199 元']"
run --db "$WORK/other.db" verify
expect_rc 0
# An export written before evidence had a purpose still imports, with none.
sed 's/,"purpose":"[^"]*"//' all.jsonl >old.jsonl
run --db "$WORK/old.db" import old.jsonl
expect_rc 0
run --db "$WORK/old.db" attach 1 --list --format json
expect_json '[e["purpose"] for e in d]' "['', '证明订单金额 199 元']"
finish
