namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// BlueKing app credentials, read from the mounted Secret. The secret never leaves this type except in the
/// X-Bkapi-Authorization header value; <see cref="ToString"/> redacts it.
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
    public static CmdbCredentials Load(string directory, CmdbEntryPoint entryPoint) => entryPoint == CmdbEntryPoint.Native
        ? new("", "", Read(directory, UsernameKey))
        : new(Read(directory, AppCodeKey), Read(directory, AppSecretKey), Read(directory, UsernameKey));

    /// <summary>
    /// The gateway/ESB header value. CMDB rejects a JWT without a user name, so bk_username is always sent (§3.1).
    /// </summary>
    internal string AuthorizationHeader() => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
    {
        [AppCodeKey] = AppCode, [AppSecretKey] = AppSecret, [UsernameKey] = Username,
    });

    public override string ToString() => $"{AppCodeKey}={AppCode}, {UsernameKey}={Username}, {AppSecretKey}=***";

    private static string Read(string directory, string key)
    {
        var path = Path.Combine(directory, key);
        if (!File.Exists(path))
            throw new InvalidOperationException($"CMDB credentials: key '{key}' missing in the Secret mounted at {directory}");
        var value = File.ReadAllText(path).Trim();
        return value.Length > 0 ? value
            : throw new InvalidOperationException($"CMDB credentials: key '{key}' is empty in the Secret mounted at {directory}");
    }
}
