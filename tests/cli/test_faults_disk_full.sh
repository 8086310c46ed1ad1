# A full disk, made with a small tmpfs (so only as root): read-only commands still work; a write
# that does not fit says "disk full: nothing was written" (or "the disk is full: ..."), exits 74 and leaves the store as it
# was; once there is room again, writes work and the store verifies.
. "$(dirname "$0")/lib.sh"
export COMPLAIN_NOW=2026-11-23T10:00:00+08:00

mnt="$WORK/small"
mkdir "$mnt"
if [ "$(id -u)" != 0 ]; then
    echo "skipped: a full disk needs a tmpfs of its own, which only root may mount"
    finish
fi
if ! mount -t tmpfs -o size=6m,mode=0700 tmpfs "$mnt" 2>"$WORK/mount.err"; then
    echo "skipped: mount -t tmpfs failed: $(cat "$WORK/mount.err")"
    finish
fi
trap 'umount "$mnt" 2>/dev/null || umount -l "$mnt"; rm -rf "$WORK"' EXIT
DB="$mnt/complain.db"
export COMPLAIN_DB=$DB
# The store's content, read from a copy outside the full disk.
snapshot() {
    rm -rf "$WORK/copy"
    mkdir "$WORK/copy"
    cp "$mnt"/complain.db* "$WORK/copy/"
    sqlite3 "$WORK/copy/complain.db" .dump | sha256sum
}

run file 'refund refused' --at 2026-11-13T10:00:00+08:00
run note 1 'asked again'
echo 'the seller refused in the chat' >chat.txt
run attach 1 chat.txt
expect_rc 0
before=$(snapshot)

# Fill the disk to the last block.
head -c 16M /dev/zero >"$mnt/filler" 2>/dev/null
[ "$(df --output=avail -B1 "$mnt" | tail -1 | tr -d ' ')" = 0 ]
check $LINENO $? "the tmpfs is not full: $(df -h "$mnt" | tail -1)"

readers() {
    local reader args
    for reader in 'status' 'status 1' 'report' 'report --overdue' 'verify' 'attach 1 --list'; do
        read -ra args <<<"$reader"
        run "${args[@]}"
        [ "$RC" = 0 ]; check "${BASH_LINENO[0]}" $? "disk full: $reader exited $RC"
        [ -n "$OUT" ]; check "${BASH_LINENO[0]}" $? "disk full: $reader printed nothing"
    done
}
readers

# writes: a complaint, a note with a long text, evidence larger than the disk.
head -c 1000000 /dev/urandom >video.mp4
text=$(head -c 90000 /dev/urandom | base64 -w0)
for writer in file note attach; do
    case $writer in
    file) run file 'a complaint that does not fit' ;;
    note) run note 1 "$text" ;;
    attach) run attach 1 video.mp4 ;;
    esac
    [ "$RC" = 74 ]; check $LINENO $? "disk full: $writer exited $RC, not 74"
    [[ "$ERR" == *"full: nothing was written"* ]]
    check $LINENO $? "disk full: $writer did not say 'disk full: nothing was written'"
done
readers
[ "$(snapshot)" = "$before" ]; check $LINENO $? "a write on the full disk changed the store"

# Room again: everything works.
rm "$mnt/filler"
[ "$(snapshot)" = "$before" ]; check $LINENO $? "a write on the full disk changed the store"
run note 1 'the disk has room again'
expect_rc 0
head -c 100000 /dev/urandom >photo.jpg
run attach 1 photo.jpg
expect_rc 0
run verify
expect_rc 0
expect_out 'ok: store intact, 2 stored files'
finish
