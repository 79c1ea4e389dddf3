namespace JdCloudPodOperator.Runtime;

/// <summary>
/// One instance for the equal strings that every cached object repeats (namespace, API version, condition types,
/// reasons, phases, revisions...): each decoded object brings its own copies, ~60 bytes each, kept as long as the
/// object is cached. A fixed table of slots indexed by hash, where a new value takes its slot's place: bounded
/// whatever it is given, never a leak, and a value that loses its slot is only stored twice. Strings are immutable,
/// so sharing them is invisible to readers; races between threads only cost a missed share.
/// </summary>
public static class StringPool
{
    private const int Slots = 4096;
    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The pooled instance equal to <paramref name="value"/>, which becomes it when its slot held another value.</summary>
    public static string? Share(string? value)
    {
        if (value is null) return null;
        ref var slot = ref Table[value.GetHashCode() & (Slots - 1)];
        var held = Volatile.Read(ref slot);
        if (held is not null && string.Equals(held, value, StringComparison.Ordinal)) return held;
        Volatile.Write(ref slot, value);
        return value;
    }

    /// <summary>Shares every element of <paramref name="values"/> in place.</summary>
    public static void ShareEach(IList<string>? values)
    {
        if (values is null) return;
        for (var i = 0; i < values.Count; i++) values[i] = Share(values[i])!;
    }
}
