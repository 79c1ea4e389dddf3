using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Autorest;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Requests to the API server through KubernetesClient's own connection: its HttpClient (TLS, the CA, a client
/// certificate), its base URI and credentials (a bearer token, refreshed by its provider), as its generated
/// operations send them; bodies are written and read with generated JSON metadata (<see cref="ApiJson"/>) instead of
/// the client's reflection-based JSON. A failure is the client's <see cref="HttpOperationException"/> with the
/// server's answer, so <see cref="ApiErrors"/> reads it as before.
/// </summary>
internal sealed class ApiTransport
{
    public static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    public static readonly MediaTypeHeaderValue MergePatch = MediaTypeHeaderValue.Parse("application/merge-patch+json; charset=utf-8");
    public static readonly MediaTypeHeaderValue JsonPatch = MediaTypeHeaderValue.Parse("application/json-patch+json; charset=utf-8");
    private readonly Kubernetes _client;

    public ApiTransport(IKubernetes client) => _client = client as Kubernetes
        ?? throw new ArgumentException($"needs KubernetesClient's {nameof(Kubernetes)} (its connection and credentials)", nameof(client));

    /// <summary>A request body of <paramref name="type"/>.</summary>
    public static ByteArrayContent Body(byte[] utf8, MediaTypeHeaderValue type) => new(utf8) { Headers = { ContentType = type } };

    /// <summary>A request and its answer, read whole, both within the client's timeout.</summary>
    public async Task<TResult> RequestAsync<TResult>(HttpMethod method, string path, HttpContent? body, JsonTypeInfo<TResult> json,
        CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var response = await SendAsync(method, path, body, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await JsonSerializer.DeserializeAsync(stream, json, timeout.Token)
            ?? throw new JsonException($"{method} {path}: the API server answered null");
    }

    /// <summary>A request whose answer the caller does not need, within the client's timeout.</summary>
    public async Task RequestAsync(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var response = await SendAsync(method, path, body, timeout.Token);
    }

    /// <summary>The answer of a successful request, its body not read yet (a watch: no timeout but its own); a failed one is thrown.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_client.BaseUri, path)) { Version = HttpVersion.Version20, Content = body };
        if (_client.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_client.HttpClientTimeout);
        return timeout;
    }
}
