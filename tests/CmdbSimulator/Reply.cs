using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>Who answers: CMDB's handler, CMDB's own filters (keys never renamed), the gateway itself, or the ESB itself.</summary>
public enum Origin
{
    Handler,
    ApiServerFilter,
    Gateway,
    Esb,
}

/// <summary>A reply before it is put in the envelope of the entry point it came through (docs/bkcmdb-api.md,
/// Envelopes).</summary>
public sealed record Reply(long Code, string Message, JsonNode? Data = null, bool HasData = true, JsonObject? Permission = null,
    int Status = 200, Origin Origin = Origin.Handler, string? CodeName = null)
{
    public Dictionary<string, string> Headers { get; } = [];

    public static Reply Success(JsonNode? data) => new(0, "success", data);

    /// <summary>Permission and limiter bodies carry no data key.</summary>
    public static Reply From(CmdbFailure failure) =>
        new(failure.Code, failure.Message, HasData: failure.Permission is null, Permission: failure.Permission);

    public JsonObject Native() => Cmdb("bk_error_code", "bk_error_msg", renamedLast: false);

    /// <summary>The apiserver renames the two keys and moves them to the end, except for its own filters' errors.</summary>
    public JsonObject Gateway() => Origin switch
    {
        Origin.Gateway => new JsonObject
        {
            ["code_name"] = CodeName, ["data"] = null, ["code"] = Code, ["message"] = Message, ["result"] = false,
        },
        Origin.ApiServerFilter => Native(),
        _ => Cmdb("code", "message", renamedLast: true),
    };

    public JsonObject Esb(string requestId) => new()
    {
        ["result"] = Code == 0, ["code"] = Code, ["message"] = Message, ["data"] = Data?.DeepClone(),
        ["permission"] = Permission?.DeepClone(), ["request_id"] = requestId,
    };

    private JsonObject Cmdb(string codeKey, string messageKey, bool renamedLast)
    {
        var body = new JsonObject { ["result"] = Code == 0 };
        if (!renamedLast) AddCode(body, codeKey, messageKey);
        body["permission"] = Permission?.DeepClone();
        if (HasData) body["data"] = Data?.DeepClone();
        if (renamedLast) AddCode(body, codeKey, messageKey);
        return body;
    }

    private void AddCode(JsonObject body, string codeKey, string messageKey)
    {
        body[codeKey] = Code;
        body[messageKey] = Message;
    }
}
