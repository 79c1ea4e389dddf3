using System.Text;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// Random valid JSON, the same for the same seed: nested objects and arrays (empty ones too), names and strings with
/// every escape, non-ASCII text and surrogate pairs, short and long (past a 16-byte vector step), numbers of every form
/// of the grammar, the three literals, and every kind of whitespace between tokens.
/// </summary>
internal sealed class JsonGenerator(int seed)
{
    // \uD7FF and \uE000 stand just outside the surrogate range; the pairs inside it.
    private static readonly string[] Escapes =
    [
        "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u00E9", "\\u4e2d", "\\u0000",
        "\\uD7FF", "\\uE000", "\\uffff",
    ];

    private static readonly string[] SurrogatePairs = ["\\uD83D\\uDE00", "\\ud83d\\ude00", "\\uDBFF\\uDFFF"];

    private static readonly string[] Texts =
        ["a", "Z", "0", " ", "'", "{", "]", ":", ",", "é", "名", "😀", "\u007f", "-value-"];

    private static readonly string[] Spaces = ["", "", "", " ", "\t", "\n", "\r\n", "  \t "];

    private readonly Random random = new(seed);
    private readonly StringBuilder json = new();

    /// <summary>Whether an escape in the surrogate range was written (JsonScan leaves those to the reader).</summary>
    public bool WroteSurrogate { get; private set; }

    public byte[] Document()
    {
        Value(depth: 0);
        Space();
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private void Value(int depth)
    {
        Space();
        switch (random.Next(depth < 5 ? 9 : 6))
        {
            case 0 or 1 or 2: String(); break;
            case 3 or 4: Number(); break;
            case 5: json.Append(Pick(["true", "false", "null"])); break;
            case 6 or 7: Container('{', '}', depth, () => Member(depth)); break;
            default: Container('[', ']', depth, () => Value(depth + 1)); break;
        }
    }

    private void Member(int depth)
    {
        String();
        Space();
        json.Append(':');
        Value(depth + 1);
    }

    private void Container(char open, char close, int depth, Action member)
    {
        json.Append(open);
        var count = random.Next(depth == 0 ? 1 : 0, 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) json.Append(',');
            Space();
            member();
            Space();
        }
        Space();
        json.Append(close);
    }

    private void String()
    {
        json.Append('"');
        var pieces = random.Next(4) == 0 ? random.Next(8, 30) : random.Next(6);
        for (var i = 0; i < pieces; i++)
        {
            switch (random.Next(10))
            {
                case 0: json.Append(Pick(Escapes)); break;
                case 1 when random.Next(4) == 0:
                    json.Append(Pick(SurrogatePairs));
                    WroteSurrogate = true;
                    break;
                case 2: json.Append(Pick(Texts)); break;
                default: json.Append((char)random.Next('a', 'z' + 1)); break;
            }
        }
        json.Append('"');
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, each part chosen at random.
    private void Number()
    {
        if (random.Next(3) == 0) json.Append('-');
        if (random.Next(4) == 0) json.Append('0');
        else
        {
            json.Append((char)random.Next('1', '9' + 1));
            Digits(0);
        }
        if (random.Next(3) == 0)
        {
            json.Append('.');
            Digits(1);
        }
        if (random.Next(3) == 0)
        {
            json.Append(Pick(["e", "E", "e+", "E-", "e-"]));
            Digits(1);
        }
    }

    private void Digits(int least)
    {
        for (var i = random.Next(least, 6); i > 0; i--) json.Append((char)random.Next('0', '9' + 1));
    }

    private void Space() => json.Append(Pick(Spaces));

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];
}
