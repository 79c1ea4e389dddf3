using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>One document of a manifest file (1-based <paramref name="Index"/>): its JSON tree, or why it could not be read.</summary>
internal sealed record ManifestDocument(int Index, JsonNode? Root, string? ParseError);
