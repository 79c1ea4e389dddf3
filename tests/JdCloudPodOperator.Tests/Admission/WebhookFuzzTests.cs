using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// Property-based fuzzing of the real webhook endpoint over TLS (the operator's host, as the API server reaches it):
/// generated valid specs are all accepted; damaged reviews (wrong types, huge strings, deep nesting, invalid UTF-8,
/// truncation, random bytes) never get a 500 or kill the server, and every answer is a well-formed AdmissionReview
/// echoing the request's uid, or a plain-text 400 for a body that is not one. FsCheck prints the replay seed on
/// failure. 1,000 valid + 2,500 damaged reviews take a few seconds. The server logs errors only: thousands of
/// rejections would flood the test output, and the answers are what is checked.
/// </summary>
public sealed class WebhookFuzzTests() : WebhookServerTest(Microsoft.Extensions.Logging.LogLevel.Error)
{
    [Fact]
    public void Every_generated_valid_spec_is_accepted() =>
        Prop.ForAll(ValidReviews().ToArbitrary(), review =>
        {
            var (status, body) = Post(Encoding.UTF8.GetBytes(review.ToJsonString()));
            var response = WellFormedResponse(status, body, review);
            return response["allowed"]!.GetValue<bool>().Label($"denied: {response["status"]?["message"]}\n{review.ToJsonString()[..Math.Min(2000, review.ToJsonString().Length)]}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithEndSize(100));

    [Fact]
    public void Damaged_reviews_get_a_well_formed_answer_or_a_clean_400_never_a_500() =>
        Prop.ForAll(DamagedBodies().ToArbitrary(), damaged =>
        {
            var (status, body) = Post(damaged.Body);
            var what = $"{damaged.Kind}: HTTP {status}: {body[..Math.Min(300, body.Length)]}";
            if (status == HttpStatusCode.BadRequest) return body.StartsWith("bad AdmissionReview: ").Label(what);
            if (status != HttpStatusCode.OK) return false.Label(what);
            WellFormedResponse(status, body, TryParse(damaged.Body));
            return true.Label(what);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2500));

    [Fact]
    public void A_body_past_the_limit_is_refused_and_the_server_keeps_serving()
    {
        var huge = Request("CREATE", ValidPod());
        huge["request"]!["object"]!["spec"]!["podSpec"]!["description"] = new string('x', AdmissionWebhookLimit + 1);

        Post(Encoding.UTF8.GetBytes(huge.ToJsonString())).Status.Should().Be(HttpStatusCode.BadRequest);
        var (status, body) = Post(Encoding.UTF8.GetBytes(Request("CREATE", ValidPod()).ToJsonString()));
        WellFormedResponse(status, body, Request("CREATE", ValidPod()))["allowed"]!.GetValue<bool>().Should().BeTrue();
    }

    private const int AdmissionWebhookLimit = JdCloudPodOperator.Admission.AdmissionWebhookEndpoint.MaxBodyBytes;

    private (HttpStatusCode Status, string Body) Post(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var answer = Server.Client.PostAsync(Server.Endpoint, content).GetAwaiter().GetResult();
        return (answer.StatusCode, answer.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>Asserts a 200 carrying an AdmissionReview response for <paramref name="sent"/>'s uid; returns the response.</summary>
    private static JsonObject WellFormedResponse(HttpStatusCode status, string body, JsonNode? sent)
    {
        status.Should().Be(HttpStatusCode.OK, body);
        var review = JsonNode.Parse(body)!.AsObject();
        review["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        review["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        var response = review["response"]!.AsObject();
        if (sent?["request"]?["uid"] is JsonValue uid) response["uid"]!.GetValue<string>().Should().Be(uid.GetValue<string>());
        if (!response["allowed"]!.GetValue<bool>())
        {
            response["status"]!["message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            response["status"]!["code"]!.GetValue<int>().Should().BeInRange(400, 499);
        }
        return response;
    }

    private static JsonNode? TryParse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // ---- valid specs: every field drawn from inside its documented limits ----

    private static readonly Gen<char> LabelChar = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray());
    private static readonly Gen<char> Alnum = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray());

    /// <summary>A DNS-1123 label of 1..<paramref name="max"/> characters.</summary>
    private static Gen<string> Label(int max) =>
        from length in Gen.Choose(1, max)
        from first in Alnum
        from middle in Gen.ArrayOf(LabelChar, Math.Max(0, length - 2))
        from last in Alnum
        select length == 1 ? first.ToString() : first + new string(middle) + last;

    /// <summary>Any text of valid UTF-16 (letters of several scripts, quotes, escapes, controls, emoji) of at most <paramref name="max"/> UTF-16 units.</summary>
    private static Gen<string> Text(int max) =>
        from pieces in Gen.ListOf(Gen.Elements("a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "中", "文", "é", "ß", "😀", "<", "&", "'", "{", "}"))
        select Truncate(string.Concat(pieces), max);

    private static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }

    private static Gen<JsonObject> Env(int index) =>
        from name in Gen.Elements("A", "PATH", "x_1", "MODE", "db_host", "Z9").Select(n => $"{n}_{index}")
        from value in Text(1024)
        select new JsonObject { ["name"] = name, ["value"] = value };

    private static Gen<JsonObject> Container(int index) =>
        from name in Label(50).Select(l => $"{l}{index}"[..Math.Min(63, l.Length + 1)])
        from envCount in Gen.Frequency((4, Gen.Choose(0, 5)), (1, Gen.Choose(0, 100)))
        from env in Gen.CollectToList(Enumerable.Range(0, envCount), Env)
        from image in Gen.Elements("nginx:1.27", "mysql/mysql-server", "registry.example.com/team/app:v1.2.3", "busybox")
        from tty in Gen.Elements<bool?>(true, false, null)
        select new JsonObject
        {
            ["name"] = name, ["image"] = image, ["tty"] = tty,
            ["env"] = new JsonArray([.. env.Select(JsonNode (e) => e)]),
            ["systemDisk"] = new JsonObject { ["diskType"] = "ssd.gp1", ["sizeGB"] = 20 },
        };

    private static Gen<JsonObject> ValidReviews() =>
        from name in Label(63)
        from podName in from labels in Gen.NonEmptyListOf(Label(20)) select Truncate(string.Join('.', labels.Take(5)), 253).TrimEnd('.', '-')
        from maxCount in Gen.Choose(1, 100)
        from policy in Gen.Elements("Delete", "Orphan")
        from description in Text(256)
        from containerCount in Gen.Choose(1, 8)
        from containers in Gen.CollectToList(Enumerable.Range(0, containerCount), Container)
        from operation in Gen.Elements("CREATE", "UPDATE")
        select Review(name, podName, maxCount, policy, description, containers, operation);

    private static JsonObject Review(string name, string podName, int maxCount, string policy, string description,
        IReadOnlyList<JsonObject> containers, string operation)
    {
        var pod = ValidPod(name);
        pod.Spec()["maxCount"] = maxCount;
        pod.Spec()["deletionPolicy"] = policy;
        pod.PodSpec()["name"] = podName;
        pod.PodSpec()["description"] = description;
        pod.PodSpec()["containers"] = new JsonArray([.. containers.Select(JsonNode (c) => c)]);
        return Request(operation, pod, operation == "UPDATE" ? pod : null);
    }

    // ---- damaged reviews ----

    public sealed record Damaged(string Kind, byte[] Body)
    {
        public override string ToString() => $"{Kind} ({Body.Length} bytes): {Encoding.UTF8.GetString(Body[..Math.Min(300, Body.Length)])}";
    }

    private static Gen<Damaged> DamagedBodies() =>
        from review in ValidReviews().Resize(10)
        from seed in Gen.Choose(0, int.MaxValue)
        from kind in Gen.Frequency(
            (6, Gen.Constant("wrong type")), (2, Gen.Constant("huge string")), (2, Gen.Constant("deep nesting")),
            (3, Gen.Constant("invalid UTF-8")), (3, Gen.Constant("truncated")), (2, Gen.Constant("random bytes")),
            (2, Gen.Constant("extra fields")), (2, Gen.Constant("odd numbers")))
        select Damage(kind, review, new Random(seed));

    private static Damaged Damage(string kind, JsonObject review, Random random)
    {
        var json = Encoding.UTF8.GetBytes(review.ToJsonString());
        return kind switch
        {
            "wrong type" => Replaced(kind, review, random, WrongType(random)),
            "huge string" => Replaced(kind, review, random, new string((char)random.Next('a', 'z' + 1), random.Next(16 * 1024, 256 * 1024))),
            "deep nesting" => new(kind, Nested(json, random)),
            "invalid UTF-8" => new(kind, InvalidUtf8(json, random)),
            "truncated" => new(kind, json[..random.Next(json.Length)]),
            "random bytes" => new(kind, RandomBytes(random)),
            "extra fields" => Replaced(kind, review, random, new JsonObject { ["unknown"] = "x", ["n"] = random.Next() }),
            _ => Replaced(kind, review, random, random.Next(5) switch
            {
                0 => JsonValue.Create(1e308), 1 => JsonValue.Create(-1), 2 => JsonValue.Create(long.MaxValue),
                3 => JsonValue.Create(1.5), _ => JsonValue.Create(decimal.MaxValue),
            }),
        };
    }

    private static JsonNode? WrongType(Random random) => random.Next(7) switch
    {
        0 => null,
        1 => "",
        2 => 0,
        3 => true,
        4 => new JsonObject(),
        5 => new JsonArray(1, "x", null),
        _ => "not-the-right-thing",
    };

    /// <summary>Puts <paramref name="value"/> in place of one random node (or, for an object, adds it as a field).</summary>
    private static Damaged Replaced(string kind, JsonObject review, Random random, JsonNode? value)
    {
        var copy = review.DeepClone().AsObject();
        var nodes = new List<JsonNode>();
        Collect(copy, nodes);
        var target = nodes[random.Next(1, nodes.Count)];
        switch (target.Parent)
        {
            case JsonObject parent when kind == "extra fields": parent[$"x{random.Next()}"] = value; break;
            case JsonObject parent: parent[target.GetPropertyName()] = value; break;
            case JsonArray parent: parent[target.GetElementIndex()] = value; break;
        }
        return new(kind, Encoding.UTF8.GetBytes(copy.ToJsonString()));
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null) return;
        into.Add(node);
        if (node is JsonObject o) foreach (var (_, v) in o) Collect(v, into);
        if (node is JsonArray a) foreach (var v in a) Collect(v, into);
    }

    /// <summary>A value nested 10 to 20,000 levels deep, in place of the value after a random ':' of the document.</summary>
    private static byte[] Nested(byte[] json, Random random)
    {
        var depth = random.Next(2) == 0 ? random.Next(10, 70) : random.Next(1000, 20_000);
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var value = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
        var colons = Enumerable.Range(0, json.Length).Where(i => json[i] == (byte)':').ToList();
        var at = colons[random.Next(colons.Count)] + 1;
        return [.. json[..at], .. value, .. json[ValueEnd(json, at)..]];
    }

    /// <summary>Where the JSON value starting at <paramref name="start"/> ends (a ':' inside a string gives some other cut).</summary>
    private static int ValueEnd(byte[] json, int start)
    {
        try
        {
            var reader = new Utf8JsonReader(json.AsSpan(start), new JsonReaderOptions { AllowMultipleValues = true });
            reader.Read();
            reader.Skip();
            return start + (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            return start;
        }
    }

    /// <summary>Overwrites 1-4 bytes inside the document with bytes that are never valid UTF-8 or start a broken sequence.</summary>
    private static byte[] InvalidUtf8(byte[] json, Random random)
    {
        var damaged = (byte[])json.Clone();
        byte[] bad = [0xFF, 0xFE, 0xC0, 0xC1, 0x80, 0xBF, 0xE0, 0xF5, 0xED];
        for (var i = random.Next(1, 5); i > 0; i--) damaged[random.Next(damaged.Length)] = bad[random.Next(bad.Length)];
        return damaged;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }
}
