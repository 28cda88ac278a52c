using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

internal static class EnvironmentTheoryData
{
    /// <summary>Every registered environment name, for theories over all tasks.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in EnvironmentRegistry.Names)
            {
                data.Add(name);
            }

            return data;
        }
    }
}
