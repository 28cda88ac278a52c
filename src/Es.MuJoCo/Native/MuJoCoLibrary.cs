using System.Reflection;
using System.Runtime.InteropServices;
using Es.Core.Environments;

namespace Es.MuJoCo.Native;

/// <summary>
/// Finds Debian's MuJoCo 2.2.2 (<c>libmujoco.so.2.2.2</c>, package <c>libmujoco2.2.2</c>;
/// the unversioned <c>libmujoco.so</c> comes only with the -dev package) and points the
/// <see cref="MuJoCoNative"/> imports at it. Nothing is loaded until the first MuJoCo
/// environment is created, so the classic tasks never need the library.
/// </summary>
public static class MuJoCoLibrary
{
    /// <summary>The Debian package that ships the engine.</summary>
    public const string DebianPackage = "libmujoco2.2.2";

    /// <summary>The shared object looked up through the dynamic loader's usual paths.</summary>
    public const string FileName = "libmujoco.so.2.2.2";

    private static readonly Lazy<string?> Problem = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static IntPtr _handle;

    /// <summary>True when the engine loaded (loading it on first call).</summary>
    public static bool IsAvailable => Problem.Value is null;

    /// <summary>Loads the engine once; throws a one-line <see cref="EnvironmentUnavailableException"/> naming the package when it cannot.</summary>
    public static void EnsureAvailable()
    {
        if (Problem.Value is string problem)
        {
            throw new EnvironmentUnavailableException(problem);
        }
    }

    /// <summary>
    /// Tries to load <paramref name="fileName"/> as MuJoCo 2.2.2; returns null and the
    /// handle, or the one-line problem.
    /// </summary>
    internal static unsafe string? Probe(string fileName, out IntPtr handle)
    {
        if (!NativeLibrary.TryLoad(fileName, out handle))
        {
            return $"MuJoCo environments need the MuJoCo 2.2.2 engine and {fileName} was not found; install it with: apt-get install -y {DebianPackage}";
        }

        if (!NativeLibrary.TryGetExport(handle, "mj_version", out var export))
        {
            NativeLibrary.Free(handle);
            handle = IntPtr.Zero;
            return $"{fileName} does not export mj_version, so it is not MuJoCo; install the engine with: apt-get install -y {DebianPackage}";
        }

        int version = ((delegate* unmanaged<int>)export)();
        if (version != NativeLayout.Version)
        {
            NativeLibrary.Free(handle);
            handle = IntPtr.Zero;
            return $"{fileName} reports MuJoCo version {version}, the binding is for {NativeLayout.Version}; install it with: apt-get install -y {DebianPackage}";
        }

        return null;
    }

    private static string? Load()
    {
        string? problem = Probe(FileName, out var handle);
        if (problem is null)
        {
            _handle = handle;
            NativeLibrary.SetDllImportResolver(typeof(MuJoCoLibrary).Assembly, Resolve);
        }

        return problem;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == MuJoCoNative.Library ? _handle : IntPtr.Zero;
}
