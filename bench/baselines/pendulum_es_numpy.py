#!/usr/bin/python3
"""Baseline for the Pendulum-v1 time-to-solve target: OpenAI-ES in numpy, vectorised
over the population (every candidate's episode advances in one batched step).

Salimans et al. 2017 as EsAkka runs it: antithetic pairs (both members share the episode's
initial state), centered ranks, g = sum(w_k eps_k) / (n sigma), Adam on -g + l2 theta.
Policy: MLP 3-32-32-1 with tanh, action 2 tanh(o) (the same squash as EsAkka's head),
normc initialisation. Pendulum-v1: Gymnasium's dynamics, 200 steps. Every EVAL_EVERY
generations the unperturbed theta plays EVAL_EPISODES episodes (also batched); solved
when their mean return is >= -200. Prints one JSON object.

Usage: /usr/bin/python3 bench/baselines/pendulum_es_numpy.py [--seed S] [--population P]
       [--sigma S] [--lr LR] [--max-generations G]
"""
import argparse
import json
import time

import numpy as np

OBS, ACT, HIDDEN = 3, 1, (32, 32)
MAX_SPEED, MAX_TORQUE, DT, G, M, L = 8.0, 2.0, 0.05, 10.0, 1.0, 1.0
STEPS = 200


def shapes():
    sizes = (OBS,) + HIDDEN + (ACT,)
    return [(sizes[i + 1], sizes[i]) for i in range(len(sizes) - 1)]


def count():
    return sum(o * i + o for o, i in shapes())


def init(rng):
    parts = []
    layers = shapes()
    for n, (o, i) in enumerate(layers):
        w = rng.standard_normal((o, i))
        w *= (0.01 if n == len(layers) - 1 else 1.0) / np.sqrt((w * w).sum(axis=1, keepdims=True))
        parts += [w.ravel(), np.zeros(o)]
    return np.concatenate(parts).astype(np.float32)


def unpack(thetas):
    """thetas: (B, D) -> list of (W (B, out, in), b (B, out))."""
    layers, at = [], 0
    for o, i in shapes():
        w = thetas[:, at:at + o * i].reshape(-1, o, i)
        at += o * i
        b = thetas[:, at:at + o]
        at += o
        layers.append((w, b))
    return layers


def rollout(thetas, rng):
    """One episode per row of thetas (pairs share initial states); returns (B,) returns."""
    batch = thetas.shape[0]
    layers = unpack(thetas)
    half = rng.uniform(size=(batch // 2 + batch % 2, 2))
    start = np.repeat(half, 2, axis=0)[:batch]
    th = start[:, 0] * 2 * np.pi - np.pi
    thdot = start[:, 1] * 2 - 1
    total = np.zeros(batch)
    for _ in range(STEPS):
        h = np.stack([np.cos(th), np.sin(th), thdot], axis=1).astype(np.float32)
        for n, (w, b) in enumerate(layers):
            h = np.einsum("boi,bi->bo", w, h) + b
            if n < len(layers) - 1:
                h = np.tanh(h)
        u = np.clip(2.0 * np.tanh(h[:, 0].astype(np.float64)), -MAX_TORQUE, MAX_TORQUE)
        norm = ((th + np.pi) % (2 * np.pi)) - np.pi
        total -= norm ** 2 + 0.1 * thdot ** 2 + 0.001 * u ** 2
        thdot = np.clip(thdot + (3 * G / (2 * L) * np.sin(th) + 3.0 / (M * L * L) * u) * DT, -MAX_SPEED, MAX_SPEED)
        th = th + thdot * DT
    return total


def centered_ranks(x):
    ranks = np.empty(len(x))
    ranks[x.argsort()] = np.arange(len(x))
    return ranks / (len(x) - 1) - 0.5


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--population", type=int, default=128)
    p.add_argument("--sigma", type=float, default=0.03)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--l2", type=float, default=0.005)
    p.add_argument("--eval-every", type=int, default=5)
    p.add_argument("--eval-episodes", type=int, default=100)
    p.add_argument("--max-generations", type=int, default=3000)
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    theta = init(rng)
    dim = theta.size
    m, v = np.zeros(dim), np.zeros(dim)
    b1, b2, eps_adam = 0.9, 0.999, 1e-8
    pairs = a.population // 2
    start = time.perf_counter()
    solved_at, last_eval, gen = None, None, 0
    for gen in range(a.max_generations + 1):
        if gen % a.eval_every == 0:
            last_eval = float(rollout(np.repeat(theta[None], a.eval_episodes, axis=0), rng).mean())
            if last_eval >= -200:
                solved_at = gen
                break
        if gen == a.max_generations:
            break
        eps = rng.standard_normal((pairs, dim)).astype(np.float32)
        cands = np.empty((a.population, dim), dtype=np.float32)
        cands[0::2] = theta + a.sigma * eps
        cands[1::2] = theta - a.sigma * eps
        shaped = centered_ranks(rollout(cands, rng))
        w = shaped[0::2] - shaped[1::2]
        grad = (w @ eps) / (a.population * a.sigma)
        loss_grad = a.l2 * theta - grad
        m = b1 * m + (1 - b1) * loss_grad
        v = b2 * v + (1 - b2) * loss_grad ** 2
        t = gen + 1
        step = a.lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        theta = (theta - step * m / (np.sqrt(v) + eps_adam)).astype(np.float32)
    wall = time.perf_counter() - start
    print(json.dumps({
        "baseline": "numpy openai-es, population-vectorised", "env": "Pendulum-v1",
        "population": a.population, "sigma": a.sigma, "lr": a.lr, "hidden": list(HIDDEN),
        "parameters": dim, "solved": solved_at is not None, "solved_generation": solved_at,
        "generations": gen, "final_eval_return": last_eval, "wall_seconds": round(wall, 3),
        "numpy": np.__version__}))


if __name__ == "__main__":
    main()
