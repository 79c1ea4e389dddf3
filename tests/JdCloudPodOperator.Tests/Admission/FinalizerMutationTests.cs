using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Entities;
using Microsoft.Extensions.Logging.Abstractions;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>The mutating endpoint: the controller's finalizer added at CREATE as a JSONPatch, and nothing else.</summary>
public class FinalizerMutationTests : WebhookServerTest
{
    private const string Other = "example.com/keep";

    [Fact]
    public void Absent_finalizers_get_a_one_element_list()
    {
        var response = Mutate(Request("CREATE", ValidPod()));

        var expected = JsonNode.Parse($$"""[{"op":"add","path":"/metadata/finalizers","value":["{{Annotations.Finalizer}}"]}]""");
        JsonNode.DeepEquals(Patch(response), expected).Should().BeTrue(Patch(response).ToJsonString());
        ApplyTo(ValidPod(), response).Should().Equal(Annotations.Finalizer);
    }

    [Fact]
    public void A_null_list_counts_as_absent()
    {
        var pod = ValidPod();
        pod["metadata"]!["finalizers"] = null;

        ApplyTo(pod, Mutate(Request("CREATE", pod))).Should().Equal(Annotations.Finalizer);
    }

    [Theory]
    [InlineData(Other)]
    [InlineData("")]
    public void A_list_without_it_gets_it_appended(string list)
    {
        var existing = Split(list);
        var pod = WithFinalizers(existing);

        var response = Mutate(Request("CREATE", pod));

        Patch(response).Should().ContainSingle();
        ((string?)Patch(response)[0]!["path"]).Should().Be("/metadata/finalizers/-");
        ApplyTo(pod, response).Should().Equal([.. existing, Annotations.Finalizer]);
    }

    [Theory]
    [InlineData(Annotations.Finalizer)]
    [InlineData(Other + "," + Annotations.Finalizer)]
    public void A_list_with_it_gets_no_patch(string list)
    {
        var response = Mutate(Request("CREATE", WithFinalizers(Split(list))));

        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["patch"].Should().BeNull();
        response["patchType"].Should().BeNull();
    }

    [Fact]
    public void A_spec_the_validator_refuses_is_still_allowed_and_patched()
    {
        var pod = ValidPod();
        pod.Spec()["maxCount"] = "x";
        pod.Spec().Remove("regionId");

        var response = Mutate(Request("CREATE", pod, uid: "spec-1"));

        response["uid"]!.GetValue<string>().Should().Be("spec-1");
        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        ApplyTo(pod, response).Should().Equal(Annotations.Finalizer);
    }

    [Theory]
    [InlineData("UPDATE")]
    [InlineData("DELETE")]
    public void Other_operations_are_allowed_unchanged(string operation)
    {
        var response = Mutate(Request(operation, ValidPod(), ValidPod()));

        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["patch"].Should().BeNull();
    }

    public static TheoryData<string, Action<JsonObject>, string> Broken => new()
    {
        { "other resource", r => r["request"]!["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            "this webhook reviews jdcloudpod.io/v1alpha1, Kind=JdCloudPod; got request.kind v1, Kind=Pod" },
        { "no uid", r => r["request"]!.AsObject().Remove("uid"), "request.uid is missing" },
        { "no object on CREATE", r => r["request"]!["object"] = null, "request.object is required for operation CREATE" },
        { "no metadata", r => r["request"]!["object"]!.AsObject().Remove("metadata"), "request.object.metadata is missing or not an object" },
        { "finalizers a string", r => r["request"]!["object"]!["metadata"]!["finalizers"] = "x",
            "request.object.metadata.finalizers must be an array, not a string" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_requests_get_400_naming_the_field(string _, Action<JsonObject> breakIt, string reason)
    {
        var review = Request("CREATE", ValidPod());
        breakIt(review);

        var answer = AdmissionWebhookEndpoint.Mutate(Encoding.UTF8.GetBytes(review.ToJsonString()), NullLogger.Instance);

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().StartWith("bad AdmissionReview: ").And.Contain(reason);
    }

    [Fact]
    public async Task Over_tls_the_answer_carries_a_base64_json_patch()
    {
        using var response = await Post(Server.MutateEndpoint, Encoding.UTF8.GetBytes(Request("CREATE", ValidPod(), uid: "tls-m").ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var review = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)review["apiVersion"]).Should().Be("admission.k8s.io/v1");
        ((string?)review["response"]!["uid"]).Should().Be("tls-m");
        ((string?)review["response"]!["patchType"]).Should().Be("JSONPatch");
        var patch = JsonNode.Parse(Convert.FromBase64String((string)review["response"]!["patch"]!))!;
        ((string?)patch[0]!["path"]).Should().Be("/metadata/finalizers");
    }

    [Theory]
    [InlineData(AdmissionWebhookEndpoint.MaxBodyBytes, HttpStatusCode.OK)]
    [InlineData(AdmissionWebhookEndpoint.MaxBodyBytes + 1, HttpStatusCode.BadRequest)]
    public async Task The_body_limit_is_the_validating_endpoints(int size, HttpStatusCode expected)
    {
        var body = new byte[size];
        Array.Fill(body, (byte)' ');
        Encoding.UTF8.GetBytes(Request("CREATE", ValidPod()).ToJsonString()).CopyTo(body, 0);

        using var response = await Post(Server.MutateEndpoint, body);

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.BadRequest)
            (await response.Content.ReadAsStringAsync()).Should().Contain($"exceeds the limit of {AdmissionWebhookEndpoint.MaxBodyBytes} bytes");
    }

    [Fact]
    public async Task Other_content_types_are_415_and_plain_http_is_not_served()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Request("CREATE", ValidPod()).ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await Server.Client.PostAsync(Server.MutateEndpoint, content);
        using var plain = new HttpClient();
        using var overHttp = await plain.PostAsync(new Uri(Server.HealthUrl, AdmissionWebhookEndpoint.MutatePath),
            new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("Content-Type must be application/json, not ");
        overHttp.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> Post(Uri endpoint, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Server.Client.PostAsync(endpoint, content);
    }

    /// <summary>A comma-separated list ("" for an empty one).</summary>
    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static JsonObject WithFinalizers(string[] finalizers)
    {
        var pod = ValidPod();
        pod["metadata"]!["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]);
        return pod;
    }

    /// <summary>The response of the review, as sent (the patch still base64).</summary>
    private static JsonObject Mutate(JsonObject review)
    {
        var answer = AdmissionWebhookEndpoint.Mutate(Encoding.UTF8.GetBytes(review.ToJsonString()), NullLogger.Instance);
        answer.StatusCode.Should().Be(200, answer.Error);
        return JsonNode.Parse(AdmissionWebhookEndpoint.ToJson(answer.Review!))!["response"]!.AsObject();
    }

    private static JsonArray Patch(JsonObject response)
    {
        ((string?)response["patchType"]).Should().Be("JSONPatch");
        return JsonNode.Parse(Convert.FromBase64String((string)response["patch"]!))!.AsArray();
    }

    /// <summary>The finalizers after applying the patch's add operations as RFC 6902 defines them (the only op it uses).</summary>
    private static IReadOnlyList<string> ApplyTo(JsonObject pod, JsonObject response)
    {
        var metadata = pod["metadata"]!.AsObject();
        foreach (var op in Patch(response))
        {
            ((string?)op!["op"]).Should().Be("add");
            var value = op["value"]!.DeepClone();
            switch ((string?)op["path"])
            {
                case "/metadata/finalizers": metadata["finalizers"] = value; break;
                case "/metadata/finalizers/-": metadata["finalizers"]!.AsArray().Add(value); break;
                default: throw new InvalidOperationException($"unexpected path {op["path"]}");
            }
        }
        return metadata["finalizers"]!.AsArray().Select(f => (string)f!).ToList();
    }
}
