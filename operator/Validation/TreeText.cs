using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The text of a string or a name in a <see cref="JsonTree"/>. A string without escapes (every string the API server
/// writes) is compared on its bytes; an escaped one goes through the platform's reader, so it unescapes exactly as
/// <see cref="JsonElement"/> does.
/// </summary>
internal static class TreeText
{
    public static bool Equals(JsonTree tree, int row, ReadOnlySpan<byte> utf8)
    {
        if (!tree[row].Escaped) return tree.Bytes(row).SequenceEqual(utf8);
        var reader = Reader(tree, row);
        return reader.ValueTextEquals(utf8);
    }

    /// <summary>As JsonElement's: text that is not valid UTF-16 (a lone surrogate) equals nothing.</summary>
    public static bool Equals(JsonTree tree, int row, ReadOnlySpan<char> text)
    {
        var length = text.Length * 3;
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[256] : rented;
            return Utf8.FromUtf16(text, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                && Equals(tree, row, buffer[..written]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string String(JsonTree tree, int row)
    {
        var reader = Reader(tree, row);
        return reader.GetString()!;
    }

    /// <summary>
    /// Why the reader's current escaped string or name is no text, or null when it is text. An escape may spell half
    /// of a UTF-16 surrogate pair (`"\ud800"`): the reader accepts it and throws only when the string is read.
    /// </summary>
    public static string? NotText(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    // A reader on the token alone, quotes included, positioned on it.
    private static Utf8JsonReader Reader(JsonTree tree, int row)
    {
        var reader = new Utf8JsonReader(tree.RawJson(row));
        reader.Read();
        return reader;
    }
}
