namespace JdCloudPodOperator.JdCloud.Http;

/// <summary>
/// What the per-attempt handlers need to know about a request, carried in <see cref="HttpRequestMessage.Options"/>
/// so that one pooled HttpClient serves every account and region.
/// </summary>
internal sealed record JdCloudRequestContext(PodOperation Operation, string RegionId, JdCloudCredentials Credentials)
{
    private static readonly HttpRequestOptionsKey<JdCloudRequestContext> Key = new("JdCloudPodOperator.JdCloud.Request");

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public static JdCloudRequestContext? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var context) ? context : null;

    // The record's generated printer would otherwise include Credentials; its ToString is redacted anyway.
    public override string ToString() => $"{Operation} in {RegionId}";
}
