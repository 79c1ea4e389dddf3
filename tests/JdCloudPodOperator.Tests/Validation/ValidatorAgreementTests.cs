using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Admission;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Manifests;
using k8s;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// The one validator gives one answer whoever asks: the webhook (rules on the review's JSON), the `validate` command
/// (rules on the manifest's JSON) and the typed entry the controller uses (the resource serialised, then the same
/// rules), on every checklist case, valid and invalid, and on JSON only a hand-written document can hold.
/// </summary>
public class ValidatorAgreementTests
{
    public static TheoryData<string> CaseNames => new(ChecklistCases.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Webhook_command_and_typed_entry_agree(string name)
    {
        var pod = TestPods.Full();
        pod.Metadata = new() { Name = "web" };
        ChecklistCases.All[name].Change(pod);
        var typed = JdCloudPodValidator.Validate(pod);

        var webhook = AdmissionReviews.Send(AdmissionReviews.Request("CREATE", JsonNode.Parse(KubernetesJson.Serialize(pod))));
        var command = ManifestValidator.Validate(KubernetesYaml.Serialize(pod)).Single();

        var expected = typed.Violations.Select(v => v.ToString()).ToList();
        expected.Should().Equal(ChecklistCases.All[name].Expected);
        webhook.Allowed.Should().Be(expected.Count == 0);
        if (expected.Count > 0) Causes(webhook).Should().Equal(expected.Select(Bounded));
        webhook.Warnings.Should().Equal(typed.Warnings.Select(Bounded));
        command.Violations.Select(v => v.ToString()).Should().Equal(expected);
        command.Warnings.Should().Equal(typed.Warnings);
    }

    [Theory]
    // An IntOrString reads a JSON 1 and "1" alike.
    [InlineData("""{"updateStrategy": {"rollingUpdate": {"maxUnavailable": 0, "maxSurge": "0"}}}""")]
    [InlineData("""{"updateStrategy": {"rollingUpdate": {"maxUnavailable": "101", "maxSurge": 101}}}""")]
    [InlineData("""{"updateStrategy": {"rollingUpdate": {"maxUnavailable": "0%", "maxSurge": "-0"}}}""")]
    [InlineData("""{"updateStrategy": {"rollingUpdate": {"maxUnavailable": " 5 ", "maxSurge": "+1"}}}""")]
    // JSON null is an absent field, at every level.
    [InlineData("""{"maxCount": null, "deletionPolicy": null, "updateStrategy": null}""")]
    [InlineData("""{"podSpec": {"az": null, "agId": null, "userTags": null}}""")]
    // Of a repeated name the last one counts, in the property rules and in the cross-field rules.
    [InlineData("""{"maxCount": 0, "maxCount": 2, "regionId": "BAD", "regionId": "cn-north-1"}""")]
    [InlineData("""{"maxCount": 2, "maxCount": 0}""")]
    [InlineData("""{"podSpec": {"charge": {"chargeMode": "postpaid_by_duration", "chargeMode": "prepaid_by_duration"}}}""")]
    [InlineData("""{"podSpec": {"containers": [{"name": "a", "name": "B", "image": "nginx", "image": "bad image", "systemDisk": {"diskType": "ssd.gp1", "sizeGB": 20}}]}}""")]
    // Names are case-sensitive: "MaxCount" is not maxCount (an unknown field, pruned by the API server).
    [InlineData("""{"MaxCount": 0, "podSpec": {"Name": "X"}}""")]
    // Escaped strings and names read as their text.
    [InlineData("""{"regionId": "cn\u002Dnorth\u002D1", "podSpec": {"n\u0061me": "W\u0065b"}}""")]
    public void Hand_written_json_reads_as_the_entity_reader_reads_it(string specPatch)
    {
        var json = Merge(JsonNode.Parse(KubernetesJson.Serialize(Named(TestPods.Full())))!.AsObject(), specPatch);
        var typed = JdCloudPodValidator.Validate(KubernetesJson.Deserialize<JdCloudPod>(json));

        using var document = JsonTree.Parse(json);
        var fromJson = JdCloudPodValidator.Validate(document.Root, ns: null);

        fromJson.Violations.Select(v => v.ToString()).Should().Equal(typed.Violations.Select(v => v.ToString()));
        fromJson.Warnings.Should().Equal(typed.Warnings);
    }

    [Fact]
    public void A_null_cmdb_enabled_is_absent_like_every_other_null()
    {
        var pod = Named(TestPods.Full());
        pod.Spec.Cmdb = new() { BizId = 0 };
        var json = JsonNode.Parse(KubernetesJson.Serialize(pod))!;
        json["spec"]!["cmdb"]!["enabled"] = null;
        using var document = JsonTree.Parse(json.ToJsonString());

        var result = JdCloudPodValidator.Validate(document.Root, ns: null);

        result.ToString().Should().Be(JdCloudPodValidator.Validate(pod).ToString())
            .And.StartWith("spec.cmdb.bizId: Invalid value: 0: must be at least 1");
    }

    [Fact]
    public void Of_a_repeated_name_both_readers_take_the_last()
    {
        using var document = JsonTree.Parse("""{"maxCount": 0, "maxCount": 7}""");

        document.Root.GetProperty("maxCount"u8).GetInt32().Should().Be(7);
        KubernetesJson.Deserialize<JdCloudPodSpec>(document.Root.GetRawText()).MaxCount.Should().Be(7);
    }

    [Fact]
    public void An_absent_spec_is_the_empty_one_and_a_null_spec_is_missing()
    {
        using var absent = JsonTree.Parse("""{"apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPod"}""");
        using var nothing = JsonTree.Parse("""{"apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPod", "spec": null}""");

        JdCloudPodValidator.Validate(absent.Root, null).ToString()
            .Should().Be(JdCloudPodValidator.Validate(new JdCloudPod()).ToString())
            .And.Be("spec.podSpec: Required value\nspec.regionId: Required value\nspec.credentialsSecretRef: Required value");
        JdCloudPodValidator.Validate(nothing.Root, null).ToString().Should().Be("spec: Required value");
    }

    [Fact]
    public void Reviewing_the_largest_pod_builds_no_entities()
    {
        var review = AdmissionReviews.Request("CREATE", JsonNode.Parse(KubernetesJson.Serialize(Named(TestPods.Largest()))));
        var body = System.Text.Encoding.UTF8.GetBytes(review.ToJsonString());
        var entities = KubernetesJson.Serialize(TestPods.Largest()).Length;
        for (var i = 0; i < 20; i++) AdmissionReviews.Send(body).Allowed.Should().BeTrue();

        const int reviews = 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < reviews; i++) AdmissionWebhookEndpoint.Review(body, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var perReview = (GC.GetAllocatedBytesForCurrentThread() - before) / reviews;

        // Reading the 50 KB object into entities allocated ~180 KB a review; the answer and its envelope take ~3 KB.
        entities.Should().BeGreaterThan(40_000);
        perReview.Should().BeLessThan(32 * 1024);
    }

    private static JdCloudPod Named(JdCloudPod pod)
    {
        pod.Metadata = new() { Name = "web" };
        return pod;
    }

    private static string Merge(JsonObject pod, string specPatch)
    {
        // Spliced as text, so repeated names reach the readers as written.
        var spec = pod["spec"]!.AsObject();
        using var patch = JsonDocument.Parse(specPatch, new JsonDocumentOptions { AllowDuplicateProperties = true });
        var text = pod.ToJsonString();
        var specText = spec.ToJsonString();
        return text.Replace(specText, MergeText(specText, specPatch, patch.RootElement), StringComparison.Ordinal);
    }

    // The patch's fields go first: a later field of the same name in the spec would otherwise win; nested patches
    // replace the spec's object of the same name.
    private static string MergeText(string specText, string patchText, JsonElement patch)
    {
        var spec = JsonNode.Parse(specText)!.AsObject();
        var kept = new JsonObject();
        foreach (var (key, value) in spec)
        {
            if (!patch.TryGetProperty(key, out _)) kept[key] = value?.DeepClone();
        }
        var nested = new List<string>();
        foreach (var field in patch.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.Object && spec[field.Name] is JsonObject original)
            {
                var inner = MergeText(original.ToJsonString(), field.Value.GetRawText(), field.Value);
                nested.Add($"{RawName(field)}: {inner}");
            }
            else nested.Add($"{RawName(field)}: {field.Value.GetRawText()}");
        }
        var rest = kept.ToJsonString()[1..^1];
        return "{" + string.Join(", ", nested) + (rest.Length > 0 ? ", " + rest : "") + "}";
    }

    private static string RawName(JsonProperty field) =>
        "\"" + System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(field)) + "\"";

    private static string Bounded(string text) => FieldViolation.Truncate(text, JdCloudPodAdmission.MaxTextLength);

    private static IEnumerable<string> Causes(AdmissionReviews.Answer answer) =>
        answer.Status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>() is { Length: > 0 } field
            ? $"{field}: {c["message"]!.GetValue<string>()}"
            : c["message"]!.GetValue<string>());
}
