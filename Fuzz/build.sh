#!/bin/sh
# Builds the libFuzzer targets (workbook, template, zip, classeur, deflate) with AddressSanitizer, straight with swiftc: the library
# targets they need are compiled as static modules into Fuzz/.build (the package's own build settings stay untouched).
# Usage: Fuzz/build.sh [TARGET…]   →  Fuzz/.build/fuzz-TARGET   (all of them when none is named)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Fuzz/.build"
targets=${*:-workbook template zip classeur deflate}
mkdir -p "$out/modules"
# A snapshot of the sources: editing them during the minutes of the build must not break it.
rm -rf "$out/src"
cp -R "$root/Sources" "$out/src"
common="-parse-as-library -O -g -swift-version 6 -package-name perfsociale -enable-testing
  -I $out/modules -I $root/Sources/CLibXML2 -I $root/Sources/CLibZip -I $root/Sources/CZlib -I $root/Sources/CCrypto
  -Xcc -I/usr/include/libxml2 -module-cache-path $out/module-cache"
quiet() { grep -v "Cannot export local symbol" >&2 || true; }
# The layers the targets reach, bottom to top (Package.swift's order).
for module in OfficePackaging FrenchFormatting Spreadsheet ODFTemplates TrainingWorkbook WorkbookSpreadsheet; do
    echo "module $module" >&2
    find "$out/src/$module" -name '*.swift' | sort > "$out/modules/$module.txt"
    # shellcheck disable=SC2086
    swiftc $common -sanitize=fuzzer,address -module-name "$module" -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
        -emit-library -static -o "$out/modules/lib$module.a" @"$out/modules/$module.txt" 2>&1 | quiet
done
for target in $targets; do
    test -f "$root/Fuzz/Targets/$target.swift" || { echo "cible inconnue : $target (workbook, template, zip, classeur, deflate)" >&2; exit 2; }
    echo "target $target" >&2
    # shellcheck disable=SC2086
    swiftc $common -sanitize=fuzzer,address -module-name "Fuzz_$target" "$root/Fuzz/Targets/$target.swift" \
        "$out/modules/libWorkbookSpreadsheet.a" "$out/modules/libTrainingWorkbook.a" "$out/modules/libODFTemplates.a" \
        "$out/modules/libSpreadsheet.a" "$out/modules/libFrenchFormatting.a" \
        "$out/modules/libOfficePackaging.a" -lxml2 -lzip -lz -lcrypto -o "$out/fuzz-$target" 2>&1 | quiet
    test -x "$out/fuzz-$target"
    echo "$out/fuzz-$target"
done
