using System.Net;
using k8s;
using k8s.Autorest;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>Classifies API server failures the runtime reacts to differently.</summary>
public static class ApiErrors
{
    /// <summary>
    /// 410 Gone / "too old resource version": the watch cache no longer holds the resourceVersion, so events may
    /// have been missed and only a relist is correct. Arrives as an HTTP status or as an ERROR watch event.
    /// </summary>
    public static bool IsGone(Exception e) => Status(e) == HttpStatusCode.Gone;

    public static bool IsNotFound(Exception e) => Status(e) == HttpStatusCode.NotFound;

    /// <summary>A JSON patch <c>test</c> op failed (422): the object changed since it was read.</summary>
    public static bool IsUnprocessable(Exception e) => Status(e) == HttpStatusCode.UnprocessableEntity;

    private static HttpStatusCode? Status(Exception e) => e switch
    {
        HttpOperationException { Response: { } r } => r.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };
}
