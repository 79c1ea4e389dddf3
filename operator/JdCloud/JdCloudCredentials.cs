namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// An access key pair, optionally with a security token (temporary credentials, MFA-protected calls).
/// A class rather than a record so that no generated printer can show the keys: <see cref="ToString"/> redacts them.
/// </summary>
public sealed class JdCloudCredentials : IEquatable<JdCloudCredentials>
{
    public JdCloudCredentials(string accessKey, string secretKey, string? securityToken = null)
    {
        if (string.IsNullOrWhiteSpace(accessKey)) throw new ArgumentException("The JD Cloud access key is empty.", nameof(accessKey));
        if (string.IsNullOrWhiteSpace(secretKey)) throw new ArgumentException("The JD Cloud secret key is empty.", nameof(secretKey));
        AccessKey = accessKey.Trim();
        SecretKey = secretKey.Trim();
        SecurityToken = string.IsNullOrWhiteSpace(securityToken) ? null : securityToken.Trim();
    }

    public string AccessKey { get; }
    public string SecretKey { get; }
    public string? SecurityToken { get; }

    public override string ToString() => "JdCloudCredentials { AccessKey = ***, SecretKey = *** }";

    public bool Equals(JdCloudCredentials? other) =>
        other is not null && AccessKey == other.AccessKey && SecretKey == other.SecretKey && SecurityToken == other.SecurityToken;

    public override bool Equals(object? obj) => Equals(obj as JdCloudCredentials);

    public override int GetHashCode() => HashCode.Combine(AccessKey, SecretKey, SecurityToken);
}
