using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmdbSimulator;

// Request bodies typed as the CMDB server decodes them (src/kube/types/pod.go): unknown keys are ignored, a value of
// the wrong JSON type anywhere fails the whole request (1199000), and null leaves a field at its zero value.

public static class Bodies
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>An empty body decodes to an empty object, as in the server.</summary>
    public static T Decode<T>(string body, bool en) where T : new()
    {
        if (string.IsNullOrWhiteSpace(body)) return new T();
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options) ?? new T();
        }
        catch (JsonException)
        {
            throw Messages.Decode(en);
        }
    }
}

public sealed class CreateBody
{
    [JsonPropertyName("data")] public List<PodsInfoBody?>? Data { get; set; }
}

public sealed class PodsInfoBody
{
    [JsonPropertyName("bk_biz_id")] public long? BizId { get; set; }
    [JsonPropertyName("pods")] public List<PodBody?>? Pods { get; set; }
}

public sealed class PodBody
{
    [JsonPropertyName("spec")] public SpecBody? Spec { get; set; }
    [JsonPropertyName("bk_host_id")] public long? HostId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("operator")] public List<string?>? Operator { get; set; }
    [JsonPropertyName("priority")] public int? Priority { get; set; }
    [JsonPropertyName("labels")] public Dictionary<string, string?>? Labels { get; set; }
    [JsonPropertyName("ip")] public string? Ip { get; set; }
    [JsonPropertyName("ips")] public List<IpBody?>? Ips { get; set; }
    [JsonPropertyName("volumes")] public List<Dictionary<string, JsonElement>?>? Volumes { get; set; }
    [JsonPropertyName("qos_class")] public string? QosClass { get; set; }
    [JsonPropertyName("node_selectors")] public Dictionary<string, string?>? NodeSelectors { get; set; }
    [JsonPropertyName("tolerations")] public List<TolerationBody?>? Tolerations { get; set; }
    [JsonPropertyName("containers")] public List<ContainerBody?>? Containers { get; set; }

    // Accepted and type-checked, but ignored: the server fills them from the workload and node (docs/bkcmdb-api.md,
    // batch_create_kube_pod body).
    [JsonPropertyName("bk_biz_id")] public long? IgnoredBizId { get; set; }
    [JsonPropertyName("bk_cluster_id")] public long? IgnoredClusterId { get; set; }
    [JsonPropertyName("cluster_uid")] public string? IgnoredClusterUid { get; set; }
    [JsonPropertyName("namespace")] public string? IgnoredNamespace { get; set; }
    [JsonPropertyName("node_name")] public string? IgnoredNodeName { get; set; }
    [JsonPropertyName("ref")] public RefBody? IgnoredRef { get; set; }
    [JsonPropertyName("id")] public long? IgnoredId { get; set; }
    [JsonPropertyName("bk_supplier_account")] public string? IgnoredSupplier { get; set; }
}

public sealed class SpecBody
{
    [JsonPropertyName("bk_cluster_id")] public long? ClusterId { get; set; }
    [JsonPropertyName("bk_namespace_id")] public long? NamespaceId { get; set; }
    [JsonPropertyName("bk_node_id")] public long? NodeId { get; set; }
    [JsonPropertyName("ref")] public RefBody? Ref { get; set; }
}

public sealed class RefBody
{
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("id")] public long? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

public sealed class IpBody
{
    [JsonPropertyName("ip")] public string? Ip { get; set; }
}

public sealed class TolerationBody
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("operator")] public string? Operator { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("effect")] public string? Effect { get; set; }
    [JsonPropertyName("tolerationSeconds")] public long? TolerationSeconds { get; set; }
}

public sealed class ContainerBody
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("container_uid")] public string? ContainerUid { get; set; }
    /// <summary>A pointer in the server: a missing key and null both fail; "" passes.</summary>
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("ports")] public List<PortBody?>? Ports { get; set; }
    [JsonPropertyName("host_ports")] public List<PortBody?>? HostPorts { get; set; }
    [JsonPropertyName("args")] public List<string?>? Args { get; set; }
    [JsonPropertyName("started")] public long? Started { get; set; }
    /// <summary>Quantities have no exported fields: only an object or null decodes; "100m" fails.</summary>
    [JsonPropertyName("limits")] public Dictionary<string, QuantityBody?>? Limits { get; set; }
    [JsonPropertyName("requests")] public Dictionary<string, QuantityBody?>? Requests { get; set; }
    [JsonPropertyName("liveness")] public ProbeBody? Liveness { get; set; }
    [JsonPropertyName("environment")] public List<EnvBody?>? Environment { get; set; }
    [JsonPropertyName("mounts")] public List<MountBody?>? Mounts { get; set; }
}

public sealed class QuantityBody;

public sealed class PortBody
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("hostPort")] public int? HostPort { get; set; }
    [JsonPropertyName("containerPort")] public int? ContainerPort { get; set; }
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
    [JsonPropertyName("hostIP")] public string? HostIp { get; set; }
}

public sealed class ProbeBody
{
    [JsonPropertyName("exec")] public ExecBody? Exec { get; set; }
    [JsonPropertyName("httpGet")] public HttpGetBody? HttpGet { get; set; }
    [JsonPropertyName("tcpSocket")] public TcpSocketBody? TcpSocket { get; set; }
    [JsonPropertyName("grpc")] public GrpcBody? Grpc { get; set; }
    [JsonPropertyName("initialDelaySeconds")] public int? InitialDelaySeconds { get; set; }
    [JsonPropertyName("timeoutSeconds")] public int? TimeoutSeconds { get; set; }
    [JsonPropertyName("periodSeconds")] public int? PeriodSeconds { get; set; }
    [JsonPropertyName("successThreshold")] public int? SuccessThreshold { get; set; }
    [JsonPropertyName("failureThreshold")] public int? FailureThreshold { get; set; }
}

public sealed class ExecBody
{
    [JsonPropertyName("command")] public List<string?>? Command { get; set; }
}

public sealed class HttpGetBody
{
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("port")] public IntOrStringBody? Port { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("scheme")] public string? Scheme { get; set; }
}

public sealed class TcpSocketBody
{
    [JsonPropertyName("port")] public IntOrStringBody? Port { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
}

public sealed class GrpcBody
{
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("service")] public string? Service { get; set; }
}

/// <summary>CMDB's IntOrString object, <c>{"type":0,"int_val":8080,"str_val":""}</c>; a bare number or string fails.</summary>
public sealed class IntOrStringBody
{
    [JsonPropertyName("type")] public int? Type { get; set; }
    [JsonPropertyName("int_val")] public int? IntVal { get; set; }
    [JsonPropertyName("str_val")] public string? StrVal { get; set; }
}

public sealed class EnvBody
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("valueFrom")] public Dictionary<string, JsonElement>? ValueFrom { get; set; }
}

public sealed class MountBody
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("mountPath")] public string? MountPath { get; set; }
    [JsonPropertyName("readOnly")] public bool? ReadOnly { get; set; }
    [JsonPropertyName("subPath")] public string? SubPath { get; set; }
}

public sealed class ListBody
{
    [JsonPropertyName("bk_biz_id")] public long? BizId { get; set; }
    [JsonPropertyName("filter")] public JsonElement? Filter { get; set; }
    [JsonPropertyName("fields")] public List<string?>? Fields { get; set; }
    [JsonPropertyName("page")] public PageBody? Page { get; set; }
}

public sealed class PageBody
{
    [JsonPropertyName("start")] public int? Start { get; set; }
    [JsonPropertyName("limit")] public int? Limit { get; set; }
    [JsonPropertyName("sort")] public string? Sort { get; set; }
    [JsonPropertyName("enable_count")] public bool? EnableCount { get; set; }
}

public sealed class DeleteBody
{
    [JsonPropertyName("data")] public List<DeleteEntryBody?>? Data { get; set; }
}

public sealed class DeleteEntryBody
{
    [JsonPropertyName("bk_biz_id")] public long? BizId { get; set; }
    [JsonPropertyName("ids")] public List<long?>? Ids { get; set; }
}
