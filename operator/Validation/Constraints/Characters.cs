namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>Lengths in characters (Unicode code points), as the API server counts maxLength, not UTF-16 units.</summary>
internal static class Characters
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c)) count--;
        }
        return count;
    }

    /// <summary>The length, counting code points only where UTF-16 units could give a different answer.</summary>
    public static int Count(ReadOnlySpan<char> text, int min, int max) =>
        text.Length > max || text.Length < 2 * min ? Count(text) : text.Length;
}
