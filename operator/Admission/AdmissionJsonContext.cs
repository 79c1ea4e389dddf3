using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Admission;

/// <summary>Compile-time JSON metadata for the review the webhook answers (no reflection at run time,
/// docs/performance.md, "Memory and start-up"); the wire format stays <see cref="AdmissionWebhookEndpoint"/>'s
/// options, whose type resolver this is.</summary>
[JsonSerializable(typeof(AdmissionReviewResponse))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
