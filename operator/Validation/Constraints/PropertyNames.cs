using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The JSON names of a type's properties, found by a JSON property's raw UTF-8 name: a few byte comparisons in a
/// small hash bucket, where looking each declared name up in the object would scan the object once per name.
/// </summary>
internal sealed class PropertyNames
{
    private const int Mask = 31;

    private readonly byte[][] names;
    private readonly int[][] buckets = new int[Mask + 1][];

    public PropertyNames(IReadOnlyList<string> jsonNames)
    {
        names = [.. jsonNames.Select(Encoding.UTF8.GetBytes)];
        for (var b = 0; b <= Mask; b++) buckets[b] = [.. Enumerable.Range(0, names.Length).Where(i => Bucket(names[i]) == b)];
    }

    /// <summary>The index of the property's name, or -1 for a name the type does not have.</summary>
    public int IndexOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        foreach (var i in buckets[Bucket(raw)])
        {
            if (raw.SequenceEqual(names[i])) return i;
        }
        // No declared name has a backslash, so an escaped name never matches above: it is looked at only here.
        return raw.IndexOf((byte)'\\') >= 0 ? IndexOfEscaped(property) : -1;
    }

    // Apart, so the lambda's closure is made only for an escaped name (`\u0061`, never written by the API server).
    private int IndexOfEscaped(JsonProperty property) => Array.FindIndex(names, n => property.NameEquals(n));

    private static int Bucket(ReadOnlySpan<byte> name) => name.IsEmpty ? 0 : (name.Length * 7 + name[0] + name[^1] * 3) & Mask;
}
