using System.Text;
using System.Text.Json.Nodes;
using CapturingLoggerProvider = JdCloudPodOperator.Tests.Cmdb.CapturingLoggerProvider;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Admission;
using Microsoft.Extensions.Logging;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// One review costs a bounded answer and log line, whatever the request: at most 100 violations reported, then
/// "and K more". Deterministic (no HTTP); HostileWebhookTests sends the same reviews to a running operator over TLS.
/// </summary>
public class BoundedReviewTests
{
    private const int MaxAnswerBytes = 64 * 1024;
    private const int MaxLogLineChars = 8 * 1024;

    /// <summary>A CREATE whose spec.cmdb.labels holds <paramref name="entries"/> values of the wrong type (numbers).</summary>
    internal static byte[] WrongTypeLabels(int entries, int keyLength = 0)
    {
        var labels = new StringBuilder();
        for (var i = 0; i < entries; i++) labels.Append(i == 0 ? "" : ",").Append('"').Append('k').Append(new string('x', keyLength)).Append(i).Append("\":").Append(i);
        var pod = ValidPod();
        pod.Spec()["cmdb"] = new JsonObject { ["enabled"] = true, ["labels"] = new JsonObject() };
        var text = Request("CREATE", pod).ToJsonString();
        return Encoding.UTF8.GetBytes(text.Replace("\"labels\":{}", "\"labels\":{" + labels + "}"));
    }

    [Theory]
    [InlineData(null, 16 * 1024 + 1)]
    [InlineData(54_192L, 54_193)]
    [InlineData(64L * 1024, 64 * 1024 + 1)]
    [InlineData(64L * 1024 + 1, 64 * 1024 + 1)]
    [InlineData(8L * 1024 * 1024, 64 * 1024 + 1)]
    public void A_declared_body_length_reserves_memory_only_up_to_64_KiB_before_the_bytes_arrive(long? declared, int firstBuffer)
    {
        AdmissionWebhookEndpoint.FirstBufferSize(declared).Should().Be(firstBuffer);
        (AdmissionWebhookEndpoint.TrustedLength, AdmissionWebhookEndpoint.MaxBodyBytes).Should().Be((64 * 1024, 8 * 1024 * 1024));
    }

    [Theory]
    [InlineData(ValidationResult.MaxReported, 0)]
    [InlineData(ValidationResult.MaxReported + 1, 1)]
    [InlineData(60_000, 60_000 - ValidationResult.MaxReported)]
    public void Wrong_type_entries_past_the_first_100_are_counted_not_reported(int entries, int more)
    {
        var (answer, log) = Review(WrongTypeLabels(entries));

        answer.Allowed.Should().BeFalse();
        answer.CauseFields.Should().HaveCount(ValidationResult.MaxReported).And.OnlyContain(f => f.StartsWith("spec.cmdb.labels[k"));
        if (more == 0) answer.Message.Should().NotContain("more");
        else answer.Message.Should().EndWith($", and {more} more]");
        Encoding.UTF8.GetByteCount(answer.Review!.ToJsonString()).Should().BeLessThan(MaxAnswerBytes);
        log.Should().ContainSingle().Which.Length.Should().BeLessThan(MaxLogLineChars);
    }

    [Fact]
    public void Eight_megabytes_of_wrong_types_get_a_small_denial()
    {
        var body = WrongTypeLabels(480_000);
        body.Length.Should().BeInRange(7_000_000, AdmissionWebhookEndpoint.MaxBodyBytes);

        var (answer, log) = Review(body);

        answer.StatusCode.Should().Be(200);
        answer.CauseFields.Should().HaveCount(ValidationResult.MaxReported);
        answer.Message.Should().EndWith($", and {480_000 - ValidationResult.MaxReported} more]");
        Encoding.UTF8.GetByteCount(answer.Review!.ToJsonString()).Should().BeLessThan(MaxAnswerBytes);
        log.Single().Length.Should().BeLessThan(MaxLogLineChars);
    }

    [Fact]
    public void Validator_violations_past_the_first_100_are_counted_not_reported()
    {
        var pod = ValidPod();
        var container = pod.PodSpec()["containers"]![0]!;
        pod.PodSpec()["containers"] = new JsonArray([.. Enumerable.Range(0, 300).Select(i =>
        {
            var copy = container.DeepClone();
            copy["name"] = $"Bad_Name_{i}";
            return copy;
        })]);

        var (answer, _) = Review(Encoding.UTF8.GetBytes(Request("CREATE", pod).ToJsonString()));

        answer.CauseFields.Should().HaveCount(ValidationResult.MaxReported);
        answer.Message.Should().MatchRegex(@", and \d+ more\]$");
    }

    [Fact]
    public void A_huge_map_key_is_shortened_in_the_field_path()
    {
        var (answer, _) = Review(WrongTypeLabels(1, keyLength: 100_000));

        var field = answer.CauseFields.Should().ContainSingle().Subject;
        field.Should().StartWith("spec.cmdb.labels[kxxx").And.EndWith("...]");
        field.Length.Should().BeLessThan(200);
        Encoding.UTF8.GetByteCount(answer.Review!.ToJsonString()).Should().BeLessThan(4 * 1024);
    }

    [Theory]
    [InlineData("uid")]
    [InlineData("operation")]
    [InlineData("name")]
    [InlineData("namespace")]
    public void Envelope_strings_longer_than_a_kubernetes_name_are_400(string field)
    {
        var atLimit = Request("CREATE", ValidPod());
        atLimit["request"]![field] = "A" + new string('a', AdmissionRequestReader.MaxStringLength - 1);
        var over = Request("CREATE", ValidPod());
        over["request"]![field] = new string('a', AdmissionRequestReader.MaxStringLength + 1);

        Send(atLimit).StatusCode.Should().Be(200);
        var refused = Send(over);
        refused.StatusCode.Should().Be(400);
        refused.Error.Should().Be($"bad AdmissionReview: request.{field} is longer than {AdmissionRequestReader.MaxStringLength} characters");
    }

    private static (Answer Answer, IReadOnlyList<string> Log) Review(byte[] body)
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var answer = AdmissionWebhookEndpoint.Review(body, factory.CreateLogger("webhook"));
        return (new Answer(answer.StatusCode, answer.Error,
            answer.Review is null ? null : JsonNode.Parse(AdmissionWebhookEndpoint.ToJson(answer.Review))!.AsObject()), logs.Lines);
    }
}
