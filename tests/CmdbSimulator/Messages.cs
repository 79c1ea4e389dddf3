using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>A CMDB business error: the first one ends the request (docs/bkcmdb-api.md, batch_create_kube_pod
/// processing).</summary>
public sealed class CmdbFailure(long code, string message, JsonObject? permission = null) : Exception(message)
{
    public long Code { get; } = code;

    /// <summary>The IAM permission body of a 9900403 denial (docs/bkcmdb-api.md, Envelopes).</summary>
    public JsonObject? Permission { get; } = permission;
}

/// <summary>
/// CMDB's error texts: Chinese by default, English with X-Bkcmdb-Language: en (docs/bkcmdb-api.md, Error codes). Where
/// the documents give no Chinese text (1199059, 1199997) the English one is used for both.
/// </summary>
public static class Messages
{
    public const long DecodeFailed = 1199000, Verification = 1199006, Unassigned = 1199010, Invalid = 1199011,
        Duplicated = 1199014, AuthInfo = 1199027, ExceedLimit = 1199035, AuthorizeFailed = 1199046,
        PageLimit = 1199059, TooManyRequests = 1199997, Unknown = 1199998, PermissionDenied = 9900403;

    public static CmdbFailure Decode(bool en) => new(DecodeFailed, en ? "Deserializing JSON data failed" : "反序列化JSON数据失败");

    public static CmdbFailure NotPassed(string what, bool en) =>
        new(Verification, en ? $"'{what}' data parameter verification does not pass" : $"'{what}' 数据参数校验不通过");

    public static CmdbFailure NotAssigned(string what, bool en) => new(Unassigned, en ? $"'{what}' unassigned" : $"'{what}' 未赋值");

    public static CmdbFailure InvalidParam(string what, bool en) =>
        new(Invalid, en ? $"'{what}' the parameter is invalid or does not exist" : $"'{what}' 参数无效或不存在");

    /// <summary>Note the leading space, as the server sends it.</summary>
    public static CmdbFailure Exceed(string what, int limit, bool en) =>
        new(ExceedLimit, en ? $" {what} exceed the limit {limit}" : $" {what} 超过限制 {limit}");

    public static CmdbFailure Duplicate(string dupKey, bool en, bool legacy) => legacy
        ? new(Unknown, $"E11000 duplicate key error collection: cmdb.cc_Pod dup key: {{ {dupKey} }}")
        : new(Duplicated, en ? $"duplicated instances exist, fields [{dupKey}] duplicated" : $"数据唯一性校验失败， {dupKey} 重复");

    public static string AuthInfoMissing(string what, bool en) =>
        en ? $"'{what}' authorization information query failed" : $"[{what}]授权信息查询失败";

    public static string NoPermission(bool en) => en ? "Do not have access permission." : "没有操作的权限";

    /// <summary>IAM denial of one action; <paramref name="related"/> names the resources (empty for create and delete).</summary>
    public static CmdbFailure Denied(string actionId, string actionName, JsonArray related, bool en) =>
        new(PermissionDenied, NoPermission(en), new JsonObject
        {
            ["system_id"] = "bk_cmdb",
            ["system_name"] = "配置平台",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["id"] = actionId, ["name"] = actionName, ["related_resource_types"] = related,
            }),
        });

    public static CmdbFailure PageLimitExceeded() => new(PageLimit, "page limit is exceeded. suggestion 200");
}
