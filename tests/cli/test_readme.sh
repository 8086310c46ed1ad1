# README.md's Quick start installs exactly the packages that CI installs.
. "$(dirname "$0")/lib.sh"
readme_packages=$(grep -o 'apt-get install -y [^&]*' "$SOURCE_DIR/README.md" | head -1 | sed 's/apt-get install -y //' | tr ' ' '\n' | sed '/^$/d' | sort)
ci_packages=$(tr ' ' '\n' <"$SOURCE_DIR/.ci/packages" | sed '/^$/d' | sort)
[ -n "$ci_packages" ]; check $LINENO $? ".ci/packages is empty"
[ "$readme_packages" = "$ci_packages" ]
check $LINENO $? "README installs: $(echo $readme_packages); CI installs: $(echo $ci_packages)"
grep -q 'ctest --test-dir build' "$SOURCE_DIR/README.md"; check $LINENO $? "README does not run ctest"
grep -q 'ctest --test-dir build' "$SOURCE_DIR/.ci/run"; check $LINENO $? ".ci/run does not run ctest"
finish
