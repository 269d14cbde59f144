#!/usr/bin/env python3
"""Benchmarks witgen against the reference tool (wasm-tools) in the same run.

usage: bench.py [--witgen PATH] [--wasm-tools PATH] [--n N] [--runs R] [--cold-build]

Prints, for a synthetic package of N interfaces (~3 MB) and of 10*N:
  - `witgen json` vs `wasm-tools component wit --json`: best-of-R seconds,
    MB/s, the throughput ratio, and peak memory (max RSS) of each;
  - witgen's linearity (time at 10*N over 10 times the time at N);
  - generating Swift (`witgen generate --only swift`) vs the front end alone
    (`witgen check`) on the same input;
and for the project's Interfaces/: `witgen generate` end to end vs the
reference printing the same package (`wasm-tools component wit Interfaces`).
With --cold-build, first: the time of `swift build -c release --product witgen`
from nothing (a fresh build folder), the figure the 60 s goal is about.
Times are wall-clock seconds of whole processes, best of R runs; ratios come
from the same run on the same machine.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(command, runs, cwd=None):
    """Best wall time and the max RSS (KiB) over `runs` runs of a command."""
    best, peak = None, 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            sys.exit(f"benchmark command failed ({status}): {' '.join(command)}\n{process.stderr.read().decode()}")
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, usage.ru_maxrss)
    return best, peak


def size_mb(folder):
    return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 1e6


def cold_build():
    """Times a release build of the witgen product in an empty build folder (the cold build)."""
    build = tempfile.mkdtemp(prefix="witgen-cold-build-")
    try:
        start = time.perf_counter()
        subprocess.run(["swift", "build", "-c", "release", "--product", "witgen", "--build-path", build],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"cold `swift build -c release --product witgen`: {time.perf_counter() - start:.1f} s")
    finally:
        shutil.rmtree(build, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--witgen", default=os.path.join(ROOT, ".build/release/witgen"))
    parser.add_argument("--wasm-tools", default=None)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-build", action="store_true", help="also time a release build of witgen from nothing")
    args = parser.parse_args()
    if args.cold_build:
        cold_build()
    if not os.access(args.witgen, os.X_OK):
        sys.exit(f"witgen not found at {args.witgen}: build it with `swift build -c release`")
    wasm_tools = args.wasm_tools or subprocess.check_output([os.path.join(ROOT, ".ci/install-tools")], text=True).strip()

    work = tempfile.mkdtemp(prefix="witgen-bench-")
    try:
        print(f"{'input':>12} {'MB':>6} | {'witgen s':>8} {'MB/s':>6} {'RSS MB':>6} | {'reference s':>11} {'MB/s':>6} {'RSS MB':>6} | ratio")
        times = {}
        for n in (args.n, 10 * args.n):
            folder = os.path.join(work, f"n{n}")
            subprocess.check_call([sys.executable, os.path.join(HERE, "generate_wit.py"), str(n), folder])
            mb = size_mb(folder)
            ours, our_rss = measure([args.witgen, "json", folder], args.runs)
            theirs, their_rss = measure([wasm_tools, "component", "wit", "--json", folder], args.runs)
            times[n] = (ours, folder, mb)
            print(f"{'N=' + str(n):>12} {mb:6.1f} | {ours:8.3f} {mb / ours:6.1f} {our_rss / 1024:6.0f} | "
                  f"{theirs:11.3f} {mb / theirs:6.1f} {their_rss / 1024:6.0f} | {theirs / ours:5.2f}x")
        (t1, _, _), (t10, _, _) = times[args.n], times[10 * args.n]
        print(f"linearity: time(10N) / (10 * time(N)) = {t10 / (10 * t1):.2f} (1.00 is linear)")

        ours, folder, mb = times[args.n]
        # The front end and the Swift back end in alternating runs, so that a noisy neighbour
        # slows both alike. One output file, so that the figure is the generator's work
        # rather than the file system's.
        out = os.path.join(work, "out")
        front, swift_best = None, None
        for _ in range(args.runs):
            elapsed, _ = measure([args.witgen, "check", folder], 1)
            front = elapsed if front is None else min(front, elapsed)
            shutil.rmtree(out, ignore_errors=True)
            elapsed, _ = measure([args.witgen, "generate", "--input", folder, "--output", out, "--only", "swift",
                                  "--single-file", "Bindings.swift"], 1)
            swift_best = elapsed if swift_best is None else min(swift_best, elapsed)
        print(f"N={args.n}: front end (check) {front:.3f} s; generate --only swift --single-file {swift_best:.3f} s; "
              f"Swift back end alone ~{swift_best - front:.3f} s = {(swift_best - front) / front:.2f}x the front end")

        # Milliseconds each: many alternating rounds, best of each and the median of the
        # per-round ratios.
        interfaces = os.path.join(ROOT, "Interfaces")
        generate_out = os.path.join(work, "generated")
        gen_times, ref_times = [], []
        for _ in range(20 * args.runs):
            shutil.rmtree(generate_out, ignore_errors=True)
            gen_times.append(measure([args.witgen, "generate", "--input", interfaces, "--output", generate_out], 1)[0])
            ref_times.append(measure([wasm_tools, "component", "wit", interfaces], 1)[0])
        ratios = sorted(g / r for g, r in zip(gen_times, ref_times))
        gen_best, ref = min(gen_times), min(ref_times)
        print(f"Interfaces/ ({len(ratios)} alternating rounds): witgen generate {gen_best * 1000:.2f} ms vs reference "
              f"printing {ref * 1000:.2f} ms (best of each) = {gen_best / ref:.2f}x; median per-round ratio "
              f"{ratios[len(ratios) // 2]:.2f}x")
        # The usual case after editing a spec: the output folder exists and is up to date,
        # so generate reads and compares every file and writes none.
        gen_times, ref_times = [], []
        for _ in range(20 * args.runs):
            gen_times.append(measure([args.witgen, "generate", "--input", interfaces, "--output", generate_out], 1)[0])
            ref_times.append(measure([wasm_tools, "component", "wit", interfaces], 1)[0])
        ratios = sorted(g / r for g, r in zip(gen_times, ref_times))
        gen_best, ref = min(gen_times), min(ref_times)
        print(f"Interfaces/, output up to date: witgen generate {gen_best * 1000:.2f} ms vs reference {ref * 1000:.2f} ms "
              f"= {gen_best / ref:.2f}x; median per-round ratio {ratios[len(ratios) // 2]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
