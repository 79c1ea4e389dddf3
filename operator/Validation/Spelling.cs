namespace JdCloudPodOperator.Validation;

/// <summary>Whether an unknown field name is probably a misspelling of a known one (case, or one or two edits).</summary>
internal static class Spelling
{
    public static bool Close(string typed, string known) =>
        string.Equals(typed, known, StringComparison.OrdinalIgnoreCase) || (Math.Abs(typed.Length - known.Length) <= 2 && Distance(typed, known) <= 2);

    /// <summary>Optimal string alignment distance (Levenshtein plus swapping two neighbours).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
