using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudSimulator.Pods;

/// <summary>JSON already written; serialized as is. Pods are rendered under the lock, answers written after it.</summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed record RawJson(byte[] Utf8);

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}

/// <summary>The Pod model (docs/jdcloud-api.md, Models), as describePod and describePods return it.</summary>
internal static partial class PodView
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = SimulatorJson.Options.Encoder };

    public static RawJson Render(SimulatedPod pod)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) Write(w, pod);
        return new RawJson(buffer.WrittenSpan.ToArray());
    }

    /// <summary>One container as describeContainer returns it: the spec fields plus <c>containerStatus</c>.</summary>
    public static RawJson RenderContainer(SimulatedPod pod, JsonElement spec)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) Container(w, pod, spec);
        return new RawJson(buffer.WrittenSpan.ToArray());
    }

    /// <summary>BriefPodStatus, as describePodsStatus returns it: identity, type, status and containers.</summary>
    public static RawJson RenderBrief(SimulatedPod pod)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("podId", pod.PodId);
            w.WriteString("name", pod.Name);
            w.WriteString("description", pod.Spec.Description ?? "");
            w.WriteString("az", pod.Spec.Az);
            Ag(w, pod.Spec.AgId);
            w.WriteString("instanceType", pod.Spec.InstanceType);
            Status(w, pod);
            Containers(w, pod);
            w.WriteString("createTime", Time(pod.CreatedAt));
            w.WriteEndObject();
        }
        return new RawJson(buffer.WrittenSpan.ToArray());
    }

    private static void Write(Utf8JsonWriter w, SimulatedPod pod)
    {
        var spec = pod.Spec;
        var r = pod.Resources;
        w.WriteStartObject();
        w.WriteString("podId", pod.PodId);
        w.WriteString("name", pod.Name);
        w.WriteString("description", spec.Description ?? "");
        w.WriteString("az", spec.Az);
        w.WriteString("hostname", spec.Hostname ?? pod.PodId);
        Ag(w, spec.AgId);
        w.WriteString("instanceType", spec.InstanceType);
        w.WriteString("restartPolicy", spec.RestartPolicy ?? "Always");
        w.WriteNumber("terminationGracePeriodSeconds", spec.TerminationGracePeriodSeconds ?? 30);
        w.WriteString("vpcId", r.Subnet.VpcId);
        w.WriteString("subnetId", r.Subnet.SubnetId);
        w.WriteString("privateIpAddress", r.PrivateIpAddress);
        Element(w, "dnsConfig", pod.SpecJson.DnsConfig, null);
        Element(w, "logConfig", pod.SpecJson.LogConfig, static w => w.WriteString("logDriver", "default"));
        Array(w, "hostAliases", pod.SpecJson.HostAliases);
        Volumes(w, pod);
        Containers(w, pod);
        Status(w, pod);
        if (pod.ElasticIp is { } eip)
        {
            w.WriteStartObject("elasticIp");
            w.WriteString("elasticIpId", eip.ElasticIpId);
            w.WriteString("elasticIpAddress", eip.Address);
            w.WriteEndObject();
        }
        NetworkInterface(w, pod);
        Tags(w, spec.UserTags);
        Charge(w, pod);
        w.WriteString("createTime", Time(pod.CreatedAt));
        if (spec.ResourceGroupId is { } group) w.WriteString("resourceGroupId", group);
        w.WriteEndObject();
    }

    private static void Status(Utf8JsonWriter w, SimulatedPod pod)
    {
        w.WriteStartObject("podStatus");
        w.WriteString("phase", pod.Phase.Token());
        w.WriteString("reason", pod.Reason);
        w.WriteString("message", pod.Message);
        w.WriteString("podIP", pod.StartedAt is null ? "" : pod.Resources.PrivateIpAddress);
        w.WriteStartArray("conditions");
        w.WriteStartObject();
        w.WriteString("conditionType", "Ready");
        w.WriteString("status", pod.Phase == PodPhase.Running ? "True" : "False");
        w.WriteString("reason", pod.Reason);
        w.WriteString("message", pod.Message);
        w.WriteString("lastProbeTime", Time(pod.PhaseSince));
        w.WriteString("lastTransitionTime", Time(pod.PhaseSince));
        w.WriteEndObject();
        w.WriteEndArray();
        OptionalTime(w, "startTime", pod.StartedAt);
        w.WriteEndObject();
    }

    /// <summary>The availability group of a pod created with agId (AvailablityGroup in the SDKs), else null.</summary>
    private static void Ag(Utf8JsonWriter w, string? agId)
    {
        if (agId is null)
        {
            w.WriteNull("ag");
            return;
        }
        w.WriteStartObject("ag");
        w.WriteString("id", agId);
        w.WriteEndObject();
    }

    private static void NetworkInterface(Utf8JsonWriter w, SimulatedPod pod)
    {
        var r = pod.Resources;
        var attachment = pod.Spec.PrimaryNetworkInterface;
        w.WriteStartObject("primaryNetworkInterface");
        w.WriteBoolean("autoDelete", attachment?.AutoDelete ?? true);
        w.WriteNumber("deviceIndex", 1);
        w.WriteString("attachStatus", "attached");
        w.WriteString("attachTime", Time(pod.CreatedAt));
        w.WriteStartObject("networkInterface");
        w.WriteString("networkInterfaceId", r.NetworkInterfaceId);
        w.WriteString("macAddress", r.MacAddress);
        w.WriteString("vpcId", r.Subnet.VpcId);
        w.WriteString("subnetId", r.Subnet.SubnetId);
        w.WriteStartArray("securityGroups");
        foreach (var group in r.SecurityGroups)
        {
            w.WriteStartObject();
            w.WriteString("groupId", group.GroupId);
            w.WriteString("groupName", group.GroupName);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("sanityCheck", attachment?.NetworkInterface?.SanityCheck ?? 1);
        w.WriteStartObject("primaryIp");
        w.WriteString("privateIpAddress", r.PrivateIpAddress);
        w.WriteString("elasticIpId", pod.ElasticIp?.ElasticIpId);
        w.WriteString("elasticIpAddress", pod.ElasticIp?.Address);
        w.WriteEndObject();
        w.WriteStartArray("secondaryIps");
        foreach (var ip in r.SecondaryIpAddresses)
        {
            w.WriteStartObject();
            w.WriteString("privateIpAddress", ip);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("ipv6Addresses");
        foreach (var address in r.Ipv6Addresses)
        {
            w.WriteStartObject();
            w.WriteString("ipv6Address", address);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Tags(Utf8JsonWriter w, List<JdCloudPodOperator.Entities.Tag>? tags)
    {
        w.WriteStartArray("tags");
        foreach (var tag in tags ?? [])
        {
            w.WriteStartObject();
            w.WriteString("key", tag.Key);
            w.WriteString("value", tag.Value ?? "");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Charge(Utf8JsonWriter w, SimulatedPod pod)
    {
        w.WriteStartObject("charge");
        w.WriteString("chargeMode", pod.Spec.Charge?.ChargeMode ?? "postpaid_by_duration");
        w.WriteString("chargeStatus", "normal");
        w.WriteString("chargeStartTime", Time(pod.CreatedAt));
        w.WriteNull("chargeExpiredTime");
        w.WriteNull("chargeRetireTime");
        w.WriteEndObject();
    }

    private static void Element(Utf8JsonWriter w, string name, JsonElement? value, Action<Utf8JsonWriter>? fallback)
    {
        w.WritePropertyName(name);
        if (value is { } element) element.WriteTo(w);
        else if (fallback is null) w.WriteNullValue();
        else
        {
            w.WriteStartObject();
            fallback(w);
            w.WriteEndObject();
        }
    }

    private static void Array(Utf8JsonWriter w, string name, JsonElement? value)
    {
        w.WritePropertyName(name);
        if (value is { } element) element.WriteTo(w);
        else
        {
            w.WriteStartArray();
            w.WriteEndArray();
        }
    }

    private static void OptionalTime(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } value) w.WriteString(name, Time(value));
        else w.WriteNull(name);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
