# Every C++ file reads as .clang-format lays it out: `clang-format --dry-run` has nothing to change.
# To fix: find src include tests -name '*.[ch]pp' | xargs clang-format -i
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
OUT="" ERR=""
command -v clang-format >/dev/null
check $LINENO $? "clang-format is not installed (README.md's Quick start installs it)"
mapfile -t files < <(cd "$SRC" && find src include tests -name '*.cpp' -o -name '*.hpp' | sort)
[ "${#files[@]}" -gt 50 ]; check $LINENO $? "found only ${#files[@]} C++ files under $SRC"
unformatted=$(cd "$SRC" && clang-format --dry-run "${files[@]}" 2>&1 | grep -E '^[^:]+:[0-9]+:[0-9]+: warning' | cut -d: -f1 | sort -u)
[ -z "$unformatted" ]
check $LINENO $? "not formatted by .clang-format:"$'\n'"$unformatted"
finish
