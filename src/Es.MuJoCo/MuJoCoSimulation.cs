using System.Runtime.InteropServices;
using System.Text;
using Es.MuJoCo.Native;

namespace Es.MuJoCo;

/// <summary>
/// One MuJoCo model and its simulation state (<c>mjModel</c> + <c>mjData</c>), with spans
/// over the engine's own arrays: reading <see cref="Qpos"/> or writing <see cref="Ctrl"/>
/// touches the memory <c>mj_step</c> works on, and nothing is allocated per step.
/// Not thread-safe; every environment owns its own.
/// </summary>
public sealed unsafe class MuJoCoSimulation : IDisposable
{
    private readonly ModelHandle _model;
    private readonly DataHandle _data;

    // The array pointers, read once: mj_makeData allocates them and they never move.
    private readonly double* _qpos0;
    private readonly double* _bodyMass;
    private readonly byte* _ctrlLimited;
    private readonly double* _ctrlRange;
    private readonly double* _time;
    private readonly double* _qpos;
    private readonly double* _qvel;
    private readonly double* _act;
    private readonly double* _ctrl;
    private readonly double* _qacc;
    private readonly double* _xpos;
    private readonly double* _xipos;
    private readonly double* _siteXpos;
    private readonly double* _cinert;
    private readonly double* _cvel;
    private readonly double* _qfrcActuator;
    private readonly double* _qfrcConstraint;
    private readonly double* _cfrcExt;

    private MuJoCoSimulation(string modelPath, ModelHandle model, DataHandle data)
    {
        ModelPath = modelPath;
        _model = model;
        _data = data;
        byte* m = (byte*)model.DangerousGetHandle();
        byte* d = (byte*)data.DangerousGetHandle();
        Nq = *(int*)(m + NativeLayout.ModelNq);
        Nv = *(int*)(m + NativeLayout.ModelNv);
        Nu = *(int*)(m + NativeLayout.ModelNu);
        Na = *(int*)(m + NativeLayout.ModelNa);
        Nbody = *(int*)(m + NativeLayout.ModelNbody);
        Njnt = *(int*)(m + NativeLayout.ModelNjnt);
        Ngeom = *(int*)(m + NativeLayout.ModelNgeom);
        Nsite = *(int*)(m + NativeLayout.ModelNsite);
        Timestep = *(double*)(m + NativeLayout.ModelTimestep);
        _qpos0 = *(double**)(m + NativeLayout.ModelQpos0);
        _bodyMass = *(double**)(m + NativeLayout.ModelBodyMass);
        _ctrlLimited = *(byte**)(m + NativeLayout.ModelActuatorCtrlLimited);
        _ctrlRange = *(double**)(m + NativeLayout.ModelActuatorCtrlRange);
        _time = (double*)(d + NativeLayout.DataTime);
        _qpos = *(double**)(d + NativeLayout.DataQpos);
        _qvel = *(double**)(d + NativeLayout.DataQvel);
        _act = *(double**)(d + NativeLayout.DataAct);
        _ctrl = *(double**)(d + NativeLayout.DataCtrl);
        _qacc = *(double**)(d + NativeLayout.DataQacc);
        _xpos = *(double**)(d + NativeLayout.DataXpos);
        _xipos = *(double**)(d + NativeLayout.DataXipos);
        _siteXpos = *(double**)(d + NativeLayout.DataSiteXpos);
        _cinert = *(double**)(d + NativeLayout.DataCinert);
        _cvel = *(double**)(d + NativeLayout.DataCvel);
        _qfrcActuator = *(double**)(d + NativeLayout.DataQfrcActuator);
        _qfrcConstraint = *(double**)(d + NativeLayout.DataQfrcConstraint);
        _cfrcExt = *(double**)(d + NativeLayout.DataCfrcExt);
    }

    /// <summary>The MJCF file the model was compiled from.</summary>
    public string ModelPath { get; }

    /// <summary>Generalised coordinates (length of <see cref="Qpos"/>).</summary>
    public int Nq { get; }

    /// <summary>Degrees of freedom (length of <see cref="Qvel"/>).</summary>
    public int Nv { get; }

    /// <summary>Actuators (length of <see cref="Ctrl"/>).</summary>
    public int Nu { get; }

    /// <summary>Activation states.</summary>
    public int Na { get; }

    /// <summary>Bodies, the world body included.</summary>
    public int Nbody { get; }

    /// <summary>Joints.</summary>
    public int Njnt { get; }

    /// <summary>Geoms.</summary>
    public int Ngeom { get; }

    /// <summary>Sites.</summary>
    public int Nsite { get; }

    /// <summary>The physics time step <c>opt.timestep</c>, in seconds.</summary>
    public double Timestep { get; }

    /// <summary>Simulation time, in seconds.</summary>
    public double Time => *_time;

    /// <summary>The default pose <c>qpos0</c> (model).</summary>
    public ReadOnlySpan<double> Qpos0 => new(_qpos0, Nq);

    /// <summary>Body masses (model, nbody).</summary>
    public ReadOnlySpan<double> BodyMass => new(_bodyMass, Nbody);

    /// <summary>Whether each actuator's control is clamped to its range (model, nu).</summary>
    public ReadOnlySpan<byte> ActuatorCtrlLimited => new(_ctrlLimited, Nu);

    /// <summary>Control ranges, low and high per actuator (model, nu × 2).</summary>
    public ReadOnlySpan<double> ActuatorCtrlRange => new(_ctrlRange, Nu * 2);

    /// <summary>Positions (nq).</summary>
    public Span<double> Qpos => new(_qpos, Nq);

    /// <summary>Velocities (nv).</summary>
    public Span<double> Qvel => new(_qvel, Nv);

    /// <summary>Actuator activations (na).</summary>
    public Span<double> Act => new(_act, Na);

    /// <summary>Controls (nu).</summary>
    public Span<double> Ctrl => new(_ctrl, Nu);

    /// <summary>Accelerations (nv).</summary>
    public ReadOnlySpan<double> Qacc => new(_qacc, Nv);

    /// <summary>Cartesian positions of the body frames (nbody × 3).</summary>
    public ReadOnlySpan<double> Xpos => new(_xpos, Nbody * 3);

    /// <summary>Cartesian positions of the bodies' centres of mass (nbody × 3).</summary>
    public ReadOnlySpan<double> Xipos => new(_xipos, Nbody * 3);

    /// <summary>Cartesian site positions (nsite × 3).</summary>
    public ReadOnlySpan<double> SiteXpos => new(_siteXpos, Nsite * 3);

    /// <summary>Com-based body inertias and masses (nbody × 10).</summary>
    public ReadOnlySpan<double> Cinert => new(_cinert, Nbody * 10);

    /// <summary>Com-based body velocities (nbody × 6).</summary>
    public ReadOnlySpan<double> Cvel => new(_cvel, Nbody * 6);

    /// <summary>Actuator forces in joint space (nv).</summary>
    public ReadOnlySpan<double> QfrcActuator => new(_qfrcActuator, Nv);

    /// <summary>Constraint forces in joint space (nv).</summary>
    public ReadOnlySpan<double> QfrcConstraint => new(_qfrcConstraint, Nv);

    /// <summary>Com-based external (contact) forces on the bodies (nbody × 6); filled by <see cref="RnePostConstraint"/>.</summary>
    public ReadOnlySpan<double> CfrcExt => new(_cfrcExt, Nbody * 6);

    /// <summary>Compiles an MJCF file.</summary>
    /// <exception cref="Es.Core.Environments.EnvironmentUnavailableException">The engine is not installed.</exception>
    /// <exception cref="InvalidDataException">MuJoCo rejected the file; the message is the compiler's.</exception>
    public static MuJoCoSimulation Load(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        MuJoCoLibrary.EnsureAvailable();
        var error = new byte[1000];
        var model = MuJoCoNative.LoadXml(modelPath, IntPtr.Zero, error, error.Length);
        if (model.IsInvalid)
        {
            model.Dispose();
            int length = Array.IndexOf(error, (byte)0);
            string message = Encoding.UTF8.GetString(error, 0, length < 0 ? error.Length : length).ReplaceLineEndings(" ").Trim();
            throw new InvalidDataException($"MuJoCo could not load {modelPath}: {message}");
        }

        var data = MuJoCoNative.MakeData(model);
        if (data.IsInvalid)
        {
            data.Dispose();
            model.Dispose();
            throw new InvalidOperationException($"mj_makeData failed for {modelPath}.");
        }

        return new MuJoCoSimulation(modelPath, model, data);
    }

    /// <summary><c>mj_resetData</c>: qpos = qpos0, velocities, controls and time zero.</summary>
    public void Reset() => MuJoCoNative.ResetData(_model, _data);

    /// <summary><c>mj_forward</c>: recomputes everything derived from the current state.</summary>
    public void Forward() => MuJoCoNative.Forward(_model, _data);

    /// <summary><c>mj_step</c>, <paramref name="count"/> times.</summary>
    public void Step(int count = 1)
    {
        for (int i = 0; i < count; i++)
        {
            MuJoCoNative.Step(_model, _data);
        }
    }

    /// <summary><c>mj_rnePostConstraint</c>: fills <see cref="CfrcExt"/> (mj_step leaves it alone since MuJoCo 2.0).</summary>
    public void RnePostConstraint() => MuJoCoNative.RnePostConstraint(_model, _data);

    /// <summary>The id of the body named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The model has no such body.</exception>
    public int BodyId(string name) => Id(NativeLayout.ObjectBody, name, "body");

    /// <summary>The id of the site named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The model has no such site.</exception>
    public int SiteId(string name) => Id(NativeLayout.ObjectSite, name, "site");

    /// <inheritdoc/>
    public void Dispose()
    {
        _data.Dispose();
        _model.Dispose();
    }

    private int Id(int type, string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        int id = MuJoCoNative.NameToId(_model, type, name);
        return id >= 0 ? id : throw new ArgumentException($"{Path.GetFileName(ModelPath)} has no {kind} named '{name}'.", nameof(name));
    }
}
