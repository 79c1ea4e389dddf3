using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>How a test wants a request signed or spoiled; the defaults sign it correctly.</summary>
public sealed record Signing
{
    public JdCloudSignatureVersion Version { get; init; } = JdCloudSignatureVersion.V2;
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string? Region { get; init; }
    public string Service { get; init; } = "pod";
    public DateTimeOffset? Date { get; init; }
    public string? Nonce { get; init; }
    public bool SignNonce { get; init; } = true;

    /// <summary>False signs as the Python SDK does: content-type and host only, date and nonce sent unsigned.</summary>
    public bool SignDate { get; init; } = true;
    public bool OmitAuthorization { get; init; }

    /// <summary>One more header: the value sent, and the value the signature covers (the two may differ).</summary>
    public (string Name, string Sent, string Signed)? ExtraHeader { get; init; }

    /// <summary>Runs after signing, e.g. to change the body so the signature no longer matches.</summary>
    public Action<HttpRequestMessage>? AfterSigning { get; init; }
}

/// <summary>The simulator's answer: HTTP status and the JSON envelope.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonNode Body)
{
    public JsonNode Result => Body["result"] ?? throw new InvalidOperationException($"no result: {Body.ToJsonString()}");
    public string? ErrorStatus => Body["error"]?["status"]?.GetValue<string>();
    public int? ErrorCode => Body["error"]?["code"]?.GetValue<int>();
    public string Message => Body["error"]?["message"]?.GetValue<string>() ?? "";

    public override string ToString() => $"{(int)Status} {Body.ToJsonString()}";
}

/// <summary>
/// Sends real HTTP requests to a simulator, signed with the product's signer (JDCLOUD2 by default), with hooks
/// to spoil the signature. Used until the tests drive the simulator with the product's PodClient as well.
/// </summary>
public sealed class SignedClient(Uri baseUrl, string accessKey, string secretKey, TimeProvider clock) : IDisposable
{
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl => baseUrl;

    public Task<ApiAnswer> GetAsync(string pathAndQuery, Signing? signing = null) => SendAsync(HttpMethod.Get, pathAndQuery, null, signing);

    public Task<ApiAnswer> PostAsync(string pathAndQuery, JsonNode body, Signing? signing = null) =>
        SendAsync(HttpMethod.Post, pathAndQuery, body.ToJsonString(), signing);

    public Task<ApiAnswer> DeleteAsync(string pathAndQuery, Signing? signing = null) => SendAsync(HttpMethod.Delete, pathAndQuery, null, signing);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body, Signing? signing = null)
    {
        using var request = Build(method, pathAndQuery, body, signing ?? new Signing());
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonNode.Parse(text)!);
    }

    public HttpRequestMessage Build(HttpMethod method, string pathAndQuery, string? body, Signing signing)
    {
        var url = new Uri(baseUrl, pathAndQuery);
        var request = new HttpRequestMessage(method, url);
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null) request.Content = new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } };
        var date = JdCloudSigner.FormatDate(signing.Date ?? clock.GetUtcNow());
        var nonce = signing.Nonce ?? JdCloudSigner.NewNonce();
        request.Headers.Add(JdCloudSigner.DateHeader, date);
        request.Headers.Add(JdCloudSigner.NonceHeader, nonce);
        var signed = new List<KeyValuePair<string, string>>();
        if (signing.SignDate) signed.Add(new(JdCloudSigner.DateHeader, date));
        if (signing.SignNonce) signed.Add(new(JdCloudSigner.NonceHeader, nonce));
        if (body is not null) signed.Add(new("content-type", "application/json"));
        if (signing.ExtraHeader is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Sent);
            signed.Add(new(extra.Name, extra.Signed));
        }
        var signature = JdCloudSigner.Sign(new JdCloudSigningRequest
        {
            Method = method.Method,
            Url = url,
            Headers = signed,
            PayloadHash = JdCloudCanonicalRequest.Sha256Hex(bytes),
            Date = date,
            Credentials = new JdCloudCredentials(signing.AccessKey ?? accessKey, signing.SecretKey ?? secretKey),
            Region = signing.Region ?? RegionOf(url),
            Service = signing.Service,
            Version = signing.Version,
        });
        if (!signing.OmitAuthorization) request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization.ToString());
        signing.AfterSigning?.Invoke(request);
        return request;
    }

    private static string RegionOf(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 2 && segments[1] == "regions" ? segments[2] : "jdcloud-api";
    }

    public void Dispose() => Http.Dispose();
}
