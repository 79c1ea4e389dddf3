using System.Buffers;
using System.Text;

namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>
/// Lone UTF-16 surrogates: a high one without its low half, or a low one alone. They are no Unicode character, so
/// no JSON writer will put them in the object kubectl sends, and System.Text.Json throws on every read of such a
/// string: the manifest reader refuses them before anything reads the tree.
/// </summary>
internal static class UnicodeText
{
    public const string Problem = "is not valid Unicode text (a lone UTF-16 surrogate)";

    /// <summary>The index of the first lone surrogate in <paramref name="text"/>, or -1.</summary>
    public static int LoneSurrogate(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\ud800', '\udfff');
        while (at >= 0)
        {
            if (Rune.DecodeFromUtf16(text[at..], out _, out var length) != OperationStatus.Done) return at;
            var next = text[(at + length)..].IndexOfAnyInRange('\ud800', '\udfff');
            at = next < 0 ? -1 : at + length + next;
        }
        return -1;
    }

    /// <summary>The surrogate as the \u escape that would write it (it cannot be printed itself).</summary>
    public static string Escape(char surrogate) => $"\\u{(int)surrogate:x4}";
}
