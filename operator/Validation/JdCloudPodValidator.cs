using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;
using JdCloudPodOperator.Validation.Rules;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The one validator of JdCloudPod resources, called by the admission webhook, the `validate` command and the
/// controller (the JD Cloud simulator runs its rules on createPods bodies). It reports every violation at once, with
/// Kubernetes-style field paths, and never throws on malformed input. The rules run on the resource's JSON: the
/// webhook's request object and the command's manifest as they are, a typed resource serialised first; so every
/// caller gets the same answer from the same code.
/// </summary>
public static class JdCloudPodValidator
{
    // How a typed resource is written for the rules: absent fields left out, as the API server stores them.
    private static readonly JsonSerializerOptions Json = new(EntityJsonContext.Default.Options)
    {
        Converters = { new IntOrStringAsRead() },
    };

    private static readonly TreeElement EmptyObject = JsonTree.Parse("{}").Root;

    /// <summary>
    /// All violations and warnings of a resource (CREATE, or the object the controller is about to act on).
    /// <paramref name="cmdbDefaults"/> is the operator's Cmdb:Defaults: spec.cmdb fields it supplies are not required.
    /// <paramref name="businesses"/>, the operator's namespace-to-business map, limits where the resource's
    /// namespace may register (null: no such limit, e.g. `validate` in a pipeline that does not know the map).
    /// </summary>
    public static ValidationResult Validate(JdCloudPod? pod, CmdbSpec? cmdbDefaults = null, CmdbBusinessMap? businesses = null) =>
        ValidateUpdate(null, pod, cmdbDefaults, businesses);

    /// <summary>
    /// An UPDATE: everything <see cref="Validate(JdCloudPod?, CmdbSpec?, CmdbBusinessMap?)"/> reports for
    /// <paramref name="updated"/>, plus the transition rules: regionId never changes, and podSpec (except description)
    /// stays fixed once <paramref name="old"/> has pods.
    /// </summary>
    public static ValidationResult ValidateUpdate(JdCloudPod? old, JdCloudPod? updated, CmdbSpec? cmdbDefaults = null,
        CmdbBusinessMap? businesses = null)
    {
        using var spec = updated?.Spec is { } typed ? Written(typed) : null;
        return Check(spec?.Root, updated?.Metadata?.NamespaceProperty, cmdbDefaults, businesses, old, updated, checkTypes: false, out _);
    }

    // A typed spec's JSON goes into the thread's buffer, kept for the next (a large pod's is ~50 KB; the controller
    // validates on every pass): valid until the next call on the thread, which comes after the tree is disposed.
    [ThreadStatic] private static ArrayBufferWriter<byte>? written;
    [ThreadStatic] private static Utf8JsonWriter? writer;

    // A buffer that grew past this (a spec far beyond the documented limits) is not kept.
    private const int MaxKeptBytes = 1024 * 1024;

    private static JsonTree Written(JdCloudPodSpec spec)
    {
        var buffer = written ?? new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        JsonSerializer.Serialize(json, spec, Json);
        json.Flush();
        var kept = buffer.Capacity <= MaxKeptBytes;
        written = kept ? buffer : null;
        if (!kept) writer = null;
        return JsonTree.Parse(buffer.WrittenMemory, JsonTree.WrittenDepth);
    }

    /// <summary>
    /// The same for a resource as JSON (an AdmissionReview's object, a manifest's document) whose value types
    /// <see cref="JsonTypeCheck"/> has passed. <paramref name="ns"/> is the namespace the resource is stored in;
    /// <paramref name="old"/> and <paramref name="updated"/>, for an UPDATE, feed the transition rules.
    /// </summary>
    internal static ValidationResult Validate(TreeElement pod, string? ns, CmdbSpec? cmdbDefaults = null, CmdbBusinessMap? businesses = null,
        JdCloudPod? old = null, JdCloudPod? updated = null) =>
        Check(SpecOf(pod), ns, cmdbDefaults, businesses, old, updated, checkTypes: false, out _);

    /// <summary>
    /// A CREATE's object as the webhook judges it: what <see cref="JsonTypeCheck.Check"/> finds in it and, when that
    /// is no value of the wrong type, what <see cref="Validate(TreeElement, string?, CmdbSpec?, CmdbBusinessMap?, JdCloudPod?, JdCloudPod?)"/>
    /// reports (null otherwise). The rules' walk over the spec does the type check's work on the values it visits,
    /// so the spec is walked once; only when that walk is not sure the object is clean does the full check run, for
    /// its findings, and the rules again if they stopped at a value it accepts: both answers are exactly the two calls'.
    /// </summary>
    internal static (JsonTypeFindings Types, ValidationResult? Result) CheckTypesAndValidate(TreeElement pod, string? ns,
        CmdbSpec? cmdbDefaults = null, CmdbBusinessMap? businesses = null)
    {
        var outside = JsonTypeCheck.IsCleanBesides(pod, typeof(JdCloudPod), "spec"u8);
        var result = Check(SpecOf(pod), ns, cmdbDefaults, businesses, null, null, checkTypes: true, out var walk);
        if (outside && walk == TypeWalk.Clean) return (JsonTypeFindings.None, result);
        var types = JsonTypeCheck.Check(pod, typeof(JdCloudPod));
        if (types.HasWrongValues) return (types, null);
        return (types, walk == TypeWalk.Wrong ? Validate(pod, ns, cmdbDefaults, businesses) : result);
    }

    // An absent spec reads as the entity's empty one; only JSON null is no spec at all.
    private static TreeElement? SpecOf(TreeElement pod) => pod.TryGetProperty("spec"u8, out _) ? JsonFields.Property(pod, "spec"u8) : EmptyObject;

    private static ValidationResult Check(TreeElement? spec, string? ns, CmdbSpec? cmdbDefaults, CmdbBusinessMap? businesses, JdCloudPod? old,
        JdCloudPod? updated, bool checkTypes, out TypeWalk types)
    {
        var podSpec = spec is { } s ? JsonFields.Property(s, "podSpec"u8) ?? default : default;
        var maxCount = spec is { } m && JsonFields.Integer(m, "maxCount"u8) is { } count ? (int)count : 1;
        var context = ValidationContext.Rent(maxCount, podSpec, checkTypes);
        if (spec is not { ValueKind: JsonValueKind.Object } value) context.Add(ViolationKind.Required, "spec", null, "");
        else CheckSpec(value, ns, context, cmdbDefaults, businesses);
        if (old?.Spec is { } before && updated?.Spec is { } after) UpdateRules.Check(before, old.Status, after, context);
        types = context.Types;
        return context.Finish();
    }

    private static void CheckSpec(TreeElement spec, string? ns, ValidationContext context, CmdbSpec? cmdbDefaults, CmdbBusinessMap? businesses)
    {
        context.Push("spec");
        TypeRules.For(typeof(JdCloudPodSpec)).Check(spec, context);
        context.Pop();
        if (context.TypesWrong) return;
        // CMDB's rules are typed (the registration uses them too); the small cmdb object is the only one read into an entity.
        if (JsonFields.Property(spec, "cmdb"u8) is not { ValueKind: JsonValueKind.Object } json || ReadCmdb(json, context) is not { } cmdb) return;
        CheckCmdb(cmdb, cmdbDefaults, context);
        if (businesses is not null) CheckBusiness(ns, cmdb, cmdbDefaults, businesses, context);
    }

    private static CmdbSpec? ReadCmdb(TreeElement json, ValidationContext context)
    {
        try
        {
            return JsonSerializer.Deserialize<CmdbSpec>(WithoutNulls(json), Json);
        }
        catch (JsonException e)
        {
            // Only for a shape the type check does not know; the reader's path still names the field.
            context.Add(ViolationKind.Invalid, "spec.cmdb" + e.Path?.TrimStart('$'), null, "cannot be read as this field's type");
            return null;
        }
    }

    /// <summary>
    /// The object's fields without those that are JSON null (an absent field here too: `enabled` is a plain bool,
    /// which the reader would refuse null for); of a repeated name the last one counts, as in <see cref="JsonFields"/>.
    /// </summary>
    private static byte[] WithoutNulls(TreeElement json)
    {
        var last = new Dictionary<string, TreeElement>(StringComparer.Ordinal);
        foreach (var field in json.EnumerateObject()) last[field.Name] = field.Value;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in last.Where(f => f.Value.ValueKind != JsonValueKind.Null))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// CMDB's own rules once the operator's defaults are applied (what is required when enabled). A value the
    /// spec sets out of range was already reported by the type rules at the same path, so it is not repeated.
    /// </summary>
    private static void CheckCmdb(CmdbSpec cmdb, CmdbSpec? defaults, ValidationContext context)
    {
        foreach (var (path, message, kind) in CmdbRules.Check(cmdb, defaults))
        {
            if (!context.HasViolationAt(path)) context.Add(kind, path, null, message);
        }
    }

    /// <summary>The platform team's limit on where this namespace registers (spec.cmdb.bizId, spec.cmdb.workload).</summary>
    private static void CheckBusiness(string? ns, CmdbSpec cmdb, CmdbSpec? defaults, CmdbBusinessMap businesses, ValidationContext context)
    {
        foreach (var (path, message) in businesses.Check(ns, CmdbSpecDefaults.Apply(cmdb, defaults), defaults?.BizId))
        {
            if (!context.HasViolationAt(path)) context.Add(ViolationKind.Forbidden, path, null, message);
        }
    }
}

/// <summary>
/// Writes an IntOrString as the text it holds. The Kubernetes type writes " 5 " as the number 5, but it holds what
/// it read, and the rules judge that: a JSON 5 is read as "5", a JSON " 5 " stays " 5 ", which the pattern refuses.
/// </summary>
internal sealed class IntOrStringAsRead : JsonConverter<k8s.Models.IntOrString>
{
    public override k8s.Models.IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("only written, for the validator");

    public override void Write(Utf8JsonWriter writer, k8s.Models.IntOrString value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
