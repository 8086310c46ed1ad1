#!/usr/bin/env bash
# Import and export at scale: generates an export of COMPLAINTS complaints (default 100000) with
# EVENTS events each (default 10: a filing and nine notes, edits and state changes; Chinese
# titles), imports it into a fresh store, imports it again (nothing new), exports the store and
# checks the export equals the file imported (byte for byte). Prints time and peak RSS of each.
# Usage: bench/import.sh [path/to/complain]   (an optimized build)
# Target (issue 12): import of 100k complaints / 1M events under 10 s with peak RSS under
# 64 MiB; export at least as fast.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
COMPLAIN=$(realpath "${1:-build/complain}")
COMPLAINTS=${COMPLAINTS:-100000}
EVENTS=${EVENTS:-10}
for tool in /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "bench/import.sh needs $tool" >&2; exit 2; }
done
# The store on the same disk as the working tree: /tmp may be a RAM disk.
WORK=$(mktemp -d "${BENCH_DIR:-$PWD}/bench-import.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export HOME="$WORK/home" COMPLAIN_DB="$WORK/store.db" TZ=UTC
mkdir -p "$HOME"

python3 "$HERE/gen_export.py" "$COMPLAINTS" "$EVENTS" >export.jsonl
echo "complain $("$COMPLAIN" --version | cut -d' ' -f2), $(nproc) cores;" \
    "export of $COMPLAINTS complaints, $(grep -c '"type":"event"' export.jsonl) events," \
    "$(($(stat -c %s export.jsonl) >> 20)) MiB"
echo

# measure LABEL COMMAND...: wall time and peak RSS of one run.
measure() {
    local label=$1
    shift
    /usr/bin/time -f '%e %M' -o time.txt "$@" >out.txt
    read -r secs kib <time.txt
    printf '%-28s %6.2f s   peak RSS %5.1f MiB   $ %s\n' "$label" "$secs" \
        "$(awk "BEGIN { print $kib / 1024 }")" "$*"
}
measure "import (fresh store):" "$COMPLAIN" import export.jsonl
tail -1 out.txt
measure "import again (nothing new):" "$COMPLAIN" import export.jsonl
tail -1 out.txt
measure "export:" "$COMPLAIN" export -o again.jsonl
cmp -s export.jsonl again.jsonl && echo "export equals the file imported: yes" ||
    echo "export equals the file imported: NO"
measure "export to a pipe:" sh -c "'$COMPLAIN' export | wc -c"
measure "verify:" "$COMPLAIN" verify
echo "store: $(($(stat -c %s store.db) >> 20)) MiB"
