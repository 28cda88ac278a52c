#!/usr/bin/env bash
# The embedded run that bench/cluster/seed-and-node.sh is timed against: es-seed train CONFIG --workers 2 [flags...].
d=$(mktemp -d); dotnet src/Es.Seed/bin/Release/net10.0/es-seed.dll train "$1" --run-dir "$d/run" --workers 2 "${@:2}" >/dev/null 2>&1; s=$?; rm -rf "$d"; exit $s
