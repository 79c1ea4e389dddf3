using System.Text;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;
using k8s.Models;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// Reads JD Cloud credentials from the Secret named by <c>spec.credentialsSecretRef</c>: keys <c>accessKey</c> and
/// <c>secretKey</c>, and optionally <c>securityToken</c>. Problems name the Secret and the key, never a value.
/// </summary>
public static class CredentialsSecret
{
    public const string AccessKey = "accessKey";
    public const string SecretKey = "secretKey";
    public const string SecurityToken = "securityToken";

    public static (JdCloudCredentials? Credentials, Problem? Problem) Read(V1Secret? secret, string @namespace, string? name)
    {
        if (string.IsNullOrEmpty(name))
            return (null, NotFound("spec.credentialsSecretRef.name is not set"));
        if (secret is null)
            return (null, NotFound($"Secret {@namespace}/{name} (spec.credentialsSecretRef) was not found; create it with the keys {AccessKey} and {SecretKey}"));
        var missing = new[] { AccessKey, SecretKey }.Where(key => Value(secret, key) is null).ToList();
        if (missing.Count > 0)
            return (null, NotFound($"Secret {@namespace}/{name} has no non-empty {string.Join(" and ", missing)}; it needs the keys {AccessKey} and {SecretKey}"));
        return (new JdCloudCredentials(Value(secret, AccessKey)!, Value(secret, SecretKey)!, Value(secret, SecurityToken)), null);
    }

    private static string? Value(V1Secret secret, string key)
    {
        var text = secret.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes)
            : secret.StringData?.TryGetValue(key, out var plain) == true ? plain
            : null;
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static Problem NotFound(string message) => Problem.Retrying(Reasons.CredentialsNotFound, message);
}
