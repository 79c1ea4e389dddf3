using System.Text;
using System.Text.Json.Nodes;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// The envelope's expected values (apiVersion, kind, operation, request.kind, the object's apiVersion and kind) are
/// compared as JSON text, not as the bytes of one spelling: escapes mean the same value, a near miss does not.
/// </summary>
public class EnvelopeValueTests
{
    private static JsonObject InvalidPod()
    {
        var pod = ValidPod("escaped");
        pod.Spec()["maxCount"] = "x";
        return pod;
    }

    [Fact]
    public void Expected_values_written_with_escapes_are_read_as_their_text()
    {
        var plain = Request("CREATE", InvalidPod()).ToJsonString();
        var escaped = plain
            .Replace("\"admission.k8s.io/v1\"", "\"admission.k8s.io\\/v1\"", StringComparison.Ordinal)
            .Replace("\"AdmissionReview\"", "\"\\u0041dmissionReview\"", StringComparison.Ordinal)
            .Replace("\"CREATE\"", "\"\\u0043REATE\"", StringComparison.Ordinal)
            .Replace("\"jdcloudpod.io\"", "\"jdcloudpod\\u002Eio\"", StringComparison.Ordinal)
            .Replace("\"v1alpha1\"", "\"v1\\u0061lpha1\"", StringComparison.Ordinal)
            .Replace("\"JdCloudPod\"", "\"\\u004AdCloudPod\"", StringComparison.Ordinal)
            .Replace("\"jdcloudpod.io/v1alpha1\"", "\"jdcloudpod.io\\/v1alpha1\"", StringComparison.Ordinal);
        escaped.Should().NotBe(plain).And.Contain("\\u0043REATE").And.Contain("\\u004AdCloudPod");

        var answer = Send(Encoding.UTF8.GetBytes(escaped));

        // Read as a CREATE of a JdCloudPod: the spec is judged, and the answer is the plain review's, byte for byte.
        answer.StatusCode.Should().Be(200);
        answer.Allowed.Should().BeFalse();
        answer.CauseFields.Should().Contain("spec.maxCount");
        answer.Review!.ToJsonString().Should().Be(Send(Encoding.UTF8.GetBytes(plain)).Review!.ToJsonString());
    }

    [Theory]
    [InlineData("create")]
    [InlineData("CREATE ")]
    [InlineData("CREAT")]
    public void An_operation_that_only_resembles_create_is_not_judged_as_one(string operation)
    {
        var answer = Send(Request(operation, InvalidPod()));

        answer.StatusCode.Should().Be(200);
        answer.Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("apiVersion", "admission.k8s.io/v1 ", "got apiVersion \"admission.k8s.io/v1 \"")]
    [InlineData("kind", "admissionreview", "and kind \"admissionreview\"")]
    public void An_envelope_that_only_resembles_a_review_is_400(string field, string value, string reason)
    {
        var review = Request("CREATE", InvalidPod());
        review[field] = value;

        var answer = Send(review);

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().Contain(reason);
    }

    [Theory]
    [InlineData("group", "jdcloudpod.io.", "got request.kind jdcloudpod.io./v1alpha1, Kind=JdCloudPod")]
    [InlineData("version", "v1alpha", "got request.kind jdcloudpod.io/v1alpha, Kind=JdCloudPod")]
    [InlineData("kind", "JdCloudPods", "got request.kind jdcloudpod.io/v1alpha1, Kind=JdCloudPods")]
    public void A_request_kind_that_only_resembles_a_jdcloudpod_is_400(string field, string value, string reason)
    {
        var review = Request("CREATE", InvalidPod());
        review["request"]!["kind"]![field] = value;

        var answer = Send(review);

        answer.StatusCode.Should().Be(400);
        answer.Error.Should().Contain(reason);
    }
}
