namespace Es.Core.Environments.Acrobot;

/// <summary>
/// The acrobot's equations of motion (Sutton &amp; Barto's "book" variant) and Gymnasium's
/// fixed-step fourth-order Runge–Kutta integrator, kept apart from the episode logic.
/// </summary>
/// <remarks>
/// State layout: [θ1, θ2, θ̇1, θ̇2]. Gymnasium integrates the state augmented with the
/// torque, whose derivative is zero; here the torque is simply passed along unchanged.
/// </remarks>
internal static class AcrobotDynamics
{
    /// <summary>Number of state variables.</summary>
    public const int StateSize = 4;

    private const double LinkLength1 = 1.0;
    private const double LinkMass1 = 1.0;
    private const double LinkMass2 = 1.0;
    private const double LinkComPosition1 = 0.5;
    private const double LinkComPosition2 = 0.5;
    private const double LinkMomentOfInertia = 1.0;
    private const double Gravity = 9.8;

    /// <summary>Gymnasium's <c>_dsdt</c> with <c>book_or_nips = "book"</c>.</summary>
    public static void Derivatives(ReadOnlySpan<double> s, double torque, Span<double> ds)
    {
        const double m1 = LinkMass1;
        const double m2 = LinkMass2;
        const double l1 = LinkLength1;
        const double lc1 = LinkComPosition1;
        const double lc2 = LinkComPosition2;
        const double i1 = LinkMomentOfInertia;
        const double i2 = LinkMomentOfInertia;
        const double g = Gravity;

        double theta1 = s[0];
        double theta2 = s[1];
        double dtheta1 = s[2];
        double dtheta2 = s[3];
        double cosTheta2 = Math.Cos(theta2);
        double sinTheta2 = Math.Sin(theta2);

        double d1 = (m1 * (lc1 * lc1)) + (m2 * ((l1 * l1) + (lc2 * lc2) + (2 * l1 * lc2 * cosTheta2))) + i1 + i2;
        double d2 = (m2 * ((lc2 * lc2) + (l1 * lc2 * cosTheta2))) + i2;
        double phi2 = m2 * lc2 * g * Math.Cos(theta1 + theta2 - (Math.PI / 2.0));
        double phi1 = (-m2 * l1 * lc2 * (dtheta2 * dtheta2) * sinTheta2)
            - (2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2)
            + (((m1 * lc1) + (m2 * l1)) * g * Math.Cos(theta1 - (Math.PI / 2)))
            + phi2;
        double ddtheta2 = (torque + (d2 / d1 * phi1) - (m2 * l1 * lc2 * (dtheta1 * dtheta1) * sinTheta2) - phi2)
            / ((m2 * (lc2 * lc2)) + i2 - ((d2 * d2) / d1));
        double ddtheta1 = -((d2 * ddtheta2) + phi1) / d1;

        ds[0] = dtheta1;
        ds[1] = dtheta2;
        ds[2] = ddtheta1;
        ds[3] = ddtheta2;
    }

    /// <summary>
    /// Gymnasium's <c>rk4(derivs, y0, [0, dt])</c>: one classical Runge–Kutta step over
    /// [0, <paramref name="dt"/>], written in place into <paramref name="state"/>.
    /// </summary>
    public static void Rk4Step(Span<double> state, double torque, double dt)
    {
        Span<double> k1 = stackalloc double[StateSize];
        Span<double> k2 = stackalloc double[StateSize];
        Span<double> k3 = stackalloc double[StateSize];
        Span<double> k4 = stackalloc double[StateSize];
        Span<double> y = stackalloc double[StateSize];
        double dt2 = dt / 2.0;

        Derivatives(state, torque, k1);
        for (int i = 0; i < StateSize; i++)
        {
            y[i] = state[i] + (dt2 * k1[i]);
        }

        Derivatives(y, torque, k2);
        for (int i = 0; i < StateSize; i++)
        {
            y[i] = state[i] + (dt2 * k2[i]);
        }

        Derivatives(y, torque, k3);
        for (int i = 0; i < StateSize; i++)
        {
            y[i] = state[i] + (dt * k3[i]);
        }

        Derivatives(y, torque, k4);
        for (int i = 0; i < StateSize; i++)
        {
            state[i] += dt / 6.0 * (k1[i] + (2 * k2[i]) + (2 * k3[i]) + k4[i]);
        }
    }

    /// <summary>Gymnasium's <c>wrap</c>: shifts <paramref name="x"/> by whole periods into [m, max].</summary>
    public static double Wrap(double x, double m, double max)
    {
        double diff = max - m;
        while (x > max)
        {
            x -= diff;
        }

        while (x < m)
        {
            x += diff;
        }

        return x;
    }
}
