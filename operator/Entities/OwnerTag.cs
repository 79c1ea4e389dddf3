using System.Security.Cryptography;
using System.Text;

namespace JdCloudPodOperator.Entities;

/// <summary>
/// The user tag the operator puts on every pod it creates, naming the JdCloudPod that owns it (docs/ownership.md):
/// key <see cref="Key"/>, value <c>{clusterId}/{namespace}/{name}</c>. Namespace and name rather than the UID, so a
/// resource re-created with the same name (by a GitOps tool, or restored from a backup without status) finds its
/// pods with one describePods tag filter; the cluster ID keeps clusters that share a cloud account apart. In a
/// JdCloudPod the key is reserved and the owner tag counts against the pod's tags: the CEL rules here and the
/// validator's TagRules, the operator's narrowing of createPods' own tag rules (as PodNameLimits narrows the name).
/// </summary>
public static class OwnerTag
{
    public const string Key = JdCloudPod.Group + "/owner";

    /// <summary>A tag value's documented maximum length.</summary>
    public const int MaxValueLength = 255;

    /// <summary>User tags a pod may carry (docs/jdcloud-podspec-fields.md, Owner tag).</summary>
    public const int MaxTagsPerPod = 10;

    /// <summary>What <c>spec.podSpec.userTags</c> may hold: the owner tag is one of the pod's tags.</summary>
    public const int MaxUserTags = MaxTagsPerPod - 1;

    /// <summary>Why a user tag may not use <see cref="Key"/>, and why the user has one tag fewer.</summary>
    public const string Reason = "the operator adds the owner tag " + Key + " to every pod";

    public const string CountCelRule = "!has(self.podSpec.userTags) || size(self.podSpec.userTags) <= 9";
    public const string CountCelMessage = "podSpec.userTags may have at most 9 items: " + Reason;
    public const string KeyCelRule = "!has(self.podSpec.userTags) || self.podSpec.userTags.all(t, t.key != '" + Key + "')";
    public const string KeyCelMessage = "podSpec.userTags[].key " + Key + " is reserved: " + Reason;

    /// <summary>
    /// The owner value of the resource <paramref name="name"/> in <paramref name="namespace"/>. Names never hold '/',
    /// so the three parts read back unambiguously; a value past 255 characters (a name of more than about 150) carries
    /// the name's SHA-256 instead.
    /// </summary>
    public static string Value(string clusterId, string @namespace, string name)
    {
        var plain = $"{clusterId}/{@namespace}/{name}";
        return plain.Length <= MaxValueLength ? plain
            : $"{clusterId}/{@namespace}/sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))}";
    }
}
