using System.Text.RegularExpressions;

namespace JdCloudPodOperator.Telemetry;

/// <summary>
/// Masks secrets in text that leaves the process (Kubernetes Events). Masking is per use: a reconcile opens a
/// <see cref="BeginScope">scope</see>, registers the credentials of the resource it handles, and only text redacted
/// in that flow masks them; the operator's own CMDB app secret is masked everywhere. No list grows with the tenants:
/// one tenant's weak credential ("cloud") must not blank out words in other tenants' Events. Credential-like
/// <c>name=value</c> / <c>name: value</c> pairs are masked even when nobody registered them.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";
    private const int MinimumSecretLength = 4;
    private readonly AsyncLocal<Scope?> _current = new();
    private volatile string? _operatorSecret;

    /// <summary>
    /// Starts masking for one unit of work (a reconcile); values it registers are forgotten when it is disposed. A
    /// scope starts empty even inside another (a task forked from one reconcile must not carry its secrets into
    /// another resource's work).
    /// </summary>
    public IDisposable BeginScope() => _current.Value = new Scope(this, _current.Value);

    /// <summary>
    /// Masks <paramref name="value"/> in the current scope (values shorter than 4 characters would mask ordinary
    /// words). Outside a scope this is a programming error: nothing could say whose secret it is.
    /// </summary>
    public void Register(string? value)
    {
        var scope = _current.Value ?? throw new InvalidOperationException("SecretRedactor.Register needs a scope (BeginScope) for the resource being handled");
        if (value is not { Length: >= MinimumSecretLength }) return;
        lock (scope.Values) scope.Values.Add(value);
    }

    /// <summary>The operator's own secret (the CMDB app secret), masked in every scope; a rotated value replaces the old one.</summary>
    public void RegisterOperatorSecret(string? value)
    {
        if (value is { Length: >= MinimumSecretLength }) _operatorSecret = value;
    }

    public string Redact(string text)
    {
        var values = new List<string>();
        if (_current.Value is { } scope)
        {
            lock (scope.Values) values.AddRange(scope.Values);
        }
        if (_operatorSecret is { } own) values.Add(own);
        foreach (var value in values.OrderByDescending(v => v.Length)) text = text.Replace(value, Mask, StringComparison.Ordinal);
        return CredentialPair().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
    }

    [GeneratedRegex("""(?i)(?<name>\b(?:secret[_-]?(?:access[_-]?)?key|access[_-]?key(?:[_-]?id)?|app[_-]?secret|password|passwd|token|credential|signature|authorization)\b)(?<sep>"?\s*[:=]\s*"?(?:Bearer\s+)?)[^\s",;&}]+""")]
    private static partial Regex CredentialPair();

    /// <summary>One flow's values (locked: a flow may fork tasks that record Events while another registers).</summary>
    private sealed class Scope(SecretRedactor owner, Scope? previous) : IDisposable
    {
        public List<string> Values { get; } = [];

        public void Dispose()
        {
            if (owner._current.Value == this) owner._current.Value = previous;
        }
    }
}
