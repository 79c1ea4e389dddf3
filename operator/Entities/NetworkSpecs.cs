using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

[Description("A network interface attachment.")]
public sealed class NetworkInterfaceAttachmentSpec
{
    [OneOf(true)]
    [Description("Delete the interface with the pod. Default true; only true is supported.")]
    [JsonPropertyName("autoDelete")] public bool? AutoDelete { get; set; }

    [Range(1, 1)]
    [Description("Device index; a pod has one interface, so the only valid value is 1.")]
    [JsonPropertyName("deviceIndex")] public int? DeviceIndex { get; set; }

    [Required]
    [Description("The network interface.")]
    [JsonPropertyName("networkInterface")] public NetworkInterfaceSpec? NetworkInterface { get; set; }
}

[Description("Network interface settings.")]
[NotTogether("ipv6Address", "ipv6AddressCount")]
public sealed class NetworkInterfaceSpec
{
    [Required, Length(1, 64)]
    [Description("Subnet ID (required). Security groups must be in the subnet's VPC.")]
    [JsonPropertyName("subnetId")] public string? SubnetId { get; set; }

    [Length(0, 64)]
    [Description("Availability zone; has no effect (the document advises against using it).")]
    [JsonPropertyName("az")] public string? Az { get; set; }

    [Length(1, 32), Pattern(Patterns.NetworkInterfaceName, Patterns.NetworkInterfaceNameMeaning)]
    [Description("Interface name: Chinese characters, letters, digits, '_' and '-'; 1-32 characters.")]
    [JsonPropertyName("networkInterfaceName")] public string? NetworkInterfaceName { get; set; }

    [Format("ipv4")]
    [Description("Primary IPv4 address; allocated from the subnet when absent. Only with maxCount 1.")]
    [JsonPropertyName("primaryIpAddress")] public string? PrimaryIpAddress { get; set; }

    [Format("ipv4"), ListSet]
    [Description("Secondary IPv4 addresses. Only with maxCount 1.")]
    [JsonPropertyName("secondaryIpAddresses")] public List<string>? SecondaryIpAddresses { get; set; }

    [Range(0, 100)]
    [Description("Number of secondary IPs to allocate automatically for each pod.")]
    [JsonPropertyName("secondaryIpCount")] public int? SecondaryIpCount { get; set; }

    [Items(0, 5), Length(1, 64), ListSet]
    [Description("Security group IDs to bind; at most 5, all in the subnet's VPC.")]
    [JsonPropertyName("securityGroups")] public List<string>? SecurityGroups { get; set; }

    [Range(0, 1)]
    [Description("Source/destination IP check: 0 or 1. Default 1.")]
    [JsonPropertyName("sanityCheck")] public int? SanityCheck { get; set; }

    [Length(0, 256)]
    [Description("Description; any UTF-8 characters, at most 256.")]
    [JsonPropertyName("description")] public string? Description { get; set; }

    [Range(0, long.MaxValue)]
    [Description("Number of IPv6 addresses to allocate automatically; not together with ipv6Address.")]
    [JsonPropertyName("ipv6AddressCount")] public int? Ipv6AddressCount { get; set; }

    [Format("ipv6")]
    [Description("IPv6 address to assign; not together with ipv6AddressCount. Only with maxCount 1.")]
    [JsonPropertyName("ipv6Address")] public string? Ipv6Address { get; set; }
}

[Description("Elastic IP specification.")]
public sealed class ElasticIpSpec
{
    [Required, Range(1, 100)]
    [Description("Bandwidth limit in Mbps: 1-100, in steps of 1.")]
    [JsonPropertyName("bandwidthMbps")] public int? BandwidthMbps { get; set; }

    [OneOf("bgp", "no_bgp")]
    [Description("IP provider: bgp or no_bgp. Default bgp.")]
    [JsonPropertyName("provider")] public string? Provider { get; set; }

    [Description("Billing of the elastic IP: prepaid_by_duration or postpaid_by_duration (default).")]
    [JsonPropertyName("chargeSpec")] public ChargeSpec? ChargeSpec { get; set; }
}

[Description("Billing settings.")]
[CelRule("!has(self.chargeMode) || self.chargeMode != 'prepaid_by_duration' || has(self.chargeDuration)",
    "chargeDuration is required when chargeMode is prepaid_by_duration")]
[CelRule("!has(self.chargeDuration) || !(has(self.chargeMode) && self.chargeMode == 'prepaid_by_duration' || has(self.autoChangeChargeMode) && self.autoChangeChargeMode) || self.chargeDuration >= 1 && (has(self.chargeUnit) && self.chargeUnit == 'year' ? self.chargeDuration <= 3 : self.chargeDuration <= 9)",
    "chargeDuration must be 1-9 for chargeUnit month and 1-3 for chargeUnit year")]
[CelRule("!has(self.autoChangeChargeMode) || !self.autoChangeChargeMode || has(self.autoChangeChargeModeDate)",
    "autoChangeChargeModeDate is required when autoChangeChargeMode is true")]
[CelRule("!has(self.autoChangeChargeMode) || !self.autoChangeChargeMode || !has(self.chargeMode) || self.chargeMode != 'prepaid_by_duration'",
    "autoChangeChargeMode: only postpaid billing can be converted to prepaid")]
public sealed class ChargeSpec
{
    [OneOf(ChargeModes.PrepaidByDuration, ChargeModes.PostpaidByDuration)]
    [Description("Billing mode: prepaid_by_duration or postpaid_by_duration. Default postpaid_by_duration.")]
    [JsonPropertyName("chargeMode")] public string? ChargeMode { get; set; }

    [OneOf(ChargeUnits.Month, ChargeUnits.Year)]
    [Description("Prepaid unit: month or year (default month). Only for prepaid_by_duration.")]
    [JsonPropertyName("chargeUnit")] public string? ChargeUnit { get; set; }

    // Its range depends on chargeUnit and holds only where a duration is in effect (ChargeRules.PrepaidDuration and the
    // CEL rule above): with postpaid billing it has no effect, and the validator only warns.
    [Description("Prepaid duration: 1-9 months, or 1-3 years. Required for prepaid_by_duration; no effect with postpaid billing.")]
    [JsonPropertyName("chargeDuration")] public int? ChargeDuration { get; set; }

    [Description("Renew a prepaid resource automatically for the same duration. Default false; only for prepaid_by_duration.")]
    [JsonPropertyName("autoRenew")] public bool? AutoRenew { get; set; }

    [Description("Convert postpaid billing to prepaid (chargeUnit, chargeDuration) on autoChangeChargeModeDate. Default false; postpaid only.")]
    [JsonPropertyName("autoChangeChargeMode")] public bool? AutoChangeChargeMode { get; set; }

    [Pattern(Patterns.Date, Patterns.DateMeaning)]
    [Description("Date of the conversion, yyyy-MM-dd (from 00:00 that day); required when autoChangeChargeMode is true.")]
    [JsonPropertyName("autoChangeChargeModeDate")] public string? AutoChangeChargeModeDate { get; set; }

    [Pattern(Patterns.Base64, Patterns.Base64Meaning)]
    [Description("Promotion voucher: BASE64 of {\"activity\":{\"activityType\":...,\"activityIdentifier\":...}}.")]
    [JsonPropertyName("buyScenario")] public string? BuyScenario { get; set; }
}

/// <summary>The billing modes createPods takes for a pod and its elastic IP (docs/jdcloud-api.md, createPods rules, 50).</summary>
public static class ChargeModes
{
    public const string PrepaidByDuration = "prepaid_by_duration";
    public const string PostpaidByDuration = "postpaid_by_duration";
}

/// <summary>The units of a prepaid duration; month is the documented default (docs/jdcloud-api.md, Readings, 4).</summary>
public static class ChargeUnits
{
    public const string Month = "month";
    public const string Year = "year";
}
