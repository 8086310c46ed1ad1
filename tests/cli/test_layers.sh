# The layers of ARCHITECTURE.md, checked in the source: each folder includes only the layers below
# it; SQLite only in store/; the environment read only by src/environment.cpp and the clock only by
# the session; colour codes only in output/.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 70
OUT="" ERR="" # what fail() shows: nothing runs the binary here
[ -d src/store ] && [ -d include/complain ] || { echo "no source tree at $SRC" >&2; exit 70; }

# layer FOLDER ALLOWED...: the complain headers that files of FOLDER (src/ and include/) include
# name only the ALLOWED layers (folders of include/complain/, or top-level headers such as
# error.hpp).
layer() {
    local folder=$1 line=${BASH_LINENO[0]}
    shift
    local allowed="$folder $*" bad=""
    while IFS= read -r hit; do
        local target=${hit#*\"complain/}
        target=${target%%\"*}
        local top=${target%%/*}
        [ "$top" = "$target" ] && top=${target%.hpp}
        [[ " $allowed " == *" $top "* ]] || bad+="$hit"$'\n'
    done < <(grep -rn '#include "complain/' "src/$folder" "include/complain/$folder" 2>/dev/null)
    [ -z "$bad" ]
    check "$line" $? "$folder/ includes a layer above it or beside it:"$'\n'"$bad"
}
# error.hpp and i18n.hpp (the language of messages) are below every layer.
layer domain error i18n
layer store domain error i18n
layer config domain error environment i18n
layer output domain error environment i18n
layer app domain store config output error environment i18n
layer commands app domain config output store error environment i18n

# absent PATTERN WHERE... [-- EXCEPT...]: PATTERN (an extended regex) appears in no file under
# WHERE but under the EXCEPT paths.
absent() {
    local pattern=$1 line=${BASH_LINENO[0]} where=() except=() hits="" hit path skip
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do where+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    except=("$@")
    while IFS= read -r hit; do
        path=${hit%%:*}
        skip=0
        for e in "${except[@]}"; do [[ "$path" == "$e" || "$path" == "$e"/* ]] && skip=1; done
        [ "$skip" = 1 ] || hits+="$hit"$'\n'
    done < <(grep -rnE "$pattern" "${where[@]}")
    [ -z "$hits" ]
    check "$line" $? "'$pattern' found where it does not belong:"$'\n'"$hits"
}
absent '#include <(SQLiteCpp|sqlite3)' src include -- src/store include/complain/store
absent 'getenv\(' src include -- src/environment.cpp
# (UUIDs read the real clock for their time order: src/domain/history.cpp.)
absent 'system_clock::now|time\(nullptr\)|\bgettimeofday\b|clock_gettime' src include -- src/app/session.cpp \
    src/domain/history.cpp
absent '\\x1b|\\033|\\e\[' src/app src/commands src/store src/config src/domain include
# Commands go through app/: no store access of their own.
absent '\.store\(Store::Access|\.db\(\)' src/commands

finish
