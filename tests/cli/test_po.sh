# The catalogues of po/: every message in the code has a translation, every translation formats
# the same arguments as its English, and the checker itself catches both faults.
. "$(dirname "$0")/lib.sh"

# The messages of the code as they are now, not as po/complain.pot last recorded them.
"$SOURCE_DIR/po/update.sh" --pot "$WORK/code.pot" 2>"$WORK/xgettext.err"
check $LINENO $? "po/update.sh could not collect the messages: $(cat "$WORK/xgettext.err")"
[ "$(grep -c '^msgid' "$WORK/code.pot")" -gt 300 ]
check $LINENO $? "fewer messages collected than the code has: is tr()/trf() still the keyword?"

for po in "$SOURCE_DIR"/po/*.po; do
    OUT=$(python3 "$SOURCE_DIR/po/check.py" "$po" "$WORK/code.pot" 2>&1)
    check $LINENO $? "$(basename "$po"): $(printf '%s\n' "$OUT" | head -20)"
    msgfmt --check --output-file=/dev/null "$po" 2>"$WORK/msgfmt.err"
    check $LINENO $? "msgfmt --check $(basename "$po"): $(cat "$WORK/msgfmt.err")"
done

# The checker fails on a message left untranslated, and on placeholders that differ.
cat >"$WORK/bad.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "Noted on complaint {} ({}, {})"
msgstr "已记录到投诉 {}（{}）"

msgid "Copied {} complaint{}"
msgstr "已复制 {0} 件投诉"

msgid "Moved {} to {}"
msgstr "{1} 从 {0}"

msgid "{} {}: {} in calendar {}"
msgstr "{} {}：在日历 {3} 中为{2}"
PO
cat >"$WORK/bad.pot" <<'PO'
msgid "Noted on complaint {} ({}, {})"
msgstr ""

msgid "Not translated at all"
msgstr ""
PO
OUT=$(python3 "$SOURCE_DIR/po/check.py" "$WORK/bad.po" "$WORK/bad.pot")
RC=$?
expect_rc 1
expect_out "not translated: 'Not translated at all'"
expect_out "placeholders differ: 'Noted on complaint {} ({}, {})'"
# fmt refuses {} and {3} in one string: the translation would not format at all.
expect_out "fmt numbers all or none in the translation of '{} {}: {} in calendar {}'"
# A plural ending left out and arguments reordered are what translations may do.
expect_out_not "Copied"
expect_out_not "Moved"

finish
