using System.Reflection;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>The attributes are the single source of the single-field rules: none is ignored, none is restated.</summary>
public class ConstraintCoverageTests
{
    /// <summary>Every CEL rule of the schema, and the case that shows the validator's C# copy of it.</summary>
    internal static readonly Dictionary<string, string> CelRuleCases = new()
    {
        ["JdCloudPodSpec: podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress may be set only when maxCount is 1"] = "042 primaryIpAddress with maxCount 2",
        ["JdCloudPodSpec: podSpec.primaryNetworkInterface.networkInterface.secondaryIpAddresses may be set only when maxCount is 1"] = "042 secondaryIpAddresses with maxCount 2",
        ["JdCloudPodSpec: podSpec.primaryNetworkInterface.networkInterface.ipv6Address may be set only when maxCount is 1"] = "209 ipv6Address with maxCount 2",
        ["JdCloudPodSpec: podSpec.secondaryNetworkInterfaces[].networkInterface: primaryIpAddress, secondaryIpAddresses and ipv6Address may be set only when maxCount is 1"] =
            "202 secondary interface primaryIpAddress with maxCount 2",
        ["JdCloudPodSpec: " + PodNameLimits.CelMessage] = "220 name of 252 characters with maxCount 2",
        ["JdCloudPodSpec: " + OwnerTag.CountCelMessage] = "203 userTags with 10 items",
        ["JdCloudPodSpec: " + OwnerTag.KeyCelMessage] = "203 tag key 'jdcloudpod.io/owner'",
        ["ChargeSpec: autoChangeChargeModeDate is required when autoChangeChargeMode is true"] = "215 conversion without a date",
        ["ChargeSpec: autoChangeChargeMode: only postpaid billing can be converted to prepaid"] = "215 conversion of prepaid billing",
        ["Tag.Key: may not start with jrn: or jdc- (reserved by JD Cloud)"] = "203 tag key 'jrn:owner'",
        ["JdCloudPodSpec.RegionId: regionId is immutable"] = nameof(UpdateValidationTests.RegionId_never_changes),
        ["PodSpec: every containers[].volumeMounts[].name must name one of volumes[].name"] = "068 mount of a volume that does not exist",
        ["ContainerSpec.Command: command: total length of all items must be at most 256 characters"] = "056 command of 257 characters in two items",
        ["ContainerSpec.Args: args: total length of all items must be at most 2048 characters"] = "057 args of 2049 characters in four items",
        ["ContainerSpec.VolumeMounts: volumeMounts: mount paths must not be nested"] = "072 mountPath nested",
        ["ChargeSpec: chargeDuration is required when chargeMode is prepaid_by_duration"] = "052 chargeDuration absent with prepaid",
        ["ChargeSpec: chargeDuration must be 1-9 for chargeUnit month and 1-3 for chargeUnit year"] = "053 chargeDuration 4 years",
        ["DnsConfigSpec.Searches: searches: total length of all items must be at most 256 characters"] = "118 searches of 257 characters",
        ["PodDnsConfigOptionSpec: value: only the options timeout, attempts and ndots take a value"] = "121 option edns0 with a value",
        ["ExecSpec.Command: command: total length of all items must be at most 256 characters"] = "111 exec command of 257 characters",
    };

    public static TheoryData<Type> SpecTypes => new(TypesUnder(typeof(JdCloudPodSpec)));

    [Theory]
    [MemberData(nameof(SpecTypes))]
    public void Every_constraint_attribute_of_the_spec_types_becomes_a_check(Type type)
    {
        var checks = PropertyChecks.For(type);

        checks.Length.Should().Be(JsonProperties(type).Count());
    }

    [Fact]
    public void An_attribute_the_validator_cannot_check_fails_at_start_up()
    {
        var build = () => PropertyChecks.For(typeof(Unsupported));

        build.Should().Throw<InvalidOperationException>().WithMessage("*Unsupported.Flag*[RangeAttribute]*");
    }

    [Fact]
    public void Every_cel_rule_has_a_csharp_counterpart_shown_by_a_case()
    {
        var rules = TypesUnder(typeof(JdCloudPodSpec)).SelectMany(CelRules).ToList();

        rules.Should().BeEquivalentTo(CelRuleCases.Keys);
        foreach (var proof in CelRuleCases.Values.Where(ChecklistCases.All.ContainsKey))
        {
            ChecklistCases.All[proof].Expected.Should().NotBeEmpty(proof);
        }
        CelRuleCases.Values.Where(p => !ChecklistCases.All.ContainsKey(p))
            .Should().OnlyContain(p => typeof(UpdateValidationTests).GetMethod(p) != null);
    }

    private static IEnumerable<string> CelRules(Type type) =>
        type.GetCustomAttributes<CelRuleAttribute>().Select(r => $"{type.Name}: {r.Message}")
            .Concat(JsonProperties(type).SelectMany(p => p.GetCustomAttributes<CelRuleAttribute>().Select(r => $"{type.Name}.{p.Name}: {r.Message}")))
            .Concat(JsonProperties(type).SelectMany(p => p.GetCustomAttributes<ForbiddenPrefixAttribute>().Select(r => $"{type.Name}.{p.Name}: {r.Meaning}")));

    private static IEnumerable<PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties().Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null);

    private static List<Type> TypesUnder(Type root)
    {
        var found = new List<Type> { root };
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var property in JsonProperties(found[i]))
            {
                var type = property.PropertyType.IsGenericType ? property.PropertyType.GenericTypeArguments[0] : property.PropertyType;
                if (PropertyChecks.IsEntity(type) && !found.Contains(type)) found.Add(type);
            }
        }
        return found;
    }

    private sealed class Unsupported
    {
        [Range(1, 2)]
        [JsonPropertyName("flag")] public bool? Flag { get; set; }
    }
}
