namespace JdCloudPodOperator.Entities;

/// <summary>
/// How long podSpec.name may be. createPods allows 253 characters (a DNS-1123 subdomain), and so does a JdCloudPod,
/// with one narrowing: JD Cloud names the pods of one call that creates several "{name}-1" ... "{name}-N", so with
/// maxCount N the name leaves room for "-N". When the plain name is taken (a replacement while the old pod still
/// holds it) the operator names a pod "{name}-N" itself, N up to <see cref="MaxSuffix"/> and only while the result
/// fits in 253 characters; a 253-character name waits for its own name to be free. See
/// docs/jdcloud-podspec-fields.md, Names.
/// </summary>
public static class PodNameLimits
{
    public const int MaxLength = 253;
    public const int MaxSuffix = 999;

    public const string CelRule =
        "!has(self.podSpec.name) || size(self.podSpec.name) + (self.maxCount > 1 ? size(string(self.maxCount)) + 1 : 0) <= 253";
    public const string CelMessage =
        "podSpec.name leaves no room for the pods' names: with maxCount N > 1 JD Cloud names them podSpec.name-1 ... podSpec.name-N, and a pod name is at most 253 characters";

    /// <summary>The longest name that leaves room for "-<paramref name="maxCount"/>" (253 when maxCount is 1).</summary>
    public static int MaxNameLength(int maxCount) => maxCount > 1 ? RoomBefore(maxCount) : MaxLength;

    /// <summary>The last N for which "{name}-N" is a valid pod name (0 when none fits).</summary>
    public static int LastSuffix(int nameLength)
    {
        var n = 0;
        while (n < MaxSuffix && RoomBefore(n + 1) >= nameLength) n++;
        return n;
    }

    // The longest name "{name}-n" leaves room for.
    private static int RoomBefore(int n) => MaxLength - 1 - n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
