namespace Es.Core.Functions;

/// <summary>Argument checks shared by the objective functions, kept out of their loops.</summary>
internal static class FunctionArguments
{
    public static void CheckLength(int expected, int actual, string paramName)
    {
        if (actual != expected)
        {
            Throw(expected, actual, paramName);
        }
    }

    private static void Throw(int expected, int actual, string paramName) =>
        throw new ArgumentException($"Expected {expected} coordinates, got {actual}.", paramName);
}
