#!/usr/bin/env bash
# One cluster run on this machine, for timing side by side with the embedded run:
#   bench/cluster/seed-and-node.sh CONFIG NODE_WORKERS [train flags...]
# starts `es-seed train CONFIG --listen 127.0.0.1:PORT --workers 0` and one es-node with
# NODE_WORKERS evaluators, and exits with the seed's exit code once both have ended.
# Run from the repository root after `dotnet build EsAkka.sln -c Release`.
set -euo pipefail
config=$1 workers=$2
shift 2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_dir=$(mktemp -d)
dotnet src/Es.Seed/bin/Release/net10.0/es-seed.dll train "$config" --run-dir "$run_dir/run" --listen "127.0.0.1:$port" --workers 0 "$@" &
seed=$!
dotnet src/Es.Node/bin/Release/net10.0/es-node.dll --seed-node "127.0.0.1:$port" --workers "$workers" &
node=$!
status=0
wait "$seed" || status=$?
wait "$node" || true
rm -rf "$run_dir"
exit "$status"
