using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace JdCloudPodOperator.Telemetry;

/// <summary>
/// Masks secrets in text that leaves the process (Kubernetes Events). Whoever reads a credential registers its
/// value (the JD Cloud access and secret keys, the CMDB app secret) and every occurrence is masked; credential-like
/// <c>name=value</c> / <c>name: value</c> pairs are masked even when nobody registered them.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";
    private const int MinimumSecretLength = 4;
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    /// <summary>Masks <paramref name="value"/> from now on (values shorter than 4 characters would mask ordinary words).</summary>
    public void Register(string? value)
    {
        if (value is { Length: >= MinimumSecretLength }) _values.TryAdd(value, 0);
    }

    public string Redact(string text)
    {
        foreach (var value in _values.Keys.OrderByDescending(v => v.Length)) text = text.Replace(value, Mask, StringComparison.Ordinal);
        return CredentialPair().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
    }

    [GeneratedRegex("""(?i)(?<name>\b(?:secret[_-]?(?:access[_-]?)?key|access[_-]?key(?:[_-]?id)?|app[_-]?secret|password|passwd|token|credential|signature|authorization)\b)(?<sep>"?\s*[:=]\s*"?(?:Bearer\s+)?)[^\s",;&}]+""")]
    private static partial Regex CredentialPair();
}
