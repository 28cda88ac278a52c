#!/usr/bin/env bash
# The whole test suite, as the README states it and CI runs it.
# Installs what the tests need first: the .NET SDK (global.json) must be there; the
# PostgreSQL server (Debian's postgresql), MuJoCo (Debian's libmujoco2.2.2), gcc with
# MuJoCo's headers (the reference check) and a browser for the dashboard tests (Debian's
# chromium) are installed when missing. Tests start their own servers and cluster nodes on
# free loopback ports and stop them by process id.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (see global.json) is required: https://dot.net" >&2
  exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the tests need PostgreSQL's server binaries: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "installing postgresql (Debian package) for the checkpoint-store tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# The MuJoCo tasks' tests (tests/Es.MuJoCo.Tests) step the real engine: Debian's MuJoCo 2.2.2.
if ! compgen -G "/usr/lib/*/libmujoco.so.2.2.2" >/dev/null && [ ! -e /usr/lib/libmujoco.so.2.2.2 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the MuJoCo tests need the engine: sudo apt-get install -y libmujoco2.2.2" >&2
    exit 1
  fi
  echo "installing libmujoco2.2.2 (Debian package) for the MuJoCo tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmujoco2.2.2 >/dev/null
fi

# The MuJoCo reference test builds tests/mujoco-reference/*.c against the engine's headers.
if ! command -v gcc >/dev/null 2>&1 || [ ! -e /usr/include/mujoco/mujoco.h ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the MuJoCo reference test needs gcc and the engine's headers: sudo apt-get install -y gcc libmujoco-dev" >&2
    exit 1
  fi
  echo "installing gcc and libmujoco-dev (Debian packages) for the MuJoCo reference test..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libmujoco-dev >/dev/null
fi

# The dashboard's browser tests (tests/Es.Dashboard.Tests) drive Debian's chromium headless through
# Playwright's driver, which ships in its NuGet package; Playwright itself never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/lib/chromium/chromium ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the dashboard's browser tests need chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  echo "installing chromium (Debian package) for the dashboard's browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The multi-host test puts the seed and two workers in network namespaces: it needs root
# (it fails, never skips, without it) and iproute2's `ip netns`.
if ! command -v ip >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the multi-host test needs root and iproute2: sudo apt-get install -y iproute2" >&2
    exit 1
  fi
  echo "installing iproute2 (Debian package) for the multi-host test..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null
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
