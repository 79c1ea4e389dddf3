using JdCloudPodOperator.JdCloud.Http;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>Every metric label takes its value from a closed set; whatever else a request or a status says is "other".</summary>
public class MetricLabelTests
{
    [Theory]
    [InlineData("CREATE", "CREATE")]
    [InlineData("UPDATE", "UPDATE")]
    [InlineData("DELETE", "DELETE")]
    [InlineData("CONNECT", "CONNECT")]
    [InlineData("create", "other")]
    [InlineData("PATCH", "other")]
    [InlineData("QWERTYUI", "other")]
    [InlineData(null, "other")]
    public void Admission_operations(string? operation, string label) => OperatorTelemetry.OperationLabel(operation).Should().Be(label);

    [Theory]
    [InlineData("cn-north-1", "cn-north-1")]
    [InlineData("cn-east-1", "cn-east-1")]
    [InlineData("cn-east-2", "cn-east-2")]
    [InlineData("cn-south-1", "cn-south-1")]
    [InlineData("cn-north-2", "other")]
    [InlineData("tenant-chosen-7", "other")]
    public void Regions(string region, string label) => JdCloudTelemetry.RegionLabel(region).Should().Be(label);

    [Theory]
    [InlineData("INVALID_ARGUMENT", "INVALID_ARGUMENT")]
    [InlineData("QUOTA_EXCEEDED", "QUOTA_EXCEEDED")]
    [InlineData("Timeout", "other")]
    [InlineData("<html>502 Bad Gateway</html>", "other")]
    public void Error_statuses(string status, string label) => JdCloudTelemetry.StatusLabel(status).Should().Be(label);

    [Fact]
    public void Error_statuses_are_at_most_40_characters()
    {
        JdCloudTelemetry.StatusLabel(new string('A', 40)).Should().Be(new string('A', 40));
        JdCloudTelemetry.StatusLabel(new string('A', 41)).Should().Be("other");
    }

    [Theory]
    [InlineData("running", "running")]
    [InlineData("Running", "running")]
    [InlineData("deleting", "deleting")]
    [InlineData(null, "unknown")]
    [InlineData("pwned-by-a-status-patch", "other")]
    public void Pod_phases(string? phase, string label) => JdCloudPodOperator.Controller.ControllerGauges.PhaseLabel(phase).Should().Be(label);
}
