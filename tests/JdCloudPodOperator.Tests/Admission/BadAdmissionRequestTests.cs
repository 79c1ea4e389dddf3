using System.Text;
using System.Text.Json.Nodes;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>Requests that are not AdmissionReviews for JdCloudPods: 400 with the reason, never a 500 or a throw.</summary>
public class BadAdmissionRequestTests
{
    public static TheoryData<string, string, string> Bodies => new()
    {
        { "not JSON", "hello", "not valid JSON" },
        { "empty", "", "not valid JSON" },
        { "truncated", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":""", "not valid JSON" },
        { "array root", "[]", "must be a JSON object" },
        { "string root", "\"review\"", "must be a JSON object" },
        { "no apiVersion", """{"kind":"AdmissionReview","request":{}}""", "expected apiVersion \"admission.k8s.io/v1\"" },
        { "v1beta1", """{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{}}""", "got apiVersion \"admission.k8s.io/v1beta1\"" },
        { "wrong kind", """{"apiVersion":"admission.k8s.io/v1","kind":"Pod"}""", "got apiVersion \"admission.k8s.io/v1\" and kind \"Pod\"" },
        { "kind not a string", """{"apiVersion":"admission.k8s.io/v1","kind":5}""", "kind must be a string, not a number" },
        { "no request", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "has no request object" },
        { "request null", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":null}""", "has no request object" },
        { "too deep", new string('[', 200) + new string(']', 200), "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Malformed_bodies_get_400_with_the_reason(string _, string body, string reason)
    {
        var answer = Send(Encoding.UTF8.GetBytes(body));

        answer.StatusCode.Should().Be(400);
        answer.Review.Should().BeNull();
        answer.Error.Should().StartWith("bad AdmissionReview: ").And.Contain(reason);
    }

    [Fact]
    public void Invalid_utf8_gets_400()
    {
        var body = Encoding.UTF8.GetBytes("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"X"}}""");
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;

        var answer = Send(body);

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().Contain("not valid JSON").And.Contain("UTF-8");
    }

    [Theory]
    [InlineData("request.uid", "\"\\ud800\"")]
    [InlineData("spec.regionId", "\"cn-north-1\\udc00\"")]
    [InlineData("spec.podSpec.name", "\"\\ud83d\\u0041\"")]
    public void An_escaped_lone_surrogate_gets_400_not_500(string field, string json)
    {
        // The API server never sends one (Go decodes it to U+FFFD): only a caller posting by hand does.
        var review = Request("CREATE", ValidPod());
        if (field == "request.uid") review["request"]!["uid"] = "__VALUE__";
        else if (field == "spec.regionId") review["request"]!["object"]!["spec"]!["regionId"] = "__VALUE__";
        else review["request"]!["object"]!["spec"]!["podSpec"]!["name"] = "__VALUE__";
        var body = review.ToJsonString().Replace("\"__VALUE__\"", json, StringComparison.Ordinal);

        var answer = Send(Encoding.UTF8.GetBytes(body));

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().StartWith("bad AdmissionReview: request body is not valid JSON: the string at byte ")
            .And.Contain("is not valid text: Cannot read").And.Contain("surrogate");
    }

    public static TheoryData<string, Action<JsonObject>, string> Envelopes => new()
    {
        { "no uid", r => r["request"]!.AsObject().Remove("uid"), "request.uid is missing" },
        { "empty uid", r => r["request"]!["uid"] = "", "request.uid is missing or not a non-empty string" },
        { "uid a number", r => r["request"]!["uid"] = 5, "request.uid is missing" },
        { "no operation", r => r["request"]!.AsObject().Remove("operation"), "request.operation is missing" },
        { "no kind", r => r["request"]!.AsObject().Remove("kind"), "request.kind is missing" },
        { "other resource", r => r["request"]!["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            "this webhook reviews jdcloudpod.io/v1alpha1, Kind=JdCloudPod; got request.kind v1, Kind=Pod" },
        { "name a number", r => r["request"]!["name"] = 5, "request.name must be a string" },
        { "no object on CREATE", r => r["request"]!["object"] = null, "request.object is required for operation CREATE" },
        { "object an array", r => r["request"]!["object"] = new JsonArray(), "request.object must be a JSON object, not an array" },
        { "object a string", r => r["request"]!["object"] = "{}", "request.object must be a JSON object, not a string" },
        { "object of another kind", r => r["request"]!["object"]!["kind"] = "Pod",
            "request.object must be apiVersion \"jdcloudpod.io/v1alpha1\", kind \"JdCloudPod\"; got apiVersion \"jdcloudpod.io/v1alpha1\", kind \"Pod\"" },
        { "object without apiVersion", r => r["request"]!["object"]!.AsObject().Remove("apiVersion"), "got apiVersion (none)" },
    };

    [Theory]
    [MemberData(nameof(Envelopes))]
    public void Broken_envelopes_get_400_naming_the_field(string _, Action<JsonObject> breakIt, string reason)
    {
        var review = Request("CREATE", ValidPod());
        breakIt(review);

        var answer = Send(review);

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().Contain(reason);
    }

    [Fact]
    public void Update_without_old_object_gets_400()
    {
        var answer = Send(Request("UPDATE", ValidPod()));

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().Contain("request.oldObject is required for operation UPDATE");
    }

    [Fact]
    public void Update_whose_old_object_is_unreadable_gets_400()
    {
        var old = ValidPod();
        old.Spec()["maxCount"] = "x";
        var updated = ValidPod();
        updated.Spec()["maxCount"] = 2;

        var answer = Send(Request("UPDATE", updated, old));

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().Contain("request.oldObject is not a readable JdCloudPod").And.Contain("spec.maxCount");
    }

    [Fact]
    public void Random_damage_to_a_review_never_throws_and_answers_200_or_400()
    {
        // Deterministic fuzzing: fixed seed, bounded count. Each case damages a valid review in one random way.
        var random = new Random(20261123);
        var valid = Encoding.UTF8.GetBytes(Request("UPDATE", ValidPod().WithPodIds("pod-ab12cd34ef"), ValidPod().WithPodIds("pod-ab12cd34ef")).ToJsonString());
        for (var i = 0; i < 1000; i++)
        {
            var body = Damage(valid, random);
            var act = () => Send(body);
            act.Should().NotThrow($"case {i}: {Encoding.UTF8.GetString(body)}").Which.StatusCode.Should().BeOneOf(200, 400);
        }
    }

    private static byte[] Damage(byte[] valid, Random random)
    {
        switch (random.Next(3))
        {
            case 0: return valid[..random.Next(valid.Length)];
            case 1:
                var flipped = (byte[])valid.Clone();
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                return flipped;
            default:
                var review = JsonNode.Parse(valid)!;
                ReplaceRandomValue(review, random);
                return Encoding.UTF8.GetBytes(review.ToJsonString());
        }
    }

    private static void ReplaceRandomValue(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        void Collect(JsonNode? n)
        {
            if (n is null) return;
            nodes.Add(n);
            if (n is JsonObject o) foreach (var (_, v) in o) Collect(v);
            if (n is JsonArray a) foreach (var v in a) Collect(v);
        }
        Collect(root);
        var target = nodes[random.Next(1, nodes.Count)];
        JsonNode? replacement = random.Next(7) switch
        {
            0 => null,
            1 => "",
            2 => -1,
            3 => true,
            4 => new JsonObject(),
            5 => new JsonArray(JsonValue.Create("x"), null),
            _ => 1e300,
        };
        switch (target.Parent)
        {
            case JsonObject parent: parent[target.GetPropertyName()] = replacement; break;
            case JsonArray parent: parent[target.GetElementIndex()] = replacement; break;
        }
    }
}
