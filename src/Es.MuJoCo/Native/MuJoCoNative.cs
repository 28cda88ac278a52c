using System.Runtime.InteropServices;

namespace Es.MuJoCo.Native;

/// <summary>
/// The slice of MuJoCo 2.2.2's C API the environments use (<c>mujoco.h</c>), bound with
/// source-generated <see cref="LibraryImportAttribute"/> stubs. The library name resolves
/// through <see cref="MuJoCoLibrary"/> to Debian's <c>libmujoco.so.2.2.2</c>.
/// </summary>
internal static partial class MuJoCoNative
{
    public const string Library = "mujoco";

    /// <summary><c>int mj_version(void)</c>: 222 for 2.2.2.</summary>
    [LibraryImport(Library, EntryPoint = "mj_version")]
    public static partial int Version();

    /// <summary><c>mjModel* mj_loadXML(const char* filename, const mjVFS* vfs, char* error, int error_sz)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "mj_loadXML", StringMarshalling = StringMarshalling.Utf8)]
    public static partial ModelHandle LoadXml(string fileName, IntPtr vfs, [Out] byte[] error, int errorSize);

    /// <summary><c>mjData* mj_makeData(const mjModel* m)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "mj_makeData")]
    public static partial DataHandle MakeData(ModelHandle model);

    /// <summary><c>void mj_deleteModel(mjModel* m)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "mj_deleteModel")]
    public static partial void DeleteModel(IntPtr model);

    /// <summary><c>void mj_deleteData(mjData* d)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "mj_deleteData")]
    public static partial void DeleteData(IntPtr data);

    /// <summary><c>void mj_resetData(const mjModel* m, mjData* d)</c>: qpos = qpos0, everything else zero.</summary>
    [LibraryImport(Library, EntryPoint = "mj_resetData")]
    public static partial void ResetData(ModelHandle model, DataHandle data);

    /// <summary><c>void mj_step(const mjModel* m, mjData* d)</c>: one physics step of opt.timestep.</summary>
    [LibraryImport(Library, EntryPoint = "mj_step")]
    public static partial void Step(ModelHandle model, DataHandle data);

    /// <summary><c>void mj_forward(const mjModel* m, mjData* d)</c>: everything derived from the state, no integration.</summary>
    [LibraryImport(Library, EntryPoint = "mj_forward")]
    public static partial void Forward(ModelHandle model, DataHandle data);

    /// <summary><c>void mj_rnePostConstraint(const mjModel* m, mjData* d)</c>: cacc, cfrc_int, cfrc_ext (not computed by mj_step since MuJoCo 2.0).</summary>
    [LibraryImport(Library, EntryPoint = "mj_rnePostConstraint")]
    public static partial void RnePostConstraint(ModelHandle model, DataHandle data);

    /// <summary><c>int mj_name2id(const mjModel* m, int type, const char* name)</c>: -1 when there is none.</summary>
    [LibraryImport(Library, EntryPoint = "mj_name2id", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NameToId(ModelHandle model, int type, string name);
}
