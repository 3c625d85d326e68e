#!/usr/bin/env bash
# Generates the built-in example and the shared example workbook, then runs the shared checkers on every file.
set -euo pipefail
BIN=$1; SHARED=$2; CHECKS=$SHARED/checks
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
fail=0
check_dir() {
    for f in "$1"/*; do
        case "$f" in
            *.odt|*.ods) "$CHECKS/odf_check.sh" "$f" -q >/dev/null 2>&1 || { echo "FAIL odf_check $f"; "$CHECKS/odf_check.sh" "$f" | tail -5; fail=1; } ;;
            *.xlsx) python3 "$CHECKS/xlsx_check.py" "$f" -q >/dev/null 2>&1 || { echo "FAIL xlsx_check $f"; python3 "$CHECKS/xlsx_check.py" "$f" | tail -5; fail=1; }
                    python3 "$CHECKS/recalc_check.py" "$f" >/dev/null 2>&1 || { echo "FAIL recalc_check $f"; python3 "$CHECKS/recalc_check.py" "$f" | tail -5; fail=1; } ;;
        esac
        case "$f" in
            *.ods) python3 "$CHECKS/recalc_check.py" "$f" >/dev/null 2>&1 || { echo "FAIL recalc_check $f"; python3 "$CHECKS/recalc_check.py" "$f" | tail -5; fail=1; } ;;
        esac
        case "$f" in
            *.ods|*.xlsx) python3 "$CHECKS/gnumeric_check.py" "$f" >/dev/null 2>&1 || { echo "FAIL gnumeric_check $f"; python3 "$CHECKS/gnumeric_check.py" "$f" | tail -5; fail=1; } ;;
        esac
    done
}
"$BIN" generate --output "$WORK/builtin" --spreadsheet both --quiet
check_dir "$WORK/builtin"
"$BIN" generate "$SHARED/workbook-example.json" --output "$WORK/shared" --spreadsheet both --quiet
check_dir "$WORK/shared"
n=$(find "$WORK" -name '*.od?' -o -name '*.xlsx' | wc -l)
[ "$fail" = 0 ] || { echo "FAIL: generated files do not pass the shared checkers"; exit 1; }
echo "OK: $n generated files pass odf_check, xlsx_check, recalc_check and gnumeric_check"
