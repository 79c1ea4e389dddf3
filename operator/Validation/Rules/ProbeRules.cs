using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Probes (docs/jdcloud-api.md, createPods rules, items 102 and 105).</summary>
internal static class ProbeRules
{
    private static readonly CompiledPattern Hostname = CompiledPattern.Of(Patterns.Hostname);

    /// <summary>The document does not say; send exactly one handler, as Kubernetes requires (docs/jdcloud-api.md,
    /// Readings, 19).</summary>
    public static void ExactlyOneHandler(ProbeSpec probe, ValidationContext context)
    {
        string? first = null;
        Handler(probe.Exec is not null, "exec", ref first, context);
        Handler(probe.HttpGet is not null, "httpGet", ref first, context);
        Handler(probe.TcpSocket is not null, "tcpSocket", ref first, context);
        if (first is null) context.Add(ViolationKind.Required, null, null, "must specify exactly one handler: exec, httpGet or tcpSocket");
    }

    public static void HostIsHostnameOrIpv4(HgSpec httpGet, ValidationContext context)
    {
        var host = httpGet.Host;
        if (string.IsNullOrEmpty(host) || Ipv4.IsValid(host) || Hostname.IsMatch(host)) return;
        context.Add(ViolationKind.Invalid, "host", host, "must be empty (the pod IP), a hostname or an IPv4 address");
    }

    private static void Handler(bool set, string name, ref string? first, ValidationContext context)
    {
        if (!set) return;
        if (first is null) first = name;
        else context.Add(ViolationKind.Forbidden, name, null, $"may not specify more than 1 handler type ({first} is already set)");
    }
}
