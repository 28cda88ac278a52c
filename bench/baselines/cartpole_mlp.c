/*
 * Baseline for `es-seed bench rollout config/bench/cartpole-mlp64.json`: a
 * straightforward C implementation of the same work, one evaluator on one core.
 *
 * Per candidate: theta + sigma * eps (eps a slice of a Gaussian table), then one
 * CartPole-v1 episode (Gymnasium's Euler dynamics in double precision, 500-step limit)
 * driven by an MLP 4-64-64-2 with tanh hidden layers (libm's tanhf), observations
 * normalised as (x - mean) / std clipped to +-5, argmax head. Weights are stored like
 * layers of the same shapes: per layer W then the bias; W is [in][out] (x @ W, the form
 * gcc vectorises) unless built with -DROW_DOT ([out][in], one dot product per row, as
 * EsAkka stores theta). Weights: each output unit's weights drawn N(0,1) and scaled to
 * norm 1 (hidden) or 0.01 (output), biases 0 ("normc"), like EsAkka's initialisation.
 *
 * Build and run: bash bench/baselines/run.sh  (gcc -O3 -march=native, -lm).
 * Output: one JSON object with env_steps_per_second.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OBS 4
#define H1 64
#define H2 64
#define OUT 2
#define NPARAM (H1 * OBS + H1 + H2 * H1 + H2 + OUT * H2 + OUT)
#define TABLE (1 << 25) /* 128 MiB, like EsAkka's default noise table: candidates read the same memory */
#define MAX_STEPS 500

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t next_u64(void) {
    /* splitmix64: any decent generator will do for a baseline */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double uniform(double lo, double hi) {
    return lo + (hi - lo) * ((next_u64() >> 11) * (1.0 / 9007199254740992.0));
}

static double gaussian(void) {
    double u1 = 1.0 - uniform(0, 1), u2 = uniform(0, 1);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

#ifdef ROW_DOT
#define AT(o, i, out, in) ((o) * (in) + (i))
#else
#define AT(o, i, out, in) ((i) * (out) + (o))
#endif

static void normc(float *w, int out, int in, double scale) {
    for (int o = 0; o < out; o++) {
        double ss = 0;
        for (int i = 0; i < in; i++) { float v = (float)gaussian(); w[AT(o, i, out, in)] = v; ss += (double)v * v; }
        for (int i = 0; i < in; i++) w[AT(o, i, out, in)] = (float)(w[AT(o, i, out, in)] * scale / sqrt(ss));
    }
}

#ifdef ROW_DOT
/* y = tanh?(W x + b) as one dot product per output row: W[out][in] row-major. Without
 * -ffast-math gcc may not reorder the float sum, so this runs scalar. */
static void dense(const float *w, const float *b, const float *x, float *y, int out, int in, int act) {
    for (int o = 0; o < out; o++) {
        float s = b[o];
        for (int i = 0; i < in; i++) s += w[o * in + i] * x[i];
        y[o] = act ? tanhf(s) : s;
    }
}
#else
/* y = tanh?(x W + b) with W[in][out] (numpy's x @ W): the inner loop runs over outputs,
 * which gcc vectorises without reordering any sum. The default: the faster baseline. */
static void dense(const float *w, const float *b, const float *x, float *y, int out, int in, int act) {
    for (int o = 0; o < out; o++) y[o] = b[o];
    for (int i = 0; i < in; i++)
        for (int o = 0; o < out; o++) y[o] += x[i] * w[i * out + o];
    if (act)
        for (int o = 0; o < out; o++) y[o] = tanhf(y[o]);
}
#endif

static int act(const float *p, const float *obs) {
    const float *w1 = p, *b1 = w1 + H1 * OBS, *w2 = b1 + H1, *b2 = w2 + H2 * H1, *w3 = b2 + H2, *b3 = w3 + OUT * H2;
    float h1[H1], h2[H2], o[OUT];
    dense(w1, b1, obs, h1, H1, OBS, 1);
    dense(w2, b2, h1, h2, H2, H1, 1);
    dense(w3, b3, h2, o, OUT, H2, 0);
    return o[1] > o[0] ? 1 : 0;
}

static int episode(const float *p, const float *mean, const float *std) {
    const double g = 9.8, mc = 1.0, mp = 0.1, total = mp + mc, len = 0.5, pml = mp * len, fmag = 10.0, tau = 0.02;
    const double theta_max = 12 * 2 * M_PI / 360, x_max = 2.4;
    double x = uniform(-0.05, 0.05), xd = uniform(-0.05, 0.05), th = uniform(-0.05, 0.05), thd = uniform(-0.05, 0.05);
    int steps = 0;
    while (steps < MAX_STEPS) {
        float raw[OBS] = {(float)x, (float)xd, (float)th, (float)thd}, obs[OBS];
        for (int i = 0; i < OBS; i++) {
            float z = (raw[i] - mean[i]) / std[i];
            obs[i] = z < -5.f ? -5.f : z > 5.f ? 5.f : z;
        }
        double force = act(p, obs) == 1 ? fmag : -fmag;
        double c = cos(th), s = sin(th);
        double temp = (force + pml * thd * thd * s) / total;
        double thacc = (g * s - c * temp) / (len * (4.0 / 3.0 - mp * c * c / total));
        double xacc = temp - pml * thacc * c / total;
        x += tau * xd; xd += tau * xacc; th += tau * thd; thd += tau * thacc;
        steps++;
        if (x < -x_max || x > x_max || th < -theta_max || th > theta_max) break;
    }
    return steps;
}

static double clock_seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double now(void) { return clock_seconds(CLOCK_MONOTONIC); }

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    float sigma = argc > 2 ? (float)atof(argv[2]) : 0.1f;
    static float theta[NPARAM], cand[NPARAM];
    float *table = malloc(sizeof(float) * TABLE);
    for (int i = 0; i < TABLE; i++) table[i] = (float)gaussian();
    memset(theta, 0, sizeof theta);
    normc(theta, H1, OBS, 1.0);
    normc(theta + H1 * OBS + H1, H2, H1, 1.0);
    normc(theta + H1 * OBS + H1 + H2 * H1 + H2, OUT, H2, 0.01);
    const float mean[OBS] = {0, 0, 0, 0}, std[OBS] = {1, 1, 1, 1};

    long long steps = 0, candidates = 0;
    double start = now(), cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID), elapsed = 0;
    while (elapsed < seconds) {
        const float *eps = table + next_u64() % (TABLE - NPARAM);
        float sign = (candidates & 1) ? -sigma : sigma;
        for (int i = 0; i < NPARAM; i++) cand[i] = theta[i] + sign * eps[i];
        steps += episode(cand, mean, std);
        candidates++;
        if ((candidates & 63) == 0) elapsed = now() - start;
    }
    elapsed = now() - start;
    double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    printf("{\"env_steps_per_second\": %.0f, \"env_steps_per_cpu_second\": %.0f, \"env_steps\": %lld, \"candidates\": %lld, \"seconds\": %.3f, \"cpu_seconds\": %.3f, \"mean_episode_length\": %.1f}\n",
           steps / elapsed, steps / cpu, steps, candidates, elapsed, cpu, (double)steps / candidates);
    return 0;
}
