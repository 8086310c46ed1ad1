# `complain redact SHA`: the content goes for good and the file shrinks; the hash, size, name and
# a `redacted` event stay; verify accepts it; extracting or attaching it again is refused.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00
bytes() { local n=0 f; for f in "$DB" "$DB-wal"; do [ -f "$f" ] && n=$((n + $(stat -c %s "$f"))); done; echo $n; }

run file 'Wrong photo' --against 'Shop A'
run file 'Same photo, second complaint'
printf 'keep me\n' >note.txt
run attach 1 note.txt
empty=$(bytes)
head -c $((20 << 20)) /dev/urandom >private.bin
sha=$(sha256sum private.bin | cut -c1-64)
run attach 1 private.bin --caption 'not for the file'
expect_rc 0
run attach 2 private.bin
expect_rc 0
full=$(bytes)
[ "$full" -gt $((empty + (20 << 20))) ]; check $LINENO $? "the attach did not grow the store ($empty -> $full)"

# Prefixes: too short, ambiguous, unknown.
run redact "${sha:0:6}"
expect_rc 2
expect_err "at least 8 hex digits"
run redact 00000000
expect_rc 3
expect_err "no stored evidence"
run redact zzzzzzzz
expect_rc 2
# Two blobs sharing a prefix (made by hand in a copy: SHA-256 prefixes of 8 digits rarely meet).
cp "$DB" twins.db
sqlite3 twins.db "INSERT INTO blob (sha256, size, type, chunks) VALUES ('${sha:0:8}$(printf '0%.0s' $(seq 56))', 0, 'text/plain', 0)"
run --db twins.db redact "${sha:0:8}"
expect_rc 2
expect_err "is ambiguous"
expect_err "${sha:0:16}"
run --db twins.db redact "${sha:0:9}"
[ "$RC" = 0 ] || [ "${sha:8:1}" = 0 ]; check $LINENO $? "a longer prefix did not choose one ($RC)"

run redact "${sha:0:10}" -m 'Private photo, attached by mistake'
expect_rc 0
expect_out "Redacted ${sha:0:12} (20.0 MiB, application/octet-stream, private.bin)"
expect_out "recorded on complaints 1, 2"
expect_out "Store: "
expect_out "Backups and exports made before keep the content."
after=$(bytes)
[ "$after" -lt $((empty + (1 << 20))) ]
check $LINENO $? "the store did not shrink back: $empty before the attach, $full with it, $after after redact"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM chunk c JOIN blob b ON b.id = c.blob_id WHERE b.sha256 = '$sha'")" = 0 ]
check $LINENO $? "chunks of the redacted content are left"
[ "$(sqlite3 "$DB" "SELECT content, size FROM blob WHERE sha256 = '$sha'")" = "redacted|$((20 << 20))" ]
check $LINENO $? "the blob row does not say redacted with its size"

run verify
expect_rc 0
expect_out "1 redacted"
run verify --format json
expect_json 'd["ok"], d["redacted"], d["blobs"]' "(True, 1, 1)"

# The record stays: hash, name, size, caption; the timeline says what happened.
run attach 1 --list --format json
expect_json '[(e["name"], e["size"], e["sha256"] == "'"$sha"'", e["content"]) for e in d if e["name"] == "private.bin"]' \
    "[('private.bin', 20971520, True, 'redacted')]"
run attach 1 --list
expect_out "private.bin [redacted: content removed]"
run status 2 --format json
expect_json '[(e["kind"], e["text"]) for e in d["events"]][-1]' "('redacted', 'private.bin (sha256 ${sha:0:12}, 20.0 MiB): Private photo, attached by mistake')"
run status 1
expect_out "redacted"
expect_out "${sha:0:12}"
run report 1 --dossier
expect_rc 0
expect_out "content redacted"
expect_out "$sha"
run report 1 --dossier --format html
expect_rc 0

# Its content cannot come out; other evidence still does.
run attach 1 --extract "${sha:0:8}" -o out
expect_rc 3
expect_err "was redacted"
[ ! -e "out/private.bin" ]; check $LINENO $? "a redacted file was extracted"
run attach 1 --extract "${sha:0:8}" -o -
expect_rc 3
run attach 1 --extract all -o out
expect_rc 3
run attach 1 --extract "$(sha256sum note.txt | cut -c1-8)" -o out
expect_rc 0

# Attaching the same file again does not bring it back.
before=$(store_state)
run attach 1 private.bin
expect_rc 2
expect_err "was redacted"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a refused attach changed the store"

# Again: nothing to do.
run redact "$sha"
expect_rc 0
expect_out "was redacted already: nothing changed"
[ "$(store_state)" = "$before" ]; check $LINENO $? "a second redact changed the store"

# Undo passes over a redaction: the content cannot come back.
run undo --list --limit 1 --format json
expect_json 'd[0]["kinds"]' "['attached']"

# Busy: another process keeps the store from being compacted; the content goes all the same.
printf 'second secret\n' >secret.txt
secret=$(sha256sum secret.txt | cut -c1-64)
run attach 1 secret.txt
python3 - "$DB" "$WORK/reading" <<'PY' &
import sqlite3, sys, time, pathlib
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT count(*) FROM event").fetchone()
pathlib.Path(sys.argv[2]).touch()
time.sleep(8)
db.execute("COMMIT")
PY
reader=$!
wait_for "$WORK/reading"
run redact "${secret:0:8}"
expect_rc 0
expect_out "Redacted ${secret:0:12}"
[ "$(sqlite3 "$DB" "SELECT content FROM blob WHERE sha256 = '$secret'")" = redacted ]
check $LINENO $? "a busy store kept the content"
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
run verify
expect_rc 0

finish
