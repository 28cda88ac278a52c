// Prints the offsets NativeLayout.cs hard-codes, from the installed MuJoCo headers.
// Regenerate after a MuJoCo upgrade (needs Debian's libmujoco-dev for the headers):
//   gcc src/Es.MuJoCo/Native/layout.c -o /tmp/mj-layout -lmujoco && /tmp/mj-layout
// NativeLayoutTests checks the values against a loaded model either way.
#include <stdio.h>
#include <stddef.h>
#include <mujoco/mujoco.h>
#define M(f) printf("mjModel.%-22s %zu\n", #f, offsetof(mjModel, f));
#define D(f) printf("mjData.%-23s %zu\n", #f, offsetof(mjData, f));
int main(void) {
  printf("mj_version %d, sizeof(mjModel) %zu, sizeof(mjData) %zu\n", mj_version(), sizeof(mjModel), sizeof(mjData));
  M(nq) M(nv) M(nu) M(na) M(nbody) M(njnt) M(ngeom) M(nsite) M(opt.timestep)
  M(qpos0) M(body_mass) M(actuator_ctrllimited) M(actuator_ctrlrange)
  D(time) D(qpos) D(qvel) D(act) D(ctrl) D(qacc) D(xpos) D(xipos) D(site_xpos)
  D(cinert) D(cvel) D(qfrc_actuator) D(qfrc_constraint) D(cfrc_ext)
  return 0;
}
