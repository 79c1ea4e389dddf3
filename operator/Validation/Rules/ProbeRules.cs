using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Probes (docs/jdcloud-api.md, createPods rules, item 105; item 102, exactly one handler, is ProbeSpec's
/// [ExactlyOneOf]).</summary>
internal static class ProbeRules
{
    private static readonly CompiledPattern Hostname = CompiledPattern.Of(Patterns.Hostname);

    public static void HostIsHostnameOrIpv4(TreeElement httpGet, ValidationContext context)
    {
        if (JsonFields.Property(httpGet, "host"u8) is not { ValueKind: JsonValueKind.String } value) return;
        var host = context.Text(value);
        if (host.IsEmpty || Ipv4.IsValid(host) || Hostname.IsMatch(host)) return;
        context.Add(ViolationKind.Invalid, "host", value.GetString(), "must be empty (the pod IP), a hostname or an IPv4 address");
    }
}
