using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Autorest;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Requests to the API server through KubernetesClient's own connection: its HttpClient (TLS, the CA, a client
/// certificate), its base URI and credentials (a bearer token, refreshed by its provider), as its generated
/// operations send them; the body is read by the caller, with generated JSON metadata instead of the client's
/// reflection-based JSON. A failure is the client's <see cref="HttpOperationException"/> with the server's answer, so
/// <see cref="ApiErrors"/> reads it as before.
/// </summary>
internal sealed class ApiTransport(Kubernetes client)
{
    public static readonly MediaTypeHeaderValue MergePatch = MediaTypeHeaderValue.Parse("application/merge-patch+json; charset=utf-8");
    public static readonly MediaTypeHeaderValue JsonPatch = MediaTypeHeaderValue.Parse("application/json-patch+json; charset=utf-8");

    /// <summary>How long a request and the reading of its answer may take (a watch is bounded by its own timeout).</summary>
    public TimeSpan Timeout => client.HttpClientTimeout;

    /// <summary>The answer of a successful request, its body not read yet; a failed one is thrown.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, pathAndQuery)) { Version = HttpVersion.Version20, Content = body };
        if (client.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
    }
}
