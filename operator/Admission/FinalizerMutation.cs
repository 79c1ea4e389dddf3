using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Entities;

using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// The mutating webhook's one change: a JdCloudPod is created already carrying the controller's finalizer
/// (<see cref="Annotations.Finalizer"/>), so the controller's first pass has no finalizer patch to write (and the API
/// server no UPDATE review of it to send). Only the finalizer list is read: the spec is the validating webhook's job,
/// and nothing in it makes this answer anything but "allowed".
/// </summary>
internal static class FinalizerMutation
{
    // The value is a fixed constant, so the two possible patches are fixed bytes.
    private static readonly byte[] AddList = Encoding.UTF8.GetBytes(
        $$"""[{"op":"add","path":"/metadata/finalizers","value":["{{Annotations.Finalizer}}"]}]""");
    private static readonly byte[] Append = Encoding.UTF8.GetBytes(
        $$"""[{"op":"add","path":"/metadata/finalizers/-","value":"{{Annotations.Finalizer}}"}]""");

    public static AdmissionResponse Review(AdmissionRequest request)
    {
        AdmissionRequestReader.RequireJdCloudPod(request);
        // Registered for CREATE only; any other operation is let through unchanged.
        var patch = request.Operation == "CREATE" ? PatchFor(AdmissionRequestReader.Object(request)) : null;
        return new AdmissionResponse(request.Uid, Allowed: true) { Patch = patch };
    }

    /// <summary>The patch adding the finalizer, or null when the object already has it.</summary>
    private static byte[]? PatchFor(TreeElement obj)
    {
        if (!obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            throw new BadAdmissionReviewException("request.object.metadata is missing or not an object");
        if (!metadata.TryGetProperty("finalizers", out var finalizers) || finalizers.ValueKind == JsonValueKind.Null) return AddList;
        if (finalizers.ValueKind != JsonValueKind.Array)
            throw new BadAdmissionReviewException(
                $"request.object.metadata.finalizers must be an array, not {AdmissionRequestReader.Kind(finalizers)}");
        foreach (var finalizer in finalizers.EnumerateArray())
            if (finalizer.ValueKind == JsonValueKind.String && finalizer.ValueEquals(Annotations.Finalizer)) return null;
        // An empty list is a list: appending to it gives the same one-element list.
        return Append;
    }
}
