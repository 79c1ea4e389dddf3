using System.Text;
using JdCloudPodOperator.JdCloud.Signing;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.JdCloud.Http;

/// <summary>
/// Runs once per attempt, inside the retry pipeline: signs with a fresh date and nonce (docs/jdcloud-api.md, Signing,
/// Algorithm, step 1), sends, and buffers the body so that a connection dropped mid-body is an attempt failure the
/// retry strategy sees rather than an error after it.
/// </summary>
internal sealed class JdCloudAttemptHandler(IOptions<JdCloudClientOptions> options, TimeProvider time) : DelegatingHandler
{
    private static readonly string[] SigningHeaders =
        ["Authorization", JdCloudSigner.DateHeader, JdCloudSigner.NonceHeader, JdCloudSigner.SecurityTokenHeader];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = JdCloudRequestContext.Of(request)
            ?? throw new InvalidOperationException("A JD Cloud request must carry its JdCloudRequestContext.");
        await SignAsync(request, context, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task SignAsync(HttpRequestMessage request, JdCloudRequestContext context, CancellationToken cancellationToken)
    {
        foreach (var name in SigningHeaders) request.Headers.Remove(name);
        var signed = new List<KeyValuePair<string, string>>
        {
            new(JdCloudSigner.DateHeader, JdCloudSigner.FormatDate(time.GetUtcNow())),
            new(JdCloudSigner.NonceHeader, JdCloudSigner.NewNonce()),
        };
        if (context.Credentials.SecurityToken is { } token)
            signed.Add(new(JdCloudSigner.SecurityTokenHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(token))));
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content?.Headers.ContentType is { } contentType) signed.Add(new("content-type", contentType.ToString()));

        var signature = JdCloudSigner.Sign(new JdCloudSigningRequest
        {
            Method = request.Method.Method,
            Url = request.RequestUri!,
            Headers = signed,
            PayloadHash = JdCloudCanonicalRequest.Sha256Hex(body),
            Credentials = context.Credentials,
            Region = context.RegionId,
            Version = options.Value.SignatureVersion,
        });
        foreach (var (name, value) in signed.Where(h => h.Key != "content-type")) request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization.ToString());
    }
}
