using JdCloudPodOperator.Telemetry;

using JdCloudPodOperator.Tests.Admission;

namespace JdCloudPodOperator.Tests.Telemetry;

public class SecretRedactorTests
{
    [Fact]
    public void Registered_values_are_masked_wherever_they_appear_in_their_scope()
    {
        var redactor = new SecretRedactor();
        using var scope = redactor.BeginScope();
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
    public void Ordinary_text_and_values_shorter_than_four_characters_are_left_alone()
    {
        var redactor = new SecretRedactor();
        using var scope = redactor.BeginScope();
        redactor.Register("abc");
        redactor.Register(null);
        redactor.Register("");
        redactor.Register("zzzz");

        redactor.Redact("Created 2 cloud pods in cn-north-1 (pod-abc12cd34ef), zzzz").Should().Be("Created 2 cloud pods in cn-north-1 (pod-abc12cd34ef), ***");
    }

    [Fact]
    public async Task One_tenants_weak_credentials_are_masked_in_its_own_flow_only_and_never_after()
    {
        // The probe: a Secret with accessKey=cloud and secretKey=clientToken.
        var redactor = new SecretRedactor();
        const string other = "created cloud pods pod-a1b2c3 (clientToken jdpod-77, requestId r-1)";
        using var weakTenant = redactor.BeginScope();
        redactor.Register("cloud");
        redactor.Register("clientToken");

        var elsewhere = await Task.Run(() =>
        {
            using var otherTenant = redactor.BeginScope();
            redactor.Register("JDSIM-SECRET-KEY");
            return redactor.Redact(other);
        });
        var own = redactor.Redact(other);
        weakTenant.Dispose();
        var later = redactor.Redact(other);

        own.Should().Be("created *** pods pod-a1b2c3 (*** jdpod-77, requestId r-1)", "a tenant's own Events mask its own credentials");
        elsewhere.Should().Be(other, "another tenant's flow does not mask them");
        later.Should().Be(other, "nothing is kept once the reconcile is over");
    }

    [Fact]
    public async Task The_operators_own_cmdb_secret_is_masked_in_every_flow_and_a_rotation_replaces_it()
    {
        var redactor = new SecretRedactor();
        redactor.RegisterOperatorSecret("bk-secret-old-1234");
        redactor.RegisterOperatorSecret("bk-secret-new-5678");

        var inAReconcile = await Task.Run(() =>
        {
            using var scope = redactor.BeginScope();
            return redactor.Redact("CMDB refused bk-secret-new-5678");
        });

        inAReconcile.Should().Be("CMDB refused ***");
        redactor.Redact("bk-secret-new-5678 / bk-secret-old-1234").Should().Be("*** / bk-secret-old-1234");
    }

    [Fact]
    public void Registering_outside_a_scope_is_refused_rather_than_kept_for_everyone()
    {
        var act = () => new SecretRedactor().Register("AK-1234567890");

        act.Should().Throw<InvalidOperationException>().WithMessage("*needs a scope*");
    }
}
