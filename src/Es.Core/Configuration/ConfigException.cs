namespace Es.Core.Configuration;

/// <summary>
/// Bad configuration input. The message is one line meant for the user: it names the
/// source, the key and what is allowed, and the CLI prints it without a stack trace.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or <c>--set</c>) the bad value came from.</param>
    /// <param name="key">The dotted key, or empty when the whole document is at fault.</param>
    /// <param name="problem">What is wrong and what is allowed.</param>
    public ConfigException(string source, string key, string problem)
        : base(key.Length == 0 ? $"{source}: {problem}" : $"{source}: {key}: {problem}")
    {
        Source = source;
        Key = key;
    }

    /// <inheritdoc cref="Exception()"/>
    public ConfigException()
        : this("config", string.Empty, "invalid configuration")
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public ConfigException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    /// <summary>The dotted key at fault, or empty.</summary>
    public string Key { get; }
}
