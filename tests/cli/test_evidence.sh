# Evidence: attach, list, extract byte for byte, dedup, hostile stored names, verify, bad input.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
sql() { sqlite3 "$DB" "$@"; }

run file 'Refund refused' --against Shop
expect_rc 0
# Four chunks, the last one short. The fixed start keeps libmagic from reading a type into random
# bytes (about 1 file in 100 would look like an MZ executable or a disk image).
{ printf 'video\0\0\0'; head -c 3499992 /dev/urandom; } >video.bin
printf '旺旺 chat: seller says no refund\n' >chat.txt
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x02\0\0\0\x90wS\xde' >shot.png
video_sha=$(sha256sum <video.bin | cut -c1-64)

# Attach: one line per file, content in the store, an "attached" event each.
run attach 1 video.bin chat.txt shot.png --caption 'What the seller said'
expect_rc 0
expect_out "Attached video.bin to complaint 1: sha256 ${video_sha:0:12}, 3.3 MiB, application/octet-stream"
expect_out 'Attached chat.txt to complaint 1'
expect_out 'image/png'
[ "$(sql 'SELECT count(*) FROM blob')" = 3 ]; check $LINENO $? "3 blobs stored"
[ "$(sql 'SELECT count(*) FROM chunk')" = 6 ]; check $LINENO $? "4 + 1 + 1 chunks stored"
run status 1 --format json
expect_json 'len(d["evidence"])' 3
expect_json 'd["evidence"][0]["sha256"]' "$video_sha"
expect_json 'd["evidence"][0]["size"]' 3500000
expect_json 'd["evidence"][0]["caption"]' 'What the seller said'
expect_json '[e["kind"] for e in d["events"]].count("attached")' 3
expect_json '[e["text"] for e in d["events"] if e["kind"] == "attached"][0]' \
    "video.bin (3.3 MiB, application/octet-stream, sha256 ${video_sha:0:12})"
run status 1
expect_out 'Evidence'
expect_out "${video_sha:0:12}"

# List: a table, and JSON with the fields of DESIGN.md.
run attach 1 --list
expect_rc 0
expect_out 'SHA256'
expect_out "${video_sha:0:12}  3.3 MiB"
expect_out 'shot.png'
run attach 1 --list --format json
expect_json '[list(e) for e in d][0]' "['sha256', 'size', 'type', 'name', 'caption', 'added', 'content', 'purpose']"
expect_json '[e["name"] for e in d]' "['video.bin', 'chat.txt', 'shot.png']"
expect_json 'd[2]["type"]' 'image/png'
expect_json 'd[0]["added"]' '2026-11-23T10:00:00+08:00'

# Extract: byte-identical, by prefix or all; never over an existing file without --force.
run attach 1 --extract "${video_sha:0:6}" -o one
expect_rc 0
expect_true cmp video.bin one/video.bin
[ "$(ls -A one)" = video.bin ]; check $LINENO $? "only the chosen file is written"
run attach 1 --extract all -o all
expect_rc 0
expect_true cmp video.bin all/video.bin
expect_true cmp chat.txt all/chat.txt
expect_true cmp shot.png all/shot.png
printf 'mine\n' >all/chat.txt.keep
cp all/chat.txt.keep all/chat.txt
run attach 1 --extract all -o all
expect_rc 2
expect_err 'already exists'
expect_err '--force'
expect_true cmp all/chat.txt all/chat.txt.keep
printf 'victim\n' >victim
rm all/shot.png
ln -s "$WORK/victim" all/shot.png # a symlink planted in the folder is replaced, not followed
[ -L all/shot.png ]; check $LINENO $? "no symlink planted"
run attach 1 --extract all -o all --force
expect_rc 0
expect_true cmp chat.txt all/chat.txt
[ ! -L all/shot.png ] && cmp -s shot.png all/shot.png; check $LINENO $? "symlink replaced by the file"
[ "$(cat victim)" = victim ]; check $LINENO $? "the symlink's target was written"
[ -z "$(find . -name '.complain-*')" ]; check $LINENO $? "temporary files left behind"
run attach 1 --extract ffff -o none
expect_rc 3
expect_err 'has no evidence ffff'
run attach 1 --extract 'xyz' -o none
expect_rc 2
run attach 1 --extract "${video_sha:0:6}"
expect_rc 2
expect_err '-o DIR'

# What extract creates is private, whatever the umask: folders 0700, files 0600. A folder that
# exists already is left as it is.
(umask 022 && "$COMPLAIN" attach 1 --extract all -o deep/er/case >/dev/null 2>&1)
check $LINENO $? "extract into new nested folders failed"
for d in deep deep/er deep/er/case; do
    [ "$(stat -c %a "$d")" = 700 ]; check $LINENO $? "$d is $(stat -c %a "$d"), expected 700"
done
for f in deep/er/case/*; do
    [ "$(stat -c %a "$f")" = 600 ]; check $LINENO $? "$f is $(stat -c %a "$f"), expected 600"
done
mkdir -m 755 shared
(umask 022 && "$COMPLAIN" attach 1 --extract "${video_sha:0:6}" -o shared >/dev/null 2>&1)
[ "$(stat -c %a shared)" = 755 ] && [ "$(stat -c %a shared/video.bin)" = 600 ]
check $LINENO $? "an existing folder was changed, or the file is not 0600"

# -o - is standard output: one file, byte for byte, and nothing else on it.
"$COMPLAIN" attach 1 --extract "${video_sha:0:6}" -o - >out.bin 2>"$WORK/stderr"
RC=$? ERR=$(cat "$WORK/stderr")
expect_rc 0
expect_err_empty
expect_true cmp video.bin out.bin
[ ! -e ./- ]; check $LINENO $? "-o - made a folder named -"
run attach 1 --extract all -o -
expect_rc 2
expect_err "-o - writes one file to standard output"
expect_out_empty
run attach 1 --extract "${video_sha:0:6}" -o - --format json
expect_rc 2

# The same content again: listed for a second complaint, stored once; not twice for the same one.
run file 'Second shop, same video'
before_bytes=$(sql 'SELECT sum(length(data)) FROM chunk')
cp video.bin same-content.bin
run attach 2 same-content.bin
expect_rc 0
expect_out 'content already in the store'
[ "$(sql 'SELECT count(*) FROM blob')" = 3 ]; check $LINENO $? "no new blob"
[ "$(sql 'SELECT sum(length(data)) FROM chunk')" = "$before_bytes" ]; check $LINENO $? "chunks grew"
run attach 2 --list --format json
expect_json 'd[0]["sha256"]' "$video_sha"
expect_json 'd[0]["name"]' 'same-content.bin'
run attach 1 video.bin
expect_rc 0
expect_err 'already has this content'
run status 1 --format json
expect_json '[e["kind"] for e in d["events"]].count("attached")' 3

# Hostile names, as a damaged or hand-edited store may hold them: all land inside the folder.
run file 'Hostile names'
chat_sha=$(sha256sum <chat.txt | cut -c1-64)
for name in "'../../escaped'" "'/etc/passwd'" "'a/b/c.txt'" "'..'" "'.'" "''" "'CON'" "'-rf'" \
    "'dup.txt'" "'dup.txt'" "CAST(X'6E756C00627974652E747874' AS TEXT)" "'esc' || char(27) || '[2J' || char(10) || '.txt'"; do
    sql "INSERT INTO evidence (complaint_id, sha256, name, caption, added)
         VALUES (3, '$chat_sha', $name, '', '2026-11-23T02:00:00Z')"
done
mkdir empty
run attach 3 --extract all -o empty
expect_rc 0
expect_out "Extracted empty/escaped (35 B, sha256 ${chat_sha:0:12}): stored as '../../escaped'"
[ "$(find empty -type f | wc -l)" = 12 ]; check $LINENO $? "12 files in the folder: $(find empty | tr '\n' ' ')"
[ "$(find empty -mindepth 1 -not -type f | wc -l)" = 0 ]; check $LINENO $? "only plain files, no folders"
[ ! -e escaped ] && [ ! -e "$WORK/../escaped" ]; check $LINENO $? "a file escaped the folder"
for f in empty/*; do cmp -s chat.txt "$f" || fail $LINENO "$f differs"; done
for f in escaped passwd c.txt _CON _rf dup.txt nul_byte.txt; do
    [ -f "empty/$f" ]; check $LINENO $? "empty/$f missing"
done
[ "$(ls empty | grep -c '^evidence-')" = 3 ]; check $LINENO $? "'..', '.' and '' become evidence-<sha>"
[ "$(ls empty | grep -c '^dup')" = 2 ]; check $LINENO $? "two dup.txt kept apart"
run attach 3 --list
expect_rc 0
[[ "$OUT" != *$'\e'* ]]; check $LINENO $? "an escape sequence in a name reaches the terminal"
expect_out 'esc^[[2J .txt' # shown in caret notation; the newline of a one-line cell is a space
run attach 3 --list --format json
expect_json 'd[10]["name"] == "nul\x00byte.txt"' True

# Bad input: nothing stored, a clear line, the documented code.
state=$(store_state)
printf 'good\n' >good.txt
run attach 1 good.txt missing.txt
expect_rc 3
expect_err 'missing.txt: no such file'
mkdir folder
run attach 1 good.txt folder
expect_rc 2
expect_err 'folder: is a directory'
mkfifo pipe
RC=$(timeout 10 "$COMPLAIN" attach 1 good.txt pipe 2>"$WORK/stderr" >/dev/null </dev/null; echo $?)
ERR=$(cat "$WORK/stderr")
expect_rc 2
expect_err 'pipe: is not a regular file'
run attach 1 good.txt "$DB"
expect_rc 2
expect_err "$DB: is the store itself"
run attach 1 /proc/self/status # says 0 bytes, reads more: a file that changes while it is read
expect_rc 6
expect_err 'changed while it was read'
if [ "$(id -u)" != 0 ]; then # root reads everything
    printf 'secret\n' >locked.txt
    chmod 000 locked.txt
    run attach 1 good.txt locked.txt
    expect_rc 3
    expect_err 'locked.txt: cannot read'
fi
run attach 99 good.txt
expect_rc 3
run attach 1 good.txt --list
expect_rc 2
run attach 1
expect_rc 2
[ "$(store_state)" = "$state" ]; check $LINENO $? "the store changed on bad input"

# Verify: healthy, then a changed chunk and a missing one, each named by complaint and file.
run verify
expect_rc 0
expect_out 'ok: store intact, 3 stored files'
sql "UPDATE chunk SET data = zeroblob(length(data)) WHERE seq = 2 AND blob_id = (SELECT id FROM blob WHERE sha256 = '$video_sha')"
run verify
expect_rc 6
expect_out "complaint 1: video.bin (sha256 ${video_sha:0:12}): content does not match its SHA-256"
expect_out "complaint 2: same-content.bin"
expect_err 'verify found 1 problem'
run verify --format json
expect_rc 6
expect_json 'd["ok"]' False
expect_json 'd["problems"][0]["evidence"][0]' "{'complaint': 1, 'name': 'video.bin'}"
mkdir damaged
run attach 1 --extract "${video_sha:0:8}" -o damaged
expect_rc 6
expect_err 'does not match its SHA-256'
[ -z "$(ls -A damaged)" ]; check $LINENO $? "a damaged file was extracted: $(ls -A damaged)"
sql "DELETE FROM chunk WHERE seq = 0 AND blob_id = (SELECT id FROM blob WHERE sha256 = '$chat_sha')"
run verify
expect_rc 6
expect_out "complaint 1: chat.txt (sha256 ${chat_sha:0:12}): evidence ${chat_sha:0:12} is missing chunk 0 of 1"
expect_out "complaint 3: dup.txt"

finish
