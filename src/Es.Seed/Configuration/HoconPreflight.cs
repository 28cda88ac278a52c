using Es.Core.Configuration;

namespace Es.Seed.Configuration;

/// <summary>
/// Checks run on a HOCON file before Akka.NET's parser sees it. That parser accepts much
/// that is not HOCON (an unclosed brace, an unterminated string: it guesses) and never
/// returns on some of it, allocating as it loops (an array closed by <c>}</c>,
/// <c>${ x }</c>, <c>${?x}</c>). So brackets, strings and substitutions are checked here
/// first, and a mistake is reported with its line.
/// </summary>
internal static class HoconPreflight
{
    /// <summary>Throws a <see cref="ConfigException"/> naming <paramref name="source"/> and the line at fault.</summary>
    public static void Check(string text, string source)
    {
        var open = new Stack<(char Bracket, int Line)>();
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (c == '#' || At(text, i, "//"))
            {
                int end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
            }
            else if (At(text, i, "\"\"\""))
            {
                i = SkipTripleQuoted(text, i, ref line, source);
            }
            else if (c == '"')
            {
                i = SkipQuoted(text, i, line, source);
            }
            else if (At(text, i, "${"))
            {
                i = SkipSubstitution(text, i, line, source);
            }
            else
            {
                if (c is '{' or '[')
                {
                    open.Push((c, line));
                }
                else if (c is '}' or ']')
                {
                    Close(open, c, line, source);
                }

                i++;
            }
        }

        if (open.TryPeek(out var unclosed))
        {
            throw Error(source, unclosed.Line, $"'{unclosed.Bracket}' is never closed");
        }
    }

    private static void Close(Stack<(char Bracket, int Line)> open, char closer, int line, string source)
    {
        char opener = closer == '}' ? '{' : '[';
        if (!open.TryPop(out var top))
        {
            throw Error(source, line, $"'{closer}' closes nothing");
        }

        if (top.Bracket != opener)
        {
            throw Error(source, line, $"'{closer}' where the '{top.Bracket}' opened at line {top.Line} should be closed");
        }
    }

    private static int SkipQuoted(string text, int start, int line, string source)
    {
        for (int i = start + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        throw Error(source, line, "unterminated string (a quoted string ends on its line)");
    }

    private static int SkipTripleQuoted(string text, int start, ref int line, string source)
    {
        int end = text.IndexOf("\"\"\"", start + 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(source, line, "unterminated \"\"\" string");
        }

        line += text.AsSpan(start, end - start).Count('\n');
        return end + 3;
    }

    private static int SkipSubstitution(string text, int start, int line, string source)
    {
        int end = text.IndexOf('}', start);
        int newline = text.IndexOf('\n', start);
        if (end < 0 || (newline >= 0 && newline < end))
        {
            throw Error(source, line, "unterminated substitution (expected ${path.to.key})");
        }

        var path = text[(start + 2)..end];
        if (path.StartsWith('?'))
        {
            throw Error(source, line, $"${{{path}}}: optional substitutions are not supported by Akka.NET's HOCON parser");
        }

        if (path.Length == 0 || path.Split('.').Any(part => part.Length == 0 || !part.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')))
        {
            throw Error(source, line, $"${{{path}}}: expected ${{path.to.key}} (letters, digits, '-' and '_' between dots, no spaces)");
        }

        return end + 1;
    }

    private static bool At(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;

    private static ConfigException Error(string source, int line, string problem) =>
        new(source, string.Empty, $"not valid HOCON (line {line}): {problem}");
}
