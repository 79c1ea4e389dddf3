namespace JdCloudPodOperator.Cmdb;

/// <summary>The three APIs, named as in the CMDB documents.</summary>
public enum CmdbApi
{
    BatchCreateKubePod,
    ListKubePod,
    BatchDeleteKubePod,
}

/// <summary>Method and URL of each API on each entry point (docs/bkcmdb-api.md, Entry points).</summary>
internal static class CmdbRoutes
{
    public static string Name(CmdbApi api) => api switch
    {
        CmdbApi.BatchCreateKubePod => "batch_create_kube_pod",
        CmdbApi.ListKubePod => "list_kube_pod",
        _ => "batch_delete_kube_pod",
    };

    public static (HttpMethod Method, Uri Uri) Resolve(CmdbOptions options, CmdbApi api)
    {
        var root = (options.Url ?? throw new InvalidOperationException("Cmdb:Url is not configured")).ToString().TrimEnd('/');
        return options.EntryPoint switch
        {
            CmdbEntryPoint.Gateway => (NativeMethod(api), new Uri($"{root}/{options.Stage}{NativePath(api)}")),
            CmdbEntryPoint.Native => (NativeMethod(api), new Uri(root + NativePath(api))),
            // The ESB takes POST for delete too and forwards it as DELETE.
            _ => (HttpMethod.Post, new Uri($"{root}/api/c/compapi/v2/cc/{Name(api)}/")),
        };
    }

    private static HttpMethod NativeMethod(CmdbApi api) => api == CmdbApi.BatchDeleteKubePod ? HttpMethod.Delete : HttpMethod.Post;

    private static string NativePath(CmdbApi api) => api switch
    {
        CmdbApi.BatchCreateKubePod => "/api/v3/createmany/kube/pod",
        CmdbApi.ListKubePod => "/api/v3/findmany/kube/pod",
        _ => "/api/v3/deletemany/kube/pod",
    };
}
