#!/usr/bin/env bash
# The whole test suite, as the README states it and CI runs it.
# Installs what the tests need first; today that is only the .NET SDK (global.json).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (see global.json) is required: https://dot.net" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test EsAkka.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over the test projects.
awk '/(Passed|Failed)!  -/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") { gsub(",", "", $(i+1)); failed += $(i+1) }
         if ($i == "Passed:") { gsub(",", "", $(i+1)); passed += $(i+1) }
         if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"
