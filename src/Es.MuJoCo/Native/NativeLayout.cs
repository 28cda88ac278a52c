namespace Es.MuJoCo.Native;

/// <summary>
/// Byte offsets of the <c>mjModel</c> and <c>mjData</c> fields the environments read, for
/// MuJoCo 2.2.2 on 64-bit Linux. Only these few are hard-coded: the sizes (nq, nv, nu, nbody...)
/// open <c>mjModel</c> as plain ints, and every array is reached through its pointer field,
/// its length computed from those sizes; bodies and sites are found with <c>mj_name2id</c>.
/// Printed by <c>Native/layout.c</c> from the installed header with <c>offsetof</c>; the
/// library's version is checked at load (<see cref="MuJoCoLibrary"/>) and
/// <c>NativeLayoutTests</c> checks the values against a model whose numbers are known.
/// </summary>
internal static class NativeLayout
{
    /// <summary>The <c>mj_version()</c> these offsets were taken for.</summary>
    public const int Version = 222;

    // mjModel: int sizes first (nq at 0, nv at 4, ...), then mjOption opt, then pointers.
    public const int ModelNq = 0;
    public const int ModelNv = 4;
    public const int ModelNu = 8;
    public const int ModelNa = 12;
    public const int ModelNbody = 16;
    public const int ModelNjnt = 20;
    public const int ModelNgeom = 24;
    public const int ModelNsite = 28;
    public const int ModelTimestep = 232;          // opt.timestep (mjtNum)
    public const int ModelQpos0 = 1096;            // mjtNum* (nq)
    public const int ModelBodyMass = 1240;         // mjtNum* (nbody)
    public const int ModelActuatorCtrlLimited = 2744; // mjtByte* (nu)
    public const int ModelActuatorCtrlRange = 2792;   // mjtNum* (nu x 2)

    // mjData: the info header, then pointers into its buffer.
    public const int DataTime = 40336;             // mjtNum
    public const int DataQpos = 40376;             // mjtNum* (nq)
    public const int DataQvel = 40384;             // mjtNum* (nv)
    public const int DataAct = 40392;              // mjtNum* (na)
    public const int DataCtrl = 40408;             // mjtNum* (nu)
    public const int DataQacc = 40448;             // mjtNum* (nv)
    public const int DataXpos = 40480;             // mjtNum* (nbody x 3)
    public const int DataXipos = 40504;            // mjtNum* (nbody x 3)
    public const int DataSiteXpos = 40552;         // mjtNum* (nsite x 3)
    public const int DataCinert = 40616;           // mjtNum* (nbody x 10)
    public const int DataCvel = 40960;             // mjtNum* (nbody x 6)
    public const int DataQfrcActuator = 41088;     // mjtNum* (nv)
    public const int DataQfrcConstraint = 41136;   // mjtNum* (nv)
    public const int DataCfrcExt = 41168;          // mjtNum* (nbody x 6)

    /// <summary><c>mjOBJ_BODY</c> in <c>mjtObj</c>.</summary>
    public const int ObjectBody = 1;

    /// <summary><c>mjOBJ_SITE</c> in <c>mjtObj</c>.</summary>
    public const int ObjectSite = 6;
}
