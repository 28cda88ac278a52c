namespace Es.Core.Environments;

/// <summary>
/// An environment cannot be created on this machine (a native engine is missing, for
/// instance). The message is one line meant for the user and names what to install; the
/// CLI prints it without a stack trace and exits with the bad-input code.
/// </summary>
public sealed class EnvironmentUnavailableException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public EnvironmentUnavailableException()
        : base("The environment is not available on this machine.")
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public EnvironmentUnavailableException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public EnvironmentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
