using System.Text;
using System.Text.RegularExpressions;

namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>
/// The single canonicaliser (docs/jdcloud-api.md, Signing, Algorithm, steps 2-4): decode, then re-encode. It accepts
/// raw and already encoded input alike, so the client (signing what it sends) and a verifier (signing what it received)
/// agree.
/// </summary>
public static partial class JdCloudCanonicalizer
{
    /// <summary>Step 2: decode the path, collapse runs of <c>/</c>, re-encode keeping <c>/</c>, ensure a leading <c>/</c>.</summary>
    public static string CanonicalUri(string? rawPath)
    {
        var decoded = JdCloudPercentEncoding.Decode(rawPath ?? "", plusIsSpace: false);
        var encoded = JdCloudPercentEncoding.Encode(decoded, keepSlash: true);
        var collapsed = SlashRuns().Replace(encoded, "/");
        return collapsed.StartsWith('/') ? collapsed : "/" + collapsed;
    }

    /// <summary>Step 3: split on <c>&amp;</c>, split each item at its first <c>=</c> (items without one or with an
    /// empty name are dropped), form-decode, re-encode, sort ordinally. A leading <c>?</c> is ignored.</summary>
    public static string CanonicalQuery(string? rawQuery)
    {
        var pairs = new List<(string Name, string Value)>();
        foreach (var item in (rawQuery ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0) continue;
            pairs.Add((Reencode(item[..equals]), Reencode(item[(equals + 1)..])));
        }
        return SortAndJoin(pairs);
    }

    /// <summary>Encodes and sorts decoded name/value pairs into the canonical query form. The client builds its
    /// wire query with this, so what it sends is already what both signature versions sign.</summary>
    public static string FormatQuery(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        return SortAndJoin(pairs.Select(p =>
            (JdCloudPercentEncoding.EncodeQueryComponent(p.Key), JdCloudPercentEncoding.EncodeQueryComponent(p.Value))));
    }

    private static string SortAndJoin(IEnumerable<(string Name, string Value)> encoded) =>
        string.Join('&', encoded
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    /// <summary>The signed <c>host</c> value: lower-case host, plus <c>:port</c> only for a non-default port.</summary>
    public static string HostValue(Uri url) =>
        (url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}").ToLowerInvariant();

    /// <summary>Step 4: lower-cased names, trimmed values (several values of one name joined by <c>,</c>), sorted.
    /// Returns the header block (each line ending in <c>\n</c>) and the SignedHeaders value.</summary>
    public static (string Block, string SignedHeaders) CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var grouped = headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant())
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => h.Value.Trim()))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var block = new StringBuilder();
        foreach (var (name, value) in grouped) block.Append(name).Append(':').Append(value).Append('\n');
        return (block.ToString(), string.Join(';', grouped.Select(h => h.Name)));
    }

    // Form-decode then re-encode as bytes, so invalid UTF-8 in the input survives unchanged.
    private static string Reencode(string component) =>
        JdCloudPercentEncoding.Encode(JdCloudPercentEncoding.Decode(component, plusIsSpace: true), keepSlash: false);

    [GeneratedRegex("/{2,}")]
    private static partial Regex SlashRuns();
}
