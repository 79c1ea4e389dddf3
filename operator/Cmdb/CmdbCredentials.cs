namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// BlueKing app credentials, read from the mounted Secret. The secret never leaves this type except in the
/// X-Bkapi-Authorization header value and, on the ESB, the request body; <see cref="ToString"/> redacts it.
/// </summary>
public sealed class CmdbCredentials(string appCode, string appSecret, string username)
{
    public const string AppCodeKey = "bk_app_code";
    public const string AppSecretKey = "bk_app_secret";
    public const string UsernameKey = "bk_username";

    public string AppCode { get; } = appCode;
    public string Username { get; } = username;
    internal string AppSecret { get; } = appSecret;

    /// <summary>
    /// Reads the Secret's files; a missing or empty key is a configuration error naming the key. The native path
    /// needs only the user name.
    /// </summary>
    public static CmdbCredentials Load(string directory, CmdbEntryPoint entryPoint) =>
        From(entryPoint, key => File.Exists(Path.Combine(directory, key)) ? File.ReadAllText(Path.Combine(directory, key)) : null,
            $"the Secret mounted at {directory}");

    /// <summary>The same from a Secret's data read through the API; <paramref name="where"/> names it in errors.</summary>
    public static CmdbCredentials FromSecret(IDictionary<string, byte[]>? data, CmdbEntryPoint entryPoint, string where) =>
        From(entryPoint, key => data?.TryGetValue(key, out var bytes) == true ? System.Text.Encoding.UTF8.GetString(bytes) : null, where);

    private static CmdbCredentials From(CmdbEntryPoint entryPoint, Func<string, string?> read, string where)
    {
        string Read(string key)
        {
            var value = read(key)?.Trim()
                ?? throw new InvalidOperationException($"CMDB credentials: key '{key}' missing in {where}");
            return value.Length > 0 ? value : throw new InvalidOperationException($"CMDB credentials: key '{key}' is empty in {where}");
        }
        return entryPoint == CmdbEntryPoint.Native
            ? new("", "", Read(UsernameKey))
            : new(Read(AppCodeKey), Read(AppSecretKey), Read(UsernameKey));
    }

    /// <summary>
    /// The gateway/ESB header value. CMDB rejects a JWT without a user name, so bk_username is always sent
    /// (docs/bkcmdb-api.md, Authentication).
    /// </summary>
    internal string AuthorizationHeader()
    {
        var keys = new System.Text.Json.Nodes.JsonObject();
        AddTo(keys);
        return keys.ToJsonString();
    }

    /// <summary>The ESB's body form of the same three keys (docs/bkcmdb-api.md, Authentication: old ESBs read only the body).</summary>
    internal void AddTo(System.Text.Json.Nodes.JsonObject body)
    {
        body[AppCodeKey] = AppCode;
        body[AppSecretKey] = AppSecret;
        body[UsernameKey] = Username;
    }

    public override string ToString() => $"{AppCodeKey}={AppCode}, {UsernameKey}={Username}, {AppSecretKey}=***";
}
