using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>
/// Compile-time JSON metadata for every Pod API body the client writes and every envelope it reads, so no reflection
/// runs at run time (the native build has none for generic value types, docs/performance.md, "Memory and start-up"). The wire format
/// stays <see cref="JdCloudJson.Options"/>'s: this context is only that options' type resolver.
/// </summary>
[JsonSerializable(typeof(PodRequest))]
[JsonSerializable(typeof(CreatePodsRequest))]
[JsonSerializable(typeof(CheckPodNameRequest))]
[JsonSerializable(typeof(RebuildPodRequest))]
[JsonSerializable(typeof(ResizePodRequest))]
[JsonSerializable(typeof(ModifyPodAttributeRequest))]
[JsonSerializable(typeof(ElasticIpRequest))]
[JsonSerializable(typeof(JdCloudResponse<CreatePodsResult>))]
[JsonSerializable(typeof(JdCloudResponse<DescribePodsResult>))]
[JsonSerializable(typeof(JdCloudResponse<DescribePodResult>))]
[JsonSerializable(typeof(JdCloudResponse<CheckPodNameResult>))]
[JsonSerializable(typeof(JdCloudResponse<DescribePodsStatusResult>))]
[JsonSerializable(typeof(JdCloudResponse<GetContainerLogsResult>))]
[JsonSerializable(typeof(JdCloudResponse<EmptyResult>))]
[JsonSerializable(typeof(JdCloudResponse<JsonElement?>))]
internal sealed partial class JdCloudJsonContext : JsonSerializerContext;
