#!/usr/bin/env python3
"""Generates the reference-trajectory literals in tests/Es.Core.Tests/Environments/*/*ReferenceTrajectories.cs.

This script produced every expected observation, reward and termination flag pasted into
those C# files, and the step counts quoted in the termination tests (the "//" lines).
It is written independently of the C# code, straight from the equations Gymnasium
publishes in gymnasium/envs/classic_control/*.py (and, for Catch, from the rules in
CatchEnvironment's documentation), using only the standard library: plain Python floats
are IEEE doubles, like Gymnasium's float64 state.

Run:  python3 make_reference_trajectories.py > literals.txt
and paste each "new ReferenceTrajectory(...)" block into the matching property.

Actions for continuous tasks are rounded to float32 first, because the C# policy hands
the environment a float.
"""

import math
import struct


def f32(x):
    """Rounds a Python float to the nearest float32 value (what a C# float holds)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def clip(x, lo, hi):
    """numpy.clip for a scalar."""
    return min(max(x, lo), hi)


# --------------------------------------------------------------------------- CartPole-v1
class CartPole:
    gravity = 9.8
    masscart = 1.0
    masspole = 0.1
    total_mass = masspole + masscart
    length = 0.5
    polemass_length = masspole * length
    force_mag = 10.0
    tau = 0.02
    theta_threshold_radians = 12 * 2 * math.pi / 360
    x_threshold = 2.4

    def __init__(self, state):
        self.state = tuple(state)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        costheta = math.cos(theta)
        sintheta = math.sin(theta)
        temp = (force + self.polemass_length * theta_dot**2 * sintheta) / self.total_mass
        thetaacc = (self.gravity * sintheta - costheta * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * costheta**2 / self.total_mass)
        )
        xacc = temp - self.polemass_length * thetaacc * costheta / self.total_mass
        # kinematics_integrator == "euler"
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * xacc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * thetaacc
        self.state = (x, x_dot, theta, theta_dot)
        terminated = bool(
            x < -self.x_threshold
            or x > self.x_threshold
            or theta < -self.theta_threshold_radians
            or theta > self.theta_threshold_radians
        )
        # reward 1.0 while alive and 1.0 on the step the pole falls
        return list(self.state), 1.0, terminated


# --------------------------------------------------------------------------- Pendulum-v1
def angle_normalize(x):
    return ((x + math.pi) % (2 * math.pi)) - math.pi


class Pendulum:
    max_speed = 8
    max_torque = 2.0
    dt = 0.05
    g = 10.0
    m = 1.0
    l = 1.0

    def __init__(self, state):
        self.state = tuple(state)

    def step(self, u):
        th, thdot = self.state
        g, m, l, dt = self.g, self.m, self.l, self.dt
        u = clip(u, -self.max_torque, self.max_torque)
        costs = angle_normalize(th) ** 2 + 0.1 * thdot**2 + 0.001 * (u**2)
        newthdot = thdot + (3 * g / (2 * l) * math.sin(th) + 3.0 / (m * l**2) * u) * dt
        newthdot = clip(newthdot, -self.max_speed, self.max_speed)
        newth = th + newthdot * dt
        self.state = (newth, newthdot)
        return [math.cos(newth), math.sin(newth), newthdot], -costs, False


# --------------------------------------------------------------------------- Acrobot-v1
class Acrobot:
    dt = 0.2
    LINK_LENGTH_1 = 1.0
    LINK_LENGTH_2 = 1.0
    LINK_MASS_1 = 1.0
    LINK_MASS_2 = 1.0
    LINK_COM_POS_1 = 0.5
    LINK_COM_POS_2 = 0.5
    LINK_MOI = 1.0
    MAX_VEL_1 = 4 * math.pi
    MAX_VEL_2 = 9 * math.pi
    AVAIL_TORQUE = [-1.0, 0.0, +1]

    def __init__(self, state):
        self.state = list(state)

    def step(self, a):
        s = self.state
        torque = self.AVAIL_TORQUE[a]
        s_augmented = s + [torque]
        ns = rk4(self._dsdt, s_augmented, [0, self.dt])
        ns[0] = wrap(ns[0], -math.pi, math.pi)
        ns[1] = wrap(ns[1], -math.pi, math.pi)
        ns[2] = bound(ns[2], -self.MAX_VEL_1, self.MAX_VEL_1)
        ns[3] = bound(ns[3], -self.MAX_VEL_2, self.MAX_VEL_2)
        self.state = ns
        terminated = bool(-math.cos(ns[0]) - math.cos(ns[1] + ns[0]) > 1.0)
        reward = -1.0 if not terminated else 0.0
        obs = [math.cos(ns[0]), math.sin(ns[0]), math.cos(ns[1]), math.sin(ns[1]), ns[2], ns[3]]
        return obs, reward, terminated

    def _dsdt(self, s_augmented):
        m1 = self.LINK_MASS_1
        m2 = self.LINK_MASS_2
        l1 = self.LINK_LENGTH_1
        lc1 = self.LINK_COM_POS_1
        lc2 = self.LINK_COM_POS_2
        I1 = self.LINK_MOI
        I2 = self.LINK_MOI
        g = 9.8
        a = s_augmented[-1]
        s = s_augmented[:-1]
        theta1, theta2, dtheta1, dtheta2 = s
        d1 = m1 * lc1**2 + m2 * (l1**2 + lc2**2 + 2 * l1 * lc2 * math.cos(theta2)) + I1 + I2
        d2 = m2 * (lc2**2 + l1 * lc2 * math.cos(theta2)) + I2
        phi2 = m2 * lc2 * g * math.cos(theta1 + theta2 - math.pi / 2.0)
        phi1 = (
            -m2 * l1 * lc2 * dtheta2**2 * math.sin(theta2)
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * math.sin(theta2)
            + (m1 * lc1 + m2 * l1) * g * math.cos(theta1 - math.pi / 2)
            + phi2
        )
        # book_or_nips == "book"
        ddtheta2 = (
            a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1**2 * math.sin(theta2) - phi2
        ) / (m2 * lc2**2 + I2 - d2**2 / d1)
        ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return [dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0]


def wrap(x, m, M):
    diff = M - m
    while x > M:
        x = x - diff
    while x < m:
        x = x + diff
    return x


def bound(x, m, M):
    return min(max(x, m), M)


def rk4(derivs, y0, t):
    """Gymnasium's rk4, with numpy's elementwise arithmetic spelled out per component."""
    yout = [list(y0)]
    for i in range(len(t) - 1):
        this = t[i]
        dt = t[i + 1] - this
        dt2 = dt / 2.0
        y0 = yout[i]
        k1 = derivs(y0)
        k2 = derivs([y + dt2 * k for y, k in zip(y0, k1)])
        k3 = derivs([y + dt2 * k for y, k in zip(y0, k2)])
        k4 = derivs([y + dt * k for y, k in zip(y0, k3)])
        yout.append(
            [y + dt / 6.0 * (a + 2 * b + 2 * c + d) for y, a, b, c, d in zip(y0, k1, k2, k3, k4)]
        )
    return yout[-1][:4]


# --------------------------------------------------------------------------- MountainCar-v0
class MountainCar:
    min_position = -1.2
    max_position = 0.6
    max_speed = 0.07
    goal_position = 0.5
    goal_velocity = 0
    force = 0.001
    gravity = 0.0025

    def __init__(self, state):
        self.state = tuple(state)

    def step(self, action):
        position, velocity = self.state
        velocity += (action - 1) * self.force + math.cos(3 * position) * (-self.gravity)
        velocity = clip(velocity, -self.max_speed, self.max_speed)
        position += velocity
        position = clip(position, self.min_position, self.max_position)
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        self.state = (position, velocity)
        return [position, velocity], -1.0, terminated


# --------------------------------------------------------------------------- MountainCarContinuous-v0
class MountainCarContinuous:
    min_action = -1.0
    max_action = 1.0
    min_position = -1.2
    max_position = 0.6
    max_speed = 0.07
    goal_position = 0.45
    goal_velocity = 0
    power = 0.0015

    def __init__(self, state):
        self.state = tuple(state)

    def step(self, action):
        position, velocity = self.state
        force = min(max(action, self.min_action), self.max_action)
        velocity += force * self.power - 0.0025 * math.cos(3 * position)
        if velocity > self.max_speed:
            velocity = self.max_speed
        if velocity < -self.max_speed:
            velocity = -self.max_speed
        position += velocity
        if position > self.max_position:
            position = self.max_position
        if position < self.min_position:
            position = self.min_position
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        reward = 0
        if terminated:
            reward = 100.0
        reward -= math.pow(action, 2) * 0.1  # the unclipped action, as in Gymnasium
        # Gymnasium stores the state as float32 here; EsAkka keeps double (see the C# remarks).
        self.state = (position, velocity)
        return [position, velocity], reward, terminated


# --------------------------------------------------------------------------- Catch
class Catch:
    size = 10

    def __init__(self, ball_row, ball_col, basket_centre):
        self.ball_row, self.ball_col, self.basket = ball_row, ball_col, basket_centre

    def step(self, action):
        self.basket = min(max(self.basket + action - 1, 1), self.size - 2)
        self.ball_row += 1
        grid = [0.0] * (self.size * self.size)
        for c in (self.basket - 1, self.basket, self.basket + 1):
            grid[(self.size - 1) * self.size + c] = 1.0
        grid[self.ball_row * self.size + self.ball_col] = 1.0
        if self.ball_row < self.size - 1:
            return grid, 0.0, False
        return grid, (1.0 if abs(self.ball_col - self.basket) <= 1 else -1.0), True


# --------------------------------------------------------------------------- output
def run(env, actions):
    """Steps until the actions run out or the episode terminates."""
    rows = []
    for a in actions:
        obs, reward, terminated = env.step(a)
        rows.append((a, obs, reward, terminated))
        if terminated:
            break
    return rows


def lit(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def float_lit(a):
    """The shortest decimal that a C# float literal parses back to the same float32."""
    for digits in range(1, 10):
        text = "%.*g" % (digits, a)
        if f32(float(text)) == a:
            return text + "f"
    raise ValueError(a)


def emit(title, initial, rows):
    """Prints one trajectory as a C# ReferenceTrajectory expression."""
    print(f"// {title}: initial state {initial}")
    print("new ReferenceTrajectory(")
    print("    Actions: [" + ", ".join(float_lit(f32(r[0])) for r in rows) + "],")
    print("    Observations:")
    print("    [")
    for r in rows:
        obs = r[1]
        if len(obs) <= 10:
            print("        [" + ", ".join(lit(v) for v in obs) + "],")
        else:  # Catch: one grid row per line
            print("        [")
            for i in range(0, len(obs), 10):
                print("            " + ", ".join(lit(v) for v in obs[i:i + 10]) + ",")
            print("        ],")
    print("    ],")
    print("    Rewards: [" + ", ".join(lit(r[2]) for r in rows) + "],")
    print("    Terminated: [" + ", ".join(lit(r[3]) for r in rows) + "]);")
    print()


def first_termination(env, policy, limit):
    """Step index (1-based) at which a policy-driven episode terminates, or None."""
    for t in range(1, limit + 1):
        _, _, terminated = env.step(policy(env))
        if terminated:
            return t, env.state
    return None, env.state


def main():
    cp0 = (0.01, -0.02, 0.03, 0.04)
    emit("CartPole-v1", cp0, run(CartPole(cp0), [1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1]))
    # falls: pole tilted right at 0.2 rad, keep pushing left
    print("// CartPole fall from (0, 0, 0.2, 0) pushing left:", first_termination(CartPole((0.0, 0.0, 0.2, 0.0)), lambda e: 0, 50))

    pd0 = (3.0, 7.5)
    pd_actions = [f32(a) for a in [2.0, 3.5, -2.0, -1.0, 0.0, 0.5, 1.5, -3.0, 2.0, 2.0, -0.7, 0.3, 1.0, -1.2, 0.0]]
    emit("Pendulum-v1", pd0, run(Pendulum(pd0), pd_actions))
    pd1 = (-2.5, -1.0)
    emit("Pendulum-v1 (negative angle)", pd1, run(Pendulum(pd1), [f32(a) for a in [-2.0, -2.0, 0.1, 1.0, 2.0, -0.5, 0.0, 0.25, -1.75, 1.25]]))

    ac0 = (0.05, -0.08, 0.3, -0.2)
    emit("Acrobot-v1", ac0, run(Acrobot(ac0), [0, 1, 2, 2, 0, 0, 1, 2, 1, 0, 2, 2, 0, 1, 2]))
    ac1 = (3.0, -2.9, 12.0, -27.0)
    emit("Acrobot-v1 (fast: wraps and velocity limits)", ac1, run(Acrobot(ac1), [2, 2, 0, 1, 0, 2, 1, 0, 2, 1, 0, 1]))

    mc0 = (-0.5, 0.0)
    emit("MountainCar-v0", mc0, run(MountainCar(mc0), [2, 2, 1, 0, 0, 0, 1, 2, 2, 2, 0, 1, 2, 0, 2]))
    mc1 = (-1.1, -0.05)
    emit("MountainCar-v0 (left wall)", mc1, run(MountainCar(mc1), [0, 0, 0, 1, 2, 2, 2, 1, 0, 2, 2, 2]))
    mc2 = (-0.6, 0.069)
    emit("MountainCar-v0 (speed limit, goal)", mc2, run(MountainCar(mc2), [2] * 20))
    print("// MountainCar from (-0.5, 0) pushing with velocity:",
          first_termination(MountainCar((-0.5, 0.0)), lambda e: 2 if e.state[1] >= 0 else 0, 200))

    mcc0 = (-0.5, 0.0)
    mcc_actions = [f32(a) for a in [1.0, 1.5, -2.0, -1.0, 0.0, 0.3, -0.6, 0.9, 1.0, 1.0, -0.25, 0.75]]
    emit("MountainCarContinuous-v0", mcc0, run(MountainCarContinuous(mcc0), mcc_actions))
    mcc1 = (0.35, 0.03)
    emit("MountainCarContinuous-v0 (goal)", mcc1, run(MountainCarContinuous(mcc1), [f32(a) for a in [0.5, 1.25, -0.5, 1.0, 1.0, 1.0]]))
    print("// MountainCarContinuous from (-0.5, 0) pushing with velocity:",
          first_termination(MountainCarContinuous((-0.5, 0.0)), lambda e: 1.0 if e.state[1] >= 0 else -1.0, 999))

    emit("Catch (catch)", (0, 2, 4), run(Catch(0, 2, 4), [0, 0, 1, 0, 0, 0, 1, 2, 1]))
    emit("Catch (miss, basket clamped at the right wall)", (0, 0, 7), run(Catch(0, 0, 7), [2, 2, 2, 1, 0, 1, 2, 2, 1]))


if __name__ == "__main__":
    main()
