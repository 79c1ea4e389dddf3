using System.Text.Json;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// Reading the fields of a JSON object the way the entity types read them: a JSON null is the same as an absent
/// field, names are matched exactly (UTF-8, case-sensitive), and of a repeated name the last one counts.
/// Nothing here allocates except <see cref="String"/>, which the rules call only to word a message.
/// </summary>
internal static class JsonFields
{
    public static ReadOnlySpan<byte> Name => "name"u8;
    public static ReadOnlySpan<byte> Volumes => "volumes"u8;

    /// <summary>The field's value, or null when it is absent or JSON null (or the owner is not an object).</summary>
    public static TreeElement? Property(TreeElement owner, ReadOnlySpan<byte> name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static bool Has(TreeElement owner, ReadOnlySpan<byte> name) => Property(owner, name) is not null;

    public static bool TryGetArray(TreeElement owner, ReadOnlySpan<byte> name, out TreeElement array)
    {
        array = Property(owner, name) ?? default;
        return array.ValueKind == JsonValueKind.Array;
    }

    /// <summary>Whether the field is a string equal to <paramref name="value"/>.</summary>
    public static bool Is(TreeElement owner, ReadOnlySpan<byte> name, string value) =>
        Property(owner, name) is { ValueKind: JsonValueKind.String } text && text.ValueEquals(value);

    public static bool IsTrue(TreeElement owner, ReadOnlySpan<byte> name) => Property(owner, name)?.ValueKind == JsonValueKind.True;

    /// <summary>A string field that is present and not empty.</summary>
    public static bool HasText(TreeElement owner, ReadOnlySpan<byte> name) =>
        Property(owner, name) is { ValueKind: JsonValueKind.String } text && !text.ValueEquals(""u8);

    public static long? Integer(TreeElement owner, ReadOnlySpan<byte> name) =>
        Property(owner, name) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value) ? value : null;

    /// <summary>A string field's value as a string (allocates: for messages), or null.</summary>
    public static string? String(TreeElement owner, ReadOnlySpan<byte> name) =>
        Property(owner, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
}
