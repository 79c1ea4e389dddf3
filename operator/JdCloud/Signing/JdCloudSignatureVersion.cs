namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>The two signature versions the gateway accepts (docs/jdcloud-api.md, Signing, Versions). They differ only
/// in three constants.</summary>
public enum JdCloudSignatureVersion
{
    /// <summary>JDCLOUD2-HMAC-SHA256: the documented version, used by the Go, Java and .NET SDKs. The default.</summary>
    V2 = 2,

    /// <summary>JDCLOUD3-HMAC-SHA256: used by the Python SDK since 1.6.95 and the CLI.</summary>
    V3 = 3,
}

public static class JdCloudSignatureVersionExtensions
{
    /// <summary><c>JDCLOUD{N}-HMAC-SHA256</c>.</summary>
    public static string AlgorithmName(this JdCloudSignatureVersion version) => $"JDCLOUD{(int)version}-HMAC-SHA256";

    /// <summary>Prefix of the first HMAC key: <c>JDCLOUD{N}</c> followed by the secret key.</summary>
    public static string KeyPrefix(this JdCloudSignatureVersion version) => $"JDCLOUD{(int)version}";

    /// <summary>Scope terminator: <c>jdcloud{N}_request</c>.</summary>
    public static string Terminator(this JdCloudSignatureVersion version) => $"jdcloud{(int)version}_request";

    /// <summary>Maps an algorithm name (as in an Authorization header or a test vector) back to its version.</summary>
    public static bool TryParseAlgorithm(string? algorithm, out JdCloudSignatureVersion version)
    {
        foreach (var candidate in Enum.GetValues<JdCloudSignatureVersion>())
        {
            if (string.Equals(algorithm, candidate.AlgorithmName(), StringComparison.Ordinal))
            {
                version = candidate;
                return true;
            }
        }
        version = default;
        return false;
    }
}
