namespace JdCloudPodOperator.Entities;

/// <summary>The name rules of the createPods document (docs/jdcloud-api.md, createPods rules, sections C and D),
/// written once.</summary>
public static class Patterns
{
    public const string Dns1123Label = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    public const string Dns1123LabelMeaning =
        "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, 1-63 characters)";

    public const string Dns1123Subdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public const string Dns1123SubdomainMeaning =
        "must be a DNS-1123 subdomain (lowercase labels of letters, digits and '-' joined by '.', 1-253 characters)";

    /// <summary>A region ID (cn-north-1): a DNS-1123 label's shape, its length a Length rule.</summary>
    public const string RegionId = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public const string RegionIdMeaning = "must be a region ID such as cn-north-1";

    /// <summary>A label or labels joined by dots; letters in either case (the 63-character total is a Length rule).</summary>
    public const string Hostname =
        "^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*$";
    public const string HostnameMeaning =
        "must be a hostname: labels of letters, digits and '-' (not starting or ending with '-') joined by '.'";

    /// <summary>The document's text (letters, digits, underscore); its regex leaves out '_' by mistake
    /// (docs/jdcloud-api.md, Readings, 2).</summary>
    public const string EnvName = "^[A-Za-z0-9_]+$";
    public const string EnvNameMeaning = "must consist of ASCII letters, digits and '_'";

    /// <summary>An HTTP header field name: an RFC 7230 token.</summary>
    public const string HttpHeaderName = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
    public const string HttpHeaderNameMeaning = "must be a valid HTTP header name (RFC 7230 token characters)";

    /// <summary>
    /// Chinese characters, digits, letters, '_' and '-'. The range is written with the characters themselves (a C#
    /// escape, not a regex one): the API server's Go regexp has no \u escape and refuses the CRD otherwise.
    /// </summary>
    public const string NetworkInterfaceName = "^[\u4e00-\u9fa5A-Za-z0-9_-]+$";
    public const string NetworkInterfaceNameMeaning = "may contain only Chinese characters, letters, digits, '_' and '-'";

    /// <summary>Tag keys and values (the SDK's Tag model): Chinese characters, letters, digits and _.,:/=+-@.</summary>
    public const string TagText = "^[\u4e00-\u9fa5A-Za-z0-9_.,:/=+@-]+$";
    public const string TagValue = "^[\u4e00-\u9fa5A-Za-z0-9_.,:/=+@-]*$";
    public const string TagTextMeaning = "may contain only Chinese characters, letters, digits and _.,:/=+-@";

    /// <summary>Empty means the default ('/'): the document allows a length of 0.</summary>
    public const string AbsolutePath = "^(/.*)?$";
    public const string AbsolutePathMeaning = "must be an absolute path (starting with '/'), or empty for the default '/'";

    /// <summary>A calendar date as the charge API writes it.</summary>
    public const string Date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public const string DateMeaning = "must be a date yyyy-MM-dd, for example 2026-12-18";

    public const string Base64 = "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$";
    public const string Base64Meaning = "must be BASE64-encoded";

    public const string MountPath = "^/.*[^/].*$";
    public const string MountPathMeaning = "must be an absolute path other than '/' (the system disk is mounted at '/')";

    /// <summary>A resolver option name: what resolv.conf accepts in its `options` line (no spaces or ':').</summary>
    public const string ResolverOptionName = "^[A-Za-z0-9][A-Za-z0-9_-]*$";
    public const string ResolverOptionNameMeaning = "must be a resolver option name (letters, digits, '-' and '_')";
}
