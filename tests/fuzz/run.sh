#!/usr/bin/env bash
# Runs the job/workstream parser fuzz target for SECONDS (default 60) over the
# seed corpus in tests/fuzz/corpus, configuring and building build-fuzz with
# clang first if needed. Exits non-zero when libFuzzer finds a crash, a hang
# (-timeout), a memory blow-up (-rss_limit_mb) or a sanitizer report; the
# input is saved as build-fuzz/artifacts/crash-* (or timeout-*, oom-*).
# Reproduce one with: build-fuzz/tests/fuzz/fuzz_jobspec ARTIFACT
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ORCH_FUZZ_BUILD:-$root/build-fuzz}

if [[ ! -f $build/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DORCHESTRATOR_FUZZ=ON -DORCHESTRATOR_BUILD_GUI=OFF
fi
cmake --build "$build" --target fuzz_jobspec

# New inputs libFuzzer finds go to a working corpus, not into the seeds.
work=$build/fuzz-corpus
mkdir -p "$work" "$build/artifacts"
cd "$build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$build/tests/fuzz/fuzz_jobspec" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$build/artifacts/" -print_final_stats=1 \
    "$work" "$root/tests/fuzz/corpus"
