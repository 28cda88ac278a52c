using Microsoft.Win32.SafeHandles;

namespace Es.MuJoCo.Native;

/// <summary>Owns an <c>mjModel*</c>; released with <c>mj_deleteModel</c>.</summary>
internal sealed class ModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the generated marshaller.</summary>
    public ModelHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        MuJoCoNative.DeleteModel(handle);
        return true;
    }
}

/// <summary>Owns an <c>mjData*</c>; released with <c>mj_deleteData</c>.</summary>
internal sealed class DataHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the generated marshaller.</summary>
    public DataHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        MuJoCoNative.DeleteData(handle);
        return true;
    }
}
