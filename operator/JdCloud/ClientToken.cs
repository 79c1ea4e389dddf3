using System.Security.Cryptography;
using System.Text;

namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// The one maker of createPods clientTokens. createPods documents the token only as an optional idempotency key of
/// at most 64 ASCII characters; JD services that document it say the first request with a token is executed and
/// every later request with the same token gets the first request's result. A token is a pure function of the
/// resource UID and the attempt number, so an operator that restarts at any instant, or reads a stale copy of the
/// resource, sends the same token again and the cloud answers with the first call's podIds instead of creating more.
/// </summary>
public static class ClientToken
{
    public const int MaxLength = PodClient.MaxClientTokenLength;
    private const string Prefix = "jdpod-";

    public static string For(string uid, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var token = $"{Prefix}{uid}-{attempt}";
        // Kubernetes UIDs are 36-character UUIDs; anything longer or non-ASCII is hashed so the token stays within
        // the documented 64 ASCII characters.
        return token.Length <= MaxLength && IsPlain(uid) ? token : $"{Prefix}{Hash(uid)}-{attempt}";
    }

    /// <summary>A token for a call that belongs to no resource (a caller gave none): the client's own retries of that
    /// one call stay idempotent.</summary>
    public static string ForOneCall() => For(Guid.NewGuid().ToString("N"), 1);

    private static bool IsPlain(string uid) => uid.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string Hash(string uid) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uid)))[..40];
}
