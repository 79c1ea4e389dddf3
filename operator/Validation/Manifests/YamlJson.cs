using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>
/// Reads a manifest (multi-document YAML, or one JSON object) into JSON trees the way kubectl does for custom
/// resources: YAML 1.1 scalars as go-yaml resolves them (`yes` and `on` are booleans, `0755` is octal), so a value
/// that kubectl would send with the wrong type is seen with the wrong type here too. Iterative, depth- and
/// size-bounded: no input can overflow the stack or expand aliases without limit.
/// </summary>
internal static class YamlJson
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 250_000;

    public static List<ManifestDocument> ReadAll(string text) =>
        text.AsSpan().TrimStart().StartsWith("{") ? [ReadJson(text)] : ReadYaml(text);

    private static ManifestDocument ReadJson(string text)
    {
        if (LoneSurrogate(text) is { } unwritable) return Refused(unwritable);
        try
        {
            // A repeated name is refused while parsing (as the YAML reader refuses a duplicate key): JsonNode builds
            // an object's members only when first read, where a repeat would throw outside this try.
            var options = new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false };
            var root = JsonNode.Parse(text, documentOptions: options);
            return LoneSurrogateEscape(text) is { } error ? Refused(error) : new ManifestDocument(1, AsKubectlSends(root), null);
        }
        // The duplicate check reads every name, and the read of one with a lone surrogate escape throws.
        catch (InvalidOperationException) when (LoneSurrogateEscape(text) is { } error)
        {
            return Refused(error);
        }
        catch (JsonException e)
        {
            return Refused(e.LineNumber is { } line
                ? $"line {line + 1}, column {e.BytePositionInLine + 1}: invalid JSON: {FirstSentence(e.Message)}"
                : Repeated(text, e));
        }
    }

    /// <summary>
    /// The numbers as kubectl sends them: it decodes a JSON manifest into Go values (a number with a fraction or an
    /// exponent becomes a float64) and encodes them again, so 1.0 and 1e2 reach the API server as 1 and 100, which an
    /// integer field accepts (a YAML manifest's floats are read the same way, in <see cref="ScalarValues"/>).
    /// </summary>
    private static JsonNode? AsKubectlSends(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (AsKubectlSends(value) is var sent && !ReferenceEquals(sent, value)) map[key] = sent;
                }
                return map;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (AsKubectlSends(list[i]) is var sent && !ReferenceEquals(sent, list[i])) list[i] = sent;
                }
                return list;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && !value.TryGetValue<long>(out _)
                                      && value.TryGetValue<double>(out var real) && double.IsFinite(real):
                return JsonValue.Create(real);
            default:
                return node;
        }
    }

    // A repeated name with its path. Finding it reads names, and the read of one with a lone surrogate escape throws:
    // then that is the error reported.
    private static string Repeated(string text, JsonException e)
    {
        try
        {
            return RepeatedName(text) is { } repeat ? $"{repeat.Path}: invalid JSON: duplicate key \"{repeat.Name}\"" : $"invalid JSON: {FirstSentence(e.Message)}";
        }
        catch (InvalidOperationException) when (LoneSurrogateEscape(text) is { } error)
        {
            return error;
        }
    }

    private static ManifestDocument Refused(string error) => new(1, null, error);

    // A lone surrogate in the text itself cannot even be transcoded for the parser. Only a string handed to the
    // reader holds one: a file's bytes decode to U+FFFD where they are not UTF-8.
    private static string? LoneSurrogate(string text) => UnicodeText.LoneSurrogate(text) is var at and >= 0
        ? $"{Position(text.AsSpan(0, at), '\n')}: invalid JSON: {UnicodeText.Escape(text[at])} {UnicodeText.Problem}"
        : null;

    /// <summary>
    /// The first string or name with a lone surrogate escape ("\ud800") and where it is, as the parser's own errors
    /// say it (the column in bytes): the parser accepts the escape, only a read of the string fails. Null without
    /// one, and at a syntax error before one (the parser reports that).
    /// </summary>
    private static string? LoneSurrogateEscape(string text)
    {
        // Every such escape starts with \uD; most manifests have none, and need no second pass.
        if (!text.Contains("\\ud", StringComparison.OrdinalIgnoreCase)) return null;
        var utf8 = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped || TreeText.NotText(ref reader) is null) continue;
                var what = reader.TokenType == JsonTokenType.String ? "the string" : "the name";
                var written = FieldViolation.Truncate(Encoding.UTF8.GetString(reader.ValueSpan));
                return $"{Position(utf8.AsSpan(0, (int)reader.TokenStartIndex), (byte)'\n')}: invalid JSON: {what} \"{written}\" {UnicodeText.Problem}";
            }
        }
        catch (JsonException)
        {
            // A syntax error before any such escape: the parser reports it.
        }
        return null;
    }

    /// <summary>"line L, column C" of what follows <paramref name="before"/> (characters or UTF-8 bytes).</summary>
    private static string Position<T>(ReadOnlySpan<T> before, T newline) where T : IEquatable<T> =>
        $"line {before.Count(newline) + 1}, column {before.Length - before.LastIndexOf(newline)}";

    /// <summary>
    /// A repeated name and where it is (the parser that refuses it gives neither line nor path), read again with
    /// repeats allowed; iterative, and the text already passed the depth limit.
    /// </summary>
    private static (string Path, string Name)? RepeatedName(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
        var pending = new Stack<(JsonElement Value, string Path)>([(document.RootElement, "")]);
        while (pending.TryPop(out var item))
        {
            if (item.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var value in item.Value.EnumerateArray()) pending.Push((value, $"{item.Path}[{index++}]"));
            }
            if (item.Value.ValueKind != JsonValueKind.Object) continue;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in item.Value.EnumerateObject())
            {
                var name = FieldViolation.Truncate(field.Name);
                var path = item.Path.Length == 0 ? name : item.Path + "." + name;
                if (!seen.Add(field.Name)) return (path, name);
                pending.Push((field.Value, path));
            }
        }
        return null;
    }

    private static List<ManifestDocument> ReadYaml(string text)
    {
        var documents = new List<ManifestDocument>();
        var parser = new PositionedParser(new Scanner(new StringReader(text)));
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _)) documents.Add(new ManifestDocument(documents.Count + 1, new DocumentReader(parser).Read(), null));
        }
        catch (DuplicateKeyException e)
        {
            // Named by its path too, as a repeated name in a JSON manifest is.
            documents.Add(new ManifestDocument(documents.Count + 1, null, $"{e.Path}: line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}"));
        }
        catch (YamlException e)
        {
            documents.Add(new ManifestDocument(documents.Count + 1, null, $"line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}"));
        }
        return documents;
    }

    // YamlDotNet prefixes the positions ("(Line: 1, Col: 2, Idx: 1) - (...): "); they are printed once, in front.
    private static string Reason(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var start = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && start > 0 ? message[(start + 3)..] : message;
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];

    /// <summary>
    /// YamlDotNet's parser, with the failure its scanner reports without a message or position made a syntax error at
    /// the scanner's position: a bare InvalidOperationException when a plain scalar inside [...] or {...} is indented
    /// no deeper than the block around it, as after a bracket left open.
    /// </summary>
    private sealed class PositionedParser(Scanner scanner) : IParser
    {
        private static readonly string BareMessage = new InvalidOperationException().Message;
        private readonly Parser parser = new(scanner);

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            try
            {
                return parser.MoveNext();
            }
            catch (InvalidOperationException e)
            {
                var reason = e.Message == BareMessage
                    ? "a plain value inside [...] or {...} must be indented deeper than the block around it (is a '[' or '{' left open?)"
                    : e.Message;
                throw new YamlException(scanner.CurrentPosition, scanner.CurrentPosition, reason);
            }
        }
    }

    /// <summary>Builds one document's tree from parser events, attaching each node to its parent when it is complete.</summary>
    private sealed class DocumentReader(IParser parser)
    {
        private readonly Stack<Frame> open = new();
        private readonly Dictionary<string, (JsonNode? Node, int Size)> anchors = new(StringComparer.Ordinal);
        private JsonNode? root;
        private int nodes;

        public JsonNode? Read()
        {
            parser.Consume<DocumentStart>();
            while (!parser.TryConsume<DocumentEnd>(out _))
            {
                var current = parser.Current ?? throw new YamlException("unexpected end of the stream");
                parser.MoveNext();
                Handle(current);
            }
            return root;
        }

        private void Handle(ParsingEvent current)
        {
            switch (current)
            {
                case MappingStart start:
                    Open(new JsonObject(), start);
                    break;
                case SequenceStart start:
                    Open(new JsonArray(), start);
                    break;
                case MappingEnd or SequenceEnd:
                    var frame = open.Pop();
                    Attach(frame.Node, frame.Anchor, frame.Size(nodes), current);
                    break;
                case Scalar scalar when IsKeyPosition():
                    RequireUnicode(scalar);
                    open.Peek().SetKey(scalar.Value, scalar.Style == ScalarStyle.Plain, current, PathTo);
                    break;
                case Scalar scalar:
                    RequireUnicode(scalar);
                    Count(1, current);
                    Attach(ScalarValues.Resolve(scalar), scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, 1, current);
                    break;
                case AnchorAlias alias:
                    Alias(alias);
                    break;
            }
        }

        private void Open(JsonNode node, NodeEvent start)
        {
            if (IsKeyPosition()) throw new YamlException(start.Start, start.End, "a mapping key must be a scalar");
            if (open.Count >= MaxDepth) throw new YamlException(start.Start, start.End, $"nested deeper than {MaxDepth} levels");
            Count(1, start);
            open.Push(new Frame(node, start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
        }

        private void Alias(AnchorAlias alias)
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}'");
            }
            if (IsKeyPosition())
            {
                open.Peek().SetKey(anchored.Node is JsonValue value ? value.ToString() : throw new YamlException(alias.Start, alias.End, "a mapping key must be a scalar"), false, alias, PathTo);
                return;
            }
            Count(anchored.Size, alias);
            Attach(anchored.Node?.DeepClone(), null, anchored.Size, alias);
        }

        private void Attach(JsonNode? node, string? anchor, int size, ParsingEvent at)
        {
            if (anchor is not null) anchors[anchor] = (node, size);
            if (open.Count == 0) root = node;
            else open.Peek().Add(node, at);
        }

        // YamlDotNet refuses a "\ud800" escape itself; a lone surrogate reaches it only in a string handed to the
        // reader, as in JSON.
        private static void RequireUnicode(Scalar scalar)
        {
            var at = UnicodeText.LoneSurrogate(scalar.Value);
            if (at >= 0) throw new YamlException(scalar.Start, scalar.End, $"{UnicodeText.Escape(scalar.Value[at])} {UnicodeText.Problem}");
        }

        private bool IsKeyPosition() => open.TryPeek(out var top) && top.ExpectsKey;

        /// <summary>The field path of key <paramref name="name"/> in the mapping being read ("spec.podSpec.az").</summary>
        private string PathTo(string name)
        {
            var path = new StringBuilder();
            foreach (var frame in open.Reverse().SkipLast(1)) path.Append(frame.Segment);
            return path.Append('.').Append(FieldViolation.Truncate(name)).ToString().TrimStart('.');
        }

        private void Count(int size, ParsingEvent at)
        {
            nodes += size;
            if (nodes > MaxNodes) throw new YamlException(at.Start, at.End, $"more than {MaxNodes} values once aliases are expanded");
        }
    }

    /// <summary>An open mapping or sequence. Mappings track `&lt;&lt;` merges, whose keys explicit keys may override.</summary>
    private sealed class Frame(JsonNode node, string? anchor, int nodesAtStart)
    {
        private const string MergeKey = "<<";
        private string? key;
        private bool merging;
        private HashSet<string>? merged;

        public JsonNode Node { get; } = node;
        public string? Anchor { get; } = anchor;
        public bool ExpectsKey => Node is JsonObject && key is null;

        public int Size(int nodesNow) => nodesNow - nodesAtStart + 1;

        /// <summary>Where an open child of this node sits: ".key" in a mapping, "[index]" in a sequence.</summary>
        public string Segment => Node is JsonArray list ? $"[{list.Count}]" : $".{FieldViolation.Truncate(key ?? "")}";

        public void SetKey(string name, bool plain, ParsingEvent at, Func<string, string> pathTo)
        {
            var map = (JsonObject)Node;
            if (map.ContainsKey(name))
            {
                if (merged?.Remove(name) != true) throw new DuplicateKeyException(at, pathTo(name), $"duplicate key \"{FieldViolation.Truncate(name)}\"");
                map.Remove(name);
            }
            key = name;
            merging = plain && name == MergeKey;
        }

        public void Add(JsonNode? value, ParsingEvent at)
        {
            if (Node is JsonArray list)
            {
                list.Add(value);
                return;
            }
            var map = (JsonObject)Node;
            var name = key!;
            key = null;
            if (merging) Merge(map, value, at);
            else map[name] = value;
        }

        private void Merge(JsonObject map, JsonNode? value, ParsingEvent at)
        {
            IEnumerable<JsonNode?> sources = value is JsonArray several ? several : [value];
            foreach (var source in sources)
            {
                if (source is not JsonObject from) throw new YamlException(at.Start, at.End, "a merge key (<<) needs a mapping or a list of mappings");
                foreach (var (name, item) in from)
                {
                    if (map.ContainsKey(name)) continue;
                    map[name] = item?.DeepClone();
                    (merged ??= []).Add(name);
                }
            }
        }
    }

    /// <summary>A repeated mapping key, with the field path it repeats.</summary>
    private sealed class DuplicateKeyException(ParsingEvent at, string path, string message) : YamlException(at.Start, at.End, message)
    {
        public string Path { get; } = path;
    }
}
