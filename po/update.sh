#!/bin/sh
# Collects the messages of the code into po/complain.pot and merges them into each language's
# catalogue (po/zh_CN.po), as translators expect. Run from anywhere; needs Debian's gettext.
#   po/update.sh          update complain.pot and every LANG.po
#   po/update.sh --pot F  write the template to F only (what tests/cli/test_po.sh does)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
pot=$root/po/complain.pot
only_pot=
if [ "${1-}" = --pot ]; then pot=$2; only_pot=1; fi
cd "$root"
# tr("...") and trf("...", ...) are the two ways code says a message; trf's is an fmt format
# string, which gettext knows as python-brace-format ({}, {0}, {:>5}) and msgfmt -c checks.
find src include -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort |
    xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=trf:1 --keyword=trc:1c,2 \
        --keyword=N_ --flag=trf:1:python-brace-format --add-comments=TRANSLATORS: \
        --package-name=complain --msgid-bugs-address=maintainers@complain.invalid --no-location --no-wrap --sort-output \
        --files-from=- --output="$pot"
[ -n "$only_pot" ] && exit 0
for po in po/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap --sort-output "$po" "$pot"
done
