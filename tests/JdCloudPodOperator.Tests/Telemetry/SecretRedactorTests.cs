using JdCloudPodOperator.Telemetry;

using JdCloudPodOperator.Tests.Admission;

namespace JdCloudPodOperator.Tests.Telemetry;

public class SecretRedactorTests
{
    [Fact]
    public void Registered_values_are_masked_wherever_they_appear()
    {
        var redactor = new SecretRedactor();
        redactor.Register("JDC_8A1B2C3D4E5F");
        redactor.Register("s3cr3t-K3y-Value-0123456789");

        redactor.Redact("createPods failed for JDC_8A1B2C3D4E5F (key s3cr3t-K3y-Value-0123456789 rejected)")
            .Should().Be("createPods failed for *** (key *** rejected)");
    }

    [Theory]
    [InlineData("secretKey=abc123XYZ", "secretKey=***")]
    [InlineData("accessKey: AK1234567", "accessKey: ***")]
    [InlineData("{\"app_secret\":\"9f8e7d\"}", "{\"app_secret\":\"***\"}")]
    [InlineData("Authorization: Bearer eyJhbGciOi.x.y", "Authorization: Bearer ***")]
    [InlineData("password=hunter2&user=bob", "password=***&user=bob")]
    public void Credential_shaped_pairs_are_masked_even_unregistered(string text, string expected) =>
        new SecretRedactor().Redact(text).Should().Be(expected);

    [Fact]
    public void Ordinary_text_and_very_short_values_are_left_alone()
    {
        var redactor = new SecretRedactor();
        redactor.Register("ab");
        redactor.Register(null);
        redactor.Register("");

        redactor.Redact("Created 2 cloud pods in cn-north-1 (pod-ab12cd34ef)").Should().Be("Created 2 cloud pods in cn-north-1 (pod-ab12cd34ef)");
    }
}
