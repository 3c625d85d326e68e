#!/bin/sh
# Builds and runs one fuzz target for SECONDS under AddressSanitizer, from the committed seed corpus.
# New inputs go to Fuzz/.build/corpus-TARGET (not committed); crashes to Fuzz/.build/crash-TARGET-*.
# Usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options…]      e.g. Fuzz/run.sh zip 1800
set -eu
target=$1; seconds=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
binary="$root/Fuzz/.build/fuzz-$target"
# Built once (Fuzz/build.sh rebuilds after a change of the sources).
test -x "$binary" || "$root/Fuzz/build.sh" "$target" >/dev/null
work="$root/Fuzz/.build/corpus-$target"
mkdir -p "$work"
# rss_limit_mb: a case that needs more than 512 MB is a finding too (the issue's memory bound).
exec "$binary" "$work" "$root/Fuzz/corpus/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=512 \
    -timeout=10 -max_len=200000 -print_final_stats=1 -artifact_prefix="$root/Fuzz/.build/crash-$target-" "$@"
