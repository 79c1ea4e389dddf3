namespace JdCloudPodOperator.Entities;

/// <summary>
/// How long podSpec.name may be in a JdCloudPod. createPods allows 253 characters (a DNS-1123 subdomain), but pods get
/// names derived from it: JD Cloud appends "-1" ... "-N" when one call creates several pods, and the operator names a
/// pod "{name}-N" itself when the plain name is taken (a replacement while the old pod still holds it). The operator
/// never uses a suffix beyond <see cref="MaxSuffix"/>, so a name of <see cref="MaxBaseLength"/> characters leaves room
/// for every one of them, whatever maxCount is (scaling never turns a valid resource invalid). See
/// docs/jdcloud-podspec-fields.md, Names.
/// </summary>
public static class PodNameLimits
{
    public const int MaxLength = 253;
    public const int MaxSuffix = 999;
    public const int MaxBaseLength = 249;

    public const string CelRule = "!has(self.podSpec.name) || size(self.podSpec.name) <= 249";
    public const string CelMessage =
        "podSpec.name may be at most 249 characters: pods are named podSpec.name-N (N up to 999) when several are created or one is replaced, and a pod name is at most 253 characters";
}
