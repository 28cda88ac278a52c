/* What a MuJoCo physics step costs at rest and while driven: the engine's own loop (like
 * mujoco-testspeed) over one model, once with zero controls from the default pose and once
 * with controls that switch between the ends of the ctrlrange every HOLD steps (the way a
 * policy drives a swimmer or walker), resetting every EPISODE steps as the rollouts do.
 * Prints steps per CPU second and the mean number of active constraint rows (nefc: contacts
 * and joint limits) per step, for each mode.
 *
 * usage: step_cost MODEL_FILE STEPS [HOLD [EPISODE]]     (HOLD 20, EPISODE 4000 by default)
 * Build: gcc -O2 -o step_cost step_cost.c -l:libmujoco.so.2.2.2 -lm
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mujoco/mujoco.h>

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void run(const mjModel* m, mjData* d, long steps, int hold, int episode, int driven) {
  long constraint_rows = 0;
  mj_resetData(m, d);
  double start = cpu_seconds();
  for (long s = 0; s < steps; s++) {
    if (s % episode == 0) mj_resetData(m, d);
    for (int i = 0; i < m->nu; i++) {
      double lo = m->actuator_ctrlrange[2 * i], hi = m->actuator_ctrlrange[2 * i + 1];
      d->ctrl[i] = !driven ? 0 : (((s / hold) + i) % 2 ? hi : lo);
    }
    mj_step(m, d);
    constraint_rows += d->nefc;
  }
  double cpu = cpu_seconds() - start;
  printf("%s: %.0f steps/CPU-s, %.2f active constraint rows per step\n", driven ? "driven" : "at rest", steps / cpu,
         (double)constraint_rows / steps);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s MODEL_FILE STEPS [HOLD [EPISODE]]\n", argv[0]);
    return 2;
  }
  long steps = atol(argv[2]);
  int hold = argc > 3 ? atoi(argv[3]) : 20, episode = argc > 4 ? atoi(argv[4]) : 4000;
  char error[1000] = "";
  mjModel* m = mj_loadXML(argv[1], NULL, error, sizeof error);
  if (!m) {
    fprintf(stderr, "error: %s: %s\n", argv[1], error);
    return 2;
  }
  mjData* d = mj_makeData(m);
  for (int round = 0; round < 2; round++) {
    run(m, d, steps, hold, episode, 0);
    run(m, d, steps, hold, episode, 1);
  }
  mj_deleteData(d);
  mj_deleteModel(m);
  return 0;
}
