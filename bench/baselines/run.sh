#!/usr/bin/env bash
# Builds and runs the C rollout baseline (CartPole-v1, MLP 64-64 tanh with libm's tanhf)
# on one core; prints one JSON object.
# Usage: bash bench/baselines/run.sh [SECONDS] [SIGMA] [EXTRA_CFLAGS...]
#   e.g. bash bench/baselines/run.sh 3 0.1 -DROW_DOT   (W[out][in], scalar dot products)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-3}"
sigma="${2:-0.1}"
shift $(( $# > 2 ? 2 : $# ))
out="${TMPDIR:-/tmp}/esakka-cartpole-mlp-baseline-$$"
trap 'rm -f "$out"' EXIT
gcc -O3 -march=native "$@" -o "$out" "$here/cartpole_mlp.c" -lm
taskset -c "${BENCH_CPU:-0}" "$out" "$seconds" "$sigma"
