#!/usr/bin/env bash
# Trains every shipped configuration and prints whether it reached its threshold, in how
# many generations and how much wall time (the table CONTRIBUTING.md asks to keep true).
# Usage: bash scripts/solve-all.sh [OUT_DIR]   (one run at a time; takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
dotnet build src/Es.Seed -c Release -v quiet -nologo >/dev/null
printf '%-30s %-7s %-11s %-9s %s\n' config solved generation wall_s final_eval_return
for config in config/*.json; do
  name=$(basename "$config" .json)
  run="$out/$name"
  rm -rf "$run"
  dotnet src/Es.Seed/bin/Release/net10.0/es-seed.dll train "$config" --run-dir "$run" >"$run.log" 2>&1 || true
  python3 - "$run/summary.json" "$name" <<'PY'
import json, sys
try:
    s = json.load(open(sys.argv[1]))
    print(f"{sys.argv[2]:<30} {str(s['solved']).lower():<7} {str(s['solved_generation']):<11} {s['wall_seconds']:<9} {s['final_eval_return']}")
except OSError:
    print(f"{sys.argv[2]:<30} failed (see its .log)")
PY
done
