/* Gymnasium's MuJoCo v4 rewards, terminations and observations, written again in C from the
 * published definitions (Gymnasium 0.29's gymnasium/envs/mujoco/ files named after each task, _v4) over the MuJoCo C
 * library alone: an independent check of EsAkka's C# environments (Es.MuJoCo), which share
 * nothing with this file but the MJCF model and the engine.
 *
 * usage: gymnasium_v4_reference TASK MODEL_FILE SCENARIO MAX_STEPS
 *   TASK      InvertedPendulum-v4, InvertedDoublePendulum-v4, Swimmer-v4, HalfCheetah-v4,
 *             Hopper-v4, Walker2d-v4, Ant-v4 or Humanoid-v4
 *   SCENARIO  0: a small perturbation of qpos0 and moderate, smooth actions (the walkers
 *                and pendulums fall);
 *             1: a larger perturbation and near-full actions that alternate in sign; Ant,
 *                Walker2d and Humanoid start with an upward velocity and leave the top of
 *                their healthy height range
 * Prints the initial state, then per step the action applied and what the task returns:
 *   qpos Q0 Q1 ...          (%.17g: the reader sets the same bits)
 *   qvel V0 V1 ...
 *   action A0 A1 ...        (float values, %.9g: exact as float)
 *   result REWARD TERMINATED O0 O1 ...
 * stopping after MAX_STEPS steps or on the first terminated step.
 * Build: gcc -O2 -o gymnasium_v4_reference gymnasium_v4_reference.c -l:libmujoco.so.2.2.2 -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mujoco/mujoco.h>

typedef struct {
  const char* name;
  int frame_skip;
} Task;

static const Task TASKS[] = {
    {"InvertedPendulum-v4", 2}, {"InvertedDoublePendulum-v4", 5}, {"Swimmer-v4", 4},
    {"HalfCheetah-v4", 5},      {"Hopper-v4", 4},                 {"Walker2d-v4", 4},
    {"Ant-v4", 5},              {"Humanoid-v4", 5},
};

static double square_sum(const double* v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i] * v[i];
  return s;
}

static double clip(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

static int all_finite(const double* v, int n) {
  for (int i = 0; i < n; i++)
    if (!isfinite(v[i])) return 0;
  return 1;
}

/* Humanoid-v4's mass_center: sum(body_mass * xipos) / sum(body_mass), x component. */
static double mass_center_x(const mjModel* m, const mjData* d) {
  double weighted = 0, total = 0;
  for (int b = 0; b < m->nbody; b++) {
    weighted += m->body_mass[b] * d->xipos[3 * b];
    total += m->body_mass[b];
  }
  return weighted / total;
}

/* The x coordinate the task's forward reward differentiates. */
static double progress_x(const char* task, const mjModel* m, const mjData* d) {
  if (!strcmp(task, "Ant-v4")) return d->xpos[3 * mj_name2id(m, mjOBJ_BODY, "torso")]; /* get_body_com("torso") */
  if (!strcmp(task, "Humanoid-v4")) return mass_center_x(m, d);
  return d->qpos[0];
}

static int put(double* obs, int k, const double* v, int n) {
  for (int i = 0; i < n; i++) obs[k++] = v[i];
  return k;
}

static int put_clipped(double* obs, int k, const double* v, int n, double limit) {
  for (int i = 0; i < n; i++) obs[k++] = clip(v[i], -limit, limit);
  return k;
}

/* _get_obs of each task; returns the observation's length. */
static int observe(const char* task, const mjModel* m, const mjData* d, double* obs) {
  int k = 0;
  if (!strcmp(task, "InvertedPendulum-v4")) {
    k = put(obs, k, d->qpos, m->nq);
    k = put(obs, k, d->qvel, m->nv);
  } else if (!strcmp(task, "InvertedDoublePendulum-v4")) {
    obs[k++] = d->qpos[0];
    for (int i = 1; i < m->nq; i++) obs[k++] = sin(d->qpos[i]);
    for (int i = 1; i < m->nq; i++) obs[k++] = cos(d->qpos[i]);
    k = put_clipped(obs, k, d->qvel, m->nv, 10);
    k = put_clipped(obs, k, d->qfrc_constraint, m->nv, 10);
  } else if (!strcmp(task, "Swimmer-v4") || !strcmp(task, "Ant-v4")) {
    k = put(obs, k, d->qpos + 2, m->nq - 2);
    k = put(obs, k, d->qvel, m->nv);
  } else if (!strcmp(task, "HalfCheetah-v4")) {
    k = put(obs, k, d->qpos + 1, m->nq - 1);
    k = put(obs, k, d->qvel, m->nv);
  } else if (!strcmp(task, "Hopper-v4") || !strcmp(task, "Walker2d-v4")) {
    k = put(obs, k, d->qpos + 1, m->nq - 1);
    k = put_clipped(obs, k, d->qvel, m->nv, 10);
  } else if (!strcmp(task, "Humanoid-v4")) {
    k = put(obs, k, d->qpos + 2, m->nq - 2);
    k = put(obs, k, d->qvel, m->nv);
    k = put(obs, k, d->cinert, 10 * m->nbody);
    k = put(obs, k, d->cvel, 6 * m->nbody);
    k = put(obs, k, d->qfrc_actuator, m->nv);
    k = put(obs, k, d->cfrc_ext, 6 * m->nbody);
  }
  return k;
}

/* Reward and termination of one step; x_before is progress_x before the physics steps. */
static double reward_of(const char* task, const mjModel* m, const mjData* d, double x_before, double dt,
                        const double* action, int* terminated) {
  double ctrl_sq = square_sum(action, m->nu);
  double x_velocity = (progress_x(task, m, d) - x_before) / dt;
  *terminated = 0;
  if (!strcmp(task, "InvertedPendulum-v4")) {
    double obs[4];
    observe(task, m, d, obs);
    *terminated = !all_finite(obs, 4) || fabs(obs[1]) > 0.2;
    return 1.0;
  }
  if (!strcmp(task, "InvertedDoublePendulum-v4")) {
    double x = d->site_xpos[0], y = d->site_xpos[2]; /* site_xpos[0]: the tip */
    double dist_penalty = 0.01 * x * x + (y - 2) * (y - 2);
    double v1 = d->qvel[1], v2 = d->qvel[2];
    double vel_penalty = 1e-3 * v1 * v1 + 5e-3 * v2 * v2;
    *terminated = y <= 1;
    return 10 - dist_penalty - vel_penalty;
  }
  if (!strcmp(task, "Swimmer-v4")) return x_velocity - 1e-4 * ctrl_sq;
  if (!strcmp(task, "HalfCheetah-v4")) return x_velocity - 0.1 * ctrl_sq;
  if (!strcmp(task, "Hopper-v4") || !strcmp(task, "Walker2d-v4")) {
    int hopper = !strcmp(task, "Hopper-v4");
    double z = d->qpos[1], angle = d->qpos[2];
    double min_z = hopper ? 0.7 : 0.8, max_z = hopper ? INFINITY : 2.0, max_angle = hopper ? 0.2 : 1.0;
    int healthy = min_z < z && z < max_z && -max_angle < angle && angle < max_angle;
    if (hopper) { /* healthy_state_range (-100, 100) over state_vector()[2:] */
      for (int i = 2; i < m->nq; i++) healthy = healthy && -100 < d->qpos[i] && d->qpos[i] < 100;
      for (int i = 0; i < m->nv; i++) healthy = healthy && -100 < d->qvel[i] && d->qvel[i] < 100;
    }
    *terminated = !healthy;
    return x_velocity + 1.0 - 1e-3 * ctrl_sq;
  }
  if (!strcmp(task, "Ant-v4")) {
    double z = d->qpos[2];
    int healthy = all_finite(d->qpos, m->nq) && all_finite(d->qvel, m->nv) && 0.2 <= z && z <= 1.0;
    *terminated = !healthy;
    return x_velocity + 1.0 - 0.5 * ctrl_sq; /* use_contact_forces=False: no contact cost */
  }
  /* Humanoid-v4: control cost on data.ctrl */
  double z = d->qpos[2];
  *terminated = !(1.0 < z && z < 2.0);
  return 1.25 * x_velocity + 5.0 - 0.1 * square_sum(d->ctrl, m->nu);
}

static void print_values(const char* label, const char* format, const double* v, int n) {
  printf("%s", label);
  for (int i = 0; i < n; i++) {
    putchar(' ');
    printf(format, v[i]);
  }
  putchar('\n');
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s TASK MODEL_FILE SCENARIO MAX_STEPS\n", argv[0]);
    return 2;
  }
  const char* task = argv[1];
  int scenario = atoi(argv[3]), max_steps = atoi(argv[4]);
  const Task* spec = NULL;
  for (size_t i = 0; i < sizeof TASKS / sizeof TASKS[0]; i++)
    if (!strcmp(TASKS[i].name, task)) spec = &TASKS[i];
  if (!spec || (scenario != 0 && scenario != 1)) {
    fprintf(stderr, "error: unknown task or scenario: %s %s\n", task, argv[3]);
    return 2;
  }

  char error[1000] = "";
  mjModel* m = mj_loadXML(argv[2], NULL, error, sizeof error);
  if (!m) {
    fprintf(stderr, "error: %s: %s\n", argv[2], error);
    return 2;
  }
  mjData* d = mj_makeData(m);

  /* The initial state: qpos0 and zero velocities plus a fixed, deterministic offset. */
  double scale = scenario == 0 ? 0.01 : 0.05;
  mj_resetData(m, d);
  for (int i = 0; i < m->nq; i++) d->qpos[i] += scale * sin(1.7 * i + 0.3);
  for (int i = 0; i < m->nv; i++) d->qvel[i] += scale * cos(2.3 * i + 0.9);
  /* Thrown upwards, out of the top of the healthy height range (the falls test the bottom). */
  if (scenario == 1 && !strcmp(task, "Ant-v4")) d->qvel[2] = 3.0;
  if (scenario == 1 && !strcmp(task, "Walker2d-v4")) d->qvel[1] = 12.0;
  if (scenario == 1 && !strcmp(task, "Humanoid-v4")) d->qvel[2] = 5.0;
  mj_forward(m, d);
  print_values("qpos", "%.17g", d->qpos, m->nq);
  print_values("qvel", "%.17g", d->qvel, m->nv);

  double dt = m->opt.timestep * spec->frame_skip;
  double* action = malloc(sizeof(double) * (m->nu > 0 ? m->nu : 1));
  double* obs = malloc(sizeof(double) * (m->nq + 2 * m->nv + 22 * m->nbody)) /* Humanoid's is the longest */;
  for (int t = 0; t < max_steps; t++) {
    for (int i = 0; i < m->nu; i++) {
      double lo = m->actuator_ctrlrange[2 * i], hi = m->actuator_ctrlrange[2 * i + 1];
      double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
      double shape = scenario == 0 ? 0.5 * sin(0.1 * (t + 1) * (i + 1) + i)
                                   : (((t / 7 + i) % 2) ? 0.95 : -0.95);
      action[i] = (float)(mid + half * shape); /* the policy's actions are floats */
    }
    print_values("action", "%.9g", action, m->nu);

    double x_before = progress_x(task, m, d);
    for (int i = 0; i < m->nu; i++) d->ctrl[i] = action[i];
    for (int k = 0; k < spec->frame_skip; k++) mj_step(m, d);
    mj_rnePostConstraint(m, d); /* MujocoEnv._step_mujoco_simulation does this after every step */

    int terminated;
    double reward = reward_of(task, m, d, x_before, dt, action, &terminated);
    int n = observe(task, m, d, obs);
    printf("result %.17g %d", reward, terminated);
    for (int i = 0; i < n; i++) printf(" %.17g", obs[i]);
    putchar('\n');
    if (terminated) break;
  }

  free(obs);
  free(action);
  mj_deleteData(d);
  mj_deleteModel(m);
  return 0;
}
