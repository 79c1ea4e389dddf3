namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// A failed CMDB call as the server reported it: its code and message verbatim, the HTTP status, and for a
/// permission denial the IAM actions that are missing. <see cref="Code"/> is null when no CMDB or gateway body came
/// back (network error, timeout, a proxy's 5xx page), and for a conflict the operator found itself: <see cref="Conflict"/>
/// says the pod's name is taken in CMDB by a record that is not provably this pod's (<see cref="CmdbOwnership"/>), final
/// until someone renames or removes one of them.
/// </summary>
public sealed record CmdbError(long? Code, string Message, int? HttpStatus = null, CmdbPermission? Permission = null, bool Conflict = false)
{
    public bool IsPermissionDenied => Code == CmdbCodes.PermissionDenied;

    public bool IsDuplicate => Code is { } code && CmdbCodes.IsDuplicate(code, Message);

    /// <summary>Worth retrying: no answer at all, a rate limit, a gateway 502/503/504 (with a body or without), or a
    /// transient CMDB code (docs/bkcmdb-api.md, Rate limits and retries).</summary>
    public bool IsTransient => !Conflict && (HttpStatus is 429 or 502 or 503 or 504 || Code is not { } code || CmdbCodes.IsTransient(code));

    /// <summary>Credentials or setup are wrong for every pod alike: splitting a batch cannot help.</summary>
    public bool IsGlobal => Code is { } code && (CmdbCodes.IsGlobal(code) || HttpStatus is 400 or 403 or 404);

    public override string ToString()
    {
        var text = Code is { } code ? $"CMDB error {code}: {Message}" : Message;
        if (HttpStatus is { } status and not 200) text += $" (HTTP {status})";
        if (Permission is not null) text += $"; missing permission: {Permission}";
        return text;
    }
}

/// <summary>Thrown by <see cref="CmdbClient"/> for every failed call; carries the server's <see cref="CmdbError"/>.</summary>
public sealed class CmdbException(string api, CmdbError error, Exception? inner = null)
    : Exception($"{api}: {error}", inner)
{
    public string Api { get; } = api;
    public CmdbError Error { get; } = error;
}
