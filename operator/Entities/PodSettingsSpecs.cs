using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

[Description("Host names that resolve to one IP in /etc/hosts.")]
public sealed class HostAliasSpec
{
    [Required, Items(1, 10), Length(1, 63), Pattern(Patterns.Hostname, Patterns.HostnameMeaning)]
    [Description("Host names (1-10), each a valid hostname, for example foo.local.")]
    [JsonPropertyName("hostnames")] public List<string>? Hostnames { get; set; }

    [Required, Format("ipv4")]
    [Description("IPv4 address, for example 127.0.0.1.")]
    [JsonPropertyName("ip")] public string? Ip { get; set; }
}

[Description("Container log settings.")]
public sealed class LogConfigSpec
{
    [OneOf("default")]
    [Description("Log driver: only default (10 MB of local storage per container, rotated). Default default.")]
    [JsonPropertyName("logDriver")] public string? LogDriver { get; set; }
}

[Description("The containers' /etc/resolv.conf.")]
public sealed class DnsConfigSpec
{
    [Items(0, 20), Format("ipv4")]
    [Description("DNS server IPv4 addresses (0-20); duplicates are removed by the cloud.")]
    [JsonPropertyName("nameservers")] public List<string>? Nameservers { get; set; }

    [Items(0, 6), TotalLength(256)]
    [CelRule("size(self.join('')) <= 256", "searches: total length of all items must be at most 256 characters")]
    [Description("DNS search domains (0-6), all together at most 256 characters.")]
    [JsonPropertyName("searches")] public List<string>? Searches { get; set; }

    [Items(0, 10)]
    [Description("Resolver options (0-10), for example {name: ndots, value: \"2\"} or {name: edns0}.")]
    [JsonPropertyName("options")] public List<PodDnsConfigOptionSpec>? Options { get; set; }
}

[Description("A resolver option.")]
[CelRule("!has(self.value) || self.value == '' || self.name in ['timeout', 'attempts', 'ndots']",
    "value: only the options timeout, attempts and ndots take a value")]
public sealed class PodDnsConfigOptionSpec
{
    [Required, Length(1, 63), Pattern(Patterns.ResolverOptionName, Patterns.ResolverOptionNameMeaning)]
    [Description("Option name, 1-63 characters, within the Linux resolver's limits.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Length(0, 100)]
    [Description("Option value, 0-100 characters; only for timeout, attempts and ndots.")]
    [JsonPropertyName("value")] public string? Value { get; set; }
}
