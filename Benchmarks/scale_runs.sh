#!/bin/bash
# Runs `perfsociale generate` on one workbook with each binary given, in turn, RUNS times: the machine's drift (this
# shared VM varies by 20 % within an hour) then hits every binary alike. Prints wall, CPU and peak memory per run.
# Usage: Benchmarks/scale_runs.sh WORKBOOK RUNS BINARY [BINARY…]   (outputs go to /dev/shm, removed after each run)
#   python3 Benchmarks/make_trainees.py 100000 /dev/shm/t100k.json
#   Benchmarks/scale_runs.sh /dev/shm/t100k.json 3 ./old-perfsociale .build/release/perfsociale
set -eu
workbook=$1; runs=$2; shift 2
out=/dev/shm/perfsociale-scale-run
for i in $(seq "$runs"); do
  for binary in "$@"; do
    rm -rf "$out"
    /usr/bin/time -f "$binary run $i: %e s wall, %U s user + %S s system, peak %M kB" \
      "$binary" generate "$workbook" --output "$out" --quiet 2>&1 | tail -1
    rm -rf "$out"
    sleep 3
  done
done
