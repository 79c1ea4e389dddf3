using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Tests.JdCloud.Signing;

/// <summary>One vector of the signing test-vector format (docs/jdcloud-api.md, Signing vectors). Unknown fields are
/// ignored.</summary>
public sealed record SigningVector
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("category")] public required string Category { get; init; }
    [JsonPropertyName("algorithm")] public required string Algorithm { get; init; }
    [JsonPropertyName("access_key")] public required string AccessKey { get; init; }
    [JsonPropertyName("secret_key")] public required string SecretKey { get; init; }
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("service")] public required string Service { get; init; }
    [JsonPropertyName("region")] public required string Region { get; init; }
    [JsonPropertyName("fixed_date")] public required string FixedDate { get; init; }
    [JsonPropertyName("fixed_nonce")] public required string FixedNonce { get; init; }
    [JsonPropertyName("headers_given")] public Dictionary<string, string> HeadersGiven { get; init; } = [];
    [JsonPropertyName("body")] public string Body { get; init; } = "";
    [JsonPropertyName("body_sha256")] public required string BodySha256 { get; init; }
    [JsonPropertyName("canonical_request")] public required string CanonicalRequest { get; init; }
    [JsonPropertyName("string_to_sign")] public required string StringToSign { get; init; }
    [JsonPropertyName("signed_headers")] public required string SignedHeaders { get; init; }
    [JsonPropertyName("signature")] public required string Signature { get; init; }
    [JsonPropertyName("authorization")] public required string Authorization { get; init; }

    /// <summary>Whether a correct signer must rebuild the canonical request exactly.</summary>
    public bool MustRebuildCanonicalRequest => Category is "conformance" or "v3-normalization-edge";

    public override string ToString() => Id;
}

/// <summary>Loads every <c>*.json</c> in TestData/signing-vectors, so a new file adds cases without code changes.</summary>
public static class SigningVectorFiles
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "signing-vectors");

    private static readonly Lazy<IReadOnlyDictionary<string, SigningVector>> All = new(Load);

    /// <summary>Test-case keys: <c>{file}/{id}</c>.</summary>
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var key in All.Value.Keys.Order(StringComparer.Ordinal)) data.Add(key);
        return data;
    }

    public static SigningVector Get(string key) => All.Value[key];

    private static IReadOnlyDictionary<string, SigningVector> Load()
    {
        var vectors = new Dictionary<string, SigningVector>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json"))
        {
            var parsed = JsonSerializer.Deserialize<List<SigningVector>>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"{file} is not a JSON array of vectors");
            foreach (var vector in parsed) vectors.Add($"{Path.GetFileName(file)}/{vector.Id}", vector);
        }
        return vectors;
    }
}
