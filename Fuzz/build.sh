#!/bin/sh
# Builds one libFuzzer target (workbook, template or zip) with AddressSanitizer: the library's sources and the
# target compiled together as one module, straight with swiftc (the package's own build settings stay untouched).
# Usage: Fuzz/build.sh TARGET  →  Fuzz/.build/fuzz-TARGET
set -eu
target=$1
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Fuzz/.build"
mkdir -p "$out"
test -f "$root/Fuzz/Targets/$target.swift" || { echo "cible inconnue : $target (workbook, template, zip)" >&2; exit 2; }
# A snapshot of the sources: editing them during the few minutes of the build must not break it.
rm -rf "$out/src-$target"
cp -R "$root/Sources/PerfSociale" "$out/src-$target"
find "$out/src-$target" -name '*.swift' | sort > "$out/sources-$target.txt"
swiftc -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 \
    -module-name PerfSociale \
    -I "$root/Sources/CLibXML2" -I "$root/Sources/CLibZip" -I "$root/Sources/CZlib" -I "$root/Sources/CCrypto" \
    -Xcc -I/usr/include/libxml2 \
    -module-cache-path "$out/module-cache" \
    @"$out/sources-$target.txt" "$root/Fuzz/Targets/$target.swift" \
    -o "$out/fuzz-$target" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
test -x "$out/fuzz-$target"
echo "$out/fuzz-$target"
