#!/usr/bin/env python3
"""Evaluations to target per strategy and task: trains every config/strategies/*.json
matching the filters with seeds 1-5 and prints a Markdown table (solved runs, median and
range of the summary's `evaluations`).

usage: scripts/strategy_table.py [--seeds 1-5] [--jobs 2] [--es-seed CMD] [NAME-FILTER ...]
"""
import argparse, concurrent.futures, glob, json, os, shlex, statistics, subprocess, sys, tempfile

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", default="1-5")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--es-seed", default="dotnet src/Es.Seed/bin/Release/net10.0/es-seed.dll")
    p.add_argument("filters", nargs="*")
    a = p.parse_args()
    first, last = (int(x) for x in a.seeds.split("-"))
    configs = sorted(c for c in glob.glob("config/strategies/*.json")
                     if not a.filters or any(f in os.path.basename(c) for f in a.filters))
    root = tempfile.mkdtemp(prefix="strategy-table-")
    jobs = [(c, s) for c in configs for s in range(first, last + 1)]

    def run(job):
        config, seed = job
        name = os.path.basename(config)[:-5]
        run_dir = os.path.join(root, f"{name}-s{seed}")
        cmd = shlex.split(a.es_seed) + ["train", config, "--seed", str(seed), "--run-dir", run_dir, "--workers", "1"]
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        summary = json.load(open(os.path.join(run_dir, "summary.json"))) if rc == 0 else {}
        return name, seed, rc, summary

    results = {}
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for name, seed, rc, s in pool.map(run, jobs):
            results.setdefault(name, []).append((seed, rc, s))
            print(f"{name} seed {seed}: rc {rc} solved {s.get('solved')} evaluations {s.get('evaluations')} theta {str(s.get('theta_sha256'))[:12]}", file=sys.stderr, flush=True)

    print("| strategy | task | solved | evaluations to target: median (min–max) |")
    print("|---|---|---|---|")
    for name, runs in sorted(results.items()):
        strategy, task = name.rsplit("-", 1)
        solved = [s["evaluations"] for _, rc, s in runs if rc == 0 and s.get("solved")]
        span = f"{int(statistics.median(solved))} ({min(solved)}–{max(solved)})" if solved else "—"
        print(f"| {strategy} | {task} | {len(solved)}/{len(runs)} | {span} |")

main()
