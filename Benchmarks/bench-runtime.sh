#!/usr/bin/env bash
# Builds Benchmarks/RuntimeBench in release next to a `witgen` link to this
# checkout and runs it: the runtime against raw Glibc on loopback, same run.
# Arguments name the benchmarks to run (default: all); an unknown name lists them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$root" "$work/witgen"
cp -R "$root/Benchmarks/RuntimeBench" "$work/bench"
cd "$work/bench"
swift build -c release > build.log 2>&1 || { grep -E "error|warning" -A4 build.log | head -n 40; exit 1; }
tail -n 1 build.log
.build/release/RuntimeBench "$@"
