using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>Who is calling, as each entry point establishes it (docs/bkcmdb-api.md, Authentication), or the reply that
/// refuses the call.</summary>
public sealed record Caller(string User, string Supplier, string? AppCode)
{
    private static readonly string[] SupplierHeaders =
        ["X-Bkcmdb-Supplier-Account", "X-Bkapi-Supplier-Account", "HTTP_BK_SUPPLIER_ACCOUNT", "HTTP_BLUEKING_SUPPLIER_ID"];
    private static readonly string[] UserHeaders = ["X-Bkcmdb-User", "BK_User"];

    /// <summary>Native: supplier account first, then user; either missing is HTTP 500, 1199027.</summary>
    public static (Caller?, Reply?) Native(HttpRequest request, bool en)
    {
        var supplier = First(request, SupplierHeaders);
        if (supplier is null) return (null, Missing("owner_id", en));
        var user = First(request, UserHeaders);
        return user is null ? (null, Missing("user", en)) : (new Caller(user, supplier, null), null);
    }

    /// <summary>
    /// Gateway: only the X-Bkapi-Authorization header counts; the app must be known, its secret right and the
    /// resource granted. CMDB then needs a user name in the gateway's JWT.
    /// </summary>
    public static (Caller?, Reply?) Gateway(HttpRequest request, SimulatorState state, string api)
    {
        var auth = ParseObject(request.Headers["X-Bkapi-Authorization"].ToString());
        var appCode = Str(auth, "bk_app_code");
        if (string.IsNullOrEmpty(appCode)) return (null, GatewayError(400, 1640001, "INVALID_ARGS", "app code cannot be empty"));
        var app = state.FindApp(appCode);
        if (app is null || app.Secret != Str(auth, "bk_app_secret"))
            return (null, GatewayError(400, 1640001, "INVALID_ARGS", "bk_app_code or bk_app_secret is incorrect"));
        if (!app.IsGranted(api))
            return (null, GatewayError(403, 1640301, "APP_NO_PERMISSION", $"App [{appCode}] has no permission to the resource [{api}]"));
        var user = UserOf(auth);
        if (user is null)
            return (null, new Reply(Messages.Unknown, "jwt: the user name is empty", HasData: false, Origin: Origin.ApiServerFilter));
        return (new Caller(user, "0", appCode), null);
    }

    /// <summary>ESB: app credentials from the header, else from the body (the header wins); an older ESB reads only the
    /// body (docs/bkcmdb-api.md, Authentication).</summary>
    public static (Caller?, Reply?) Esb(HttpRequest request, string body, SimulatorState state)
    {
        var fromBody = ParseObject(body);
        var auth = (state.EsbReadsBodyOnly ? null : ParseObject(request.Headers["X-Bkapi-Authorization"].ToString())) ?? fromBody;
        var appCode = Str(auth, "bk_app_code");
        var app = appCode is null ? null : state.FindApp(appCode);
        var user = UserOf(auth);
        if (app is null || app.Secret != Str(auth, "bk_app_secret") || user is null)
            return (null, new Reply(1306406, "app authentication failed: bk_app_code, bk_app_secret and a user are required",
                HasData: true, Origin: Origin.Esb));
        var supplier = Str(fromBody, "bk_supplier_account") ?? "0";
        return (new Caller(user, supplier, appCode), null);
    }

    private static Reply Missing(string what, bool en) =>
        new(Messages.AuthInfo, Messages.AuthInfoMissing(what, en), Status: 500, Origin: Origin.ApiServerFilter);

    private static Reply GatewayError(int status, long code, string name, string message) =>
        new(code, message, Status: status, Origin: Origin.Gateway, CodeName: name);

    // A token stands for the user it was issued to (the JWT carries the name); the simulator knows no issuer, so it
    // names that user after a digest of the token, never the token itself, which would be stored in creator/modifier.
    private static string? UserOf(JsonObject? auth)
    {
        if (Str(auth, "bk_username") is { Length: > 0 } user) return user;
        var token = new[] { "bk_token", "access_token" }.Select(k => Str(auth, k)).FirstOrDefault(s => s is { Length: > 0 });
        return token is null ? null
            : "token-user-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..12];
    }

    private static string? Str(JsonObject? o, string key) => o?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? First(HttpRequest request, string[] names) =>
        names.Select(n => request.Headers[n].ToString()).FirstOrDefault(v => v.Length > 0);

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
